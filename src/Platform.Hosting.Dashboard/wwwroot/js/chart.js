// A hand-written SVG line chart: time on x, value on y, nice ticks, a hover read-out. Numbers only reach the SVG markup; labels are escaped.
import { esc, formatNumber, formatTime } from './util.js';

const HEIGHT = 300;
const PAD = { top: 12, right: 16, bottom: 26, left: 56 };

function niceStep(range, count) {
  const raw = range / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const residual = raw / magnitude;
  return (residual > 5 ? 10 : residual > 2 ? 5 : residual > 1 ? 2 : 1) * magnitude;
}

/**
 * Draws lines into `container`. Each line: { label, slot (0–7 colour), points: [{ t, v }] } with v possibly null (a gap).
 */
export function drawChart(container, lines, unit) {
  const width = Math.max(container.clientWidth, 320);
  const all = lines.flatMap(l => l.points.filter(p => p.v !== null && p.v !== undefined));
  if (all.length === 0) {
    container.innerHTML = '<div class="empty">No values in this window yet.</div>';
    return;
  }
  let tMin = Math.min(...all.map(p => p.t));
  let tMax = Math.max(...all.map(p => p.t));
  if (tMax === tMin) { tMin -= 30000; tMax += 30000; }
  let vMin = Math.min(0, ...all.map(p => p.v));
  let vMax = Math.max(...all.map(p => p.v));
  if (vMax === vMin) vMax = vMin + 1;
  const step = niceStep(vMax - vMin, 5);
  vMin = Math.floor(vMin / step) * step;
  vMax = Math.ceil(vMax / step) * step;

  const plotW = width - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const x = t => PAD.left + ((t - tMin) / (tMax - tMin)) * plotW;
  const y = v => PAD.top + (1 - (v - vMin) / (vMax - vMin)) * plotH;

  let svg = `<svg class="chart" viewBox="0 0 ${width} ${HEIGHT}" role="img" aria-label="Chart">`;
  for (let v = vMin; v <= vMax + step / 2; v += step) {
    svg += `<line class="gridline" x1="${PAD.left}" x2="${width - PAD.right}" y1="${y(v)}" y2="${y(v)}"/>`;
    svg += `<text x="${PAD.left - 8}" y="${y(v) + 4}" text-anchor="end">${esc(formatNumber(v))}</text>`;
  }
  const xTicks = Math.max(2, Math.floor(plotW / 130));
  for (let i = 0; i <= xTicks; i++) {
    const t = tMin + ((tMax - tMin) * i) / xTicks;
    const anchor = i === 0 ? 'start' : i === xTicks ? 'end' : 'middle';
    svg += `<text x="${x(t)}" y="${HEIGHT - 8}" text-anchor="${anchor}">${esc(formatTime(t, tMax - tMin < 20000))}</text>`;
  }
  svg += `<line class="axis" x1="${PAD.left}" x2="${width - PAD.right}" y1="${y(vMin)}" y2="${y(vMin)}"/>`;
  for (const line of lines) {
    let d = '';
    let pen = false;
    for (const p of line.points) {
      if (p.v === null || p.v === undefined) { pen = false; continue; }
      d += `${pen ? 'L' : 'M'}${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`;
      pen = true;
    }
    svg += `<path class="line s${line.slot}" d="${d}"/>`;
    const lastPoint = [...line.points].reverse().find(p => p.v !== null && p.v !== undefined);
    if (lastPoint) svg += `<circle class="s${line.slot}" cx="${x(lastPoint.t)}" cy="${y(lastPoint.v)}" r="2.5"/>`;
  }
  svg += `<line class="hover-line" id="hover-line" y1="${PAD.top}" y2="${PAD.top + plotH}" x1="-10" x2="-10"/></svg>`;
  container.innerHTML = svg;

  const tip = document.getElementById('chart-tip') ?? Object.assign(document.createElement('div'), { id: 'chart-tip', className: 'chart-tip', hidden: true });
  document.body.append(tip);
  const element = container.querySelector('svg');
  const hover = element.querySelector('#hover-line');
  element.addEventListener('mousemove', e => {
    const box = element.getBoundingClientRect();
    const t = tMin + (((e.clientX - box.left) * (width / box.width) - PAD.left) / plotW) * (tMax - tMin);
    const rows = lines.map(l => {
      let best = null;
      for (const p of l.points) if (p.v !== null && p.v !== undefined && (best === null || Math.abs(p.t - t) < Math.abs(best.t - t))) best = p;
      return best ? { label: l.label, slot: l.slot, p: best } : null;
    }).filter(Boolean);
    if (rows.length === 0) return;
    const at = rows[0].p.t;
    hover.setAttribute('x1', x(at));
    hover.setAttribute('x2', x(at));
    tip.innerHTML = `<div class="muted">${esc(formatTime(at))}</div>${rows.map(r => `<div><i class="s${r.slot}"></i>${esc(r.label)}: <strong>${esc(formatNumber(r.p.v))}</strong> ${esc(unit ?? '')}</div>`).join('')}`;
    tip.hidden = false;
    tip.style.left = `${e.clientX + 14}px`;
    tip.style.top = `${e.clientY + 14}px`;
  });
  element.addEventListener('mouseleave', () => { tip.hidden = true; hover.setAttribute('x1', -10); hover.setAttribute('x2', -10); });
}
