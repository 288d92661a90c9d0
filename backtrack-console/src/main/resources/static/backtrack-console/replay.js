// Window replay (admin only): the plan of [from, until) and, after the typed group name, the replay of its messages
// to the group through its retry topic.
import { api } from './api.js';
import { $, cell, numCell, rows, iso, num } from './dom.js';
import { confirmTyped } from './confirm.js';

function request(state) {
  const tags = $('replay-tags').value.trim();
  return { group: state.group, topic: state.topic, from: $('replay-from').value.trim(),
    until: $('replay-until').value.trim(), tags: tags || null, again: $('replay-again').checked ? 'true' : 'false' };
}

function showPlan(plan) {
  $('replay-plan').hidden = false;
  const totals = $('replay-totals');
  totals.dataset.window = plan.messagesInWindow;
  totals.dataset.replay = plan.messagesToReplay;
  totals.dataset.filtered = plan.filteredOut;
  totals.textContent = 'From ' + iso(plan.from) + ' until ' + iso(plan.until) + ': ' + num(plan.messagesInWindow)
    + ' messages stored, ' + num(plan.messagesToReplay) + ' to replay, ' + num(plan.filteredOut)
    + ' filtered out by tags \'' + plan.tags + '\' ('
    + (plan.tagsFromSubscription ? 'the subscription of the group online' : 'as given') + ')';
  const warnings = [...(plan.warnings || [])];
  if (plan.replayedBefore) warnings.unshift(plan.replayedBefore);
  if (plan.historyGone.length) {
    warnings.push('Messages of the window may be deleted already on ' + plan.historyGone.join(', '));
  }
  const warning = $('replay-warning');
  warning.hidden = warnings.length === 0;
  warning.textContent = warnings.join(' ');
  rows($('replay-queues'), plan.queues, (row, q) => {
    row.dataset.test = 'replay-queue';
    cell(row, q.broker);
    numCell(row, q.queueId);
    numCell(row, '[' + num(q.beginOffset) + ', ' + num(q.endOffset) + ')');
    numCell(row, q.messagesInWindow);
    numCell(row, q.messagesToReplay);
    numCell(row, q.filteredOut);
  });
}

export async function previewReplay(state) {
  $('replay-result').hidden = true;
  const plan = await api.post('replay', { ...request(state), dryRun: 'true' });
  showPlan(plan);
  return plan;
}

export async function replay(state) {
  const plan = await previewReplay(state);
  if (plan.replayedBefore && !$('replay-again').checked) throw new Error(plan.replayedBefore);
  const typed = await confirmTyped('Replay the ' + num(plan.messagesToReplay) + ' messages stored from '
    + iso(plan.from) + ' until ' + iso(plan.until) + ' on topic ' + state.topic + ' to group ' + state.group
    + '? Its consumers will receive them again.', state.group);
  if (typed === null) return null;
  const result = await api.post('replay', { ...request(state), dryRun: 'false', confirm: typed });
  showPlan(result);
  const box = $('replay-result');
  box.hidden = false;
  box.dataset.replayed = result.replayed;
  box.textContent = 'Replayed ' + num(result.replayed) + ' messages into ' + result.retryTopic
    + (result.warnings.length ? '. ' + result.warnings.join(' ') : '');
  return result;
}
