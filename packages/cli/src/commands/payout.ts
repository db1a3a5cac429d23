// coop payout: a DisCO monthly distribution of a pool to a month's credits, printed, and with --write proposed as a pull request.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import {
  didYouMean,
  buildLedger,
  checkSchema,
  dateOf,
  distribute,
  formatAmount,
  monthName,
  nextProposalNumber,
  paidCredits,
  parseYaml,
  payoutProposalPath,
  payoutProposals,
  payoutProposalText,
  payoutRule,
  textTable,
  type PayoutRule,
  validateState,
  workingTreeSource,
  type Distribution,
  type LoadResult,
  type Proposal,
} from '@cooperage/core';
import { UsageError, commonOptions, parse } from '../args.ts';
import { amountFlag, monthFlag } from '../flags.ts';
import { paint, type IO } from '../io.ts';

import { CliError } from '../errors.ts';
import { loadValid, reportInvalid, requireValue } from '../valid-state.ts';

/** No collective distributes this much in a month; a larger pool is a typo. */
const MAX_POOL = 1_000_000_000;

export const payoutHelp = `Usage: coop payout --month YYYY-MM --pool AMOUNT [--write --author H [--decision RULE]]
                   [--repo DIR] [--json]

A DisCO monthly distribution: the pool is split between the value streams as the
constitution's value.split says (by default 75% to paid streams such as
livelihood, the rest to love and care). Each share pays its streams' credits of
the month; daters' paid work is paid at their dating stage's rate
(value.dating_rates). When a share is short, it pays each person pro rata, and
what a share does not need goes to shares still short, in order. Whatever is
not paid stays owed (invested credits). Payouts already recorded for the month
are taken off first, so a second payout tops up the first.

Without --write it only prints the table. With --write it writes the table as
a proposal, governance/proposals/<NNNN>-payout-<YYYY-MM>.yaml: the distribution
is then decided by pull request, and once the decision is recorded its
payments count as paid (divested) credits.

Options:
  --month YYYY-MM   the month whose credits are paid
  --pool AMOUNT     the money available, in the constitution's currency
  --write           write the proposal file (nothing is written without it)
  --author H        with --write: the member who proposes it (a handle)
  --decision RULE   with --write: the rule its decision field names; without
                    it, the constitution's rule for payouts (proposals.payouts),
                    else consent when the constitution declares it, else the
                    default for proposals. A rule for payouts is required
                    whatever the proposal names
  --repo DIR        the project's folder (default: .)
  --json            print the distribution as JSON on stdout
  -h, --help        show this help

Exit codes: 0 done, 1 the state (or the proposal) does not validate, 2 a bad flag.
`;

export async function payoutCommand(argv: string[], io: IO): Promise<number> {
  const { values } = parse('payout', argv, {
    ...commonOptions,
    month: { type: 'string' },
    pool: { type: 'string' },
    write: { type: 'boolean', default: false },
    author: { type: 'string' },
    decision: { type: 'string' },
  });
  if (values.help) {
    io.stdout(payoutHelp);
    return 0;
  }
  if (values.month === undefined) throw new UsageError('coop payout: --month is missing: give the month whose credits are paid, such as --month 2026-10.');
  if (values.pool === undefined) throw new UsageError('coop payout: --pool is missing: give the money available, such as --pool 4000.');
  const month = monthFlag('payout', 'month', values.month);
  const pool = amountFlag('payout', 'pool', values.pool, {
    min: 0,
    max: MAX_POOL,
    unit: 'units of money',
    example: '4000 or 4000.50',
    what: 'the money available',
  });
  if (!values.write && (values.author !== undefined || values.decision !== undefined)) {
    throw new UsageError(`coop payout: --${values.author !== undefined ? 'author' : 'decision'} only applies with --write, which writes the proposal.`);
  }
  if (values.write && values.author === undefined) {
    throw new UsageError('coop payout: --write needs --author H: the member who proposes the distribution.');
  }

  const dir = resolve(io.cwd, values.repo);
  const { loaded } = await loadValid(io, 'payout', workingTreeSource(dir, `the working tree at ${values.repo}`), values.json);
  const state = loaded.state;
  requireValue('payout', state);
  const thisMonth = dateOf(io.now()).slice(0, 7);
  if (month > thisMonth) throw new UsageError(`coop payout: --month ${month} has not begun (this is ${thisMonth}): pay a month once its work is logged.`);
  const ledger = buildLedger(state);
  if (!ledger.months.includes(month)) {
    const known =
      ledger.months.length === 0
        ? 'No one has logged work yet.'
        : `Months with logged work: ${ledger.months[0]} to ${ledger.months[ledger.months.length - 1]}.`;
    throw new UsageError(`coop payout: --month ${month}: nobody logged work in ${month} (there is no governance/contributions/${month}/). ${known}`);
  }
  const payouts = payoutProposals(state);
  const d = distribute(state, ledger, paidCredits(payouts), month, pool);

  let written: string | undefined;
  let rule: PayoutRule | undefined;
  if (values.write) {
    const author = values.author!;
    if (!state.members.has(author))
      throw new UsageError(`coop payout: --author "${author}" is not a member: there is no governance/members/${author}.yaml. Give your own handle.`);
    const rules = state.constitution!.value.proposals?.rules ?? Object.keys(state.constitution!.value.decisions);
    if (values.decision !== undefined && !rules.includes(values.decision)) {
      throw new UsageError(
        `coop payout: --decision "${values.decision}" is not a rule proposals may choose.${didYouMean(values.decision, rules)} Use one of: ${rules.join(', ')}, or leave it out for the default.`,
      );
    }
    const pending = payouts.find((p) => p.payout.month === month && p.status === 'proposed');
    if (pending) {
      throw new CliError(
        'payout.pending',
        `coop payout: --month ${month}: ${pending.file} already proposes a payout for ${month}, and no decision record names it yet. Decide or withdraw it first; then a new payout tops it up. Nothing was written.`,
        {},
      );
    }
    if (d.due === 0)
      throw new CliError(
        'payout.nothing-due',
        `coop payout: --month ${month}: nothing is due; recorded payouts have paid every credit of ${month} that the split pays. Nothing was written.`,
        {},
      );
    const number = nextProposalNumber(state);
    const file = payoutProposalPath(number, month);
    const command = `coop payout --month ${month} --pool ${values.pool} --write --author ${author}${values.decision ? ` --decision ${values.decision}` : ''}`;
    rule = payoutRule(state.constitution!.value, d, author, values.decision);
    const text = payoutProposalText(d, { author, ...(rule.decision !== undefined ? { decision: rule.decision } : {}), command });
    if (!validWith(io, loaded, file, text, values.json)) return 1;
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text, { flag: 'wx' });
    written = file;
  }

  if (values.json) {
    io.stdout(
      `${JSON.stringify({ ok: true, ...d, ...(written ? { file: written } : {}), ...(rule ? { decision: { named: rule.decision ?? null, needs: rule.needs, why: rule.why } } : {}) }, null, 2)}\n`,
    );
    return 0;
  }
  io.stdout(render(d, paint(io).bold));
  if (written) {
    io.stdout(
      `\n${paint(io).green('✓')} Wrote ${written}. Commit it and open a pull request: the distribution is decided there, and counts as paid once the decision is recorded.\n`,
    );
    io.stdout(`${rule!.why}\n`);
  } else io.stdout('\nNothing was written. Add --write --author H to propose this distribution as a pull request.\n');
  return 0;
}

/** Validates the state with the proposal added; prints the errors and says so when it does not. */
function validWith(io: IO, loaded: LoadResult, file: string, text: string, json: boolean): boolean {
  const parsed = parseYaml(file, text);
  const problems = [...loaded.problems, ...(parsed.ok ? checkSchema('proposal', file, parsed.value) : [parsed.problem])];
  const proposals = new Map(loaded.state.proposals);
  if (parsed.ok) proposals.set(file.slice('governance/proposals/'.length, -'.yaml'.length), { file, text, value: parsed.value as Proposal });
  const result = validateState({ ...loaded.state, proposals }, problems, new Map(loaded.texts).set(file, text));
  if (!result.ok) reportInvalid(io, 'payout', result, json, `the proposal ${file} would not validate (above). Nothing was written.`);
  return result.ok;
}

function render(d: Distribution, bold: (s: string) => string): string {
  const cur = d.currency ? ` ${d.currency}` : '';
  const money = (n: number) => `${formatAmount(n)}${cur}`;
  const lines = [bold(`Payout for ${monthName(d.month)}: a pool of ${money(d.pool)}`), ''];
  for (const s of d.shares) {
    lines.push(
      `  ${s.streams.join(', ')} (${formatAmount(s.share * 100)}%): ${money(s.allotted)} allotted, ${money(s.due)} due, ${money(s.paid)} paid${s.short ? ' (pro rata)' : ''}`,
    );
  }
  lines.push('');
  const rows = [['person', 'stream', 'credits', 'rate', 'earlier', 'due', 'paid', 'owed']];
  for (const p of d.payments) {
    rows.push([
      p.member,
      p.stream,
      formatAmount(p.credits),
      p.rate === 1 ? '1' : `${p.rate} (stage ${p.stage})`,
      formatAmount(p.earlier),
      formatAmount(p.due),
      formatAmount(p.paid),
      formatAmount(p.owed),
    ]);
  }
  lines.push(textTable(rows));
  lines.push('');
  lines.push(
    `In all ${money(d.paid)} paid of ${money(d.due)} due; ${money(d.left)} stays in the pool${d.kept > 0 ? ` (${money(d.kept)} the split gives to no stream)` : ''}.`,
  );
  lines.push(d.covered ? 'Every credit due this month is paid.' : 'The pool is short: what is not paid stays owed (invested credits), for a later payout.');
  for (const note of d.notes) lines.push(`Note: ${note}`);
  return `${lines.join('\n')}\n`;
}
