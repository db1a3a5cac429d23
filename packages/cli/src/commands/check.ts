// coop check: judges a pull request by what it changes, and says which rules it needs by the base's policy.
import { changeSentence, checkPullRequest, type CheckResult, forbiddenCode, type JudgedChange, requirementSentence } from '@cooperage/core';
import { commonOptions, parse, UsageError } from '../args.ts';
import { formatDiagnostic, plural } from '../format.ts';
import { paint, type IO, type Paint } from '../io.ts';
import { mergeNote, openPullRequest, type PullRequestSources } from '../open.ts';

export const checkHelp = `Usage: coop check [--base REF] --head REF --author LOGIN [--repo DIR] [--json]

Judges a pull request by what it changes in the governance state, not by which
lines moved. It validates the state merging it would give, lists every change
(member added, moved between tiers or removed, commitments, contributions,
proposals, the constitution, governed files such as LICENSE), and applies the
policy of the base's constitution: which rule each change needs, or whether it
is forbidden.

Options:
  --head REF      the pull request's commit (branch, tag, commit id, HEAD~1),
                  read from git's object store; no checkout is made
  --base REF      the commit it would merge into; without it, the working tree
                  of DIR is the base as it is, uncommitted changes included
                  (as in CI, where the target branch is checked out), and the
                  branch is taken to have left it at its HEAD
  --author LOGIN  the pull request author's forge login; matched, ignoring
                  case, against members' github (else their handle) at base
  --repo DIR      the project's folder (default: .); may be a folder inside a
                  larger git repository
  --json          print {ok, errors, changes, requires, forbidden} as JSON
  -h, --help      show this help

A pull request is what its branch changed since it left the base (their merge
base), as a forge shows it: what the base gained since is not the pull
request's. The state validated is the one merging the head into the base gives;
a file both sides changed in the same lines is an error that names it (rebase
or merge the target into the branch). A head that already holds the base, such
as a forge's test merge (refs/pull/N/merge), is judged as it is.

The rules and the roll always come from the base: a pull request is never judged
by rules it introduces, and a change to the constitution must pass under the
base's rules and under its own.

Exit codes: 0 the state it gives is valid and nothing is forbidden (the rules
it needs still have to pass), 1 that state is invalid, the pull request does
not merge cleanly, or a change is forbidden, 2 usage or environment error (a ref
that is not a commit, a folder that is not in git, a clone too shallow to find
where the branch left the base).
`;

export async function checkCommand(argv: string[], io: IO): Promise<number> {
  const { values } = parse('check', argv, { ...commonOptions, base: { type: 'string' }, head: { type: 'string' }, author: { type: 'string' } });
  if (values.help) {
    io.stdout(checkHelp);
    return 0;
  }
  if (values.head === undefined || values.head === '') {
    throw new UsageError(
      "coop check: --head REF is required: the pull request's commit, such as a branch, a commit id or refs/pull/42/head. See `coop check --help`.",
    );
  }
  if (values.author === undefined || values.author.trim() === '') {
    throw new UsageError("coop check: --author LOGIN is required: the pull request author's forge login, such as AnaCosta. See `coop check --help`.");
  }
  const pr = await openPullRequest('check', io, values.repo, values.base, values.head);
  const { base, head } = pr;
  const result = await checkPullRequest({
    base,
    head,
    ...(pr.ancestor ? { ancestor: pr.ancestor } : {}),
    author: values.author.trim(),
    concurrency: pr.concurrency,
  });

  if (values.json) {
    io.stdout(`${JSON.stringify(toJson(result), null, 2)}\n`);
  } else {
    io.stdout(explain(result, pr, paint(io)));
  }
  return result.ok ? 0 : 1;
}

/** The JSON of docs/commands/check.md; each change carries its position, rulings and details besides. */
export function toJson(result: CheckResult) {
  return {
    ok: result.ok,
    errors: result.errors,
    changes: result.changes.map((c) => ({
      kind: c.kind,
      subject: c.subject ?? null,
      file: c.file,
      self: c.self,
      requires: c.requires,
      line: c.line,
      column: c.column,
      forbidden: c.forbidden,
      policy: c.rulings[0]?.policy ?? null,
      rulings: c.rulings,
      ...(c.standsAside ? { stands_aside: c.standsAside } : {}),
      ...(c.login !== undefined ? { login: c.login } : {}),
      ...(c.tier ? { tier: c.tier } : {}),
      ...(c.direction ? { direction: c.direction } : {}),
      ...(c.fields ? { fields: c.fields } : {}),
      ...(c.entry ? { entry: c.entry } : {}),
      ...(c.previous ? { previous: c.previous } : {}),
      ...(c.proposal ? { proposal: c.proposal } : {}),
      ...(c.pr !== undefined ? { pr: c.pr } : {}),
      ...(c.status ? { status: c.status } : {}),
    })),
    requires: result.requires,
    forbidden: result.forbidden.map((c) => ({
      kind: c.kind,
      subject: c.subject ?? null,
      file: c.file,
      line: c.line,
      column: c.column,
      reason: forbiddenReason(c),
      code: forbiddenCode(c),
    })),
  };
}

function forbiddenReason(c: JudgedChange): string {
  const r = c.rulings.find((x) => x.rule === 'forbidden')!;
  if (r.reason !== undefined) return r.reason;
  const by = r.by === 'default' ? 'the default rule' : `policy entry ${r.policy! + 1}`;
  return `${by} of the ${r.under === 'base' ? 'base' : "head's"} constitution forbids it${r.note !== undefined ? `: ${r.note}` : '.'}`;
}

/** The human report: head errors as coop validate prints them, each change in a sentence, then what the pull request needs. */
function explain(result: CheckResult, pr: PullRequestSources, p: Paint): string {
  const joining = result.changes.find((c) => c.kind === 'member.add' && c.self)?.subject;
  const who = result.author.handle ?? joining ?? `@${result.author.login}`;
  const known =
    result.author.handle !== undefined
      ? ` (${result.author.login})`
      : joining !== undefined
        ? ` (${result.author.login}, not yet a member at the base)`
        : ' (not a member at the base)';
  let out = `${p.bold('coop check')}: ${pr.head.label} onto ${pr.base.label}, by ${who}${known}.\n`;
  const note = mergeNote(pr);
  out += note === undefined ? '\n' : `${note}\n\n`;

  for (const d of result.errors) out += `${formatDiagnostic(d, 'error', result.texts.get(d.file), p)}\n`;
  for (const d of result.warnings) out += `${formatDiagnostic(d, 'warning', result.texts.get(d.file), p)}\n`;

  for (const c of result.changes) {
    out += `${p.bold(`${c.file}:${c.line}:${c.column}`)} ${p.cyan(c.kind)}\n`;
    out += `  ${changeSentence(c, who)}.\n`;
    const needs = requirementSentence(c);
    out += `  ${c.forbidden ? p.red(needs) : needs}\n`;
    if (c.standsAside)
      out += `  ${c.standsAside.join(', ')} ${c.standsAside.length === 1 ? 'stands' : 'stand'} aside: the person concerned does not vote on this change.\n`;
    out += '\n';
  }

  const conflicts = result.conflicts.length;
  const invalid = result.errors.length - conflicts;
  if (result.changes.length === 0 && conflicts === 0) out += 'No change to the governance state or to governed files: there is nothing to decide.\n';
  if (conflicts > 0)
    out += `${p.red('✗')} The pull request does not merge cleanly: ${plural(conflicts, 'file')} changed on both sides (above). Rebase or merge the target into your branch, then push again.\n`;
  if (invalid > 0) out += `${p.red('✗')} The state this pull request would give is not valid: ${plural(invalid, 'error')} (above). Fix them and push again.\n`;
  if (result.forbidden.length > 0) {
    out += `${p.red('✗')} ${plural(result.forbidden.length, 'change is', 'changes are')} forbidden: no vote can allow ${result.forbidden.length === 1 ? 'it' : 'them'}. Take ${result.forbidden.length === 1 ? 'it' : 'them'} out of the pull request.\n`;
  }
  if (result.requires.length > 0) {
    out += `This pull request needs ${result.requires.length === 1 ? `${p.bold(result.requires[0]!)} to pass` : `every one of ${result.requires.map((r) => p.bold(r)).join(', ')} to pass`}.\n`;
  } else if (result.ok && result.changes.length > 0) {
    out += `${p.green('✓')} This pull request needs no vote.\n`;
  }
  return out;
}
