// What window replay and redrive share: the plan (a dry run) and, unless the plan was sent to the group before and
// 'again' is not ticked, the group's name typed to confirm, the sending, and what was sent. An operation names its API
// path, fields() (its request), showPlan(plan), sentBefore(plan) (the refusal of a repeat, or null), and the ids of its
// 'again' box and of its result line.
import { api } from './api.js';
import { $ } from './dom.js';
import { confirmTyped } from './confirm.js';

export async function planToSend(op) {
  $(op.result).hidden = true;
  const plan = await api.post(op.path, { ...op.fields(), dryRun: 'true' });
  op.showPlan(plan);
  return plan;
}

// Plans, then asks question(plan) (which throws when there is nothing to send) to be confirmed with the group's name;
// done(box, answer) shows what was sent. Resolves to the answer, or null when not confirmed.
export async function sendConfirmed(op, group, question, done) {
  const plan = await planToSend(op);
  const before = op.sentBefore(plan);
  if (before && !$(op.again).checked) throw new Error(before);
  const typed = await confirmTyped(question(plan), group);
  if (typed === null) return null;
  const answer = await api.post(op.path, { ...op.fields(), dryRun: 'false', confirm: typed });
  op.showPlan(answer);
  const box = $(op.result);
  box.hidden = false;
  done(box, answer);
  box.scrollIntoView({ block: 'nearest' });
  return answer;
}
