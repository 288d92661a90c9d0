// The console's page: who is logged in, the inventory, and the selected group's timeline, plan, peek and history.
import { api } from './api.js';
import { $, showError } from './dom.js';
import { loadInventory } from './inventory.js';
import { loadTimeline } from './timeline.js';
import { loadPlan } from './plan.js';
import { loadPeek } from './peek.js';
import { rewind, undo } from './rewind.js';
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
  const to = $('instant').value.trim();
  if (!to || !state.group) return;
  await loadPlan(state, to);
});

const pick = (ms) => {
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
  $('preview').disabled = !group;
  await showTimeline();
  await refreshHistory();
});

async function start() {
  const me = await api.get('me');
  state.canRewind = me.canRewind;
  $('me').textContent = me.user + ' (' + me.roles.join(', ') + ')';
  $('me').dataset.user = me.user;
  $('rewind').hidden = !me.canRewind;
  for (const button of document.querySelectorAll('button[data-range]')) {
    button.addEventListener('click', () => { state.range = { range: button.dataset.range }; showTimeline(); });
  }
  $('custom-apply').addEventListener('click', () => {
    state.range = { from: $('custom-from').value.trim(), until: $('custom-until').value.trim() || 'now' };
    showTimeline();
  });
  $('preview').addEventListener('click', preview);
  $('instant').addEventListener('keydown', e => { if (e.key === 'Enter') preview(); });
  $('peek').addEventListener('click', guarded(() => loadPeek(state, $('instant').value.trim(),
    $('peek-limit').value)));
  $('rewind').addEventListener('click', guarded(async () => {
    const to = $('instant').value.trim();
    if (!to || !state.group) throw new Error('Pick an instant and a group first');
    if (await rewind(state, to)) {
      await refreshHistory();
      await showTimeline();
    }
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
