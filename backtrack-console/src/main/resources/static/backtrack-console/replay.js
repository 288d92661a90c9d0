// Window replay (admin only): the plan of [from, until) and, after the typed group name, the replay of its messages
// to the group through its retry topic, at a rate, a canary first, pausing above a share of failures.
import { $, cell, numCell, rows, iso, num } from './dom.js';
import { planToSend, sendConfirmed } from './sending.js';

const typed = (id) => $(id).value.trim() || null;

function request(state) {
  return { group: state.group, topic: state.topic, from: $('replay-from').value.trim(),
    until: $('replay-until').value.trim(), tags: typed('replay-tags'),
    again: $('replay-again').checked ? 'true' : 'false', rate: typed('replay-rate'), canary: typed('replay-canary'),
    pauseAbove: typed('replay-pause-above') };
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

const operation = (state) => ({ path: 'replay', fields: () => request(state), showPlan,
  sentBefore: plan => plan.replayedBefore, again: 'replay-again', result: 'replay-result' });

export const previewReplay = (state) => planToSend(operation(state));

export function replay(state) {
  return sendConfirmed(operation(state), state.group, plan => 'Replay the ' + num(plan.messagesToReplay)
    + ' messages stored from ' + iso(plan.from) + ' until ' + iso(plan.until) + ' on topic ' + state.topic
    + ' to group ' + state.group + '? Its consumers will receive them again.', (box, result) => {
    box.dataset.replayed = result.replayed;
    box.textContent = 'Replayed ' + num(result.replayed) + ' messages into ' + result.retryTopic
      + (result.warnings.length ? '. ' + result.warnings.join(' ') : '');
  });
}
