// A group's kept positions on its page: "Keep positions" (a snapshot of its committed offsets, optionally named;
// admins), the list of its snapshots and exports (name, id, when, who, topics) and, per snapshot, Restore: the
// restore plan (per queue what it would replay or skip), then the restore after the group's name was typed.
import { api, query } from './api.js';
import { $, cell, numCell, timeCell, rows, num, smallButton } from './dom.js';
import { confirmTyped } from './confirm.js';

let planned = null; // the snapshot whose restore plan is shown

export async function loadSnapshots(state, canRewind, onRestore) {
  $('snapshot-keep-form').hidden = !canRewind;
  const list = await api.get('snapshots?' + query({ group: state.group }));
  $('snapshots-empty').hidden = list.length > 0;
  rows($('snapshots'), list, (row, s) => {
    row.dataset.test = 'snapshot-row';
    row.dataset.id = s.id;
    row.dataset.name = s.name || '';
    timeCell(row, s.takenAt);
    cell(row, s.kind === 'SNAPSHOT' ? (s.name || '(no name)') : 'export');
    cell(row, s.id).className = 'nowrap';
    cell(row, s.actor);
    cell(row, s.topics.join(', '));
    numCell(row, s.queues);
    const actions = cell(row, '');
    if (s.kind === 'SNAPSHOT') {
      actions.appendChild(smallButton('Restore', 'snapshot-restore', () => onRestore(s.id)));
    }
  });
  return list;
}

export async function keepPositions(state) {
  const name = $('snapshot-name').value.trim();
  const kept = await api.post('snapshots', { group: state.group, name: name || null });
  const box = $('snapshot-result');
  box.hidden = false;
  box.dataset.id = kept.id;
  box.textContent = 'Kept the positions of ' + kept.group + ' as ' + (kept.name ? kept.name + ' (' + kept.id + ')'
    : kept.id) + ': ' + num(kept.queues) + ' queues on ' + kept.topics.join(', ');
  $('snapshot-name').value = '';
  return kept;
}

// The restore plan of snapshot {id}; the Restore… button under it applies it (admins).
export async function planRestore(state, id, canRewind) {
  const plan = await api.post('snapshots/' + encodeURIComponent(id) + '/plan', { group: state.group });
  planned = plan;
  const box = $('restore-plan');
  box.hidden = false;
  box.dataset.id = id;
  box.dataset.replay = plan.messagesToReplay;
  $('restore-totals').textContent = 'Restoring ' + (plan.snapshot.name || plan.snapshot.id) + ' of '
    + plan.snapshot.group + ': ' + num(plan.messagesToReplay) + ' messages to replay, ' + num(plan.messagesToSkip)
    + ' to skip' + (plan.complete ? '' : '; PARTIAL: some brokers are missing');
  const queues = plan.topics.flatMap(t => t.queues.map(q => ({ topic: t.topic, ...q })));
  rows($('restore-queues'), queues, (row, q) => {
    row.dataset.test = 'restore-queue';
    row.dataset.target = q.targetOffset;
    cell(row, q.topic);
    cell(row, q.broker + '/' + q.queueId);
    numCell(row, q.committedOffset === null ? '(none)' : q.committedOffset);
    numCell(row, q.targetOffset);
    numCell(row, q.messagesToReplay);
    numCell(row, q.messagesToSkip);
  });
  const warnings = plan.topics.flatMap(t => t.warnings.map(w => t.topic + ': ' + w));
  $('restore-warning').hidden = warnings.length === 0;
  $('restore-warning').textContent = warnings.join(' ');
  $('restore').hidden = !canRewind;
  $('restore-result').hidden = true;
  return plan;
}

export async function restore() {
  if (!planned) throw new Error('Preview a snapshot\'s restore first');
  const group = planned.confirmWith;
  const typed = await confirmTyped('Restore snapshot ' + (planned.snapshot.name || planned.snapshot.id)
    + ': put group ' + group + ' back where it stood on ' + planned.snapshot.topics.join(', ') + '?', group);
  if (typed === null) return null;
  const done = await api.post('snapshots/' + encodeURIComponent(planned.snapshot.id) + '/restore',
    { confirm: typed });
  const box = $('restore-result');
  box.hidden = false;
  box.dataset.batch = done.batch;
  box.textContent = 'Restored as batch ' + done.batch + ': ' + done.topics.map(t => t.topic + ' ' + t.queues
    .map(q => q.broker + '/' + q.queueId + ' ' + num(q.from) + ' → ' + num(q.to) + ' (read back ' + num(q.readBack)
      + ')').join(', ')).join('; ') + (done.warnings.length ? '. ' + done.warnings.join(' ') : '');
  $('restore-plan').hidden = true;
  return done;
}
