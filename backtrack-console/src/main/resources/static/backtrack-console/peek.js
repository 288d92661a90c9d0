// The first messages stored at or after an instant, all queues merged; every value shown as text.
import { api, query } from './api.js';
import { $, cell, numCell, rows } from './dom.js';

export async function loadPeek(state, at, limit) {
  const messages = await api.get('peek?' + query({ topic: state.topic, at, limit }));
  const table = $('peek-table');
  table.hidden = false;
  $('peek-card').hidden = false;
  $('peek-card').scrollIntoView({ block: 'nearest' });
  rows(table, messages, (row, m) => {
    row.dataset.test = 'peek-row';
    row.dataset.storeTime = m.storeTime;
    row.dataset.offset = m.offset;
    cell(row, m.storeTimeIso).className = 'time';
    cell(row, m.broker);
    numCell(row, m.queueId);
    numCell(row, m.offset);
    cell(row, m.keys);
    cell(row, m.tags);
    const body = cell(row, (m.bodyEncoding === 'hex' ? '(hex) ' : '') + m.body + (m.truncated ? ' …' : ''));
    body.className = 'body';
    body.dataset.test = 'peek-body';
  });
  return messages;
}
