// The topic's timeline: uPlot bars per bucket, the group's position and past rewinds as vertical lines, a bucket
// table with data-count attributes; a click (or a dragged selection's start) picks the instant.
import { api, query } from './api.js';
import { $, cell, rows, iso } from './dom.js';

let plot = null;

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

function chart(timeline, pick) {
  const xs = timeline.buckets.map(b => b.start / 1000);
  const ys = timeline.buckets.map(b => b.count);
  const lines = markers(timeline);
  const container = $('chart');
  if (plot) plot.destroy();
  container.replaceChildren();
  if (typeof uPlot === 'undefined') return;
  const opts = {
    width: Math.max(400, container.clientWidth || 800), height: 220,
    scales: { x: { time: true, range: [timeline.from / 1000, timeline.until / 1000] } },
    // the axis in UTC, as every other time on the page (uPlot draws in the browser's zone by default)
    tzDate: ts => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
    series: [{}, { label: 'messages', fill: 'rgba(40,90,200,0.4)', stroke: '#2a5ac8',
      paths: uPlot.paths.bars({ size: [0.9, 100], align: 1 }), points: { show: false } }],
    cursor: { drag: { x: true, y: false, setScale: false } },
    hooks: {
      draw: [u => drawMarkers(u, lines)],
      setSelect: [u => {
        if (u.select.width > 0) pick(Math.round(u.posToVal(u.select.left, 'x') * 1000));
      }],
    },
  };
  plot = new uPlot(opts, [xs, ys], container);
  plot.over.addEventListener('click', () => {
    if (plot.cursor.left >= 0) pick(Math.round(plot.posToVal(plot.cursor.left, 'x') * 1000));
  });
}

export async function loadTimeline(state, range, pick) {
  const params = { topic: state.topic, group: state.group };
  if (range.range) params.range = range.range; else { params.from = range.from; params.until = range.until; }
  const timeline = await api.get('timeline?' + query(params));
  chart(timeline, pick);
  const table = $('buckets');
  table.dataset.total = timeline.total;
  rows(table, timeline.buckets, (row, b) => {
    row.dataset.test = 'bucket';
    row.dataset.start = b.start;
    row.dataset.end = b.end;
    row.dataset.count = b.count;
    cell(row, iso(b.start));
    cell(row, iso(b.end));
    cell(row, b.count);
  });
  const summary = $('timeline-summary');
  summary.dataset.total = timeline.total;
  summary.dataset.from = timeline.from;
  summary.dataset.until = timeline.until;
  const position = (timeline.position || []).filter(p => p.storeTime !== null && p.storeTime !== undefined);
  const oldest = position.length ? Math.min(...position.map(p => p.storeTime)) : null;
  summary.textContent = timeline.total + ' messages from ' + iso(timeline.from) + ' until ' + iso(timeline.until)
    + ' (' + timeline.buckets.length + ' buckets of ' + timeline.bucketMillis + ' ms)'
    + (oldest !== null ? '; group position (oldest queue): ' + iso(oldest) : '')
    + ((timeline.rewinds || []).length ? '; ' + timeline.rewinds.length + ' past rewind(s) marked in red' : '');
  return timeline;
}
