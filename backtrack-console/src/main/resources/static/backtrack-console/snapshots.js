// A group's kept positions on its page: "Keep positions" (a snapshot of its committed offsets, optionally named;
// admins), the list of its snapshots and exports (name, id, when, who, topics) and, per snapshot, Restore: the
// restore plan (per queue what it would replay or skip), then the restore after the group's name was typed; the
// offsets file (topic,broker,queue,offset) exported and imported, its plan shown and applied as a restore's.
import { api, query } from './api.js';
import { $, cell, numCell, timeCell, rows, num, smallButton } from './dom.js';
import { confirmTyped } from './confirm.js';

let planned = null; // the restore plan shown: a snapshot's, or an imported file's (with its csv)

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
  return showPlan(plan, 'Restoring ' + (plan.snapshot.name || plan.snapshot.id) + ' of ' + plan.snapshot.group,
    id, canRewind);
}

// The plan putting the group at the offsets of the file in the import box.
export async function planImport(state, canRewind) {
  const csv = $('offsets-csv').value;
  if (!csv.trim()) throw new Error('Choose or paste an offsets file first (topic,broker,queue,offset)');
  const plan = await api.post('snapshots/import/plan', { group: state.group, csv });
  return showPlan({ ...plan, csv }, 'Importing the file for ' + plan.group, 'import', canRewind);
}

function showPlan(plan, what, id, canRewind) {
  planned = plan;
  const box = $('restore-plan');
  box.hidden = false;
  box.dataset.id = id;
  box.dataset.replay = plan.messagesToReplay;
  $('restore-totals').textContent = what + ': ' + num(plan.messagesToReplay) + ' messages to replay, '
    + num(plan.messagesToSkip) + ' to skip' + (plan.complete ? '' : '; PARTIAL: some brokers are missing');
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
  const topics = planned.topics.map(t => t.topic).join(', ');
  const typed = await confirmTyped(planned.snapshot ? 'Restore snapshot ' + (planned.snapshot.name
    || planned.snapshot.id) + ': put group ' + group + ' back where it stood on ' + topics + '?'
    : 'Put group ' + group + ' at the offsets of the file on ' + topics + '?', group);
  if (typed === null) return null;
  const done = planned.snapshot ? await api.post('snapshots/' + encodeURIComponent(planned.snapshot.id)
    + '/restore', { confirm: typed }) : await api.post('snapshots/import', { group, csv: planned.csv, confirm: typed });
  const box = $('restore-result');
  box.hidden = false;
  box.dataset.batch = done.batch;
  box.textContent = (planned.snapshot ? 'Restored' : 'Imported') + ' as batch ' + done.batch + ': ' + done.topics.map(t => t.topic + ' ' + t.queues
    .map(q => q.broker + '/' + q.queueId + ' ' + num(q.from) + ' → ' + num(q.to) + ' (read back ' + num(q.readBack)
      + ')').join(', ')).join('; ') + (done.warnings.length ? '. ' + done.warnings.join(' ') : '');
  $('restore-plan').hidden = true;
  return done;
}

// Downloads the group's offsets file (recorded as an export by the server).
export async function exportOffsets(state) {
  const text = await api.postText('snapshots/export', { group: state.group });
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
  link.download = state.group + '-offsets.csv';
  link.click();
  URL.revokeObjectURL(link.href);
  return text;
}

// A file chosen in the import box fills its text area.
export function watchImportFile() {
  $('offsets-file').addEventListener('change', async () => {
    const file = $('offsets-file').files[0];
    if (file) $('offsets-csv').value = await file.text();
  });
}
