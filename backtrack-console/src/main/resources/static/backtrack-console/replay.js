// Window replay (admin only): the plan of [from, until) and, after the typed group name, the replay of its messages
// to the group through its retry topic.
import { api } from './api.js';
import { $, cell, rows, iso } from './dom.js';
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
  totals.textContent = 'From ' + iso(plan.from) + ' until ' + iso(plan.until) + ': ' + plan.messagesInWindow
    + ' messages stored, ' + plan.messagesToReplay + ' to replay, ' + plan.filteredOut + ' filtered out by tags \''
    + plan.tags + '\' (' + (plan.tagsFromSubscription ? 'the subscription of the group online' : 'as given') + ')';
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
    cell(row, q.queueId);
    cell(row, '[' + q.beginOffset + ', ' + q.endOffset + ')');
    cell(row, q.messagesInWindow);
    cell(row, q.messagesToReplay);
    cell(row, q.filteredOut);
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
  const typed = await confirmTyped('Replay the ' + plan.messagesToReplay + ' messages stored from ' + iso(plan.from)
    + ' until ' + iso(plan.until) + ' on topic ' + state.topic + ' to group ' + state.group
    + '? Its consumers will receive them again.', state.group);
  if (typed === null) return null;
  const result = await api.post('replay', { ...request(state), dryRun: 'false', confirm: typed });
  showPlan(result);
  const box = $('replay-result');
  box.hidden = false;
  box.dataset.replayed = result.replayed;
  box.textContent = 'Replayed ' + result.replayed + ' messages into ' + result.retryTopic
    + (result.warnings.length ? '. ' + result.warnings.join(' ') : '');
  return result;
}
