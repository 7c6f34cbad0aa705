// The right-hand details panel shared by logs, traces and resources.
import { html, setHtml } from './util.js';

const panel = () => document.getElementById('panel');
let onClose = null;

export function openPanel(title, body, closed) {
  const el = panel();
  const previous = onClose;
  onClose = null;
  previous?.();
  setHtml(el, html`
    <div class="panel-head"><h2>${title}</h2><button class="small" id="panel-close" title="Close (Esc)">✕</button></div>
    <div class="panel-body">${body}</div>`);
  el.hidden = false;
  el.querySelector('#panel-close').addEventListener('click', closePanel);
  onClose = closed ?? null;
}

export function closePanel() {
  const el = panel();
  if (el.hidden) return false;
  el.hidden = true;
  el.replaceChildren();
  const callback = onClose;
  onClose = null;
  callback?.();
  return true;
}
