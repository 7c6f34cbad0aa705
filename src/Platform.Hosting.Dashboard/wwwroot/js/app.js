// The single-page shell: hash routing, the live change stream, keyboard shortcuts.
import { getJson, setHtml, html } from './util.js';
import { closePanel } from './panel.js';
import resources from './pages/resources.js';
import consolePage from './pages/console.js';
import logs from './pages/logs.js';
import traces from './pages/traces.js';
import trace from './pages/trace.js';
import metrics from './pages/metrics.js';

const pages = { resources, console: consolePage, logs, traces, metrics };
const content = document.getElementById('content');
const toolbar = document.getElementById('toolbar');
const title = document.getElementById('page-title');
let current = null;
let appName = 'Platform';

function parseHash() {
  const hash = location.hash.replace(/^#\/?/, '');
  const [path, search = ''] = hash.split('?');
  const segments = path.split('/').filter(Boolean).map(decodeURIComponent);
  return { segments, query: new URLSearchParams(search) };
}

/** Rewrites the hash's query without a navigation, so filters survive reloads and can be shared. */
export function setQuery(params) {
  const { segments } = parseHash();
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  const text = search.toString();
  history.replaceState(null, '', `#/${segments.map(encodeURIComponent).join('/')}${text ? `?${text}` : ''}`);
}

function route() {
  const { segments, query } = parseHash();
  let name = segments[0] ?? 'resources';
  let page = pages[name];
  if (name === 'traces' && segments[1]) page = trace;
  if (!page) { name = 'resources'; page = resources; }

  current?.unmount?.();
  closePanel();
  const toast = document.getElementById('toast');
  if (toast) toast.hidden = true;
  content.className = page.flush ? 'content flush' : 'content';
  // Each page gets fresh elements: a request the previous page still had in flight then renders into a detached node.
  const pageRoot = Object.assign(document.createElement('div'), { className: 'page' });
  const pageTools = Object.assign(document.createElement('div'), { className: 'toolbar-items' });
  content.replaceChildren(pageRoot);
  toolbar.replaceChildren(pageTools);
  title.textContent = page.title;
  document.title = `${page.title} · ${appName} dashboard`;
  document.querySelectorAll('[data-nav]').forEach(a => a.classList.toggle('active', a.dataset.nav === name));
  current = page.mount({ content: pageRoot, toolbar: pageTools, segments: segments.slice(1), query, setQuery, setTitle: t => { title.textContent = t; } });
}

// One EventSource for the whole app; pages are told what changed and refetch what they show.
function connect() {
  const dot = document.getElementById('live-dot');
  const text = document.getElementById('live-text');
  const known = { telemetry: null, resources: null };
  const source = new EventSource('/api/stream/changes');
  source.addEventListener('change', e => {
    const data = JSON.parse(e.data);
    dot.classList.add('on');
    text.textContent = 'live';
    const changed = { telemetry: known.telemetry !== null && data.telemetry !== known.telemetry, resources: known.resources !== null && data.resources !== known.resources };
    known.telemetry = data.telemetry;
    known.resources = data.resources;
    if (changed.telemetry || changed.resources) current?.refresh?.(changed);
  });
  source.addEventListener('error', async () => {
    dot.classList.remove('on');
    text.textContent = 'reconnecting…';
    // EventSource hides the status code; ask once whether the session is still valid (getJson redirects on 401).
    try { await getJson('/api/info'); } catch { /* the dashboard is down or we were redirected */ }
  });
}

// Keyboard: '/' filter, 'g x' navigation, Esc closes the panel, '?' help.
let pendingG = false;
document.addEventListener('keydown', e => {
  const typing = e.target.closest('input, select, textarea');
  const help = document.getElementById('help');
  if (e.key === 'Escape') {
    if (!help.hidden) { help.hidden = true; return; }
    if (typing) { e.target.blur(); return; }
    closePanel();
    return;
  }
  if (typing || e.ctrlKey || e.metaKey || e.altKey) return;
  if (e.key === '/') {
    const filter = content.closest('main').querySelector('[data-filter]');
    if (filter) { e.preventDefault(); filter.focus(); filter.select?.(); }
    return;
  }
  if (e.key === '?') { help.hidden = !help.hidden; return; }
  if (pendingG) {
    pendingG = false;
    const target = { r: 'resources', c: 'console', s: 'logs', t: 'traces', m: 'metrics' }[e.key];
    if (target) location.hash = `#/${target}`;
    return;
  }
  if (e.key === 'g') {
    pendingG = true;
    setTimeout(() => { pendingG = false; }, 1200);
  }
});

document.getElementById('help-link').addEventListener('click', e => { e.preventDefault(); document.getElementById('help').hidden = false; });
document.getElementById('help').addEventListener('click', e => { if (e.target.id === 'help') e.target.hidden = true; });
window.addEventListener('hashchange', route);

getJson('/api/info').then(info => {
  appName = info.applicationName;
  setHtml(document.getElementById('app-name'), html`${appName}`);
}).catch(() => {});
route();
connect();
