// The group page's summary: online state, lag on the topic, queues, messages, this application's consumers, and
// the position by queue, from GET /api/groups and /api/topics as the inventory last loaded them.
import { $, cell, numCell, rows, num } from './dom.js';
import { stateBadge } from './inventory.js';

export function showSummary(state, inventory) {
  const group = state.group ? inventory.groups.find(g => g.group === state.group) : null;
  const topic = inventory.topics.find(t => t.topic === state.topic);
  const queues = group ? (group.queues || []).filter(q => q.topic === state.topic) : [];
  const lag = queues.reduce((sum, q) => sum + q.lag, 0);

  const stateBox = $('sum-state');
  stateBox.replaceChildren(state.group ? stateBadge(group) : '(no group)');
  stateBox.dataset.online = group ? group.online : '';
  $('sum-clients').textContent = group ? (group.clients || []).map(c => c.clientId).join(', ') : '';
  const lagBox = $('sum-lag');
  lagBox.textContent = group ? num(lag) : '–';
  lagBox.dataset.lag = group ? lag : '';
  $('sum-queues').textContent = topic ? num(topic.queues) : '–';
  $('sum-brokers').textContent = topic ? (topic.brokers || []).join(', ') : '';
  const messages = $('sum-messages');
  messages.textContent = topic ? num(topic.messages) : '–';
  messages.dataset.messages = topic ? topic.messages : '';
  const consumers = group ? (group.consumers || []).map(c => c.kind + ' ' + c.name) : [];
  $('sum-consumers').textContent = consumers.length ? consumers.join(', ') : 'none in this application';

  rows($('group-queues'), queues, (row, q) => {
    row.dataset.test = 'group-queue';
    row.dataset.queue = q.broker + '/' + q.queueId;
    cell(row, q.broker);
    numCell(row, q.queueId);
    numCell(row, q.committedOffset);
    numCell(row, q.maxOffset);
    numCell(row, q.lag).dataset.test = 'queue-lag';
  });
  $('group-queues-empty').hidden = queues.length > 0;
  // the topics the group consumes, to switch between
  const topics = group ? group.topics || [] : [];
  const select = $('topic-switch');
  select.replaceChildren(...topics.map(t => new Option(t, t, false, t === state.topic)));
  $('topic-switch-box').hidden = topics.length < 2;
}
