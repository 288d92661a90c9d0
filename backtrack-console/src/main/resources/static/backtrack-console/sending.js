// What window replay and redrive share: the plan (a dry run) and, unless the plan was sent to the group before and
// 'again' is not ticked, the group's name typed to confirm (the question says how the run sends: canary, threshold),
// the sending, and what was sent: the run's outcome, its canary's verdict and, for a run that paused or failed, why,
// with Resume and Abort. An operation names its API path, fields() (its request), showPlan(plan), sentBefore(plan)
// (the refusal of a repeat, or null), and the ids of its 'again' box and of its result box.
import { api } from './api.js';
import { $, num } from './dom.js';
import { confirmTyped } from './confirm.js';
import { postSend, showRun } from './runs.js';

export async function planToSend(op) {
  $(op.result).hidden = true;
  const plan = await api.post(op.path, { ...op.fields(), dryRun: 'true' });
  op.showPlan(plan);
  return plan;
}

// How the run will send, in words: its canary, and the share of failures that pauses it.
function policy(fields) {
  const threshold = (fields.pauseAbove || '5').replace(/\s*%$/, '') + '%';
  return (fields.canary ? ' The first ' + num(Number(fields.canary)) + ' go alone, as a canary; the rest only once '
    + 'the group consumed each of them without failing.' : '')
    + ' The run pauses when more than ' + threshold + ' of the messages sent in the last minute fail.';
}

// Plans, then asks question(plan) (which throws when there is nothing to send) to be confirmed with the group's name;
// done(box, answer) shows what was sent, and the run's outcome follows. Resolves to the answer (also when the run
// paused or failed), or null when not confirmed.
export async function sendConfirmed(op, group, question, done) {
  const plan = await planToSend(op);
  const before = op.sentBefore(plan);
  if (before && !$(op.again).checked) throw new Error(before);
  const fields = op.fields();
  const typed = await confirmTyped(question(plan) + policy(fields), group);
  if (typed === null) return null;
  const answer = await postSend(op.path, { ...fields, dryRun: 'false', confirm: typed });
  op.showPlan(answer);
  const box = $(op.result);
  box.hidden = false;
  box.replaceChildren();
  done(box, answer);
  showRun(box, answer, group);
  box.scrollIntoView({ block: 'nearest' });
  return answer;
}
