// Small DOM helpers: every piece of data goes in through textContent, never innerHTML; numbers, times and durations
// written the same way everywhere on the page.

export const $ = (id) => document.getElementById(id);

// thousands separators whatever the browser's locale: 1,234,567
const NUMBERS = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

export function num(value) {
  if (value === null || value === undefined || value === '') return '';
  return typeof value === 'number' ? NUMBERS.format(value) : String(value);
}

export function cell(row, value) {
  const td = document.createElement('td');
  td.textContent = value === null || value === undefined ? '' : String(value);
  row.appendChild(td);
  return td;
}

// A right-aligned cell; a number in it gets its thousands separators.
export function numCell(row, value) {
  const td = cell(row, num(value));
  td.className = 'num';
  return td;
}

// A time as ISO UTC (what users copy into the time inputs), its age in the tooltip; a dash for none (-1).
export function timeCell(row, ms) {
  const none = ms === null || ms === undefined || ms < 0;
  const td = cell(row, none ? '–' : iso(ms));
  td.className = 'time';
  if (!none) td.title = ago(ms);
  return td;
}

export function badge(text, kind) {
  const span = document.createElement('span');
  span.className = 'badge badge-' + kind;
  span.textContent = text;
  return span;
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

const UNITS = [['d', 86_400_000], ['h', 3_600_000], ['min', 60_000], ['s', 1000]];

// A duration in its two largest units: 250 ms, 45 s, 1 min, 2 h 5 min, 7 d.
export function duration(ms) {
  if (ms === null || ms === undefined) return '';
  const abs = Math.abs(Math.round(ms));
  if (abs < 1000) return abs + ' ms';
  const parts = [];
  let rest = abs;
  for (const [unit, size] of UNITS) {
    if (rest >= size && parts.length < 2) {
      parts.push(Math.floor(rest / size) + ' ' + unit);
      rest %= size;
    } else if (parts.length) {
      break;
    }
  }
  return parts.join(' ');
}

export function ago(ms) {
  const diff = Date.now() - ms;
  return diff >= 0 ? duration(diff) + ' ago' : 'in ' + duration(-diff);
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

// The action, its error (if any) shown on the page's error line instead of thrown; resolves to null then.
export function guarded(action) {
  return async (...args) => {
    showError(null);
    try {
      return await action(...args);
    } catch (e) {
      showError(e);
      return null;
    }
  };
}

// A small button marked {test} for the browser tests, calling {onClick}.
export function smallButton(text, test, onClick) {
  const button = document.createElement('button');
  button.textContent = text;
  button.className = 'small';
  button.dataset.test = test;
  button.addEventListener('click', onClick);
  return button;
}
