// Topics and groups lists; a click on a group (or a topic) opens its page through the URL hash.
import { api } from './api.js';
import { $, cell, numCell, rows, badge } from './dom.js';
import { groupHash, topicHash } from './routes.js';

// The group's online state as a badge: online with its clients' count, or offline.
export function stateBadge(group) {
  if (!group) return badge('not in the cluster', 'muted');
  return group.online > 0 ? badge('online · ' + group.online, 'ok') : badge('offline', 'off');
}

function filterRows(text) {
  const needle = text.trim().toLowerCase();
  for (const row of document.querySelectorAll('#topics tbody tr, #groups tbody tr')) {
    row.hidden = needle !== '' && !row.dataset.name.toLowerCase().includes(needle);
  }
}

export function watchFilter() {
  $('inventory-filter').addEventListener('input', () => filterRows($('inventory-filter').value));
}

export async function loadInventory() {
  const [topics, groups] = await Promise.all([api.get('topics'), api.get('groups')]);
  rows($('topics'), topics, (row, t) => {
    row.className = 'clickable';
    row.dataset.test = 'topic-row';
    row.dataset.topic = t.topic;
    row.dataset.name = t.topic;
    cell(row, t.topic).className = 'name';
    numCell(row, t.queues);
    cell(row, (t.brokers || []).join(', '));
    numCell(row, t.messages).dataset.test = 'topic-messages';
    row.addEventListener('click', () => { window.location.hash = topicHash(t.topic); });
  });
  rows($('groups'), groups, (row, g) => {
    row.className = 'clickable';
    row.dataset.test = 'group-row';
    row.dataset.group = g.group;
    row.dataset.name = g.group;
    cell(row, g.group).className = 'name';
    cell(row, (g.topics || []).join(', '));
    const state = cell(row, '');
    state.appendChild(stateBadge(g));
    state.dataset.test = 'group-state';
    state.title = (g.clients || []).map(c => c.clientId + ' ' + (c.address || '')).join('\n');
    numCell(row, g.lag).dataset.test = 'group-lag';
    cell(row, (g.consumers || []).map(c => c.kind + ' ' + c.name).join(', '));
    row.addEventListener('click', () => { window.location.hash = groupHash(g.group, (g.topics || [])[0]); });
  });
  filterRows($('inventory-filter').value);
  return { topics, groups };
}
