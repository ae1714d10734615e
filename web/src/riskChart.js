// Risk over event time: bars of incidents active per bucket (left axis) and the highest peak risk among them
// (line, right axis, 0..1). Drawn by uPlot, which the build bundles: nothing is fetched from a CDN.
import uPlot from 'uplot';
import { el } from './dom.js';

const INK = '#8b98a9';
const GRID = 'rgba(139,152,169,0.12)';

export function riskChart() {
  const root = el('div', { class: 'chart' });
  const caption = el('div', { class: 'chart-caption dim' });
  let plot = null;
  let last = [[], [], [], []];
  let bucket = 60;

  function options(width) {
    return {
      width,
      height: 200,
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1e3), 'Etc/UTC'),
      legend: { live: true },
      cursor: { points: { size: 6 } },
      scales: { x: { time: true, range: (u, min, max) => [min - bucket / 2, max + bucket / 2] }, n: { range: (u, min, max) => [0, Math.max(4, max * 1.15)] }, risk: { range: [0, 1] } },
      axes: [
        { stroke: INK, grid: { stroke: GRID }, ticks: { stroke: GRID }, values: (u, splits) => splits.map((ts) => axisTime(ts, u)) },
        { scale: 'n', stroke: INK, grid: { stroke: GRID }, ticks: { stroke: GRID }, size: 36, label: 'incidents', labelSize: 14, labelFont: '11px system-ui' },
        { scale: 'risk', side: 1, stroke: INK, grid: { show: false }, size: 36, values: (u, v) => v.map((x) => x.toFixed(1)) },
      ],
      series: [
        { label: 'time (UTC)', value: (u, ts) => (ts == null ? '--' : new Date(ts * 1e3).toISOString().slice(0, 16).replace('T', ' ')) },
        { label: 'active incidents', scale: 'n', fill: 'rgba(77,147,255,0.35)', stroke: '#4d93ff', width: 1,
          paths: uPlot.paths.bars({ size: [0.8, 24] }), points: { show: false } },
        { label: 'opened', scale: 'n', fill: 'rgba(255,176,32,0.55)', stroke: '#ffb020', width: 1,
          paths: uPlot.paths.bars({ size: [0.45, 12] }), points: { show: false } },
        { label: 'max risk', scale: 'risk', stroke: '#ff4d5e', width: 2, spanGaps: false,
          value: (u, v) => (v == null ? '—' : v.toFixed(2)), points: { show: true, size: 4, fill: '#ff4d5e' } },
      ],
    };
  }

  function ensure() {
    const width = Math.max(240, root.clientWidth);
    if (!plot) plot = new uPlot(options(width), last, root);
    else if (plot.width !== width) plot.setSize({ width, height: 200 });
  }

  new ResizeObserver(() => { if (root.isConnected) ensure(); }).observe(root);

  /** @param timeline the `risk_over_time` of GET /api/v1/stats */
  function render(timeline) {
    const points = timeline?.points || [];
    last = [
      points.map((p) => Date.parse(p.start) / 1000),
      points.map((p) => p.active || null), // null, not 0: no zero-height bar marks along the axis
      points.map((p) => p.opened || null),
      points.map((p) => (p.active > 0 ? p.max_risk : null)),
    ];
    bucket = timeline?.bucket_seconds || 60;
    ensure();
    plot.setData(last);
    const minutes = bucket / 60;
    caption.textContent = points.length
      ? `${points.length} buckets of ${minutes >= 60 ? minutes / 60 + ' h' : minutes + ' min'}, by the logs' own event time`
      : 'no incidents yet';
  }

  return { root: el('div', null, root, caption), render };
}

/** 24-hour UTC ticks; with the date when the visible range spans more than a day. */
function axisTime(ts, u) {
  const iso = new Date(ts * 1e3).toISOString();
  const span = u.scales.x.max - u.scales.x.min;
  if (span > 2 * 86400) return iso.slice(5, 10) + (iso.slice(11, 16) === '00:00' ? '' : ' ' + iso.slice(11, 16));
  return iso.slice(11, 16);
}
