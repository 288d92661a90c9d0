// Small DOM helpers: every piece of data goes in through textContent, never innerHTML.

export const $ = (id) => document.getElementById(id);

export function cell(row, value) {
  const td = document.createElement('td');
  td.textContent = value === null || value === undefined ? '' : String(value);
  row.appendChild(td);
  return td;
}

export function rows(table, items, fill) {
  const body = table.tBodies[0];
  body.replaceChildren();
  for (const item of items) {
    const row = document.createElement('tr');
    fill(row, item);
    body.appendChild(row);
  }
}

export function iso(ms) {
  return ms === null || ms === undefined ? '' : new Date(ms).toISOString();
}

export function showError(error) {
  const box = $('error');
  if (!error) {
    box.hidden = true;
    box.textContent = '';
    return;
  }
  box.hidden = false;
  box.textContent = error.message || String(error);
}
