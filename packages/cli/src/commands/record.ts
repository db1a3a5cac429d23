// coop record: tallies a merged pull request again at its base and writes its decision record, whatever the outcome; never rewrites one.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { decisionRecord, GOVERNANCE, recordDifferences, renderRecord, utcInstant } from '@cooperage/core';
import { commonOptions, parse, UsageError } from '../args.ts';
import { decidePullRequest, instantFlag, votesFile } from '../decide.ts';
import type { IO } from '../io.ts';
import { commitOf, openGit } from '../open.ts';

export const recordHelp = `Usage: coop record --pr N --title TEXT --author LOGIN --base SHA --head SHA
                   --commits SHA[,SHA...] --votes FILE --opened TIME
                   [--changed TIME] --decided-at TIME [--repo DIR] [--json]

Writes the decision record of a merged pull request, governance/decisions/N.yaml
in the working tree of DIR. It tallies the votes again as coop tally does with
--base: the rules and the roll of voters come from the base, the changes are
what the head brings to it, and only votes cast by decided-at count. The record
holds the outcome that tally gives, whatever it is: a record never lies, and a
pull request merged without passing is recorded as it was, for coop audit to
name. Records are append-only: when the file is there with the same record,
nothing is written; when it holds another, it is kept and the command refuses.

Options:
  --pr N           the pull request's number, which names the file
  --title TEXT     the pull request's title
  --author LOGIN   the pull request author's forge login
  --base SHA       the full id of the commit it was judged against (the
                   governed branch before it landed)
  --head SHA       the full id of the pull request's last commit
  --commits SHA,.. the full ids of the commits that landed on the governed
                   branch (the merge or squash commit, or each rebased one)
  --votes FILE     the votes, as for coop tally: a JSON array of {voter, vote,
                   at}, with reason, source (review or comment) and url kept
  --opened TIME    when the proposal opened
  --changed TIME   when the pull request last changed the governance state; only
                   rules with reset_on_change read it
  --decided-at TIME  the moment it was decided (merged): later votes do not count
                   Every TIME is ISO 8601 with a date, a time and Z or an offset,
                   such as 2026-11-18T09:00:00Z; the record keeps it in UTC
  --repo DIR       the project's folder (default: .)
  --json           print {ok, file, written, outcome, record, not_recorded}
                   as JSON (and differs, when it refuses)
  -h, --help       show this help

Exit codes: 0 written, or already there with the same record (whatever the
outcome), 1 another record is already there (kept), 2 usage or environment error.
`;

const SHA = /^[0-9a-f]{40}$/;

export async function recordCommand(argv: string[], io: IO): Promise<number> {
  const { values } = parse('record', argv, {
    ...commonOptions,
    pr: { type: 'string' },
    title: { type: 'string' },
    author: { type: 'string' },
    base: { type: 'string' },
    head: { type: 'string' },
    commits: { type: 'string' },
    votes: { type: 'string' },
    opened: { type: 'string' },
    changed: { type: 'string' },
    'decided-at': { type: 'string' },
  });
  if (values.help) {
    io.stdout(recordHelp);
    return 0;
  }
  type Required = 'pr' | 'title' | 'author' | 'base' | 'head' | 'commits' | 'votes' | 'opened' | 'decided-at';
  const required = (flag: Required, what: string): string => {
    const value = values[flag]?.trim();
    if (value === undefined || value === '') throw new UsageError(`coop record: --${flag} is required: ${what}. See \`coop record --help\`.`);
    return value;
  };
  const prText = required('pr', "the pull request's number");
  if (!/^[1-9][0-9]{0,9}$/.test(prText))
    throw new UsageError(`coop record: --pr "${prText}" is not a pull request's number: give a whole number from 1, such as 42.`);
  const pr = Number(prText);
  const title = required('title', "the pull request's title");
  const author = required('author', "the pull request author's forge login");
  const baseSha = sha('base', required('base', 'the full id of the commit the pull request was judged against'));
  const headSha = sha('head', required('head', "the full id of the pull request's last commit"));
  const commits = [
    ...new Set(
      required('commits', 'the full ids of the commits that landed, separated by commas')
        .split(',')
        .map((c) => c.trim())
        .filter((c) => c !== '')
        .map((c) => sha('commits', c)),
    ),
  ];
  if (commits.length === 0) throw new UsageError('coop record: --commits names no commit: give the full ids of the commits that landed, separated by commas.');
  const file = required('votes', 'a JSON file of the votes, [{voter, vote, at}]');
  const opened = utc(instantFlag('record', 'opened', required('opened', 'when the proposal opened, such as 2026-11-18T09:00:00Z')));
  const changed = values.changed === undefined ? undefined : utc(instantFlag('record', 'changed', values.changed));
  const decidedAt = utc(
    instantFlag('record', 'decided-at', required('decided-at', 'when the pull request was decided (merged), such as 2026-11-21T10:00:00Z')),
  );
  const votes = votesFile('record', io, file);

  const dir = resolve(io.cwd, values.repo);
  const repository = openGit('record', dir);
  for (const commit of commits) await commitOf('record', repository, 'commits', commit);
  const { check, decision } = await decidePullRequest('record', io, {
    repo: values.repo,
    base: baseSha,
    head: headSha,
    author,
    votes,
    opened,
    ...(changed === undefined ? {} : { changed }),
    now: decidedAt,
  });
  const { record, not_recorded: left } = decisionRecord(
    { pr, title, author, base: baseSha, head: headSha, commits, opened, changed, decidedAt, votes },
    check,
    decision,
  );

  const path = `${GOVERNANCE}/decisions/${pr}.yaml`;
  const full = join(dir, path);
  const text = renderRecord(record);
  let existing: string | undefined;
  try {
    existing = readFileSync(full, 'utf8');
  } catch {
    existing = undefined;
  }
  const differs = existing === undefined || existing === text ? [] : recordDifferences(path, existing, record);
  const written = existing === undefined;
  const ok = existing === undefined || differs.length === 0;
  if (written) {
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
  }

  if (values.json) {
    io.stdout(`${JSON.stringify({ ok, file: path, written, outcome: decision.outcome, record, ...(ok ? {} : { differs }), not_recorded: left }, null, 2)}\n`);
  } else {
    const what = `${decision.outcome}${record.rules.length > 0 ? ` under ${record.rules.join(', ')}` : ', no rule needed'}`;
    const lines = [
      written
        ? `Wrote ${path}: pull request ${pr}, ${what}, decided at ${decidedAt}.`
        : ok
          ? `${path} already holds this record (${what}): nothing written.`
          : `${path} already holds another record for pull request ${pr}, and records are append-only: it is kept as it is, nothing written. It differs in ${differs.join(', ')}.`,
      ...left.map((l) => `  Not recorded: ${l.voter}: ${l.reason}.`),
    ];
    if (ok && decision.outcome !== 'passed') {
      lines.push(`The decision did not pass (${decision.outcome}), and the record says so: coop audit names the commits it covers.`);
      for (const reason of [...decision.reasons, ...decision.rules.filter((r) => r.tally.outcome !== 'passed').flatMap((r) => r.tally.reasons)])
        lines.push(`  ${reason}`);
    }
    if (ok) io.stdout(`${lines.join('\n')}\n`);
    else io.stderr(`${lines.join('\n')}\n`);
  }
  return ok ? 0 : 1;
}

/** A full commit id given to `--flag`, lowercased; anything shorter or not hex is refused, as a record keeps full ids. */
function sha(flag: string, value: string): string {
  const id = value.toLowerCase();
  if (!SHA.test(id))
    throw new UsageError(
      `coop record: --${flag} "${value}" is not a full commit id: a record names commits by their 40 hexadecimal digits (git rev-parse gives them).`,
    );
  return id;
}

/** A moment given to a flag, in UTC without milliseconds when there are none, as the tally writes them. */
function utc(iso: string): string {
  return utcInstant(Date.parse(iso));
}
