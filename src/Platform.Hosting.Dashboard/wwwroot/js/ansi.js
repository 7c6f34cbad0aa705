// ANSI SGR colours (30–37, 90–97, bold, reset) to escaped HTML; every other escape sequence is dropped.
import { esc } from './util.js';

const SEQUENCE = /\u001b\[([0-9;?]*)([A-Za-z])/g;

export function stripAnsi(text) {
  return text.replace(SEQUENCE, '');
}

export function ansiToHtml(text) {
  let out = '';
  let fg = null;
  let bold = false;
  let last = 0;
  const emit = chunk => {
    if (!chunk) return;
    const classes = [];
    if (fg !== null) classes.push(`ansi-${fg}`);
    if (bold) classes.push('ansi-bold');
    out += classes.length ? `<span class="${classes.join(' ')}">${esc(chunk)}</span>` : esc(chunk);
  };
  for (const match of text.matchAll(SEQUENCE)) {
    emit(text.slice(last, match.index));
    last = match.index + match[0].length;
    if (match[2] !== 'm') continue;
    const codes = match[1] === '' ? [0] : match[1].split(';').map(Number);
    for (const code of codes) {
      if (code === 0) { fg = null; bold = false; }
      else if (code === 1) bold = true;
      else if (code === 22) bold = false;
      else if (code === 39) fg = null;
      else if ((code >= 30 && code <= 37) || (code >= 90 && code <= 97)) fg = code;
    }
  }
  emit(text.slice(last).replace(/\u001b/g, ''));
  return out;
}
