// The first messages of a topic stored at or after an instant, all queues merged; every value shown as text. The
// group's page peeks its topic (GROUP_PEEK), the dead-letter view its dead-letter topic, each in a table of its own.
import { api, query } from './api.js';
import { $, cell, numCell, rows } from './dom.js';

// The ids of a peek's table and of the card that holds it, and whether to scroll the card into sight.
export const GROUP_PEEK = { table: 'peek-table', card: 'peek-card', scroll: true };

export async function loadPeek(topic, at, limit, ids = GROUP_PEEK) {
  const messages = await api.get('peek?' + query({ topic, at, limit }));
  const table = $(ids.table);
  table.hidden = false;
  $(ids.card).hidden = false;
  if (ids.scroll) $(ids.card).scrollIntoView({ block: 'nearest' });
  rows(table, messages, (row, m) => {
    row.dataset.test = 'peek-row';
    row.dataset.storeTime = m.storeTime;
    row.dataset.offset = m.offset;
    row.dataset.msgId = m.msgId;
    cell(row, m.storeTimeIso).className = 'time';
    cell(row, m.broker);
    numCell(row, m.queueId);
    numCell(row, m.offset);
    cell(row, m.keys);
    cell(row, m.tags);
    bodyCell(row, m).dataset.test = 'peek-body';
  });
  return messages;
}

// A message's body as text ('(hex) ' before a body that is not UTF-8, ' …' after one cut short).
export function bodyCell(row, m) {
  const body = cell(row, (m.bodyEncoding === 'hex' ? '(hex) ' : '') + m.body + (m.truncated ? ' …' : ''));
  body.className = 'body';
  return body;
}
