// coop tally: decides a pull request from its votes, under every rule coop check says it needs.
import { forbiddenCode } from '@cooperage/core';
import type { CheckResult, Decision } from '@cooperage/core';
import { commonOptions, parse, UsageError } from '../args.ts';
import { formatDiagnostic } from '../format.ts';
import { paint, type IO } from '../io.ts';
import { decidePullRequest, instantFlag, votesFile } from '../decide.ts';
import { mergeNote } from '../open.ts';
import { explainDecision } from '../explain-tally.ts';

export const tallyHelp = `Usage: coop tally [--base REF] --head REF --author LOGIN --votes FILE
                  --opened TIME [--changed TIME] [--now TIME] [--repo DIR] [--json]

Decides a pull request from its votes. It finds the rules the pull request needs
as coop check does (the base's policy; a change to the constitution needs its
rule under the base's constitution and under the head's), then tallies the votes
under each: every one must pass. The roll of voters and the rules' parameters
come from the base: nobody the pull request adds can vote on it. As for coop
check, the changes are those the branch made since it left the base, on the
state that merging it into the base gives.

Options:
  --head REF       the pull request's commit, read from git's object store
  --base REF       the commit it would merge into; without it, the working tree
                   of DIR is the base as it is, uncommitted changes included,
                   and the branch is taken to have left it at its HEAD
  --author LOGIN   the pull request author's forge login
  --votes FILE     a JSON array of {voter, vote, at}: voter a forge login, vote
                   yes, no, abstain or block, at a TIME (below); optional
                   reason (shown for a block), source and url are kept;
                   each voter's latest vote counts; a bad entry is named by
                   its place, counted from 1
  --opened TIME    when the proposal opened
  --changed TIME   when the pull request last changed the governance state; only
                   rules with reset_on_change read it
  --now TIME       the moment to decide at (default: now)
                   Every TIME is ISO 8601 with a date, a time and Z or an offset,
                   such as 2026-11-18T09:00:00Z or 2026-11-18T10:00:00+01:00;
                   a day alone or a time without its zone is refused
  --repo DIR       the project's folder (default: .)
  --json           print {outcome, decides_at, rules, ignored, ...} as JSON
  -h, --help       show this help

Exit codes: 0 passed, 1 failed or blocked (or the state it gives is invalid, it
does not merge cleanly, or a change is forbidden), 2 usage or environment error,
3 pending.
`;

export async function tallyCommand(argv: string[], io: IO): Promise<number> {
  const { values } = parse('tally', argv, {
    ...commonOptions,
    base: { type: 'string' },
    head: { type: 'string' },
    author: { type: 'string' },
    votes: { type: 'string' },
    opened: { type: 'string' },
    changed: { type: 'string' },
    now: { type: 'string' },
  });
  if (values.help) {
    io.stdout(tallyHelp);
    return 0;
  }
  const required = (flag: 'head' | 'author' | 'votes' | 'opened', what: string): string => {
    const value = values[flag]?.trim();
    if (value === undefined || value === '') throw new UsageError(`coop tally: --${flag} is required: ${what}. See \`coop tally --help\`.`);
    return value;
  };
  const headRef = required('head', "the pull request's commit, such as a branch or a commit id");
  const author = required('author', "the pull request author's forge login");
  const file = required('votes', 'a JSON file of the votes, [{voter, vote, at}]');
  const opened = instantFlag('tally', 'opened', required('opened', 'when the proposal opened, such as 2026-11-18T09:00:00Z'));
  const changed = values.changed === undefined ? undefined : instantFlag('tally', 'changed', values.changed);
  const now = values.now === undefined ? io.now().toISOString() : instantFlag('tally', 'now', values.now);

  const votes = votesFile('tally', io, file);
  const { pr, check, decision } = await decidePullRequest('tally', io, {
    repo: values.repo,
    base: values.base,
    head: headRef,
    author,
    votes,
    opened,
    ...(changed === undefined ? {} : { changed }),
    now,
  });
  const { base, head } = pr;

  if (values.json) {
    io.stdout(`${JSON.stringify(toJson(decision, check), null, 2)}\n`);
  } else {
    const p = paint(io);
    const errors = check.errors.map((d) => `${formatDiagnostic(d, 'error', check.texts.get(d.file), p)}\n`).join('');
    const note = mergeNote(pr);
    io.stdout(explainDecision(decision, { base: base.label, head: head.label, author, now, errors, ...(note !== undefined ? { note } : {}) }, p));
  }
  return exitCode(decision);
}

export function exitCode(decision: Decision): number {
  return decision.outcome === 'passed' ? 0 : decision.outcome === 'pending' ? 3 : 1;
}

/** The JSON of docs/commands/tally.md, with what else a reader needs: changes, errors, forbidden changes. */
export function toJson(d: Decision, check: CheckResult) {
  return {
    outcome: d.outcome,
    decides_at: d.decides_at,
    reasons: d.reasons,
    rules: d.rules.map(({ tally: t, under, changes }) => ({
      rule: t.rule,
      outcome: t.outcome,
      yes: t.yes,
      no: t.no,
      abstain: t.abstain,
      block: t.block,
      eligible: t.eligible,
      participation: t.participation,
      reasons: t.reasons,
      decides_at: t.decides_at,
      under,
      method: t.method,
      ...(t.projected ? { projected: t.projected } : {}),
      voted: t.voted,
      ...(t.threshold !== undefined ? { threshold: t.threshold } : {}),
      ...(t.quorum !== undefined ? { quorum: t.quorum } : {}),
      ...(t.needed !== undefined ? { needed: t.needed } : {}),
      ...(t.weights ? { weights: t.weights } : {}),
      min_at: t.min_at,
      closes_at: t.closes_at,
      votes: t.votes,
      waiting: t.waiting,
      aside: t.aside,
      advisory: t.advisory,
      ...(t.error ? { error: t.error } : {}),
      changes: changes.map((c) => ({ kind: c.kind, subject: c.subject ?? null, file: c.file })),
    })),
    ignored: d.ignored,
    requires: check.requires,
    errors: check.errors,
    forbidden: check.forbidden.map((c) => ({ kind: c.kind, subject: c.subject ?? null, file: c.file, code: forbiddenCode(c) })),
  };
}
