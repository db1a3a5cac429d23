// A stacked bar chart of credits per stream per month, one bar a month, streams stacked in the constitution's order.
import type { ReportData } from './build.ts';
import { esc, n, niceTicks, num, shortMonth, streamColours } from './markup.ts';

const W = 960;
const H = 340;
const M = { left: 64, right: 16, top: 22, bottom: 46 };

export function stackedSvg(r: ReportData): string {
  const months = r.value?.months ?? [];
  const streams = r.streams.map((s) => s.id);
  const colours = streamColours(streams);
  const ticks = niceTicks(Math.max(0, ...months.map((m) => m.total)));
  const top = ticks[ticks.length - 1]!;
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const band = plotW / Math.max(1, months.length);
  const bar = Math.min(56, band * 0.7);
  const y = (v: number) => M.top + plotH - (v / top) * plotH;
  const showTotals = months.length <= 18;

  const grid = ticks.map(
    (t) =>
      `<line class="grid" x1="${M.left}" x2="${W - M.right}" y1="${n(y(t))}" y2="${n(y(t))}"/><text class="tick" x="${M.left - 8}" y="${n(y(t) + 4)}" text-anchor="end">${esc(num(t))}</text>`,
  );
  const bars = months.map((m, i) => {
    const x = M.left + band * i + (band - bar) / 2;
    let base = 0;
    const rects = streams.map((s) => {
      const v = m.credits[s] ?? 0;
      const rect = `<rect data-stream="${esc(s)}" data-credits="${v}" x="${n(x)}" y="${n(y(base + v))}" width="${n(bar)}" height="${n(y(base) - y(base + v))}" fill="${colours.get(s)}"><title>${esc(`${s}: ${num(v)} credits`)}</title></rect>`;
      base += v;
      return rect;
    });
    const cx = x + bar / 2;
    const first = i === 0 || m.month.endsWith('-01');
    const labels = [
      `<text class="tick" x="${n(cx)}" y="${H - M.bottom + 16}" text-anchor="middle">${esc(shortMonth(m.month))}</text>`,
      first ? `<text class="tick year" x="${n(cx)}" y="${H - M.bottom + 31}" text-anchor="middle">${m.month.slice(0, 4)}</text>` : '',
      showTotals && m.total > 0 ? `<text class="total" x="${n(cx)}" y="${n(y(m.total) - 5)}" text-anchor="middle">${esc(num(m.total))}</text>` : '',
    ].join('');
    const tip = `${m.month}: ${num(m.total)} credits${streams.map((s) => `\n${s}: ${num(m.credits[s] ?? 0)}`).join('')}`;
    return `<g class="month" data-month="${m.month}" data-total="${m.total}"><title>${esc(tip)}</title>${rects.join('')}${labels}</g>`;
  });
  return [
    `<svg class="chart stacked" data-chart="credits" data-months="${months.length}" viewBox="0 0 ${W} ${H}" role="img" aria-label="Credits per stream per month, ${months.length} months">`,
    ...grid,
    `<line class="axis" x1="${M.left}" x2="${W - M.right}" y1="${n(y(0))}" y2="${n(y(0))}"/>`,
    ...bars,
    '</svg>',
  ].join('\n');
}
