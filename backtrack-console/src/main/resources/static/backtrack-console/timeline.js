// A topic's timeline: uPlot bars per bucket, the group's position and past rewinds as vertical lines, a bucket
// table with data-count attributes; a click (or a dragged selection's start) picks the instant. The group's page
// shows its topic's (GROUP_TIMELINE), the dead-letter view its dead-letter topic's, each in elements of its own.
import { api, query } from './api.js';
import { $, cell, numCell, rows, iso, num, duration } from './dom.js';

const TIME_AXIS = [[60, 11, 23], [600, 11, 19], [2 * 86400, 11, 16], [Infinity, 5, 16]];

// The ids of a timeline's elements, and what it counts.
export const GROUP_TIMELINE = { chart: 'chart', buckets: 'buckets', summary: 'timeline-summary', noun: 'messages' };

const plots = new Map(); // by the chart's element id

function markers(timeline) {
  const lines = [];
  for (const p of timeline.position || []) {
    if (p.storeTime !== null && p.storeTime !== undefined) {
      lines.push({ at: p.storeTime, color: '#080', label: 'position ' + p.broker + '/' + p.queueId });
    }
  }
  for (const r of timeline.rewinds || []) {
    lines.push({ at: r.timestamp, color: '#b00', label: r.kind + ' by ' + r.actor });
  }
  return lines;
}

function drawMarkers(u, lines) {
  const ctx = u.ctx;
  ctx.save();
  for (const line of lines) {
    const x = Math.round(u.valToPos(line.at / 1000, 'x', true));
    if (x < u.bbox.left || x > u.bbox.left + u.bbox.width) continue;
    ctx.strokeStyle = line.color;
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.moveTo(x, u.bbox.top);
    ctx.lineTo(x, u.bbox.top + u.bbox.height);
    ctx.stroke();
  }
  ctx.restore();
}

// The time axis's labels from the ISO UTC form, as precise as the shown span needs: 04:05:06.789 for under a minute,
// 04:05:06 for under ten, 04:05 for up to two days, 12-07T04:05 beyond.
function timeLabels(u, splits) {
  const span = u.scales.x.max - u.scales.x.min;
  const [, from, to] = TIME_AXIS.find(([limit]) => span < limit);
  return splits.map(s => iso(s * 1000).substring(from, to).replace('T', ' '));
}

function chartWidth(container) {
  return Math.max(400, container.clientWidth || 800);
}

// Follows the window's width (the page is laid out for anything from a laptop up).
export function resizeChart() {
  for (const [id, plot] of plots) {
    const container = $(id);
    if (container.clientWidth) plot.setSize({ width: chartWidth(container), height: 240 });
  }
}

function chart(ids, timeline, pick) {
  const xs = timeline.buckets.map(b => b.start / 1000);
  const ys = timeline.buckets.map(b => b.count);
  const lines = markers(timeline);
  const container = $(ids.chart);
  if (plots.has(ids.chart)) plots.get(ids.chart).destroy();
  plots.delete(ids.chart);
  container.replaceChildren();
  if (typeof uPlot === 'undefined') return;
  const opts = {
    width: chartWidth(container), height: 240,
    scales: { x: { time: true, range: [timeline.from / 1000, timeline.until / 1000] } },
    // the axis in UTC, as every other time on the page (uPlot draws in the browser's zone by default)
    tzDate: ts => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
    axes: [{ values: timeLabels, space: 70 }, { values: (u, splits) => splits.map(num) }],
    series: [{ label: 'time (UTC)', value: (u, v) => v === null ? '–' : iso(v * 1000) }, { label: ids.noun,
      value: (u, v) => v === null ? '–' : num(v), fill: 'rgba(40,90,200,0.4)', stroke: '#2a5ac8',
      paths: uPlot.paths.bars({ size: [0.9, 100], align: 1 }), points: { show: false } }],
    cursor: { drag: { x: true, y: false, setScale: false } },
    hooks: {
      draw: [u => drawMarkers(u, lines)],
      setSelect: [u => {
        if (u.select.width > 0) pick(Math.round(u.posToVal(u.select.left, 'x') * 1000));
      }],
    },
  };
  const plot = new uPlot(opts, [xs, ys], container);
  plots.set(ids.chart, plot);
  plot.over.addEventListener('click', () => {
    if (plot.cursor.left >= 0) pick(Math.round(plot.posToVal(plot.cursor.left, 'x') * 1000));
  });
}

// The timeline of state.topic (with state.group's position and rewinds when it has a group) over the range, shown in
// the elements ids names.
export async function loadTimeline(state, range, pick, ids = GROUP_TIMELINE) {
  const params = { topic: state.topic, group: state.group };
  if (range.range) params.range = range.range; else { params.from = range.from; params.until = range.until; }
  const timeline = await api.get('timeline?' + query(params));
  chart(ids, timeline, pick);
  const table = $(ids.buckets);
  table.dataset.total = timeline.total;
  rows(table, timeline.buckets, (row, b) => {
    row.dataset.test = 'bucket';
    row.dataset.start = b.start;
    row.dataset.end = b.end;
    row.dataset.count = b.count;
    cell(row, iso(b.start)).className = 'time';
    cell(row, iso(b.end)).className = 'time';
    numCell(row, b.count);
  });
  const summary = $(ids.summary);
  summary.dataset.total = timeline.total;
  summary.dataset.from = timeline.from;
  summary.dataset.until = timeline.until;
  const position = (timeline.position || []).filter(p => p.storeTime !== null && p.storeTime !== undefined);
  const oldest = position.length ? Math.min(...position.map(p => p.storeTime)) : null;
  summary.textContent = num(timeline.total) + ' ' + ids.noun + ' from ' + iso(timeline.from) + ' until '
    + iso(timeline.until) + ' (' + timeline.buckets.length + ' buckets of ' + duration(timeline.bucketMillis) + ')'
    + (oldest !== null ? '; group position (oldest queue): ' + iso(oldest) : '')
    + ((timeline.rewinds || []).length ? '; ' + timeline.rewinds.length + ' past rewind(s) marked in red' : '');
  return timeline;
}
