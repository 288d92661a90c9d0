// The typed confirmation: resolves true only when the operator typed the group's name and confirmed.
import { $ } from './dom.js';

export function confirmTyped(text, group) {
  const dialog = $('confirm');
  const input = $('confirm-input');
  const ok = $('confirm-ok');
  $('confirm-text').textContent = text;
  input.value = '';
  ok.disabled = true;
  input.oninput = () => { ok.disabled = input.value !== group; };
  return new Promise(resolve => {
    dialog.onclose = () => resolve(dialog.returnValue === 'ok' && input.value === group ? input.value : null);
    dialog.returnValue = '';
    dialog.showModal();
    input.focus();
  });
}
