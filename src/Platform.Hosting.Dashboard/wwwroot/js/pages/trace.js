// Trace detail: a waterfall of every span across services, nested by parent, bars placed by start and duration.
import { getJson, html, setHtml, formatDateTime, formatDuration, serviceChip, serviceSlot, throttle, attributeTable } from '../util.js';
import { openPanel } from '../panel.js';

/** Orders spans depth-first (children by start time) and records each span's depth. */
function flatten(spans) {
  const ids = new Set(spans.map(s => s.spanId));
  const children = new Map();
  const roots = [];
  for (const span of spans) {
    if (span.parentSpanId && ids.has(span.parentSpanId)) {
      if (!children.has(span.parentSpanId)) children.set(span.parentSpanId, []);
      children.get(span.parentSpanId).push(span);
    } else {
      roots.push(span);
    }
  }
  const ordered = [];
  const visit = (span, depth) => {
    const kids = (children.get(span.spanId) ?? []).sort((a, b) => a.offsetMs - b.offsetMs);
    ordered.push({ span, depth, childCount: kids.length });
    kids.forEach(k => visit(k, depth + 1));
  };
  roots.sort((a, b) => a.offsetMs - b.offsetMs).forEach(r => visit(r, 0));
  return ordered;
}

function spanDetail(span) {
  return html`
    <p>${serviceChip(span.resourceName)} <span class="muted">${span.kind}</span>
      ${span.status === 'Error' ? html`<span class="badge err">Error</span>` : span.status === 'Ok' ? html`<span class="badge ok">Ok</span>` : ''}</p>
    ${span.statusMessage ? html`<p class="err-text">${span.statusMessage}</p>` : ''}
    <table class="kv"><tbody>
      <tr><td>duration</td><td>${formatDuration(span.durationMs)}</td></tr>
      <tr><td>starts at</td><td>+${formatDuration(span.offsetMs)}</td></tr>
      <tr><td>span id</td><td>${span.spanId}</td></tr>
      <tr><td>parent span id</td><td>${span.parentSpanId ?? '–'}</td></tr>
      <tr><td>resource</td><td>${span.resource}</td></tr>
      <tr><td>scope</td><td>${span.scope}</td></tr>
    </tbody></table>
    <h3>Attributes</h3>
    ${attributeTable(span.attributes)}
    <h3>Events (${span.events.length})</h3>
    ${span.events.length === 0 ? html`<p class="muted">None</p>` : span.events.map(e => html`
      <p><span class="mono muted">+${formatDuration(e.offsetMs)}</span> <strong>${e.name}</strong></p>
      ${e.attributes.length ? attributeTable(e.attributes) : ''}`)}
    ${span.links.length ? html`<h3>Links</h3>${span.links.map(l => html`<p class="mono"><a href="#/traces/${l.traceId}">${l.traceId}</a> / ${l.spanId}</p>`)}` : ''}`;
}

export default {
  title: 'Trace',
  mount({ content, toolbar, segments, setTitle }) {
    const traceId = segments[0];
    let trace = null;
    let selected = null;
    const collapsed = new Set();

    setHtml(toolbar, html`<a href="#/traces">← All traces</a>`);

    function render() {
      const total = Math.max(trace.durationMs, 0.001);
      const rows = [];
      const hidden = new Set();
      for (const item of flatten(trace.spans)) {
        if (item.span.parentSpanId && hidden.has(item.span.parentSpanId)) { hidden.add(item.span.spanId); continue; }
        if (collapsed.has(item.span.spanId)) hidden.add(item.span.spanId);
        rows.push(item);
      }
      const ticks = [0, 0.25, 0.5, 0.75, 1];
      setHtml(content, html`
        <div class="trace-head">
          <div><span class="label">Trace id</span><span class="mono">${trace.traceId}</span></div>
          <div><span class="label">Started</span><span>${formatDateTime(trace.start)}</span></div>
          <div><span class="label">Duration</span><span>${formatDuration(trace.durationMs)}</span></div>
          <div><span class="label">Spans</span><span>${trace.spans.length}</span></div>
          <div><span class="label">Errors</span><span class="${trace.errorCount ? 'err-text' : ''}">${trace.errorCount}</span></div>
          <div><span class="label">Services</span><span>${trace.services.map(serviceChip)}</span></div>
          <div><span class="label">Logs</span><a href="#/logs?traceId=${trace.traceId}">${trace.logCount} structured log${trace.logCount === 1 ? '' : 's'} →</a></div>
        </div>
        <div class="waterfall" id="waterfall">
          <div class="wf-row head"><div class="wf-name">Span</div><div class="wf-track">${ticks.map(t => html`<div class="wf-tick" data-left="${t * 100}"><span>${t === 1 ? '' : formatDuration(total * t)}</span></div>`)}</div></div>
          ${rows.map(({ span, depth, childCount }) => {
            const left = (span.offsetMs / total) * 100;
            const width = Math.max((span.durationMs / total) * 100, 0.2);
            // The duration label goes after the bar, else before it, else inside it: never on top of another bar.
            const place = left + width <= 82 ? 'after' : left >= 12 ? 'before' : 'inside';
            const labelLeft = place === 'after' ? left + width + 0.6 : place === 'before' ? left - 0.6 : left + 0.6;
            return html`
              <div class="wf-row${selected === span.spanId ? ' selected' : ''}" data-span="${span.spanId}" tabindex="0">
                <div class="wf-name" data-indent="${depth}">
                  ${childCount ? html`<button class="small toggle" data-toggle="${span.spanId}" aria-label="Collapse or expand">${collapsed.has(span.spanId) ? '▸' : '▾'}</button>` : html`<span class="muted">·</span>`}
                  ${serviceChip(span.resourceName)}
                  <span class="nm${span.status === 'Error' ? ' err-text' : ''}" title="${span.name}">${span.name}</span>
                </div>
                <div class="wf-track">
                  <div class="wf-bar svc-${serviceSlot(span.resourceName)}${span.status === 'Error' ? ' error' : ''}" data-left="${left.toFixed(3)}" data-width="${width.toFixed(3)}"></div>
                  ${span.events.map(e => html`<div class="wf-event" data-left="${((e.offsetMs / total) * 100).toFixed(3)}" title="${e.name}"></div>`)}
                  <span class="wf-label ${place}" data-left="${labelLeft.toFixed(3)}">${formatDuration(span.durationMs)}</span>
                </div>
              </div>`;
          })}
        </div>`);
    }

    function select(spanId) {
      const span = trace?.spans.find(s => s.spanId === spanId);
      if (!span) return;
      selected = spanId;
      content.querySelectorAll('.wf-row.selected').forEach(r => r.classList.remove('selected'));
      content.querySelector(`.wf-row[data-span="${spanId}"]`)?.classList.add('selected');
      openPanel(span.name, spanDetail(span), () => {
        selected = null;
        content.querySelectorAll('.wf-row.selected').forEach(r => r.classList.remove('selected'));
      });
    }

    async function load() {
      try {
        trace = await getJson(`/api/traces/${encodeURIComponent(traceId)}`);
        setTitle(`Trace: ${trace.name}`);
        document.title = `${trace.name} · Trace`;
        render();
      } catch (e) {
        if (e.status === 404) setHtml(content, html`<div class="empty"><strong>Trace not found</strong>${e.message}</div>`);
        else if (e.status !== 401) setHtml(content, html`<div class="empty"><strong>Could not load the trace</strong>${e.message}</div>`);
      }
    }

    content.addEventListener('click', e => {
      const toggle = e.target.closest('[data-toggle]');
      if (toggle) {
        const id = toggle.dataset.toggle;
        if (collapsed.has(id)) collapsed.delete(id); else collapsed.add(id);
        render();
        return;
      }
      const row = e.target.closest('.wf-row[data-span]');
      if (row) select(row.dataset.span);
    });
    content.addEventListener('keydown', e => {
      const row = e.target.closest('.wf-row[data-span]');
      if (!row) return;
      if (e.key === 'Enter') select(row.dataset.span);
      if (e.key === 'ArrowDown' || e.key === 'j') { e.preventDefault(); row.nextElementSibling?.focus(); }
      if (e.key === 'ArrowUp' || e.key === 'k') { e.preventDefault(); row.previousElementSibling?.focus(); }
    });

    load();
    const reload = throttle(load, 1000);
    return { refresh: changed => { if (changed.telemetry) reload(); }, unmount: () => reload.cancel() };
  },
};
