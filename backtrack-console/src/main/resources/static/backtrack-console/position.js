// The position form: one kind (a time, offsets, a shift, another group's offsets), its value, optional queues and
// "Rewind what can be reached" and the rate of the replay; read into the fields of POST /api/plan and /api/rewind.
import { $ } from './dom.js';

export const KINDS = {
  to: { label: 'time', placeholder: 'any time form: 2022-01-17T11:01:48.123, -1h, epoch ms' },
  toOffset: { label: 'offset', placeholder: 'one offset for every queue (5), or broker-a/0=5,broker-a/1=7' },
  shiftBy: { label: 'shift', placeholder: '-N back or +N forward from the committed offsets, e.g. -5' },
  toGroupOf: { label: 'the offsets of group', placeholder: 'another consumer group' },
};

// Shows the value input of the selected kind: the instant for a time, the other input for the rest.
export function showKind(kind) {
  $('position-kind').value = kind;
  const byTime = kind === 'to';
  $('instant').hidden = !byTime;
  $('position-value').hidden = byTime;
  $('position-value').placeholder = KINDS[kind].placeholder;
}

// The request's position fields and a line describing them; throws when the value is empty.
export function readPosition() {
  const kind = $('position-kind').value;
  const value = (kind === 'to' ? $('instant') : $('position-value')).value.trim();
  if (!value) throw new Error('Give the ' + KINDS[kind].label + ' to move to first');
  const queues = $('position-queues').value.trim();
  const fields = { [kind]: value, allowPartial: $('allow-partial').checked ? 'true' : 'false' };
  if (queues) fields.queues = queues;
  const rate = $('rewind-rate').value.trim();
  if (rate) fields.rate = rate;
  return { fields, label: KINDS[kind].label + ' ' + value + (queues ? ' on queues ' + queues : '')
    + (rate ? ', replayed at ' + rate : '') };
}

export function watchKind(onChange) {
  showKind($('position-kind').value);
  $('position-kind').addEventListener('change', () => { showKind($('position-kind').value); onChange(); });
}
