// The group's journal history, newest first, with an undo button per rewind for admins.
import { api, query } from './api.js';
import { $, cell, rows, iso } from './dom.js';

export async function loadHistory(state, canRewind, onUndo) {
  const entries = await api.get('history?' + query({ group: state.group, topic: state.topic }));
  rows($('history'), entries, (row, h) => {
    row.dataset.test = 'history-row';
    row.dataset.id = h.id;
    row.dataset.kind = h.kind;
    cell(row, iso(h.appliedAt));
    cell(row, h.kind + (h.undoes ? ' of ' + h.undoes : '') + (h.undoneBy ? ' (undone)' : ''));
    cell(row, h.actor);
    cell(row, h.requested);
    cell(row, iso(h.timestamp));
    cell(row, h.messagesToReplay);
    cell(row, h.path);
    const actions = cell(row, '');
    if (canRewind && h.kind === 'REWIND' && !h.undoneBy) {
      const button = document.createElement('button');
      button.textContent = 'Undo';
      button.dataset.test = 'undo';
      button.addEventListener('click', () => onUndo(h.id));
      actions.appendChild(button);
    }
  });
  return entries;
}
