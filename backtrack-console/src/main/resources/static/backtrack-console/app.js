// The console's page: who is logged in, the inventory, and the selected group's timeline, position form and plan,
// peek, window replay and history.
import { api } from './api.js';
import { $, showError } from './dom.js';
import { loadInventory } from './inventory.js';
import { loadTimeline } from './timeline.js';
import { loadPlan } from './plan.js';
import { loadPeek } from './peek.js';
import { rewind, undo } from './rewind.js';
import { readPosition, showKind, watchKind } from './position.js';
import { previewReplay, replay } from './replay.js';
import { loadHistory } from './history.js';

const state = { group: null, topic: null, canRewind: false, range: { range: '1h' } };

function guarded(action) {
  return async (...args) => {
    showError(null);
    try {
      return await action(...args);
    } catch (e) {
      showError(e);
      return null;
    }
  };
}

const refreshHistory = guarded(() => state.group
  ? loadHistory(state, state.canRewind, doUndo) : Promise.resolve([]));

const doUndo = guarded(async (id) => {
  if (await undo(state, id)) {
    await refreshHistory();
    await showTimeline();
  }
});

const preview = guarded(async () => {
  if (!state.group) return;
  await loadPlan(state, readPosition());
});

const pick = (ms) => {
  showKind('to');
  $('instant').value = new Date(ms).toISOString();
  preview();
};

const showTimeline = guarded(() => loadTimeline(state, state.range, pick));

const open = guarded(async (group, topic) => {
  if (!topic) throw new Error('Group ' + group + ' consumes no topic yet: pick a topic too');
  state.group = group;
  state.topic = topic;
  $('detail').hidden = false;
  $('detail').dataset.group = group || '';
  $('detail').dataset.topic = topic;
  $('sel-group').textContent = group || '(none: pick a group for plan and rewind)';
  $('sel-topic').textContent = topic;
  $('plan').hidden = true;
  $('peek-table').hidden = true;
  $('rewind-result').hidden = true;
  $('progress-box').hidden = true;
  $('replay-plan').hidden = true;
  $('replay-result').hidden = true;
  $('preview').disabled = !group;
  $('replay-form').hidden = !group || !state.canRewind;
  await showTimeline();
  await refreshHistory();
});

async function start() {
  const me = await api.get('me');
  state.canRewind = me.canRewind;
  $('me').textContent = me.user + ' (' + me.roles.join(', ') + ')';
  $('me').dataset.user = me.user;
  $('zone-note').textContent = 'Every time on this page, the chart\'s axis included, is UTC; a time typed without '
    + 'an offset is read in ' + me.inputZone + '.';
  $('zone-note').dataset.inputZone = me.inputZone;
  $('rewind').hidden = !me.canRewind;
  for (const button of document.querySelectorAll('button[data-range]')) {
    button.addEventListener('click', () => { state.range = { range: button.dataset.range }; showTimeline(); });
  }
  $('custom-apply').addEventListener('click', () => {
    state.range = { from: $('custom-from').value.trim(), until: $('custom-until').value.trim() || 'now' };
    showTimeline();
  });
  watchKind(() => { $('plan').hidden = true; });
  $('preview').addEventListener('click', preview);
  for (const input of ['instant', 'position-value', 'position-queues']) {
    $(input).addEventListener('keydown', e => { if (e.key === 'Enter') preview(); });
  }
  $('peek').addEventListener('click', guarded(() => loadPeek(state, $('instant').value.trim(),
    $('peek-limit').value)));
  $('rewind').addEventListener('click', guarded(async () => {
    if (!state.group) throw new Error('Pick a group first');
    if (await rewind(state, readPosition())) {
      await refreshHistory();
      await showTimeline();
    }
  }));
  $('replay-preview').addEventListener('click', guarded(() => previewReplay(state)));
  $('replay').addEventListener('click', guarded(async () => {
    if (await replay(state)) await refreshHistory();
  }));
  $('logout').addEventListener('click', guarded(async () => {
    await api.logout();
    window.location.href = 'login?logout';
  }));
  const params = new URLSearchParams(window.location.search);
  await loadInventory(open);
  if (params.get('topic')) await open(params.get('group'), params.get('topic'));
  document.body.dataset.ready = 'true';
}

guarded(start)();
