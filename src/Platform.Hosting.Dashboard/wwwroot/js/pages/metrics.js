// Metrics: pick a resource, then an instrument; its series are charted over a time window. Histograms chart p50/p90/p99.
import { getJson, html, setHtml, query, formatNumber, throttle } from '../util.js';
import { drawChart } from '../chart.js';
import { resourceOptions } from './filters.js';

const WINDOWS = [['1m', 60e3], ['5m', 300e3], ['15m', 900e3], ['1h', 3600e3], ['all', Infinity]];
const HISTOGRAMS = ['Histogram', 'ExponentialHistogram', 'Summary'];

const seriesLabel = s => (s.attributes.length ? s.attributes.map(a => `${a.key}=${a.value}`).join(', ') : 'no attributes');

export default {
  title: 'Metrics',
  flush: true,
  mount({ content, toolbar, segments, query: initial, setQuery }) {
    let resource = segments[0] ?? '';
    const state = { scope: initial.get('scope') ?? '', name: initial.get('name') ?? '', window: initial.get('window') ?? '5m', series: initial.get('series') ?? '0' };
    let instruments = [];
    // Responses can arrive out of order; only the latest request may draw.
    let ticket = 0;

    setHtml(content, html`<div class="metrics"><nav class="instruments" id="instruments" aria-label="Instruments"></nav><section class="chart-area" id="chart-area"></section></div>`);
    const list = content.querySelector('#instruments');
    const area = content.querySelector('#chart-area');

    const go = () => history.replaceState(null, '', `#/metrics/${encodeURIComponent(resource)}${query(state)}`);

    async function renderToolbar() {
      const options = await resourceOptions(resource);
      setHtml(toolbar, html`
        <select id="metric-resource" aria-label="Resource">${options}</select>
        <select id="metric-window" aria-label="Time window">${WINDOWS.map(([w]) => html`<option value="${w}" ${w === state.window ? 'selected' : ''}>${w === 'all' ? 'All stored' : `Last ${w}`}</option>`)}</select>`);
      const select = toolbar.querySelector('#metric-resource');
      // "All resources" makes no sense for one chart: default to the first resource that sent telemetry.
      select.querySelector('option[value=""]')?.remove();
      if (!resource && select.options.length > 0) { resource = select.options[0].value; go(); }
      select.value = resource;
      select.addEventListener('change', e => { resource = e.target.value; state.name = ''; state.scope = ''; go(); loadInstruments(); });
      toolbar.querySelector('#metric-window').addEventListener('change', e => { state.window = e.target.value; go(); loadSeries(); });
    }

    async function loadInstruments() {
      if (!resource) {
        setHtml(list, '');
        setHtml(area, html`<div class="empty"><strong>No metrics yet</strong>Services send them over OTLP.</div>`);
        return;
      }
      try { instruments = await getJson(`/api/metrics${query({ resource })}`); } catch { return; }
      if (!state.name && instruments.length) { state.scope = instruments[0].scope; state.name = instruments[0].name; go(); }
      const scopes = [...new Set(instruments.map(i => i.scope))];
      setHtml(list, html`${scopes.map(scope => html`
        <h4>${scope || '(no scope)'}</h4>
        ${instruments.filter(i => i.scope === scope).map(i => html`
          <a class="instrument${i.scope === state.scope && i.name === state.name ? ' selected' : ''}" href="#" data-scope="${i.scope}" data-name="${i.name}">
            <div class="nm">${i.name}</div><div class="ty">${i.type}${i.unit ? html` · ${i.unit}` : ''}</div>
          </a>`)}`)}`);
      loadSeries();
    }

    async function loadSeries() {
      const instrument = instruments.find(i => i.scope === state.scope && i.name === state.name);
      if (!instrument) { setHtml(area, html`<div class="empty">Choose an instrument.</div>`); return; }
      let result;
      const mine = ++ticket;
      const windowMs = WINDOWS.find(([w]) => w === state.window)?.[1];
      try { result = await getJson(`/api/metrics/series${query({ resource, scope: state.scope, name: state.name, windowMs: Number.isFinite(windowMs) ? windowMs : '' })}`); } catch (e) {
        setHtml(area, html`<div class="empty"><strong>Could not load the series</strong>${e.message}</div>`);
        return;
      }
      if (mine !== ticket) return;
      const span = WINDOWS.find(([w]) => w === state.window)?.[1] ?? 300e3;
      const newest = Math.max(0, ...result.series.flatMap(s => s.points.map(p => p.t)));
      const inWindow = points => points.filter(p => newest - p.t <= span);
      const isHistogram = HISTOGRAMS.includes(instrument.type);
      const seriesIndex = Math.min(Number(state.series) || 0, Math.max(result.series.length - 1, 0));
      let lines;
      if (isHistogram) {
        const points = inWindow(result.series[seriesIndex]?.points ?? []);
        lines = [['p50', 0], ['p90', 2], ['p99', 3]].map(([key, slot]) => ({ label: key, slot, points: points.map(p => ({ t: p.t, v: p[key] })) }));
      } else {
        lines = result.series.slice(0, 8).map((s, i) => ({ label: seriesLabel(s), slot: i, points: inWindow(s.points).map(p => ({ t: p.t, v: p.v })) }));
      }
      // The newest point may cover an interval with no recordings (null percentiles); show the newest that has values.
      const latest = s => [...s.points].reverse().find(p => (isHistogram ? p.p50 : p.v) !== null) ?? s.points[s.points.length - 1];
      setHtml(area, html`
        <h2>${instrument.name}</h2>
        <p class="desc">${instrument.description || html`<span class="muted">No description</span>`} · ${instrument.type}${instrument.unit ? html` · <span class="mono">${instrument.unit}</span>` : ''}</p>
        ${isHistogram && result.series.length > 1 ? html`<p><select id="metric-series" aria-label="Series">${result.series.map((s, i) => html`<option value="${i}" ${i === seriesIndex ? 'selected' : ''}>${seriesLabel(s)}</option>`)}</select></p>` : ''}
        <div id="chart"></div>
        <div class="legend">${lines.map(l => html`<span><i class="s${l.slot}"></i>${l.label}</span>`)}</div>
        <table class="grid">
          <thead><tr><th>Series</th>${isHistogram ? html`<th class="num">Count</th><th class="num">p50</th><th class="num">p90</th><th class="num">p99</th>` : html`<th class="num">Latest value</th>`}<th class="num">Points</th></tr></thead>
          <tbody>${result.series.map(s => html`<tr><td class="mono">${seriesLabel(s)}</td>${isHistogram
            ? html`<td class="num">${latest(s)?.count ?? '–'}</td><td class="num">${formatNumber(latest(s)?.p50)}</td><td class="num">${formatNumber(latest(s)?.p90)}</td><td class="num">${formatNumber(latest(s)?.p99)}</td>`
            : html`<td class="num">${formatNumber(latest(s)?.v)}</td>`}<td class="num">${s.points.length}</td></tr>`)}</tbody>
        </table>`);
      area.querySelector('#metric-series')?.addEventListener('change', e => { state.series = e.target.value; go(); loadSeries(); });
      drawChart(area.querySelector('#chart'), lines, instrument.unit);
    }

    list.addEventListener('click', e => {
      const link = e.target.closest('a[data-name]');
      if (!link) return;
      e.preventDefault();
      state.scope = link.dataset.scope;
      state.name = link.dataset.name;
      state.series = '0';
      go();
      list.querySelectorAll('.instrument').forEach(a => a.classList.toggle('selected', a === link));
      loadSeries();
    });

    // Telemetry changes several times a second on a busy system; a chart redrawn once a second is plenty.
    const reload = throttle(() => {
      if (!resource) renderToolbar().then(loadInstruments);
      else loadInstruments();
    }, 1000);

    renderToolbar().then(loadInstruments);
    return { refresh: changed => { if (changed.telemetry) reload(); }, unmount: () => reload.cancel() };
  },
};
