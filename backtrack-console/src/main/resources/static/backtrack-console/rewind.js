// Rewind and undo (admin only), each after a typed confirmation; shows the result and follows the progress.
import { api } from './api.js';
import { $, num, duration } from './dom.js';
import { confirmTyped } from './confirm.js';

let polling = null;

function showResult(result) {
  const box = $('rewind-result');
  box.hidden = false;
  box.dataset.id = result.id;
  box.dataset.path = result.path;
  const queues = (result.queues || []).map(q => q.broker + '/' + q.queueId + ' ' + num(q.from) + ' → ' + num(q.to)
    + ' (read back ' + num(q.readBack) + ')').join(', ');
  box.textContent = (result.undoes ? 'Undid ' + result.undoes + ' as ' : 'Rewound as ') + result.id + ' via '
    + result.path + (result.acks && result.acks.length ? ', acknowledged by ' + result.acks.length : '')
    + ': ' + queues + '; ' + num(result.messagesToReplay) + ' messages to replay'
    + (result.warnings && result.warnings.length ? '. ' + result.warnings.join(' ') : '');
}

export function followProgress(id) {
  if (polling) clearInterval(polling);
  $('progress-box').hidden = false;
  const bar = $('progress');
  const text = $('progress-text');
  const tick = async () => {
    try {
      const p = await api.get('progress/' + encodeURIComponent(id));
      bar.value = p.percent;
      text.dataset.percent = Math.round(p.percent);
      text.dataset.done = p.done;
      text.textContent = Math.round(p.percent) + ' % (' + num(p.replayed) + ' of ' + num(p.total) + ')'
        + (p.ratePerSecond ? ', ' + num(p.ratePerSecond) + ' msg/s' : '')
        + (p.etaSeconds !== null && p.etaSeconds !== undefined && !p.done ? ', ETA ' + duration(p.etaSeconds * 1000)
          : '')
        + (p.done ? ', done' : '');
      if (p.done) { clearInterval(polling); polling = null; }
    } catch (e) {
      text.textContent = e.message;
      clearInterval(polling);
      polling = null;
    }
  };
  tick();
  polling = setInterval(tick, 1000);
}

export async function rewind(state, position) {
  const typed = await confirmTyped('Rewind group ' + state.group + ' on topic ' + state.topic + ' to '
    + position.label + '? Its consumers will receive the messages again.', state.group);
  if (typed === null) return null;
  const result = await api.post('rewind', { group: state.group, topic: state.topic, ...position.fields,
    confirm: typed });
  showResult(result);
  followProgress(result.id);
  return result;
}

export async function undo(state, id) {
  const typed = await confirmTyped('Undo ' + id + ': put group ' + state.group + ' back where that rewind found it?',
    state.group);
  if (typed === null) return null;
  const result = await api.post('undo/' + encodeURIComponent(id), { confirm: typed });
  showResult(result);
  return result;
}
