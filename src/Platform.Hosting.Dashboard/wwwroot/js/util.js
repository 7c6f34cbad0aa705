// Small helpers shared by every page: safe HTML templating, fetch, formatting.

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and attribute values. Telemetry is hostile input: everything goes through here. */
export function esc(value) {
  return String(value).replace(/[&<>"']/g, c => ESCAPES[c]);
}

class Raw {
  constructor(text) { this.text = text; }
  toString() { return this.text; }
}

/** Marks already-safe HTML so `html` does not escape it again. */
export const raw = text => new Raw(text);

function render(value) {
  if (value instanceof Raw) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return esc(value);
}

/** Tagged template: interpolations are escaped unless they come from `html` or `raw`. */
export function html(strings, ...values) {
  let out = strings[0];
  values.forEach((v, i) => { out += render(v) + strings[i + 1]; });
  return new Raw(out);
}

export function setHtml(element, fragment) {
  element.innerHTML = fragment instanceof Raw ? fragment.text : esc(fragment);
  // CSP forbids style attributes; positions come from data attributes and are applied through the CSSOM.
  element.querySelectorAll('[data-left],[data-width],[data-indent]').forEach(el => {
    if (el.dataset.left !== undefined) el.style.left = `${el.dataset.left}%`;
    if (el.dataset.width !== undefined) el.style.width = `${el.dataset.width}%`;
    if (el.dataset.indent !== undefined) el.style.paddingLeft = `${10 + Number(el.dataset.indent) * 16}px`;
  });
}

/** Only http(s) links are rendered as links: a resource URL must never become javascript:. */
export function safeUrl(url) {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

export class HttpError extends Error {
  constructor(status, message) { super(message); this.status = status; }
}

async function send(path, init) {
  const response = await fetch(path, { credentials: 'same-origin', ...init });
  if (response.status === 401) {
    location.href = '/login';
    throw new HttpError(401, 'Signed out');
  }
  const body = response.headers.get('content-type')?.includes('json') ? await response.json() : null;
  if (!response.ok) throw new HttpError(response.status, body?.error ?? `HTTP ${response.status}`);
  return body;
}

export const getJson = path => send(path);

/** POSTs with the header the server demands on state-changing calls (with the SameSite=Strict cookie, the CSRF guard). */
export const postJson = path => send(path, { method: 'POST', headers: { 'X-Dashboard-Request': '1' } });

export function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, value);
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

const pad = (n, width = 2) => String(n).padStart(width, '0');

export function formatTime(value, withMs = true) {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return '';
  const base = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  return withMs ? `${base}.${pad(d.getMilliseconds(), 3)}` : base;
}

export function formatDateTime(value) {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${formatTime(d, false)}`;
}

export function formatDuration(ms) {
  if (ms === null || ms === undefined || Number.isNaN(ms)) return '';
  if (ms < 1) return `${Math.round(ms * 1000)} µs`;
  if (ms < 1000) return `${ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : Math.round(ms)} ms`;
  if (ms < 60000) return `${(ms / 1000).toFixed(2)} s`;
  return `${Math.floor(ms / 60000)} m ${Math.round((ms % 60000) / 1000)} s`;
}

export function formatNumber(value) {
  if (value === null || value === undefined) return '–';
  const abs = Math.abs(value);
  if (abs !== 0 && (abs >= 1e9 || abs < 1e-3)) return value.toExponential(2);
  if (abs >= 1e6) return `${(value / 1e6).toFixed(2)}M`;
  if (abs >= 1e4) return `${(value / 1e3).toFixed(1)}k`;
  return Number.isInteger(value) ? String(value) : value.toFixed(abs < 1 ? 3 : 2);
}

/** A stable colour slot (0–7) per service name, so a service keeps its colour on every page. */
export function serviceSlot(name) {
  let hash = 0;
  for (const ch of String(name)) hash = (hash * 31 + ch.codePointAt(0)) >>> 0;
  return hash % 8;
}

export const serviceChip = name => html`<span class="svc svc-${serviceSlot(name)}">${name}</span>`;

export function debounce(fn, ms) {
  let timer;
  return (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), ms); };
}

/** Renders a key/value table of attributes. */
export function attributeTable(attributes) {
  if (!attributes || attributes.length === 0) return html`<p class="muted">None</p>`;
  return html`<table class="kv"><tbody>${attributes.map(a => html`<tr><td>${a.key}</td><td>${a.value}</td></tr>`)}</tbody></table>`;
}

let toastTimer;
export function toast(message, isError = false) {
  let el = document.getElementById('toast');
  if (!el) {
    el = document.createElement('div');
    el.id = 'toast';
    document.body.append(el);
  }
  el.className = isError ? 'toast error' : 'toast';
  el.textContent = message;
  el.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { el.hidden = true; }, 4000);
}

/** Runs `fn` at most once per `ms`, always including a trailing call: live pages refetch once a second at most. */
export function throttle(fn, ms) {
  let last = 0;
  let timer = null;
  const run = () => { timer = null; last = Date.now(); fn(); };
  const throttled = () => { if (!timer) timer = setTimeout(run, Math.max(0, ms - (Date.now() - last))); };
  throttled.cancel = () => clearTimeout(timer);
  return throttled;
}
