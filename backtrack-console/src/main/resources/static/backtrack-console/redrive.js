// Redrive (admin only): the plan of the group's dead letters stored in [from, until) that the selection (tags, keys,
// SQL92 filter) takes, counted by original topic and tag with the first few, and, after the typed group name, their
// redrive to the group through its retry topic, at a rate, a canary first, pausing above a share of failures.
import { $, cell, numCell, timeCell, rows, iso, num } from './dom.js';
import { bodyCell } from './peek.js';
import { planToSend, sendConfirmed } from './sending.js';

// the request's fields, by the id of the input each is typed in
const FIELDS = { from: 'redrive-from', until: 'redrive-until', tags: 'redrive-tags', keys: 'redrive-keys',
  filter: 'redrive-filter', rate: 'redrive-rate', canary: 'redrive-canary', pauseAbove: 'redrive-pause-above' };

function request(group) {
  const fields = { group, again: $('redrive-again').checked ? 'true' : 'false' };
  for (const [name, id] of Object.entries(FIELDS)) fields[name] = $(id).value.trim() || null;
  return fields;
}

// The window in words, 'from the oldest kept' for a redrive from the start (0).
function span(plan) {
  return 'from ' + (plan.from > 0 ? iso(plan.from) : 'the oldest kept') + ' until ' + iso(plan.until);
}

function countRows(byTopicAndTag) {
  return Object.entries(byTopicAndTag).flatMap(([topic, byTag]) => Object.entries(byTag)
    .map(([tag, count]) => ({ topic, tag, count })));
}

function showPlan(plan) {
  $('redrive-plan').hidden = false;
  const totals = $('redrive-totals');
  totals.dataset.window = plan.deadLettersInWindow;
  totals.dataset.send = plan.deadLettersToSend;
  totals.dataset.leftOut = plan.leftOut;
  totals.textContent = 'Stored ' + span(plan) + ': ' + num(plan.deadLettersInWindow) + ' dead letters in '
    + plan.deadLetterTopic + ', ' + num(plan.deadLettersToSend) + ' to send back, ' + num(plan.leftOut)
    + ' left out by the selection (' + plan.selection + ')';
  const warnings = [...(plan.warnings || [])];
  if (plan.redrivenBefore) warnings.unshift(plan.redrivenBefore);
  const warning = $('redrive-warning');
  warning.hidden = warnings.length === 0;
  warning.textContent = warnings.join(' ');
  rows($('redrive-counts'), countRows(plan.byTopicAndTag), (row, c) => {
    row.dataset.test = 'redrive-count';
    row.dataset.topic = c.topic;
    row.dataset.tag = c.tag;
    row.dataset.count = c.count;
    cell(row, c.topic);
    cell(row, c.tag || '(none)');
    numCell(row, c.count);
  });
  rows($('redrive-first'), plan.first, (row, d) => {
    row.dataset.test = 'redrive-first-row';
    row.dataset.msgId = d.message.msgId;
    row.dataset.failures = d.failures;
    timeCell(row, d.message.storeTime);
    cell(row, d.originalTopic);
    cell(row, d.message.tags);
    cell(row, d.message.keys);
    numCell(row, d.failures);
    cell(row, d.message.msgId).className = 'time';
    bodyCell(row, d.message);
  });
}

const operation = (group) => ({ path: 'redrive', fields: () => request(group), showPlan,
  sentBefore: plan => plan.redrivenBefore, again: 'redrive-again', result: 'redrive-result' });

export const planRedrive = (group) => planToSend(operation(group));

export function redrive(group) {
  return sendConfirmed(operation(group), group, plan => {
    if (plan.deadLettersToSend === 0) {
      throw new Error('Nothing to redrive: the selection takes none of the ' + num(plan.deadLettersInWindow)
        + ' dead letters stored ' + span(plan));
    }
    return 'Redrive the ' + num(plan.deadLettersToSend) + ' dead letters of group ' + group + ' stored '
      + span(plan) + ' (' + plan.selection + ')? Its consumers will receive them again, each under the topic it '
      + 'was published to.';
  }, (box, result) => {
    box.dataset.redriven = result.redriven;
    box.textContent = 'Redrove ' + num(result.redriven) + ' dead letters into ' + result.retryTopic
      + '; the dead letters stay in ' + result.deadLetterTopic + '.'
      + (result.retryOffsetsSet.length ? ' The group is offline: it reads them when it starts (retry queues '
        + 'started: ' + result.retryOffsetsSet.join(', ') + ').' : '')
      + (result.warnings.length ? ' ' + result.warnings.join(' ') : '');
  });
}
