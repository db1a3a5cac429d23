// The radial picture of the membership: one ring per tier, innermost at the centre, each person a labelled dot.
import type { ReportData } from './build.ts';
import { esc, n, tierColour } from './markup.ts';

const SIZE = 640;
const C = SIZE / 2;
const OUTER = 300;
/** Above this many people in a ring, dots go unlabelled (their names stay in each dot's tooltip). */
const MAX_LABELLED = 36;
/** The gap at the top of each ring, in radians, where its tier's name goes. */
const GAP = 0.5;

interface Dot {
  member: string;
  tier: string;
  ring: number;
  x: number;
  y: number;
  r: number;
  angle: number;
  label: boolean;
  note?: string;
  title: string;
  sabbatical: boolean;
  quiet: boolean;
}

/** Band edges, centre outward: the innermost tier gets a disc, the others rings, widest near the centre. */
function edges(tiers: number): number[] {
  return Array.from({ length: tiers + 1 }, (_, k) => OUTER * (k / tiers) ** 0.78);
}

export function radialSvg(r: ReportData): string {
  const tiers = r.tiers;
  const e = edges(Math.max(1, tiers.length));
  const credits = new Map((r.value?.people ?? []).map((p) => [p.member, p.periodTotal]));
  const most = Math.max(1, ...credits.values());
  const dots: Dot[] = [];
  tiers.forEach((tier, k) => {
    const people = r.continuum.people.filter((p) => p.tier === tier.id);
    if (people.length === 0) return;
    const inner = k === 0 ? e[1]! * 0.25 : e[k]! + 6;
    const outer = k === 0 ? e[1]! * 0.8 : e[k + 1]! - 6;
    const labelled = people.length <= MAX_LABELLED;
    // Dot size: by the person's credits in the period, smaller when many share a ring.
    const full = labelled ? 13 : Math.max(1.6, Math.min(7, ((outer - inner) * Math.PI * (inner + outer)) / 2 / people.length / 9));
    const radius = (member: string) => (labelled ? 6 + (full - 6) * Math.sqrt((credits.get(member) ?? 0) / most) : full);
    const rows = layoutRows(people.length, inner, outer, labelled ? 2 * full + 18 : 2 * full + 1.5, labelled);
    let i = 0;
    for (const row of rows) {
      for (let j = 0; j < row.count; j++, i++) {
        const p = people[i]!;
        const span = 2 * Math.PI - GAP;
        // Each ring's dots are shifted by a different fraction of a step, so neighbouring rings do not line up.
        const shift = labelled ? ((k * 0.618) % 1) - 0.5 : (row.index % 2) * 0.5;
        const angle = -Math.PI / 2 + GAP / 2 + span * ((j + 0.5 + shift) / row.count);
        const dotR = radius(p.member);
        const note = p.stage !== undefined ? `stage ${p.stage}` : p.status === 'sabbatical' ? 'sabbatical' : undefined;
        const credit = credits.get(p.member) ?? 0;
        dots.push({
          member: p.member,
          tier: tier.id,
          ring: k,
          x: C + row.radius * Math.cos(angle),
          y: C + row.radius * Math.sin(angle),
          r: dotR,
          angle,
          label: labelled,
          ...(note ? { note } : {}),
          title: `${p.name} (${p.member}): ${tier.label}${note ? `, ${note}` : ''}; since ${p.since}${r.value ? `; ${credit} credits in the period` : ''}${p.lastActive ? `; last work ${p.lastActive}` : ''}`,
          sabbatical: p.status === 'sabbatical',
          quiet: credit === 0,
        });
      }
    }
  });

  const bands = tiers
    .map((tier, k) => {
      const colour = tierColour(k);
      const outer = e[k + 1]!;
      const ring = `<circle cx="${C}" cy="${C}" r="${n(outer)}" fill="${colour}" fill-opacity="${n(0.1 - k * 0.015)}" stroke="${colour}" stroke-opacity="0.35" stroke-width="1"/>`;
      const count = dots.filter((d) => d.ring === k).length;
      const name = `<text class="tier-name" x="${C}" y="${n(C - outer + 15)}" text-anchor="middle" fill="${colour}">${esc(tier.label)} · ${count}</text>`;
      return { ring, name };
    })
    .reverse();

  const people = dots.map((d) => {
    const colour = tierColour(d.ring);
    const fill = d.sabbatical ? '#fff' : colour;
    const dash = d.sabbatical ? ' stroke-dasharray="2 2"' : '';
    const dot = `<circle class="dot" cx="${n(d.x)}" cy="${n(d.y)}" r="${n(d.r)}" fill="${fill}" fill-opacity="${d.quiet && !d.sabbatical ? 0.45 : 1}" stroke="${colour}" stroke-width="${d.sabbatical ? 1.6 : 1}"${dash}/>`;
    let label = '';
    if (d.label) {
      const cos = Math.cos(d.angle);
      const side = Math.abs(cos) < 0.25 ? 'middle' : cos > 0 ? 'start' : 'end';
      const dx = side === 'middle' ? 0 : (d.r + 4) * Math.sign(cos);
      const dy = side === 'middle' ? (Math.sin(d.angle) > 0 ? d.r + 12 : -d.r - (d.note ? 16 : 5)) : 4;
      const x = d.x + dx;
      const y = d.y + dy;
      label = `<text class="label" x="${n(x)}" y="${n(y)}" text-anchor="${side}">${esc(d.member)}${d.note ? `<tspan class="note" x="${n(x)}" dy="11">${esc(d.note)}</tspan>` : ''}</text>`;
    }
    return `<g class="person" data-member="${esc(d.member)}" data-tier="${esc(d.tier)}"><title>${esc(d.title)}</title>${dot}${label}</g>`;
  });

  return [
    `<svg class="chart radial" data-chart="radial" data-members="${dots.length}" viewBox="0 0 ${SIZE} ${SIZE}" role="img" aria-label="The membership: ${dots.length} people in rings from ${esc(tiers[0]?.label ?? '')} outward">`,
    ...bands.map((b) => b.ring),
    ...bands.map((b) => b.name),
    ...people,
    '</svg>',
  ].join('\n');
}

interface Row {
  index: number;
  radius: number;
  count: number;
}

/**
 * Rows of dots across a band: as few as hold everyone at the given spacing, the middle of the band
 * first, people shared out in proportion to each row's length.
 */
function layoutRows(people: number, inner: number, outer: number, spacing: number, single: boolean): Row[] {
  const middle = (inner + outer) / 2;
  if (single) return [{ index: 0, radius: middle, count: people }];
  const step = Math.max(1, spacing * 0.9);
  const radii: number[] = [];
  for (let k = 0; ; k++) {
    const candidates = k === 0 ? [middle] : [middle - k * step, middle + k * step];
    const fitting = candidates.filter((rad) => rad >= inner && rad <= outer);
    if (fitting.length === 0) break;
    radii.push(...fitting);
    const capacity = radii.reduce((s, rad) => s + Math.floor(((2 * Math.PI - GAP) * rad) / spacing), 0);
    if (capacity >= people) break;
  }
  radii.sort((a, b) => a - b);
  const lengths = radii.map((rad) => (2 * Math.PI - GAP) * rad);
  const total = lengths.reduce((s, l) => s + l, 0);
  const counts = lengths.map((l) => Math.floor((people * l) / total));
  let left = people - counts.reduce((s, c) => s + c, 0);
  for (let i = counts.length - 1; left > 0; i = (i - 1 + counts.length) % counts.length, left--) counts[i]! += 1;
  return radii.map((radius, index) => ({ index, radius, count: counts[index]! })).filter((row) => row.count > 0);
}
