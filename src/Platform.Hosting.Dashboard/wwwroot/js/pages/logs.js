// Structured logs: newest first, filtered by resource, minimum level, text and trace id; details in the side panel.
import { getJson, html, setHtml, query, formatTime, formatDateTime, debounce, serviceChip, throttle, attributeTable } from '../util.js';
import { openPanel } from '../panel.js';
import { resourceOptions, refreshResourceOptions } from './filters.js';

const LEVELS = ['Trace', 'Debug', 'Information', 'Warning', 'Error', 'Critical'];
const EXCEPTION_KEYS = ['exception.type', 'exception.message', 'exception.stacktrace'];

function detail(log) {
  const find = key => log.attributes.find(a => a.key === key)?.value;
  const exception = find('exception.type') || find('exception.stacktrace');
  return html`
    <p><span class="level level-${log.level}">${log.level}</span> · <span class="mono">${formatDateTime(log.timestamp)}</span></p>
    <pre class="stack">${log.message}</pre>
    <h3>Context</h3>
    <table class="kv"><tbody>
      <tr><td>resource</td><td>${log.resource}</td></tr>
      <tr><td>category (scope)</td><td>${log.scope}</td></tr>
      ${log.eventName ? html`<tr><td>event name</td><td>${log.eventName}</td></tr>` : ''}
      <tr><td>trace id</td><td>${log.traceId ? html`<a href="#/traces/${log.traceId}" id="log-trace-link">${log.traceId}</a>` : '–'}</td></tr>
      <tr><td>span id</td><td>${log.spanId ?? '–'}</td></tr>
    </tbody></table>
    ${exception ? html`<h3>Exception</h3><p class="err-text mono">${find('exception.type') ?? ''}: ${find('exception.message') ?? ''}</p>${find('exception.stacktrace') ? html`<pre class="stack">${find('exception.stacktrace')}</pre>` : ''}` : ''}
    <h3>Attributes</h3>
    ${attributeTable(log.attributes.filter(a => !EXCEPTION_KEYS.includes(a.key) && a.key !== '{OriginalFormat}'))}`;
}

export default {
  title: 'Structured logs',
  mount({ content, toolbar, query: initial, setQuery }) {
    const state = {
      resource: initial.get('resource') ?? '',
      level: initial.get('level') ?? '',
      text: initial.get('text') ?? '',
      traceId: initial.get('traceId') ?? '',
    };
    let logs = [];
    let selected = null;

    async function renderToolbar() {
      setHtml(toolbar, html`
        ${state.traceId ? html`<span class="chip">trace ${state.traceId.slice(0, 8)}… <button id="clear-trace" title="Clear the trace filter">✕</button></span>` : ''}
        <select id="log-resource" aria-label="Resource">${await resourceOptions(state.resource)}</select>
        <select id="log-level" aria-label="Minimum level">
          <option value="">All levels</option>
          ${LEVELS.map(l => html`<option value="${l}" ${l === state.level ? 'selected' : ''}>${l}+</option>`)}
        </select>
        <input type="search" id="log-text" placeholder="Filter messages  /" value="${state.text}" data-filter aria-label="Filter messages">`);
      toolbar.querySelector('#log-resource').addEventListener('change', e => update({ resource: e.target.value }));
      toolbar.querySelector('#log-level').addEventListener('change', e => update({ level: e.target.value }));
      toolbar.querySelector('#log-text').addEventListener('input', debounce(e => update({ text: e.target.value }, false), 200));
      toolbar.querySelector('#clear-trace')?.addEventListener('click', () => update({ traceId: '' }));
    }

    function update(changes, redrawToolbar = true) {
      Object.assign(state, changes);
      setQuery(state);
      if (redrawToolbar) renderToolbar();
      load();
    }

    function render(total) {
      if (logs.length === 0) {
        setHtml(content, html`<div class="empty"><strong>No log records${total ? ' match' : ''}</strong>${total ? `${total} stored; loosen the filters.` : 'Services send them over OTLP.'}</div>`);
        return;
      }
      setHtml(content, html`
        <table class="grid" id="logs">
          <thead><tr><th>Time</th><th>Resource</th><th>Level</th><th>Message</th><th>Trace</th></tr></thead>
          <tbody>${logs.map(l => html`
            <tr class="clickable${selected === l.sequence ? ' selected' : ''}" data-seq="${l.sequence}" tabindex="0">
              <td class="nowrap mono">${formatTime(l.timestamp)}</td>
              <td class="nowrap">${serviceChip(l.resourceName)}</td>
              <td class="nowrap"><span class="level level-${l.level}">${l.level}</span></td>
              <td class="msg" title="${l.message}">${l.message}</td>
              <td class="nowrap mono">${l.traceId ? html`<a href="#/traces/${l.traceId}">${l.traceId.slice(0, 8)}</a>` : ''}</td>
            </tr>`)}</tbody>
        </table>
        <p class="count">Showing ${logs.length} of ${total} stored records, newest first.</p>`);
    }

    let ticket = 0;
    async function load() {
      const mine = ++ticket;
      try {
        const result = await getJson(`/api/logs${query({ ...state, limit: 500 })}`);
        if (mine !== ticket) return;
        logs = result.logs;
        render(result.total);
      } catch (e) {
        if (e.status !== 401) setHtml(content, html`<div class="empty"><strong>Could not load logs</strong>${e.message}</div>`);
      }
    }

    function select(sequence) {
      const log = logs.find(l => l.sequence === sequence);
      if (!log) return;
      selected = sequence;
      content.querySelectorAll('tr.selected').forEach(tr => tr.classList.remove('selected'));
      content.querySelector(`tr[data-seq="${sequence}"]`)?.classList.add('selected');
      openPanel(log.message.length > 80 ? `${log.message.slice(0, 80)}…` : log.message, detail(log), () => {
        selected = null;
        content.querySelectorAll('tr.selected').forEach(tr => tr.classList.remove('selected'));
      });
    }

    content.addEventListener('click', e => {
      if (e.target.closest('a')) return;
      const tr = e.target.closest('tr[data-seq]');
      if (tr) select(Number(tr.dataset.seq));
    });
    content.addEventListener('keydown', e => {
      const tr = e.target.closest('tr[data-seq]');
      if (!tr) return;
      if (e.key === 'Enter') select(Number(tr.dataset.seq));
      if (e.key === 'ArrowDown' || e.key === 'j') { e.preventDefault(); tr.nextElementSibling?.focus(); }
      if (e.key === 'ArrowUp' || e.key === 'k') { e.preventDefault(); tr.previousElementSibling?.focus(); }
    });

    renderToolbar();
    load();
    const reload = throttle(() => { refreshResourceOptions(toolbar, '#log-resource', state.resource); load(); }, 1000);
    return { refresh: changed => { if (changed.telemetry) reload(); }, unmount: () => reload.cancel() };
  },
};
