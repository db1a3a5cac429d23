// coop audit: replays the governed branch's first-parent history and names every change that was not decided as the rules required.
import { resolve } from 'node:path';
import { audit, isCoopError, workingTreeSource, type AuditProgress, type AuditResult, type Violation, type ViolationCode } from '@cooperage/core';
import { commonOptions, parse, UsageError } from '../args.ts';
import { inCommand } from '../errors.ts';
import { forgeFor, forgeFailure, FORGES, verifier, type ForgeRun } from '../forge.ts';
import { plural } from '../format.ts';
import { paint, type IO, type Paint } from '../io.ts';
import { openGit } from '../open.ts';

export const auditHelp = `Usage: coop audit [--ref REF] [--since REV] [--forge github [--repo-slug OWNER/NAME]]
                  [--repo DIR] [--json]

Proves the history of the governed branch. It walks the first-parent history of
REF from the genesis (the first commit with governance/constitution.yaml and a
member under governance/members/: the founders' commit) and
compares each commit with its first parent. Every commit that changes the
governance state must be covered by a decision record (governance/decisions/)
whose commits name it, whose changes are what the commit changed, whose rules
are the ones the policy at its base required, and whose votes, tallied again
under the rules and roll of its base as of its decided_at, pass. A commit that
only adds decision records is the record itself. Records are append-only.

Merge commits, squash merges and rebase merges all read as first-parent
history; a rebase merge's record lists every commit it made, and they are
judged together.

A record names a proposal by its file (file: governance/proposals/0007-x.yaml,
as the record action writes it) or by its number or key as subject ("0007");
coop report reads records the same way.

When the audit fails: a change that landed undecided (a direct push, a record
that was never written, votes that did not pass) is put right by ratifying it.
Open a pull request that adds a proposal naming the commits in full:

  # governance/proposals/0012-ratify-direct-push.yaml
  title: Ratify adding zed, pushed without a pull request
  author: ana
  ratifies: [8795a8f0c4e1d2b3a4f5e6d7c8b9a0f1e2d3c4b5]

It is decided by the constitution's rule for ratifications
(proposals.ratifications; its default rule when it names none). Once its
record lands, the audit counts those commits as decided and says by which
record. Only first-parent commits before that record can be ratified, and
edits or removals of decision records never can: records are append-only.

The history proves what the records say, not that it happened: someone with
write access could push a record with invented votes. --forge github reads
the forge's word too, for every record the audited commits added (with
--since, those added after REV): its pull request must be merged, as one of
the commits the record names; every vote it records must be one GitHub
counts on that pull request (the voter's login on the roll at the record's
base, in any case, the same choice, the same time to the second); and the
commit that added it must be signed as GitHub verifies (the record action
commits through GitHub, which signs). What GitHub does not bear out is a
violation like any other (forge.not-merged, forge.merge-commit, forge.vote,
forge.unsigned), put right by ratification. It costs one request per record's
pull request, one per page of its reviews and of its comments, and one per
record commit's signature, a few records at a time; the count is printed.

Options:
  --ref REF          the tip of the governed branch (default: HEAD)
  --since REV        audit only the commits after REV (a commit of the
                     first-parent history of REF), e.g. the tip the last
                     audit proved
  --forge github     also check every record against the forge (the only
                     one: github). Needs GITHUB_TOKEN, a token that can read
                     the repository (contents: read, pull-requests: read),
                     e.g. GITHUB_TOKEN=$(gh auth token); GITHUB_API_URL is
                     the API's root (default https://api.github.com; a GitHub
                     Enterprise server's https://HOST/api/v3)
  --repo-slug OWNER/NAME
                     the repository on the forge (default: read from the URL
                     of the git remote origin); only with --forge
  --repo DIR         the project's folder (default: .); may be a folder
                     inside a larger git repository
  --json             print {ok, commits, violations:[{commit, kind, subject,
                     reason, code}]} as JSON on stdout, with ratified:[{commit,
                     record, proposal}] when ratifications decided some
                     commits, and forge:{name, repository, requests} with
                     --forge
  -h, --help         show this help

Exit codes: 0 every change was decided, 1 violations, 2 usage or environment
error (not a git repository, a ref that is not a commit, --since off the
history, no genesis; with --forge: no token, a repository that cannot be
named, GitHub refusing the token or failing).
`;

export async function auditCommand(argv: string[], io: IO): Promise<number> {
  const { values } = parse('audit', argv, {
    ...commonOptions,
    ref: { type: 'string' },
    since: { type: 'string' },
    forge: { type: 'string' },
    'repo-slug': { type: 'string' },
  });
  if (values.help) {
    io.stdout(auditHelp);
    return 0;
  }
  for (const flag of ['ref', 'since'] as const) {
    if (values[flag] !== undefined && values[flag].trim() === '') {
      throw new UsageError(`coop audit: --${flag} needs a commit: a branch, a tag, a commit id or HEAD~10. See \`coop audit --help\`.`);
    }
  }
  if (values.forge !== undefined && !(FORGES as readonly string[]).includes(values.forge)) {
    throw new UsageError(`coop audit: --forge "${values.forge}" is not a forge Cooperage reads; the choices: ${FORGES.join(', ')}. See \`coop audit --help\`.`);
  }
  if (values['repo-slug'] !== undefined && values.forge === undefined) {
    throw new UsageError('coop audit: --repo-slug names the repository on a forge, and is read only with --forge github. See `coop audit --help`.');
  }
  const dir = resolve(io.cwd, values.repo);
  workingTreeSource(dir); // the folder must exist, whatever is read from git
  const repository = openGit('audit', dir);
  const ref = values.ref ?? 'HEAD';
  // Everything the forge needs is known before the history is read: a missing token fails at once.
  const forge: ForgeRun | undefined = values.forge === undefined ? undefined : forgeFor(repository, values['repo-slug'], io.env);
  const progress = progressLine(io);
  let result: AuditResult;
  try {
    result = await audit({
      repo: repository,
      ref,
      ...(values.since !== undefined ? { since: values.since } : {}),
      onProgress: progress.update,
      ...(forge !== undefined ? { verify: verifier(forge) } : {}),
    });
  } catch (error) {
    if (forge !== undefined) forgeFailure(error, forge);
    if (isCoopError(error, 'git.unknown-ref')) {
      throw inCommand(error, { command: 'audit', flag: values.since !== undefined && error.data.ref === values.since ? 'since' : 'ref' });
    }
    throw error;
  } finally {
    progress.done();
  }

  if (values.json) {
    const ratified = result.ratified.length > 0 ? { ratified: result.ratified } : {};
    const read = forge !== undefined ? { forge: { name: forge.name, repository: forge.client.repository, requests: forge.client.requests } } : {};
    io.stdout(`${JSON.stringify({ ok: result.ok, commits: result.commits, violations: result.violations, ...ratified, ...read }, null, 2)}\n`);
  } else {
    io.stdout(explain(result, ref, values.since, paint(io)));
    if (forge !== undefined) io.stdout(`${forgeLine(forge)}\n`);
  }
  return result.ok ? 0 : 1;
}

/** What the forge was asked: how many records, and how many requests that took. */
function forgeLine(forge: ForgeRun): string {
  const records = forge.records === 0 ? 'no decision record to check' : `${plural(forge.records, 'decision record')} checked`;
  return `Read from GitHub (${forge.client.repository}): ${records}, ${plural(forge.client.requests, 'request')}.`;
}

/** The violations --forge finds: a record the forge does not bear out. */
const FORGE_CODES: ReadonlySet<ViolationCode> = new Set<ViolationCode>([
  'audit.forge-not-merged',
  'audit.forge-merge-commit',
  'audit.forge-vote',
  'audit.forge-unsigned',
]);

/** The violations grouped by commit, each commit with its short id and subject line, then a summary. */
export function explain(result: AuditResult, ref: string, since: string | undefined, p: Paint): string {
  const from = since !== undefined ? `after ${since}` : result.genesis !== undefined ? `from the genesis ${result.genesis.slice(0, 7)}` : 'from the start';
  const span = `${plural(result.commits, 'commit')} of ${ref} (${result.tip.slice(0, 7)}) audited, ${from}`;
  const ratified = result.ratified
    .map(
      (r) =>
        `${p.green('✓')} ${p.bold(r.commit.slice(0, 7))} ratified by ${r.record} (${r.proposal})${result.messages[r.commit] ? `: ${result.messages[r.commit]}` : ''}\n`,
    )
    .join('');
  if (result.ok) {
    const some = result.ratified.length > 0 ? `, ${plural(result.ratified.length, 'commit')} of them by ratification` : '';
    return `${ratified}${p.green('✓')} ${span}: every change to governance/ was decided by a record that re-tallies to passed${some}.\n`;
  }
  const byCommit = new Map<string, Violation[]>();
  for (const v of result.violations) {
    const list = byCommit.get(v.commit);
    if (list === undefined) byCommit.set(v.commit, [v]);
    else list.push(v);
  }
  const lines: string[] = [];
  for (const [commit, violations] of byCommit) {
    const message = result.messages[commit];
    lines.push(`${p.red('✗')} ${p.bold(commit.slice(0, 7))} ${message ? message : p.dim('(no message)')}`);
    for (const v of violations) lines.push(`    ${p.bold(v.kind)} ${v.subject}: ${v.reason}`);
    lines.push('');
  }
  lines.push(`${p.red('✗')} ${span}: ${plural(result.violations.length, 'violation')} in ${plural(byCommit.size, 'commit')}.`);
  if (result.violations.some((v) => v.kind !== 'decision.update' && v.kind !== 'decision.remove' && !FORGE_CODES.has(v.code))) {
    lines.push(
      "A change that landed undecided can be put right: a proposal with ratifies: [<commit>] decided by the constitution's rule for ratifications (see coop audit --help).",
    );
  }
  if (result.violations.some((v) => FORGE_CODES.has(v.code))) {
    lines.push(
      "A record the forge does not bear out is put right by ratification too: a proposal with ratifies: naming the commits the record covers (for an unsigned record commit, that commit), decided by the constitution's rule for ratifications.",
    );
  }
  return `${ratified}${ratified === '' ? '' : '\n'}${lines.join('\n')}\n`;
}

/** A progress line on stderr for a person watching a long audit; nothing when stderr is not a terminal. */
function progressLine(io: IO): { update: (p: AuditProgress) => void; done: () => void } {
  if (io.stderrIsTTY !== true) return { update: () => {}, done: () => {} };
  let last = 0;
  let shown = false;
  const words: Record<AuditProgress['stage'], string> = {
    history: 'reading the first-parent history',
    commits: 'comparing commits with their parents, checking records',
  };
  return {
    update(p) {
      const now = Date.now();
      if (now - last < 200 && p.done !== p.total) return;
      last = now;
      shown = true;
      io.stderr(`\r\x1b[Kcoop audit: ${words[p.stage]} … ${p.done}${p.total !== undefined ? ` of ${p.total}` : ''}`);
    },
    done() {
      if (shown) io.stderr('\r\x1b[K');
    },
  };
}
