// Topics and groups lists; clicking a group (or a topic) opens its timeline.
import { api } from './api.js';
import { $, cell, rows } from './dom.js';

export async function loadInventory(open) {
  const [topics, groups] = await Promise.all([api.get('topics'), api.get('groups')]);
  rows($('topics'), topics, (row, t) => {
    row.className = 'clickable';
    row.dataset.test = 'topic-row';
    row.dataset.topic = t.topic;
    cell(row, t.topic);
    cell(row, t.queues);
    cell(row, (t.brokers || []).join(', '));
    cell(row, t.messages);
    row.addEventListener('click', () => open(null, t.topic));
  });
  rows($('groups'), groups, (row, g) => {
    row.className = 'clickable';
    row.dataset.test = 'group-row';
    row.dataset.group = g.group;
    cell(row, g.group);
    cell(row, (g.topics || []).join(', '));
    cell(row, g.online).title = (g.clients || []).map(c => c.clientId + ' ' + (c.address || '')).join('\n');
    cell(row, g.lag);
    cell(row, (g.consumers || []).map(c => c.kind + ' ' + c.name).join(', '));
    row.addEventListener('click', () => open(g.group, (g.topics || [])[0]));
  });
}
