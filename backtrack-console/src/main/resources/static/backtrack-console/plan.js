// The plan preview for the picked instant: per queue committed -> target, replay/skip, totals and warnings.
import { api } from './api.js';
import { $, cell, rows, iso } from './dom.js';

export async function loadPlan(state, to) {
  const plan = await api.post('plan', { group: state.group, topic: state.topic, to });
  const box = $('plan');
  box.hidden = false;
  box.dataset.timestamp = plan.timestamp;
  const totals = $('plan-totals');
  totals.dataset.replay = plan.messagesToReplay;
  totals.dataset.skip = plan.messagesToSkip;
  totals.textContent = 'At ' + iso(plan.timestamp) + ': ' + plan.messagesToReplay + ' messages to replay, '
    + plan.messagesToSkip + ' to skip, on ' + plan.queues.length + ' queues';
  const warnings = [...(plan.warnings || [])];
  if (plan.truncatedHistory) {
    warnings.unshift('History is truncated: the oldest messages at that instant are no longer stored on some queue');
  }
  const warning = $('plan-warning');
  warning.hidden = warnings.length === 0;
  warning.textContent = warnings.join(' ');
  rows($('plan-queues'), plan.queues, (row, q) => {
    row.dataset.test = 'plan-queue';
    cell(row, q.broker);
    cell(row, q.queueId);
    cell(row, q.committedOffset === null ? '(none)' : q.committedOffset);
    cell(row, q.targetOffset);
    cell(row, q.messagesToReplay);
    cell(row, q.messagesToSkip);
  });
  return plan;
}
