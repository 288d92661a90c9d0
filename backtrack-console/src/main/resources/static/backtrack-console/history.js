// The journal's history, newest first: the group's on its page (with an undo button per rewind for admins), its
// redrives on its dead-letter view, and every group's in the History view (each linking to the group's page, a
// redrive to the group's dead letters). The entries of a replay's or a redrive's run show its state (and why it
// paused, failed or was aborted); the run that may go on has Resume and Abort (admins) and a banner above.
import { api, query } from './api.js';
import { $, cell, numCell, timeCell, rows, badge, smallButton } from './dom.js';
import { groupHash, deadLettersHash } from './routes.js';
import { runBadge, runButtons, showOpenRuns } from './runs.js';

// The ids of a group's history table, of the note shown when it is empty, of the banner of its runs that may go on
// and of the line that shows what a resume or an abort did.
export const GROUP_HISTORY = { table: 'history', empty: 'history-empty', banner: 'runs-banner',
  result: 'runs-result' };

const KIND_BADGES = { REWIND: 'rewind', UNDO: 'undo', WINDOW_REPLAY: 'replay', REDRIVE: 'redrive',
  SNAPSHOT: 'snapshot', EXPORT: 'snapshot' };

function kindCell(row, h) {
  const td = cell(row, '');
  td.className = 'nowrap';
  td.appendChild(badge(h.kind, KIND_BADGES[h.kind] || 'muted'));
  if (h.undoes) td.append(' of ' + h.undoes);
  if (h.batch) {
    const batch = document.createElement('div');
    batch.className = 'note';
    batch.dataset.test = 'history-batch';
    batch.textContent = 'batch ' + h.batch;
    td.appendChild(batch);
  }
  if (h.undoneBy) {
    td.append(' ');
    const undone = badge('undone', 'off');
    undone.title = 'by ' + h.undoneBy;
    undone.dataset.test = 'undone';
    td.appendChild(undone);
  }
  if (h.run) {
    td.append(' ', runBadge(h.run));
    if (h.run.reason) {
      const reason = document.createElement('div');
      reason.className = 'note reason';
      reason.dataset.test = 'run-reason';
      reason.textContent = h.run.reason;
      td.appendChild(reason);
    }
  }
  return td;
}

function link(row, text, href) {
  const td = cell(row, '');
  const a = document.createElement('a');
  a.href = href;
  a.textContent = text;
  td.appendChild(a);
  td.className = 'nowrap';
  return a;
}

function entryRow(row, h, test) {
  row.dataset.test = test;
  row.dataset.id = h.id;
  row.dataset.kind = h.kind;
  if (h.batch) row.dataset.batch = h.batch;
  if (h.run) row.dataset.runId = h.run.id;
  row.title = h.id || '';
}

export async function loadHistory(state, canRewind, onUndo, ids = GROUP_HISTORY) {
  const entries = await api.get('history?' + query({ group: state.group, topic: state.topic }));
  $(ids.empty).hidden = entries.length > 0;
  showOpenRuns(entries, canRewind, ids);
  rows($(ids.table), entries, (row, h) => {
    entryRow(row, h, 'history-row');
    timeCell(row, h.appliedAt);
    kindCell(row, h);
    cell(row, h.actor);
    cell(row, h.requested);
    timeCell(row, h.timestamp);
    numCell(row, h.messagesToReplay);
    cell(row, h.path);
    const actions = cell(row, '');
    if (canRewind && h.kind === 'REWIND' && !h.undoneBy) {
      actions.appendChild(smallButton('Undo', 'undo', () => onUndo(h.id)));
    }
    if (canRewind && h.run && h.run.resumable) {
      actions.className = 'nowrap';
      actions.append(...runButtons({ id: h.run.id, group: h.group }, $(ids.result)));
    }
  });
  return entries;
}

export async function loadAllHistory() {
  const entries = await api.get('history');
  $('all-history-empty').hidden = entries.length > 0;
  rows($('all-history'), entries, (row, h) => {
    entryRow(row, h, 'all-history-row');
    row.dataset.group = h.group;
    timeCell(row, h.appliedAt);
    kindCell(row, h);
    link(row, h.group, h.kind === 'REDRIVE' ? deadLettersHash(h.group) : groupHash(h.group, h.topic))
      .dataset.test = 'history-group-link';
    cell(row, h.topic).className = 'nowrap';
    cell(row, h.actor);
    cell(row, h.requested);
    timeCell(row, h.timestamp);
    numCell(row, h.messagesToReplay).dataset.test = 'history-replay';
    cell(row, h.path);
  });
  return entries;
}
