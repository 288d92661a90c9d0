// The plan preview for the position form: per queue committed -> target, replay/skip, totals and warnings.
import { api } from './api.js';
import { $, cell, numCell, rows, iso, num } from './dom.js';

export async function loadPlan(state, position) {
  const plan = await api.post('plan', { group: state.group, topic: state.topic, ...position.fields });
  const box = $('plan');
  box.hidden = false;
  box.dataset.timestamp = plan.timestamp;
  box.dataset.position = plan.position;
  const totals = $('plan-totals');
  totals.dataset.replay = plan.messagesToReplay;
  totals.dataset.skip = plan.messagesToSkip;
  totals.textContent = (plan.timestamp >= 0 ? 'At ' + iso(plan.timestamp) : 'To ' + plan.position) + ': '
    + num(plan.messagesToReplay) + ' messages to replay, ' + num(plan.messagesToSkip) + ' to skip, on '
    + num(plan.queues.length) + ' queues';
  const warnings = [...(plan.warnings || [])];
  if (plan.truncatedHistory) {
    warnings.unshift('History is truncated: the oldest messages at that instant are no longer stored on some queue');
  }
  const warning = $('plan-warning');
  warning.hidden = warnings.length === 0;
  warning.textContent = warnings.join(' ');
  rows($('plan-queues'), plan.queues, (row, q) => {
    row.dataset.test = 'plan-queue';
    row.dataset.queue = q.broker + '/' + q.queueId;
    row.dataset.committed = q.committedOffset === null ? '' : q.committedOffset;
    row.dataset.target = q.targetOffset;
    cell(row, q.broker);
    numCell(row, q.queueId);
    numCell(row, q.committedOffset === null ? '(none)' : q.committedOffset);
    numCell(row, q.targetOffset);
    numCell(row, q.messagesToReplay);
    numCell(row, q.messagesToSkip);
  });
  return plan;
}
