// Traces: newest first, with root span, services, duration, span and error counts; filter by resource and text.
import { getJson, html, setHtml, query, formatTime, formatDuration, debounce, serviceChip, throttle } from '../util.js';
import { resourceOptions, refreshResourceOptions } from './filters.js';

export default {
  title: 'Traces',
  mount({ content, toolbar, query: initial, setQuery }) {
    const state = { resource: initial.get('resource') ?? '', text: initial.get('text') ?? '' };

    async function renderToolbar() {
      setHtml(toolbar, html`
        <select id="trace-resource" aria-label="Resource">${await resourceOptions(state.resource)}</select>
        <input type="search" id="trace-text" placeholder="Filter by span name or trace id  /" value="${state.text}" data-filter aria-label="Filter traces">`);
      toolbar.querySelector('#trace-resource').addEventListener('change', e => update({ resource: e.target.value }));
      toolbar.querySelector('#trace-text').addEventListener('input', debounce(e => update({ text: e.target.value }), 200));
    }

    function update(changes) {
      Object.assign(state, changes);
      setQuery(state);
      load();
    }

    function render(traces, total) {
      if (traces.length === 0) {
        setHtml(content, html`<div class="empty"><strong>No traces${total ? ' match' : ''}</strong>${total ? `${total} stored; loosen the filters.` : 'Services send them over OTLP.'}</div>`);
        return;
      }
      const longest = Math.max(...traces.map(t => t.durationMs), 0.001);
      setHtml(content, html`
        <table class="grid" id="traces">
          <thead><tr><th>Time</th><th>Name</th><th>Services</th><th>Duration</th><th class="num">Spans</th><th class="num">Errors</th></tr></thead>
          <tbody>${traces.map(t => html`
            <tr class="clickable" data-trace="${t.traceId}" tabindex="0">
              <td class="nowrap mono">${formatTime(t.start)}</td>
              <td><a href="#/traces/${t.traceId}" class="trace-link"><strong>${t.rootResource}:</strong> ${t.name}</a> <span class="mono muted">${t.traceId.slice(0, 7)}</span></td>
              <td>${t.services.map(serviceChip)}</td>
              <td class="nowrap duration-cell"><span class="dur-track"><span class="dur-bar" data-width="${Math.max(1, (t.durationMs / longest) * 100).toFixed(1)}"></span></span><span class="mono">${formatDuration(t.durationMs)}</span></td>
              <td class="num">${t.spanCount}</td>
              <td class="num">${t.errorCount ? html`<span class="badge err">${t.errorCount}</span>` : html`<span class="muted">0</span>`}</td>
            </tr>`)}</tbody>
        </table>
        <p class="count">Showing ${traces.length} of ${total} stored traces, newest first.</p>`);
    }

    let ticket = 0;
    async function load() {
      const mine = ++ticket;
      try {
        const result = await getJson(`/api/traces${query({ ...state, limit: 500 })}`);
        if (mine !== ticket) return;
        render(result.traces, result.total);
      } catch (e) {
        if (e.status !== 401) setHtml(content, html`<div class="empty"><strong>Could not load traces</strong>${e.message}</div>`);
      }
    }

    content.addEventListener('click', e => {
      if (e.target.closest('a')) return;
      const tr = e.target.closest('tr[data-trace]');
      if (tr) location.hash = `#/traces/${tr.dataset.trace}`;
    });
    content.addEventListener('keydown', e => {
      const tr = e.target.closest('tr[data-trace]');
      if (!tr) return;
      if (e.key === 'Enter') location.hash = `#/traces/${tr.dataset.trace}`;
      if (e.key === 'ArrowDown' || e.key === 'j') { e.preventDefault(); tr.nextElementSibling?.focus(); }
      if (e.key === 'ArrowUp' || e.key === 'k') { e.preventDefault(); tr.previousElementSibling?.focus(); }
    });

    renderToolbar();
    load();
    const reload = throttle(() => { refreshResourceOptions(toolbar, '#trace-resource', state.resource); load(); }, 1000);
    return { refresh: changed => { if (changed.telemetry) reload(); }, unmount: () => reload.cancel() };
  },
};
