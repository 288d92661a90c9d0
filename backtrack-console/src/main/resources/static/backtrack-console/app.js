// The console's page: a header with the user and the zone, and five views chosen by the URL hash (routes.js):
// topics and groups, a group's page (summary, its runs that may go on, timeline, position form and plan, rewind, peek,
// window replay, its kept positions (snapshots.js), its history), a group's dead letters (deadletters.js), a topic's
// groups side by side moved together (batch.js) and the whole history.
import { api } from './api.js';
import { $, showError, badge, guarded } from './dom.js';
import { loadInventory, watchFilter } from './inventory.js';
import { loadTimeline, resizeChart } from './timeline.js';
import { loadPlan } from './plan.js';
import { loadPeek } from './peek.js';
import { deadLettersOf, loadDeadLetters, resetDeadLetters, watchDeadLetters } from './deadletters.js';
import { rewind, undo } from './rewind.js';
import { readPosition, showKind, watchKind } from './position.js';
import { previewReplay, replay } from './replay.js';
import { loadHistory, loadAllHistory } from './history.js';
import { RUNS_CHANGED } from './runs.js';
import { showSummary } from './group.js';
import { loadTopicGroups, moveAll, previewBatch, watchBatchKind } from './batch.js';
import { exportOffsets, keepPositions, loadSnapshots, planImport, planRestore, restore, watchImportFile }
  from './snapshots.js';
import { groupHash, topicHash, topicGroupsHash, deadLettersHash, parseHash } from './routes.js';

const state = { group: null, topic: null, canRewind: false, range: { range: '1h' }, inventory: null };
const VIEWS = { inventory: 'inventory', group: 'detail', 'dead-letters': 'dead-letters-view',
  'topic-groups': 'topic-groups-view', history: 'history-view' };

function show(view) {
  for (const [name, id] of Object.entries(VIEWS)) $(id).hidden = name !== view;
  for (const [name, id] of [['inventory', 'nav-inventory'], ['group', 'nav-group'], ['history', 'nav-history']]) {
    $(id).classList.toggle('active', name === view
      || (name === 'group' && (view === 'dead-letters' || view === 'topic-groups')));
  }
  document.body.dataset.view = view;
}

async function inventory() {
  state.inventory = await loadInventory();
  return state.inventory;
}

const refreshHistory = guarded(() => state.group
  ? loadHistory(state, state.canRewind, doUndo) : Promise.resolve([]));

const refreshSnapshots = guarded(() => state.group
  ? loadSnapshots(state, state.canRewind, id => planRestore(state, id, state.canRewind)) : Promise.resolve([]));

// After a rewind or an undo: the group's lag, its history and the timeline's markers have changed.
async function afterMove() {
  await refreshHistory();
  await refreshSnapshots();
  await showTimeline();
  showSummary(state, await inventory());
}

const doUndo = guarded(async (id) => {
  if (await undo(state, id)) await afterMove();
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

// The header's link to the group's (or topic's) page.
function showNavGroup(href, text) {
  const nav = $('nav-group');
  nav.hidden = false;
  nav.href = href;
  nav.textContent = text;
}

function resetGroupPage(group, topic) {
  state.group = group;
  state.topic = topic;
  $('detail').dataset.group = group || '';
  $('detail').dataset.topic = topic;
  $('sel-group').textContent = group || '(none: pick a group for plan and rewind)';
  $('sel-topic').textContent = topic;
  $('crumb-kind').textContent = group ? 'group ' + group : 'topic ' + topic;
  showNavGroup(group ? groupHash(group, topic) : topicHash(topic), group ? 'Group ' + group : 'Topic ' + topic);
  $('dead-letters-link').hidden = !group;
  $('topic-groups-link').href = topicGroupsHash(topic);
  if (group) $('dead-letters-link').href = deadLettersHash(group);
  for (const id of ['plan', 'peek-table', 'peek-card', 'rewind-result', 'progress-box', 'replay-plan',
    'replay-result', 'runs-banner', 'runs-result', 'snapshot-result', 'restore-plan', 'restore-result']) {
    $(id).hidden = true;
  }
  $('preview').disabled = !group;
  $('replay-form').hidden = !group || !state.canRewind;
  $('history-card').hidden = !group;
  $('snapshots-card').hidden = !group;
}

let routes = 0; // counts the hash's changes, so that a page still loading gives way to the one asked for since

async function openGroup(group, topic) {
  const asked = routes;
  if (!state.inventory) await inventory();
  if (asked !== routes) return false;
  if (group && !topic) {
    const known = state.inventory.groups.find(g => g.group === group);
    topic = known ? (known.topics || [])[0] : null;
    if (topic) {
      window.location.replace(groupHash(group, topic)); // the hash's change opens the page
      return false;
    }
  }
  show('group');
  if (!topic) throw new Error('Group ' + group + ' consumes no topic yet: pick a topic too');
  if (group !== state.group || topic !== state.topic) resetGroupPage(group, topic);
  showSummary(state, state.inventory);
  await showTimeline();
  await refreshHistory();
  await refreshSnapshots();
  return true;
}

// A topic's groups side by side; the header links back to the topic's page.
async function openTopicGroups(topic) {
  show('topic-groups');
  showNavGroup(topicGroupsHash(topic), 'Groups of ' + topic);
  $('batch-topic-link').textContent = topic;
  $('batch-topic-link').href = topicHash(topic);
  await loadTopicGroups(topic, state.canRewind);
}

// The group's dead letters; the header and the view link back to its page (on the topic shown last, if it was).
async function openDeadLetters(group) {
  show('dead-letters');
  const page = groupHash(group, state.group === group ? state.topic : null);
  showNavGroup(page, 'Group ' + group);
  if (group !== deadLettersOf()) resetDeadLetters(group, state.canRewind, page);
  await loadDeadLetters(guarded);
}

const route = guarded(async () => {
  routes++;
  delete document.body.dataset.shown; // loading: nothing is shown for good until the view below has loaded
  const target = parseHash(window.location.hash);
  if (target.view === 'group') {
    if (await openGroup(target.group, target.topic) === false) return;
  } else if (target.view === 'topic-groups') {
    await openTopicGroups(target.topic);
  } else if (target.view === 'dead-letters') {
    await openDeadLetters(target.group);
  } else if (target.view === 'history') {
    show('history');
    await loadAllHistory();
  } else {
    show('inventory');
    await inventory();
  }
  // what the page shows now, once loaded (the browser tests wait for it)
  document.body.dataset.shown = window.location.hash || '#/';
});

function watchRanges() {
  const ranges = document.querySelectorAll('button[data-range]');
  const choose = (range, button) => {
    state.range = range;
    for (const b of ranges) b.classList.toggle('active', b === button);
    showTimeline();
  };
  for (const button of ranges) button.addEventListener('click', () => choose({ range: button.dataset.range }, button));
  $('custom-apply').addEventListener('click', () => choose({ from: $('custom-from').value.trim(),
    until: $('custom-until').value.trim() || 'now' }, null));
}

async function start() {
  const me = await api.get('me');
  state.canRewind = me.canRewind;
  $('me').replaceChildren(me.user, ' ', badge(me.canRewind ? 'admin' : 'viewer', me.canRewind ? 'role-admin'
    : 'role-viewer'));
  $('me').title = 'Signed in as ' + me.user + ' (' + me.roles.join(', ') + ')';
  $('me').dataset.user = me.user;
  $('zone-note').textContent = 'Every time on this page, the chart\'s axis included, is UTC; a time typed without '
    + 'an offset is read in ' + me.inputZone + '.';
  $('zone-note').dataset.inputZone = me.inputZone;
  $('rewind').hidden = !me.canRewind;
  watchRanges();
  watchKind(() => { $('plan').hidden = true; });
  watchFilter();
  $('preview').addEventListener('click', preview);
  for (const input of ['instant', 'position-value', 'position-queues']) {
    $(input).addEventListener('keydown', e => { if (e.key === 'Enter') preview(); });
  }
  $('peek').addEventListener('click', guarded(() => loadPeek(state.topic, $('instant').value.trim(),
    $('peek-limit').value)));
  $('rewind').addEventListener('click', guarded(async () => {
    if (!state.group) throw new Error('Pick a group first');
    if (await rewind(state, readPosition())) await afterMove();
  }));
  $('replay-preview').addEventListener('click', guarded(() => previewReplay(state)));
  watchDeadLetters(guarded);
  $('replay').addEventListener('click', guarded(async () => {
    if (await replay(state)) await refreshHistory();
  }));
  document.addEventListener(RUNS_CHANGED, () => {
    if (document.body.dataset.view === 'group') refreshHistory();
  });
  $('topic-switch').addEventListener('change', () => {
    window.location.hash = groupHash(state.group, $('topic-switch').value);
  });
  $('inventory-refresh').addEventListener('click', guarded(inventory));
  $('group-refresh').addEventListener('click', guarded(async () => {
    showSummary(state, await inventory());
    await showTimeline();
    await refreshHistory();
  }));
  watchBatchKind();
  const reloadGroups = () => loadTopicGroups(parseHash(window.location.hash).topic, state.canRewind);
  $('batch-preview').addEventListener('click', guarded(previewBatch));
  // after a batch moved or was undone, the groups' positions have changed
  const afterBatch = guarded(async (action) => {
    if (await action()) await reloadGroups();
  });
  $('batch-move').addEventListener('click', () => afterBatch(() => moveAll(afterBatch)));
  $('batch-refresh').addEventListener('click', guarded(reloadGroups));
  $('snapshot-keep').addEventListener('click', guarded(async () => {
    await keepPositions(state);
    await refreshSnapshots();
    await refreshHistory();
  }));
  watchImportFile();
  $('offsets-import-preview').addEventListener('click', guarded(() => planImport(state, state.canRewind)));
  $('offsets-export').addEventListener('click', guarded(async () => {
    await exportOffsets(state);
    await refreshSnapshots();
  }));
  $('restore').addEventListener('click', guarded(async () => {
    if (await restore()) await afterMove();
  }));
  $('history-refresh').addEventListener('click', guarded(loadAllHistory));
  $('logout').addEventListener('click', guarded(async () => {
    await api.logout();
    window.location.href = 'login?logout';
  }));
  window.addEventListener('resize', resizeChart);
  $('error').addEventListener('click', () => showError(null));
  // the links of before the views (?group=G&topic=T) open the group's page
  const params = new URLSearchParams(window.location.search);
  if (params.get('topic') && !window.location.hash) {
    const hash = params.get('group') ? groupHash(params.get('group'), params.get('topic'))
      : topicHash(params.get('topic'));
    window.history.replaceState(null, '', window.location.pathname + hash);
  }
  window.addEventListener('hashchange', route);
  await route();
  document.body.dataset.ready = 'true';
}

guarded(start)();
