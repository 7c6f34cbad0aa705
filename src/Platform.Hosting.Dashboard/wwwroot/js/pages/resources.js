// Resources: one row per resource with state, health, endpoints and lifecycle commands; a row expands to replicas and environment.
import { getJson, postJson, html, setHtml, safeUrl, formatDateTime, toast } from '../util.js';

const stateClass = state => ({
  Running: 'ok', Healthy: 'ok',
  Starting: 'info', Waiting: 'info', Stopping: 'info', NotStarted: '',
  Unhealthy: 'warn',
  Failed: 'err', Exited: 'err',
  Stopped: '',
}[state] ?? '');

const healthClass = health => (health === 'Healthy' ? 'ok' : health === 'Unhealthy' ? 'err' : '');

// Today's start times read as a time of day, keeping the table narrow; older ones keep their date.
const startedText = iso => {
  const started = new Date(iso);
  return started.toDateString() === new Date().toDateString()
    ? started.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false })
    : formatDateTime(iso);
};
const stopped = state => ['Stopped', 'Exited', 'Failed', 'NotStarted'].includes(state);

function endpoints(urls) {
  if (urls.length === 0) return html`<span class="muted">–</span>`;
  return urls.map(u => {
    const href = safeUrl(u.url);
    return href
      ? html`<a class="endpoint" href="${href}" target="_blank" rel="noopener noreferrer">${u.url}</a>`
      : html`<span class="endpoint">${u.url}</span>`;
  });
}

function row(r, expanded) {
  return html`
    <tr class="clickable" data-name="${r.name}" tabindex="0" aria-expanded="${String(expanded)}">
      <td class="expander">${expanded ? '▾' : '▸'}</td>
      <td class="nowrap muted">${r.type}</td>
      <td class="nowrap"><span class="res-name">${r.name}</span>${r.parent ? html` <span class="muted">← ${r.parent}</span>` : ''}</td>
      <td><span class="badge ${stateClass(r.state)}" title="${r.stateDetail ?? ''}">${r.state}</span>${r.stateDetail ? html` <span class="muted">${r.stateDetail}</span>` : ''}</td>
      <td>${r.health ? html`<span class="badge ${healthClass(r.health)}">${r.health}</span>` : html`<span class="muted">–</span>`}</td>
      <td class="nowrap">${r.startedAt ? html`<span title="${formatDateTime(r.startedAt)}">${startedText(r.startedAt)}</span>` : html`<span class="muted">–</span>`}</td>
      <td class="num">${r.restartCount}</td>
      <td class="num">${r.replicas.filter(x => x.state === 'Running' || x.state === 'Healthy').length}/${r.replicas.length}</td>
      <td>${endpoints(r.urls)}</td>
      <td>
        <div class="actions">
          <a class="button" href="#/console/${encodeURIComponent(r.name)}" title="Console logs">Console</a>
          ${commands(r)}
        </div>
      </td>
    </tr>
    ${expanded ? details(r) : ''}`;
}

// Start or Stop, whichever applies, as Aspire's dashboard does; resources without a process of their own
// (a database inside its server, a parameter) have nothing to start or stop.
function commands(r) {
  if (r.replicas.length === 0) {
    return '';
  }

  const toggle = stopped(r.state)
    ? html`<button class="small" data-command="start" title="Start">▶ Start</button>`
    : html`<button class="small danger" data-command="stop" title="Stop">■ Stop</button>`;
  return html`${toggle}<button class="small" data-command="restart" title="Restart">↻ Restart</button>`;
}

function details(r) {
  return html`
    <tr class="env-row"><td colspan="10">
      <div class="env-grid">
        <div>
          <h4>Replicas</h4>
          <table class="kv plain"><tbody>${r.replicas.map(x => html`
            <tr><td>#${x.index} ${x.instanceId}</td><td><span class="badge ${stateClass(x.state)}">${x.state}</span>${x.processId ? html` · pid ${x.processId}` : ''}${x.exitCode !== null && x.exitCode !== undefined ? html` · exit ${x.exitCode}` : ''} · ${x.restartCount} restarts</td></tr>`)}</tbody></table>
        </div>
        <div>
          <h4>Environment</h4>
          ${r.environment.length === 0 ? html`<p class="muted">None</p>` : html`<table class="kv"><tbody>${r.environment.map(e => html`
            <tr><td>${e.name}</td><td>${e.isSecret ? html`<span class="secret" title="Secret: masked">${e.value}</span>` : e.value}</td></tr>`)}</tbody></table>`}
        </div>
      </div>
    </td></tr>`;
}

export default {
  title: 'Resources',
  mount({ content, toolbar }) {
    const expanded = new Set();
    let items = [];
    let filter = '';

    setHtml(toolbar, html`<input type="search" placeholder="Filter resources  /" data-filter aria-label="Filter resources">`);
    toolbar.querySelector('input').addEventListener('input', e => { filter = e.target.value.toLowerCase(); render(); });

    function render() {
      const shown = items.filter(r => !filter || r.name.toLowerCase().includes(filter) || r.type.toLowerCase().includes(filter));
      if (items.length === 0) {
        setHtml(content, html`<div class="empty"><strong>No resources</strong>The app model declares none yet.</div>`);
        return;
      }
      setHtml(content, html`
        <table class="grid" id="resources">
          <thead><tr><th></th><th>Type</th><th>Name</th><th>State</th><th>Health</th><th>Started</th><th class="num">Restarts</th><th class="num">Replicas</th><th>Endpoints</th><th class="num">Actions</th></tr></thead>
          <tbody>${shown.map(r => row(r, expanded.has(r.name)))}</tbody>
        </table>`);
    }

    async function load() {
      try {
        items = await getJson('/api/resources');
        render();
      } catch (e) {
        if (e.status !== 401) setHtml(content, html`<div class="empty"><strong>Could not load resources</strong>${e.message}</div>`);
      }
    }

    content.addEventListener('click', async e => {
      const tr = e.target.closest('tr[data-name]');
      if (!tr) return;
      const name = tr.dataset.name;
      const button = e.target.closest('button[data-command]');
      if (button) {
        button.disabled = true;
        try {
          await postJson(`/api/resources/${encodeURIComponent(name)}/commands/${button.dataset.command}`);
          toast(`${button.dataset.command} sent to ${name}`);
        } catch (err) {
          toast(err.message, true);
        }
        await load();
        return;
      }
      if (e.target.closest('a')) return;
      if (expanded.has(name)) expanded.delete(name); else expanded.add(name);
      render();
    });
    content.addEventListener('keydown', e => {
      if (e.key === 'Enter' && e.target.matches('tr[data-name]')) e.target.click();
    });

    load();
    return { refresh: changed => { if (changed.resources) load(); } };
  },
};
