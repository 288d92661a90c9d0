// A group's dead letters (#/group/G/dead-letters): its dead-letter topic's counts by time (a click on the chart peeks
// from there), a peek of them, the redrive form for admins (redrive.js) and the group's redrives.
import { ApiError } from './api.js';
import { $ } from './dom.js';
import { loadTimeline } from './timeline.js';
import { loadPeek } from './peek.js';
import { loadHistory } from './history.js';
import { planRedrive, redrive } from './redrive.js';
import { RUNS_CHANGED } from './runs.js';

const TIMELINE = { chart: 'dlq-chart', buckets: 'dlq-buckets', summary: 'dlq-timeline-summary',
  noun: 'dead letters' };
const PEEK = { table: 'dlq-peek-table', card: 'dlq-peek-card', scroll: false };
const HISTORY = { table: 'dlq-history', empty: 'dlq-history-empty', banner: 'dlq-runs-banner',
  result: 'dlq-runs-result' };
const INPUTS = ['dlq-peek-at', 'redrive-from', 'redrive-until', 'redrive-tags', 'redrive-keys', 'redrive-filter',
  'redrive-canary'];

const view = { group: null, range: '7d', canRewind: false };

// RocketMQ's dead-letter topic of a group.
export const deadLetterTopic = (group) => '%DLQ%' + group;

export const deadLettersOf = () => view.group;

// A new group: its name in the heading, a link back to its page, the redrive form for admins, every input empty.
export function resetDeadLetters(group, canRewind, groupPage) {
  view.group = group;
  view.canRewind = canRewind;
  $('dead-letters-view').dataset.group = group;
  $('dlq-group').textContent = group;
  $('dlq-topic').textContent = deadLetterTopic(group);
  const link = $('dlq-group-link');
  link.textContent = 'group ' + group;
  link.href = groupPage;
  $('redrive-form').dataset.allowed = canRewind;
  $('redrive-again').checked = false;
  for (const id of INPUTS) $(id).value = '';
  for (const id of ['redrive-plan', 'redrive-result', 'dlq-runs-result']) $(id).hidden = true;
}

function showNone(none) {
  const note = $('dlq-none');
  note.hidden = !none;
  note.textContent = none ? 'Group ' + view.group + ' has no dead letters: its dead-letter topic '
    + deadLetterTopic(view.group) + ' does not exist (RocketMQ creates it when the first message of the group runs '
    + 'out of retries).' : '';
  for (const id of ['dlq-timeline-card', 'dlq-peek-card', 'dlq-history-card']) $(id).hidden = none;
  if (none) $('dlq-runs-banner').hidden = true;
  $('redrive-form').hidden = none || $('redrive-form').dataset.allowed !== 'true';
}

// The first dead letters stored at or after the time typed (the oldest kept when none); scrolled into sight when
// asked for by a click rather than with the view.
async function peek(scroll) {
  return loadPeek(deadLetterTopic(view.group), $('dlq-peek-at').value.trim() || '0', $('dlq-peek-limit').value,
    { ...PEEK, scroll });
}

const pick = (guarded) => guarded(async (ms) => {
  $('dlq-peek-at').value = new Date(ms).toISOString();
  await peek(true);
});

// The group's redrives, and the banner of its runs that may go on.
const loadRedrives = () => loadHistory({ group: view.group, topic: deadLetterTopic(view.group) }, view.canRewind,
  null, HISTORY);

// Loads the group's dead letters by time, the first of them and its redrives; false when it has none.
export async function loadDeadLetters(guarded) {
  const topic = deadLetterTopic(view.group);
  try {
    await loadTimeline({ topic, group: null }, { range: view.range }, pick(guarded), TIMELINE);
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 404)) throw e;
    showNone(true);
    return false;
  }
  showNone(false);
  await peek(false);
  await loadRedrives();
  return true;
}

// The view's buttons; every action through guarded, which shows its error on the page.
export function watchDeadLetters(guarded) {
  const ranges = document.querySelectorAll('button[data-dlq-range]');
  for (const button of ranges) {
    button.addEventListener('click', guarded(async () => {
      view.range = button.dataset.dlqRange;
      for (const b of ranges) b.classList.toggle('active', b === button);
      await loadTimeline({ topic: deadLetterTopic(view.group), group: null }, { range: view.range },
        pick(guarded), TIMELINE);
    }));
  }
  $('dlq-peek').addEventListener('click', guarded(() => peek(true)));
  $('dlq-refresh').addEventListener('click', guarded(() => loadDeadLetters(guarded)));
  $('redrive-plan-button').addEventListener('click', guarded(() => planRedrive(view.group)));
  $('redrive').addEventListener('click', guarded(async () => {
    if (await redrive(view.group)) await loadRedrives();
  }));
  document.addEventListener(RUNS_CHANGED, guarded(async () => {
    if (view.group && document.body.dataset.view === 'dead-letters') await loadRedrives();
  }));
}
