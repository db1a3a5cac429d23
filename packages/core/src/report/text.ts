// The report as plain text for a terminal or a mail: aligned tables, one section after another.
import { formatAmount, monthName } from '../value/index.ts';
import type { ReportData } from './build.ts';
import type { Target } from '../value/index.ts';

/** Columns padded to their widest cell; numbers (cells that look like one) align right. */
export function textTable(rows: string[][], indent = '  '): string {
  if (rows.length === 0) return '';
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  const numeric = (s: string) => /^-?[0-9][0-9,.]*%?$/.test(s) || s === '–';
  return rows
    .map(
      (r) =>
        indent +
        r
          .map((cell, c) => (c > 0 && numeric(cell) ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
          .join('  ')
          .trimEnd(),
    )
    .join('\n');
}

function heading(title: string): string {
  return `\n${title}\n${'─'.repeat(title.length)}\n`;
}

export function amount(n: number): string {
  return formatAmount(n);
}

/** 48 of 50 hours pledged (2 short). */
function targetText(t: Target, what: string): string {
  return `${amount(t.done)} of ${amount(t.amount)} ${t.unit} ${what}${t.short > 0 ? ` (${amount(t.short)} short)` : ''}`;
}

export function renderText(r: ReportData): string {
  const out: string[] = [];
  const title = `${r.name ?? 'Governance'} report, ${monthName(r.months[0]!)} to ${monthName(r.months[r.months.length - 1]!)}`;
  out.push(`${title}\nGenerated ${r.today}${r.currency ? `; 1 credit = 1 ${r.currency}` : ''}.`);
  out.push(`People: ${r.tiers.map((t) => `${t.people} ${t.id}`).join(', ')}.`);

  if (r.value) {
    const v = r.value;
    out.push(heading('Credits per stream per month'));
    out.push(
      textTable([
        ['month', ...r.streams.map((s) => s.id), 'total'],
        ...v.months.map((m) => [m.month, ...r.streams.map((s) => amount(m.credits[s.id] ?? 0)), amount(m.total)]),
        ['total', ...r.streams.map((s) => amount(v.months.reduce((t, m) => t + (m.credits[s.id] ?? 0), 0))), amount(v.totals.period)],
      ]),
    );
    out.push(heading("Each person's credits"));
    out.push('  period: credits in this period; historical: every credit up to its end; paid (divested) by recorded payouts; owed (invested): the rest.\n');
    out.push(
      textTable([
        ['person', 'tier', ...r.streams.map((s) => s.id), 'period', 'historical', 'paid', 'owed'],
        ...v.people.map((p) => [
          p.member,
          p.tier,
          ...r.streams.map((s) => amount(p.period[s.id] ?? 0)),
          amount(p.periodTotal),
          amount(p.historical),
          amount(p.paid),
          amount(p.owed),
        ]),
        [
          'all',
          '',
          ...r.streams.map((s) => amount(v.people.reduce((t, p) => t + (p.period[s.id] ?? 0), 0))),
          amount(v.totals.period),
          amount(v.totals.historical),
          amount(v.totals.paid),
          amount(v.totals.owed),
        ],
      ]),
    );
    out.push(heading('Payouts'));
    out.push(
      v.payouts.length === 0
        ? '  None yet. `coop payout --month YYYY-MM --pool AMOUNT --write` proposes one.'
        : textTable([
            ['proposal', 'month', 'pool', 'paid', 'status'],
            ...v.payouts.map((p) => [
              p.key,
              p.month,
              amount(p.pool),
              amount(p.paid),
              p.status === 'paid' ? `paid (#${p.pr})` : p.status === 'rejected' ? `rejected (#${p.pr})` : 'proposed, not yet recorded',
            ]),
          ]),
    );
  }

  // Without value tracking there are no commitments either, and nothing to say about them.
  if (r.value || r.commitments.length > 0) {
    out.push(heading('Commitments'));
    out.push(r.commitments.length === 0 ? `  ${r.noCommitments ?? 'No pledges or minimums in this period.'}` : commitmentTable(r));
  }

  out.push(heading('The continuum'));
  for (const tier of r.tiers) {
    const people = r.continuum.people.filter((p) => p.tier === tier.id);
    const list = people.map((p) => `${p.member}${p.stage !== undefined ? ` (stage ${p.stage})` : ''}${p.status === 'sabbatical' ? ' (sabbatical)' : ''}`);
    out.push(`  ${tier.label} (${people.length}): ${list.join(', ') || '–'}`);
  }
  out.push('');
  if (r.continuum.suggestions.length === 0) {
    out.push('  No moves suggested.');
  } else {
    out.push('  Suggested moves (never made automatically; a move is a pull request to the member file):');
    for (const s of r.continuum.suggestions)
      out.push(`  - ${s.kind === 'next-stage' ? `${s.member}: stage ${s.stage}` : `${s.member}: ${s.from} → ${s.to}`}. ${s.reason}`);
  }

  out.push(heading('Open proposals'));
  out.push('  Proposals no decision record names yet.\n');
  out.push(
    r.proposals.open.length === 0
      ? '  None.'
      : textTable([['proposal', 'author', 'rule', 'title'], ...r.proposals.open.map((p) => [p.key, p.author, p.decision, p.title])]),
  );

  out.push(heading('Decisions'));
  out.push(
    r.decisions.length === 0
      ? '  No decision recorded in this period.'
      : textTable([
          ['pr', 'decided', 'outcome', 'rules', 'title'],
          ...r.decisions.map((d) => [`#${d.pr}`, d.decidedAt.slice(0, 10), d.outcome, d.rules.join(', ') || 'none', d.title]),
        ]),
  );
  return `${out.join('\n')}\n`;
}

function commitmentTable(r: ReportData): string {
  return textTable([
    ['person', 'quarter', 'status', 'progress', 'streams'],
    ...r.commitments.map((q) => [
      q.member,
      q.quarter,
      q.status === 'open' ? `open (${Math.round(q.elapsed * 100)}% gone)` : q.signed === undefined ? `${q.status}, no pledge` : q.status,
      `${Math.round(q.progress * 100)}%`,
      q.streams
        .map((s) => {
          const parts = [
            s.pledged ? targetText(s.pledged, 'pledged') : undefined,
            s.minimum && (!s.pledged || s.pledged.unit !== s.minimum.unit || s.pledged.amount < s.minimum.amount)
              ? targetText(s.minimum, 'the tier minimum')
              : undefined,
          ].filter(Boolean);
          return `${s.stream}: ${parts.join(', ')}${s.pledgeBelowMinimum ? ' (pledge below the minimum)' : ''}`;
        })
        .join('; '),
    ]),
  ]);
}
