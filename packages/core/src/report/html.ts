// The report as one self-contained HTML page: inline styles and SVG drawn here, no scripts, fonts or network.
import { monthName } from '../value/index.ts';
import type { ReportData } from './build.ts';
import { fulfilmentSvg } from './fulfilment.ts';
import { esc, num, progressColour, prose, streamColours, tierColour } from './markup.ts';
import { radialSvg } from './radial.ts';
import { stackedSvg } from './stacked.ts';

/** How many decisions the page lists; the JSON report has them all. */
const RECENT_DECISIONS = 20;
/** Above this many rows, a long table or grid is folded away behind a summary the reader can open. */
const FOLD_ABOVE = 40;

/** Shows `content` as is, or folded in a <details> element (no script needed) when it has many rows. */
function fold(rows: number, summary: string, content: string): string {
  return rows <= FOLD_ABOVE ? content : `<details><summary>${esc(summary)}</summary>${content}</details>`;
}

const STYLE = `
:root { --ink: #1f2a30; --muted: #5d6b73; --line: #dfe5e8; --paper: #f6f4ef; --card: #fff; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--paper); color: var(--ink); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
header { background: #1d4e5f; color: #fff; padding: 28px 40px 24px; }
header h1 { margin: 0 0 4px; font-size: 28px; font-weight: 650; letter-spacing: -0.01em; }
header p { margin: 0; opacity: 0.85; }
main { max-width: 1180px; margin: 0 auto; padding: 24px 32px 48px; }
section { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 20px 24px; margin: 0 0 22px; }
h2 { margin: 0 0 4px; font-size: 19px; }
.lead { margin: 0 0 14px; color: var(--muted); font-size: 14px; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(160px, 1fr)); gap: 14px; margin: 0 0 22px; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 14px 16px; }
.card .big { font-size: 26px; font-weight: 650; line-height: 1.2; }
.card .small { color: var(--muted); font-size: 13px; }
.two { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 24px; align-items: start; }
@media (max-width: 900px) { .two { grid-template-columns: minmax(0, 1fr); } }
svg.chart { display: block; width: 100%; height: auto; font: 12px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
svg.radial { max-width: 640px; margin: 0 auto; }
svg.fulfilment { width: auto; max-width: 100%; }
svg .label { fill: var(--ink); font-size: 12.5px; }
svg .note { fill: var(--muted); font-size: 10.5px; }
svg .tier-name { font-size: 12px; font-weight: 650; letter-spacing: 0.06em; text-transform: uppercase; }
svg .tier-count { fill: var(--muted); font-size: 11px; }
svg .tick { fill: var(--muted); font-size: 11.5px; }
svg .tick.head { font-weight: 600; fill: var(--ink); }
svg .year { font-weight: 600; }
svg .total { fill: var(--ink); font-size: 10.5px; }
svg .grid { stroke: var(--line); stroke-width: 1; }
svg .axis { stroke: #9aa7ad; stroke-width: 1; }
svg .none { fill: #f1f3f4; }
svg .none-text { fill: #b0b8bc; }
svg .cell-text { fill: #fff; font-weight: 650; font-size: 12.5px; }
svg .cell-text.open { fill: var(--ink); }
svg .person:hover .dot { stroke-width: 3; }
.legend { display: flex; flex-wrap: wrap; gap: 6px 18px; margin: 0 0 8px; font-size: 13px; color: var(--muted); }
.legend span::before { content: ""; display: inline-block; width: 11px; height: 11px; border-radius: 3px; margin-right: 6px; vertical-align: -1px; background: var(--c); }
.legend .ring::before { border-radius: 50%; }
.legend .hollow::before { background: #fff; border: 1.5px dashed var(--c); }
.legend .plain::before { display: none; }
table { border-collapse: collapse; width: 100%; font-size: 13.5px; }
th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { color: var(--muted); font-weight: 600; font-size: 12.5px; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tfoot td { font-weight: 650; border-bottom: none; }
.scroll { overflow-x: auto; max-width: 100%; }
.date, .nowrap { white-space: nowrap; }
td.changes { min-width: 14em; }
.bar { position: relative; height: 10px; background: #eef1f2; border-radius: 5px; min-width: 120px; }
.bar i { position: absolute; left: 0; top: 0; bottom: 0; border-radius: 5px; }
.bar b { position: absolute; top: -3px; bottom: -3px; width: 2px; background: var(--ink); }
.bar b.pace { width: 0; background: none; border-left: 2px dotted #8a969c; }
ul.plain { list-style: none; margin: 0; padding: 0; }
ul.plain li { padding: 8px 0; border-bottom: 1px solid var(--line); }
ul.plain li:last-child { border-bottom: none; }
.tag { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 600; background: #eef1f2; color: var(--ink); }
.tag.passed, .tag.paid, .tag.met { background: #dcefe5; color: #24614a; }
.tag.failed, .tag.blocked, .tag.rejected, .tag.short { background: #f8dde1; color: #8c2433; }
.tag.pending, .tag.proposed, .tag.open { background: #fbecd0; color: #7a5312; }
.tag.inward, .tag.next-stage { background: #dcefe5; color: #24614a; }
.tag.outward { background: #e7e3f3; color: #4b3f7a; }
.muted { color: var(--muted); }
table.standing { font-size: 13px; }
table.standing td { padding: 4px 8px; line-height: 1.35; }
table.people td:first-child, table.people th:first-child { position: sticky; left: 0; background: var(--card); }
.proposal h3 { margin: 0 0 2px; font-size: 15.5px; }
.proposal p { margin: 4px 0 0; color: var(--muted); font-size: 13.5px; }
details summary { cursor: pointer; color: #1d4e5f; font-weight: 600; padding: 6px 0; }
footer { color: var(--muted); font-size: 12.5px; text-align: center; padding: 0 0 30px; }
code { font-size: 12.5px; background: #eef1f2; padding: 1px 4px; border-radius: 4px; }
@media (max-width: 600px) {
  header { padding: 20px 16px 18px; }
  header h1 { font-size: 23px; }
  main { padding: 14px 10px 32px; }
  section { padding: 16px 14px; }
  th, td { padding: 5px 7px; }
  /* Pictures drawn for a wide page: larger type in the radial one, which scales down; the others keep a readable size and scroll in their box. */
  svg.radial .label { font-size: 18px; }
  svg.radial .note { font-size: 15px; }
  svg.radial .tier-name { font-size: 16px; }
  svg.radial .tier-count { font-size: 15px; }
  svg.stacked { min-width: 600px; }
  svg.stacked .tick { font-size: 15px; }
  svg.stacked .total { font-size: 13px; }
  svg.fulfilment { max-width: none; }
  .bar { min-width: 56px; }
  table.detail th, table.detail td { padding: 5px 5px; }
  /* The decision log as a list: number, date, outcome and rules on a line, then the title and the changes. */
  table.decisions thead { display: none; }
  table.decisions, table.decisions tbody, table.decisions tr { display: block; }
  table.decisions tr { padding: 8px 0; border-bottom: 1px solid var(--line); }
  table.decisions td { display: inline; border: none; padding: 0 8px 0 0; }
  table.decisions td.title { display: block; padding: 4px 0 0; color: var(--ink); font-weight: 600; }
  table.decisions td.changes { display: block; padding: 2px 0 0; min-width: 0; }
  /* Payouts likewise: the title, then the month, the figures and the status, each named. */
  table.payouts thead { display: none; }
  table.payouts, table.payouts tbody, table.payouts tr { display: block; }
  table.payouts tr { padding: 8px 0; border-bottom: 1px solid var(--line); }
  table.payouts td { display: inline; border: none; padding: 0 10px 0 0; }
  table.payouts td:first-child { display: block; padding: 0 0 4px; }
  table.payouts td[data-label]::before { content: attr(data-label) " "; color: var(--muted); font-size: 12.5px; }
}
`;

export function renderHtml(r: ReportData): string {
  const title = `${r.name ?? 'Governance'} report`;
  const period = `${monthName(r.months[0]!)} to ${monthName(r.months[r.months.length - 1]!)}`;
  const people = r.continuum.people.length;
  const body = [
    `<header><h1>${esc(title)}</h1><p>${esc(period)} · generated <span class="date">${esc(r.today)}</span>${r.currency ? ` · 1 credit = 1 ${esc(r.currency)}` : ''}</p></header>`,
    '<main>',
    cards(r, people),
    membership(r),
    r.value ? value(r) : '',
    r.value || r.commitments.length > 0 ? commitments(r) : '',
    proposals(r),
    decisions(r),
    '</main>',
    `<footer>Made by Cooperage from the files under <code>governance/</code>. Every figure comes from the repository's history of pull requests; nothing here is decided by this page.</footer>`,
  ];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${esc(title)}, ${esc(period)}</title>
<style>${STYLE}</style>
</head>
<body>
${body.filter((s) => s !== '').join('\n')}
</body>
</html>
`;
}

function cards(r: ReportData, people: number): string {
  const list = [
    `<div class="card"><div class="small">People</div><div class="big">${people}</div><div class="small">${r.tiers.map((t) => `${t.people} ${esc(t.label.toLowerCase())}`).join(' · ')}</div></div>`,
  ];
  if (r.value) {
    const v = r.value;
    const perStream = r.streams.map((s) => `${num(streamTotal(r, s.id))} ${esc(s.id)}`).join(' · ');
    list.push(
      `<div class="card"><div class="small">Credits in the period</div><div class="big">${num(v.totals.period)}</div><div class="small">${perStream}</div></div>`,
    );
    list.push(
      `<div class="card"><div class="small">Historical credits</div><div class="big">${num(v.totals.historical)}</div><div class="small">${num(v.totals.paid)} paid · ${num(v.totals.owed)} owed</div></div>`,
    );
  }
  const short = r.commitments.filter((c) => c.status === 'short').length;
  list.push(
    `<div class="card"><div class="small">Commitments</div><div class="big">${r.commitments.filter((c) => c.status === 'met').length}/${r.commitments.length}</div><div class="small">quarters met · ${short} short · ${r.commitments.filter((c) => c.status === 'open').length} open</div></div>`,
  );
  list.push(
    `<div class="card"><div class="small">Open proposals</div><div class="big">${r.proposals.open.length}</div><div class="small">${r.decisions.length} decision${r.decisions.length === 1 ? '' : 's'} recorded in the period</div></div>`,
  );
  return `<div class="cards">${list.join('')}</div>`;
}

/** A stream's credits in the period, as every table and card of the page shows it. */
function streamTotal(r: ReportData, stream: string): number {
  return r.value!.months.reduce((t, m) => t + (m.credits[stream] ?? 0), 0);
}

function membership(r: ReportData): string {
  const legend = r.tiers.map((t, k) => `<span class="ring" style="--c:${tierColour(k)}">${esc(t.label)} (${t.people})</span>`);
  if (r.continuum.people.some((p) => p.status === 'sabbatical')) legend.push(`<span class="ring hollow" style="--c:${tierColour(0)}">on sabbatical</span>`);
  const all = r.continuum.suggestions;
  const kinds = (['inward', 'next-stage', 'outward'] as const)
    .map((k) => [k, all.filter((s) => s.kind === k).length] as const)
    .filter(([, count]) => count > 0);
  const suggestions =
    all.length === 0
      ? '<p class="muted">No moves suggested by the lifecycle.</p>'
      : `${all.length > FOLD_ABOVE ? `<p>${kinds.map(([k, count]) => `<span class="tag ${k}">${count} ${k === 'next-stage' ? 'next stage' : k}</span>`).join(' ')}</p>` : ''}${fold(
          all.length,
          `Show all ${all.length} suggestions`,
          `<ul class="plain">${all
            .map(
              (s) =>
                `<li data-suggestion="${esc(s.kind)}"><span class="tag ${esc(s.kind)}">${s.kind === 'next-stage' ? `stage ${s.stage}` : `${esc(s.kind)}: ${esc(s.to)}`}</span> <strong>${esc(s.member)}</strong><br><span class="muted">${esc(s.reason)}</span></li>`,
            )
            .join('')}</ul>`,
        )}`;
  // A since: after today (validation warns of it) reads as the day it starts, never as negative days.
  const days = (p: ReportData['continuum']['people'][number]) =>
    p.since > r.today ? `<span class="muted" title="since: is after today">from <span class="date">${esc(p.since)}</span></span>` : num(p.daysInTier);
  const standing = `<div class="scroll"><table class="standing"><thead><tr><th>Person</th><th class="n">Days in tier</th><th>Last work</th></tr></thead><tbody>${r.continuum.people
    .map(
      (p) =>
        `<tr data-member="${esc(p.member)}"><td>${esc(p.name)}<br><span class="muted">${esc(p.tier)}${p.stage !== undefined ? ` · stage ${p.stage}` : ''}${p.status === 'sabbatical' ? ' · sabbatical' : ''}</span></td><td class="n">${days(p)}</td><td class="date">${p.lastActive ? esc(p.lastActive) : '<span class="muted">none logged</span>'}</td></tr>`,
    )
    .join('')}</tbody></table></div>`;
  return `<section id="membership"><h2>The membership</h2>
<p class="lead">Everyone on the continuum, from the innermost tier at the centre outward. A dot's size is the person's credits in the period; a pale dot logged none.</p>
<div class="two"><div><div class="legend">${legend.join('')}</div>${radialSvg(r)}</div>
<div><h3>Suggested moves</h3><p class="lead">From the constitution's <code>lifecycle</code>. Suggestions only: a move is a pull request to the person's member file, decided like any other.</p>${suggestions}<h3>Where everyone stands</h3>${fold(r.continuum.people.length, `Show all ${r.continuum.people.length} people`, standing)}</div></div>
</section>`;
}

function value(r: ReportData): string {
  const v = r.value!;
  const colours = streamColours(r.streams.map((s) => s.id));
  const legend = r.streams.map((s) => `<span style="--c:${colours.get(s.id)}">${esc(s.label)}</span>`).join('');
  const head = `<tr><th>Person</th><th>Tier</th>${r.streams.map((s) => `<th class="n">${esc(s.id.charAt(0).toUpperCase() + s.id.slice(1))}</th>`).join('')}<th class="n">Period</th><th class="n">Historical</th><th class="n">Paid</th><th class="n">Owed</th></tr>`;
  const rows = v.people
    .map(
      (p) =>
        `<tr data-member="${esc(p.member)}"><td>${esc(p.name)} <span class="muted">${esc(p.member)}</span></td><td>${esc(p.tier)}</td>${r.streams.map((s) => `<td class="n">${num(p.period[s.id] ?? 0)}</td>`).join('')}<td class="n">${num(p.periodTotal)}</td><td class="n">${num(p.historical)}</td><td class="n">${num(p.paid)}</td><td class="n">${num(p.owed)}</td></tr>`,
    )
    .join('');
  const foot = `<tr><td>All</td><td></td>${r.streams.map((s) => `<td class="n">${num(streamTotal(r, s.id))}</td>`).join('')}<td class="n">${num(v.totals.period)}</td><td class="n">${num(v.totals.historical)}</td><td class="n">${num(v.totals.paid)}</td><td class="n">${num(v.totals.owed)}</td></tr>`;
  const payouts =
    v.payouts.length === 0
      ? '<p class="muted">No payouts proposed yet. <code>coop payout --month YYYY-MM --pool AMOUNT --write</code> proposes one as a pull request.</p>'
      : `<div class="scroll"><table class="payouts"><thead><tr><th>Proposal</th><th>Month</th><th class="n">Pool</th><th class="n">Paid</th><th>Status</th></tr></thead><tbody>${v.payouts
          .map(
            (p) =>
              `<tr><td>${esc(p.title)} <span class="muted">${esc(p.key)}</span></td><td class="date">${esc(p.month)}</td><td class="n" data-label="pool">${num(p.pool)}</td><td class="n" data-label="paid">${num(p.paid)}</td><td><span class="tag ${p.status} date">${p.status === 'proposed' ? 'proposed' : `${p.status} · #${p.pr}`}</span></td></tr>`,
          )
          .join('')}</tbody></table></div>`;
  return `<section id="value"><h2>Value: credits per stream per month</h2>
<p class="lead">Work logged under <code>contributions/</code>, in credits (hours at each stream's rate; credits given directly count as given).</p>
<div class="legend">${legend}</div><div class="scroll">${stackedSvg(r)}</div>
<h3>Each person's credits</h3>
<p class="lead">Period: credits in these months. Historical: every credit up to the period's end. Paid (divested): what recorded payouts paid. Owed (invested): the rest.</p>
${fold(v.people.length, `Show the credits of all ${v.people.length} people`, `<div class="scroll"><table class="people"><thead>${head}</thead><tbody>${rows}</tbody><tfoot>${foot}</tfoot></table></div>`)}
<h3>Payouts</h3>${payouts}
</section>`;
}

function commitments(r: ReportData): string {
  if (r.commitments.length === 0) {
    return `<section id="commitments"><h2>Commitments</h2><p class="muted">${prose(r.noCommitments ?? 'No pledges, and no tier minimums, in this period.')}</p></section>`;
  }
  const latest = [...new Set(r.commitments.map((c) => c.quarter))].sort().pop()!;
  const people = new Set(r.commitments.map((c) => c.member)).size;
  const rows = r.commitments
    .filter((c) => c.quarter === latest)
    .flatMap((c) =>
      c.streams.map((s, i) => {
        const t = s.pledged ?? s.minimum!;
        const share = t.amount === 0 ? 1 : t.done / t.amount;
        const min = s.minimum && s.pledged && s.minimum.unit === s.pledged.unit && s.pledged.amount > 0 ? s.minimum.amount / s.pledged.amount : undefined;
        const bar = `<div class="bar" title="${esc(`${num(t.done)} of ${num(t.amount)} ${t.unit}`)}"><i style="width:${Math.min(100, share * 100).toFixed(1)}%;background:${progressColour(share)}"></i>${min !== undefined && min <= 1 ? `<b style="left:${(min * 100).toFixed(1)}%" title="tier minimum"></b>` : ''}${c.status === 'open' ? `<b class="pace" style="left:${(c.elapsed * 100).toFixed(1)}%" title="${Math.round(c.elapsed * 100)}% of the quarter gone"></b>` : ''}</div>`;
        const target = `<span class="nowrap">${num(t.done)} of ${num(t.amount)}</span> ${t.unit}${s.pledged ? '' : ', the tier minimum'}${s.pledgeBelowMinimum ? ' <span class="tag short">below minimum</span>' : ''}`;
        return `<tr>${i === 0 ? `<td rowspan="${c.streams.length}">${esc(c.name)}<br><span class="tag ${c.status}">${c.status}</span></td>` : ''}<td>${esc(s.stream)}</td><td>${target}</td><td>${bar}</td></tr>`;
      }),
    )
    .join('');
  return `<section id="commitments"><h2>Commitments</h2>
<p class="lead">Each quarter's pledges, and the tier's minimum, against the work logged in that quarter: the share met, averaged over the streams pledged. Dashed cells are quarters still under way; in the bars below, a dotted line marks how much of the quarter has gone, a solid one the tier's minimum.</p>
<div class="legend scale"><span style="--c:${progressColour(0.2)}">far behind</span><span style="--c:${progressColour(0.6)}">partly met</span><span style="--c:${progressColour(1)}">met</span><span class="hollow" style="--c:#555">under way</span><span class="plain">“min”: no pledge, held to the tier's minimum</span></div>
${fold(people, `Show the quarters of all ${people} people`, `<div class="scroll">${fulfilmentSvg(r)}</div>`)}
<h3>${esc(latest)} in detail</h3>
${fold(people, `Show ${latest} for all ${people} people`, `<div class="scroll"><table class="detail"><thead><tr><th>Person</th><th>Stream</th><th>Done</th><th>Progress</th></tr></thead><tbody>${rows}</tbody></table></div>`)}
</section>`;
}

function proposals(r: ReportData): string {
  const open = r.proposals.open;
  const item = (p: ReportData['proposals']['open'][number]) => {
    const summary = p.summary?.split(/\n\s*\n/)[0]?.replace(/\s+/g, ' ');
    const payout = p.payout
      ? ` · pays ${num(p.payout.pool)}${r.currency ? ` ${esc(r.currency)}` : ''} for <span class="date">${esc(p.payout.month)}</span>`
      : '';
    return `<li class="proposal" data-proposal="${esc(p.key)}"><h3>${esc(p.title)}</h3><span class="muted"><code>${esc(p.key)}</code> · by ${esc(p.author)} · decided by <strong class="nowrap">${esc(p.decision)}</strong>${payout}</span>${summary ? `<p>${esc(summary)}</p>` : ''}</li>`;
  };
  const first = open.slice(0, FOLD_ABOVE);
  const rest = open.slice(FOLD_ABOVE);
  const list =
    open.length === 0
      ? '<p class="muted">None.</p>'
      : `<ul class="plain">${first.map(item).join('')}</ul>${rest.length === 0 ? '' : `<details><summary>Show ${rest.length} more</summary><ul class="plain">${rest.map(item).join('')}</ul></details>`}`;
  return `<section id="proposals"><h2>Open proposals</h2>
<p class="lead">Proposals under <code>proposals/</code> that no decision record names yet.</p>${list}
</section>`;
}

function decisions(r: ReportData): string {
  const shown = r.decisions.slice(0, RECENT_DECISIONS);
  const body =
    shown.length === 0
      ? '<p class="muted">No decision recorded in this period. The record action writes one under <code>decisions/</code> each time a governed pull request merges.</p>'
      : `<div class="scroll"><table class="decisions"><thead><tr><th class="n">PR</th><th>Decided</th><th>Outcome</th><th>Rules</th><th>Title</th><th>Changes</th></tr></thead><tbody>${shown
          .map(
            (d) =>
              `<tr data-pr="${d.pr}"><td class="n">#${d.pr}</td><td class="date">${esc(d.decidedAt.slice(0, 10))}</td><td><span class="tag ${d.outcome}">${d.outcome}</span></td><td>${esc(d.rules.join(', ') || 'none')}</td><td class="title">${esc(d.title)}</td><td class="muted changes">${d.inWords.map(esc).join('<br>')}</td></tr>`,
          )
          .join(
            '',
          )}</tbody></table></div>${r.decisions.length > shown.length ? `<p class="muted">And ${r.decisions.length - shown.length} earlier; the JSON report lists them all.</p>` : ''}`;
  return `<section id="decisions"><h2>Recent decisions</h2>${body}</section>`;
}
