// The typed confirmation: resolves to the typed name only when the operator typed the expected name (the group's, or
// for a batch of groups the topic's: {what}) and confirmed.
import { $ } from './dom.js';

export function confirmTyped(text, expected, what = 'group') {
  const dialog = $('confirm');
  const input = $('confirm-input');
  const ok = $('confirm-ok');
  $('confirm-text').textContent = text;
  $('confirm-what').textContent = what;
  input.value = '';
  ok.disabled = true;
  input.oninput = () => { ok.disabled = input.value !== expected; };
  return new Promise(resolve => {
    dialog.onclose = () => resolve(dialog.returnValue === 'ok' && input.value === expected ? input.value : null);
    dialog.returnValue = '';
    dialog.showModal();
    input.focus();
  });
}
