// Commitment fulfilment per person and quarter as a grid: each cell coloured by how much of the quarter's targets was met.
import type { ReportData } from './build.ts';
import { esc, n, num, progressColour } from './markup.ts';

const CELL_W = 112;
const CELL_H = 34;
const LABEL_W = 176;
const HEAD = 30;

export function fulfilmentSvg(r: ReportData): string {
  const quarters = r.quarters.filter((q) => r.commitments.some((c) => c.quarter === q));
  const members: { member: string; name: string }[] = [];
  for (const c of r.commitments) if (!members.some((m) => m.member === c.member)) members.push({ member: c.member, name: c.name });
  const byKey = new Map(r.commitments.map((c) => [`${c.member}/${c.quarter}`, c]));
  const W = LABEL_W + quarters.length * CELL_W + 8;
  const H = HEAD + members.length * CELL_H + 8;
  const heads = quarters.map(
    (q, j) => `<text class="tick head" x="${n(LABEL_W + j * CELL_W + CELL_W / 2)}" y="${HEAD - 10}" text-anchor="middle">${esc(q)}</text>`,
  );
  const rows = members.map((m, i) => {
    const y = HEAD + i * CELL_H;
    const cells = quarters.map((q, j) => {
      const x = LABEL_W + j * CELL_W;
      const c = byKey.get(`${m.member}/${q}`);
      if (c === undefined)
        return `<rect class="none" x="${x + 2}" y="${y + 2}" width="${CELL_W - 4}" height="${CELL_H - 4}" rx="4"/><text class="none-text" x="${n(x + CELL_W / 2)}" y="${y + CELL_H / 2 + 4}" text-anchor="middle">–</text>`;
      const detail = c.streams
        .map((s) => {
          const t = s.pledged ?? s.minimum!;
          const min = s.minimum && s.pledged ? `; minimum ${num(s.minimum.amount)} ${s.minimum.unit}` : s.minimum ? ' (minimum)' : '';
          return `${s.stream}: ${num(t.done)} of ${num(t.amount)} ${t.unit}${min}`;
        })
        .join('\n');
      const status = c.status === 'open' ? `in progress, ${Math.round(c.elapsed * 100)}% of the quarter gone` : c.status === 'met' ? 'met' : 'short';
      const pct = `${Math.round(c.progress * 100)}%`;
      const open = c.status === 'open';
      return `<g class="cell" data-member="${esc(m.member)}" data-quarter="${esc(q)}" data-status="${c.status}" data-progress="${c.progress}"><title>${esc(`${m.name}, ${q}: ${status}${c.signed ? '' : ' (no pledge; the tier minimum)'}\n${detail}`)}</title><rect x="${x + 2}" y="${y + 2}" width="${CELL_W - 4}" height="${CELL_H - 4}" rx="4" fill="${progressColour(c.progress)}" fill-opacity="${open ? 0.45 : 0.9}"${open ? ' stroke-dasharray="4 3" stroke="#555" stroke-width="1"' : ''}/><text class="cell-text${open ? ' open' : ''}" x="${n(x + CELL_W / 2)}" y="${y + CELL_H / 2 + 4}" text-anchor="middle">${pct}${open ? ' · open' : c.signed ? '' : ' · min'}</text></g>`;
    });
    return `<g class="row" data-member="${esc(m.member)}"><text class="label" x="${LABEL_W - 10}" y="${y + CELL_H / 2 + 4}" text-anchor="end">${esc(m.name)}</text>${cells.join('')}</g>`;
  });
  return [
    `<svg class="chart fulfilment" data-chart="commitments" data-members="${members.length}" data-quarters="${quarters.length}" viewBox="0 0 ${W} ${H}" width="${W}" role="img" aria-label="Commitment fulfilment of ${members.length} people over ${quarters.length} quarters">`,
    ...heads,
    ...rows,
    '</svg>',
  ].join('\n');
}
