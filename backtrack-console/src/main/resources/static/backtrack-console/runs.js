// The runs of window replays and redrives: a run's state as a badge; what a send or a resume did (the canary's
// verdict, why a run paused or failed); the Resume and Abort buttons of a run that may go on (admins), each after the
// group's name typed; and the banner of a view's runs that may go on. After a resume or an abort the page is told
// (the event RUNS_CHANGED on document), so that it reloads its history.
import { api, ApiError } from './api.js';
import { $, badge, num, iso, duration, guarded } from './dom.js';
import { confirmTyped } from './confirm.js';

export const RUNS_CHANGED = 'backtrack:runs-changed';

const STATE_BADGES = { STARTED: 'replay', RESUMED: 'replay', PAUSED: 'paused', FAILED: 'failed', FINISHED: 'ok',
  ABORTED: 'off' };

export function runBadge(run) {
  const span = badge(run.state.toLowerCase(), STATE_BADGES[run.state] || 'muted');
  span.dataset.test = 'run-state';
  span.dataset.state = run.state;
  span.title = 'run ' + run.id + (run.reason ? ': ' + run.reason : '');
  return span;
}

// A POST that sends messages: its answer, also when the run paused (409) or a send failed (500): those answers carry
// the run's id beside the error.
export async function postSend(path, body) {
  try {
    return await api.post(path, body);
  } catch (e) {
    if (e instanceof ApiError && e.body && e.body.runId) return e.body;
    throw e;
  }
}

function line(box, test, text) {
  const p = document.createElement('p');
  p.dataset.test = test;
  p.textContent = text;
  box.appendChild(p);
  return p;
}

function canaryText(canary) {
  const first = 'the ' + num(canary.sent) + ' messages sent first, alone,';
  if (canary.passed) return 'Canary passed: ' + first + ' were consumed without failing; then the rest went.';
  if (canary.failed.length) {
    return 'Canary failed: ' + num(canary.failed.length) + ' of ' + first + ' failed: '
      + canary.failed.map(f => f.description).join(', ') + '.';
  }
  return 'Canary not consumed: ' + num(canary.notConsumed) + ' of ' + first + ' were not consumed within '
    + duration(canary.waitedMillis) + '.';
}

const mayGoOn = (state) => state === 'PAUSED' || state === 'FAILED';

// Appends to box what became of the run a send or a resume answered: the canary's verdict, the run's state and, for a
// run that paused or failed, why, with Resume and Abort.
export function showRun(box, answer, group) {
  box.dataset.state = answer.state;
  box.dataset.runId = answer.runId;
  box.classList.toggle('stopped', answer.state !== 'FINISHED');
  if (answer.canary) {
    const verdict = line(box, 'canary-verdict', canaryText(answer.canary));
    verdict.dataset.passed = answer.canary.passed;
    verdict.dataset.sent = answer.canary.sent;
  }
  const outcome = line(box, 'run-outcome', answer.state === 'FINISHED' ? 'Run ' + answer.runId + ' finished.'
    : answer.error + ' (run ' + answer.runId + (mayGoOn(answer.state) ? ': resume it once the group\'s consumers '
      + 'are fixed, or abort it' : '') + ')');
  if (mayGoOn(answer.state)) outcome.append(' ', ...runButtons({ id: answer.runId, group }, box));
}

function opened(box) {
  box.hidden = false;
  box.replaceChildren();
  box.classList.remove('stopped');
  box.scrollIntoView({ block: 'nearest' });
  return box;
}

// After a resume or an abort of run id: its buttons elsewhere on the page are out of date (the page's history reloads
// its own).
function changed(id) {
  for (const button of document.querySelectorAll('button[data-run-id="' + CSS.escape(id) + '"]')) button.remove();
  document.dispatchEvent(new CustomEvent(RUNS_CHANGED));
}

async function resume(run, box) {
  const typed = await confirmTyped('Resume run ' + run.id + ' of group ' + run.group + '? It sends what the run '
    + 'left, each queue from after the last message it stored (nothing twice), at the run\'s own rate and failure '
    + 'threshold.', run.group);
  if (typed === null) return;
  const answer = await postSend('runs/' + encodeURIComponent(run.id) + '/resume', { confirm: typed });
  changed(run.id);
  opened(box).textContent = 'Resumed run ' + answer.runId + ': sent ' + num(answer.replayed) + ' more messages into '
    + answer.retryTopic + ' (' + num(answer.sentBefore) + ' before).'
    + (answer.warnings.length ? ' ' + answer.warnings.join(' ') : '');
  showRun(box, answer, run.group);
}

async function abort(run, box) {
  const typed = await confirmTyped('Abort run ' + run.id + ' of group ' + run.group + '? It ends for good: what it '
    + 'left is not sent, and it can no longer be resumed.', run.group);
  if (typed === null) return;
  const answer = await api.post('runs/' + encodeURIComponent(run.id) + '/abort', { confirm: typed });
  changed(run.id);
  opened(box).textContent = 'Aborted run ' + answer.runId + ' (' + answer.reason + '): what it left is not sent.';
  box.dataset.state = answer.state;
  box.dataset.runId = answer.runId;
}

// Resume and Abort for run ({ id, group }), each showing its outcome in box.
export function runButtons(run, box) {
  const button = (text, test, action) => {
    const b = document.createElement('button');
    b.textContent = text;
    b.className = 'small' + (test === 'run-abort' ? '' : ' primary');
    b.dataset.test = test;
    b.dataset.runId = run.id;
    b.addEventListener('click', guarded(() => action(run, box)));
    return b;
  };
  return [button('Resume…', 'run-resume', resume), button('Abort…', 'run-abort', abort)];
}

function standing(h) {
  const run = h.run;
  // core's reason for a pause begins with the word: "paused after the canary: ...", "paused: 7 of the ..."
  if (run.state === 'PAUSED') return (run.reason || '').startsWith('paused') ? run.reason : 'paused: ' + run.reason;
  if (run.state === 'FAILED') return 'failed: ' + run.reason;
  return (run.state === 'STARTED' ? 'started' : 'resumed') + ' at ' + iso(h.appliedAt) + ' by ' + h.actor
    + ' and has not ended: it is sending still, or its process stopped';
}

// Shows in the banner (ids.banner) the runs among the history's entries that may go on (paused, failed, or started
// and never ended), with Resume and Abort for admins, their outcome in ids.result.
export function showOpenRuns(entries, canAct, ids) {
  const open = entries.filter(h => h.run && h.run.resumable);
  const banner = $(ids.banner);
  banner.hidden = open.length === 0;
  banner.replaceChildren(...open.map(h => {
    const div = document.createElement('div');
    div.dataset.test = 'open-run';
    div.dataset.runId = h.run.id;
    div.dataset.state = h.run.state;
    const text = document.createElement('span');
    text.textContent = 'Run ' + h.run.id + ' ' + standing(h);
    div.append(runBadge(h.run), text);
    if (canAct) div.append(...runButtons({ id: h.run.id, group: h.group }, $(ids.result)));
    return div;
  }));
}
