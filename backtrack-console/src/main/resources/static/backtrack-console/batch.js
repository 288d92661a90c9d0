// A topic's groups side by side (#/topic/T/groups): every group of the topic with its lag, its committed offsets and
// where it stands on the topic's time (a marker per group on one shared strip), one position for all of them, the
// batch plan (per group the queues and what each replays; refused groups with why), then "Move them all" after the
// topic's name was typed (admins): the batch id, each group's result, and an undo of the whole batch.
import { api, query } from './api.js';
import { $, cell, numCell, rows, badge, num, iso, ago, smallButton } from './dom.js';
import { confirmTyped } from './confirm.js';
import { stateBadge } from './inventory.js';
import { groupHash } from './routes.js';
import { KINDS } from './position.js';


let shown = null; // the topic shown

// The request's fields from the form; throws when the value is empty.
function readForm() {
  const kind = $('batch-kind').value;
  const value = $('batch-value').value.trim();
  if (!value) throw new Error('Give the position to move every group to first');
  const fields = { scope: 'allGroups', topic: shown, [kind]: value,
    skipRefused: $('batch-skip-refused').checked ? 'true' : 'false',
    allowPartial: $('batch-allow-partial').checked ? 'true' : 'false' };
  const rate = $('batch-rate').value.trim();
  if (rate) fields.rate = rate;
  return fields;
}

// Where the group stands: the store time of its oldest unconsumed message, null when it has consumed everything.
function standsAt(group) {
  const times = group.queues.map(q => q.storeTime).filter(t => t !== null && t !== undefined);
  return times.length ? Math.min(...times) : null;
}

function marker(group, from, until) {
  const strip = document.createElement('div');
  strip.className = 'strip';
  const at = standsAt(group);
  const mark = document.createElement('span');
  mark.className = 'strip-mark' + (at === null ? ' caught-up' : '');
  const share = at === null || until <= from ? 1 : (at - from) / (until - from);
  mark.style.left = Math.max(0, Math.min(1, share)) * 100 + '%';
  mark.title = at === null ? 'consumed everything' : 'next message stored ' + iso(at) + ' (' + ago(at) + ')';
  strip.appendChild(mark);
  return strip;
}

export async function loadTopicGroups(topic, canRewind) {
  if (topic !== shown) {
    shown = topic;
    for (const id of ['batch-plan', 'batch-result']) $(id).hidden = true;
  }
  $('batch-topic').textContent = topic;
  $('batch-move').hidden = !canRewind;
  const answer = await api.get('batch/groups?' + query({ topic }));
  const times = answer.groups.map(standsAt).filter(t => t !== null);
  const until = Date.now();
  const from = times.length ? Math.min(...times) : until;
  $('batch-groups-empty').hidden = answer.groups.length > 0;
  $('batch-strip-note').textContent = times.length ? 'From ' + iso(from) + ' (the oldest group) to now; a group '
    + 'at the right end has consumed everything.' : 'Every group has consumed everything.';
  rows($('batch-groups'), answer.groups, (row, g) => {
    row.dataset.test = 'batch-group';
    row.dataset.group = g.group;
    row.dataset.lag = g.lag;
    const name = cell(row, '');
    const link = document.createElement('a');
    link.href = groupHash(g.group, topic);
    link.textContent = g.group;
    name.appendChild(link);
    cell(row, '').appendChild(stateBadge(g));
    numCell(row, g.lag);
    cell(row, g.queues.map(q => q.broker + '/' + q.queueId + ' ' + (q.committedOffset === null ? '(none)'
      : num(q.committedOffset)) + ' of ' + num(q.maxOffset)).join(', ')).dataset.test = 'batch-group-offsets';
    const at = standsAt(g);
    cell(row, at === null ? 'consumed everything' : iso(at)).className = 'time';
    cell(row, '').appendChild(marker(g, from, until));
  });
  return answer;
}

// The batch plan; a batch refused as a whole (409) shows its refused groups with why beside the error.
export async function previewBatch() {
  let plan;
  try {
    plan = await api.post('batch/plan', readForm());
  } catch (e) {
    $('batch-plan').hidden = true;
    showRefused(e.body && e.body.refused ? e.body.refused : []);
    throw e;
  }
  const box = $('batch-plan');
  box.hidden = false;
  box.dataset.pairs = plan.pairs.length;
  box.dataset.refused = plan.refused.length;
  $('batch-totals').textContent = plan.scope + ', ' + plan.position + ': ' + num(plan.pairs.length)
    + ' group(s) move, ' + num(plan.queues) + ' queues, ' + num(plan.messagesToReplay) + ' messages to replay'
    + (plan.refused.length ? '; ' + plan.refused.length + ' refused group(s) left out' : '')
    + (plan.partial ? '; PARTIAL: some brokers are missing' : '');
  rows($('batch-pairs'), plan.pairs, (row, p) => {
    row.dataset.test = 'batch-pair';
    row.dataset.group = p.group;
    row.dataset.replay = p.messagesToReplay;
    cell(row, p.group);
    cell(row, p.queues.map(q => q.broker + '/' + q.queueId + ' ' + (q.committedOffset === null ? '(none)'
      : num(q.committedOffset)) + ' → ' + num(q.targetOffset)).join(', '));
    numCell(row, p.messagesToReplay);
    numCell(row, p.messagesToSkip);
    cell(row, (p.warnings || []).join(' '));
  });
  showRefused(plan.refused);
  return plan;
}

function showRefused(refused) {
  $('batch-refused').hidden = refused.length === 0;
  rows($('batch-refused'), refused, (row, r) => {
    row.dataset.test = 'batch-refused-row';
    row.dataset.group = r.group;
    cell(row, r.group);
    cell(row, '').appendChild(badge(r.refusal, 'failed'));
    cell(row, r.reason);
  });
}

function showResult(result, undoes) {
  const box = $('batch-result');
  box.hidden = false;
  box.dataset.batch = result.batch || '';
  box.replaceChildren((undoes ? 'Undid batch ' + undoes + ' as ' : 'Moved as batch ') + (result.batch || '(none)')
    + ': ' + result.pairs.map(p => p.group + ' on ' + p.topic + ' ' + p.status.toLowerCase().replace('_', ' ')
      + (p.reason ? ' (' + p.reason + ')' : '')).join('; ')
    + (result.refused && result.refused.length ? '; left out as refused: '
      + result.refused.map(r => r.group).join(', ') : '')
    + (result.error ? '. ' + result.error : ''));
  for (const p of result.pairs) {
    const line = document.createElement('p');
    line.dataset.test = 'batch-result-pair';
    line.dataset.group = p.group;
    line.dataset.status = p.status;
    line.textContent = p.group + ': ' + p.status + (p.queues && p.queues.length ? ', ' + p.queues.map(q => q.broker
      + '/' + q.queueId + ' ' + num(q.from) + ' → ' + num(q.to) + ' (read back ' + num(q.readBack) + ')')
      .join(', ') : '') + (p.reason ? ': ' + p.reason : '');
    box.appendChild(line);
  }
  return box;
}

// Moves every group after the topic's name was typed; the answer of a batch that failed part way is shown too.
export async function moveAll(onMoved) {
  const fields = readForm();
  const kind = $('batch-kind').value;
  const typed = await confirmTyped('Move every group of topic ' + shown + ' to ' + $('batch-kind')
    .selectedOptions[0].textContent + ' ' + fields[kind] + '? Their consumers will receive the messages again.',
  shown, 'topic');
  if (typed === null) return null;
  let result;
  try {
    result = await api.post('batch/rewind', { ...fields, confirm: typed });
  } catch (e) {
    if (e.body && e.body.pairs) showResult(e.body, null);
    if (e.body && e.body.refused) showRefused(e.body.refused);
    throw e;
  }
  const box = showResult(result, null);
  if (result.batch) {
    box.appendChild(smallButton('Undo the batch', 'batch-undo', () => onMoved(() => undoBatch(result.batch))));
  }
  return result;
}

async function undoBatch(batch) {
  const typed = await confirmTyped('Undo batch ' + batch + ': put every group of topic ' + shown
    + ' back where the batch found it?', shown, 'topic');
  if (typed === null) return null;
  return showResult(await api.post('batch/undo/' + encodeURIComponent(batch), { confirm: typed }), batch);
}

// The same kinds of position as the group's form, each value's hint from position.js.
export function watchBatchKind() {
  $('batch-kind').replaceChildren(...[...$('position-kind').options].map(o => new Option(o.text, o.value)));
  const show = () => { $('batch-value').placeholder = KINDS[$('batch-kind').value].placeholder; };
  $('batch-kind').addEventListener('change', () => { show(); $('batch-plan').hidden = true; });
  show();
}
