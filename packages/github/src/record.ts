// The record action's work: for each pull request a push merged, its decision record, tallied again at the commit it landed on; the records landed as one commit the forge signs; then the audit of what the push brought.
import {
  audit,
  CoopError,
  decideCheck,
  decisionRecord,
  GOVERNANCE,
  gitSource,
  historicalCredits,
  openRepository,
  renderRecord,
  type AuditResult,
  type CheckResult,
  type Decision,
  type DecisionRecordData,
  type NotRecorded,
  type Repository,
} from '@cooperage/core';
import { MARKER, readMemory } from './comment.ts';
import type { Forge, Issue, PullRequest } from './forge.ts';
import { CONTEXT, changeDigest } from './gate.ts';
import type { Git } from './git.ts';
import { checkCommits, nothingToDecide } from './judge.ts';

/** The label of the one issue the record action keeps open while the audit finds something wrong. */
export const AUDIT_LABEL = 'cooperage-audit';

export interface RecordOptions {
  forge: Forge;
  git: Git;
  /** The project's folder in the checkout of the pushed branch (its whole history). */
  dir: string;
  /** The governed branch: the default branch the push went to. */
  branch: string;
  /** The branch before the push; undefined when the push created it. */
  before: string | undefined;
  /** The branch after the push. */
  after: string;
  /**
   * Commit the records straight on the branch: the token is a GitHub App's on the ruleset's bypass
   * list. Otherwise they go to a temporary branch, get the decision status there, and the branch is
   * fast-forwarded to them, as the ruleset asks of every commit.
   */
  direct?: boolean;
  /** How many times the records are rebuilt on a branch that moved meanwhile (default 5). */
  attempts?: number;
  /** The run's page, linked from the audit's issue. */
  runUrl?: string;
  log?: (line: string) => void;
}

/** What became of one merged pull request's record. */
export interface Recorded {
  pr: number;
  title: string;
  outcome: Decision['outcome'];
  file: string;
  /** written: in the record commit; already: the same record was on the branch; refused: another record was there, kept. */
  action: 'written' | 'already' | 'refused';
  /** Votes not recorded, and why. */
  notRecorded: NotRecorded[];
}

export interface RecordResult {
  recorded: Recorded[];
  /** The record commit that landed, if one did. */
  commit?: string;
  /** How many times the records were rebuilt on a branch that had moved since the push or since the last try. */
  rebuilt: number;
  audit: AuditResult;
  /** The audit's issue, opened or updated when the audit found something wrong. */
  issue?: Issue;
  requests: number;
}

/** Thrown when the records cannot land: a rule refused them, or the branch kept moving. */
export class RecordError extends Error {}

export async function runRecord(options: RecordOptions): Promise<RecordResult> {
  const log = options.log ?? (() => {});
  const drafts = await recordsOf(options, log);
  const { recorded, commit, rebuilt } = await land(options, drafts, log);
  const tip = await options.git.fetchBranch(options.dir, options.branch);
  const result = await auditSince(options, tip, log);
  let issue: Issue | undefined;
  if (!result.ok) {
    const existing = await options.forge.findIssue(AUDIT_LABEL);
    issue = await options.forge.writeIssue(AUDIT_LABEL, 'Cooperage audit: changes landed without a decision', auditIssue(result, existing, options), existing);
    log(`The audit found ${result.violations.length} violation(s): ${issue.url}`);
  }
  return {
    recorded,
    ...(commit !== undefined ? { commit } : {}),
    rebuilt,
    audit: result,
    ...(issue !== undefined ? { issue } : {}),
    requests: options.forge.requests,
  };
}

/**
 * The audit of what the push brought. Before the collective is founded (a repository just made from the
 * template: a constitution and no one under it) there is no history to audit yet, and that is no failure.
 */
async function auditSince(options: RecordOptions, tip: string, log: (line: string) => void): Promise<AuditResult> {
  try {
    return await audit({ repo: openRepository(options.dir), ref: tip, ...(options.before !== undefined ? { since: options.before } : {}) });
  } catch (error) {
    if (!(error instanceof CoopError) || error.code !== 'audit.no-genesis') throw error;
    log('No one has founded the collective yet (no commit has the constitution and a member): nothing to audit.');
    return { ok: true, commits: 0, violations: [], messages: {}, tip, ratified: [] };
  }
}

/** A record to land: its file and text, and what it says. */
interface Draft {
  pr: PullRequest;
  file: string;
  text: string;
  record: DecisionRecordData;
  notRecorded: NotRecorded[];
}

/**
 * The record of each pull request the push merged and that decided something. Its commits are those of
 * the push that the forge associates with it (the merge commit, the squash commit, or each commit of a
 * rebase); its base is the first parent of the first of them, and its changes what the last of them
 * changed from there, the same span `coop audit` checks the record against.
 */
async function recordsOf(options: RecordOptions, log: (line: string) => void): Promise<Draft[]> {
  const { forge, git, dir } = options;
  const landed = await git.landed(dir, options.before, options.after);
  const pulls = new Map<number, { pr: PullRequest; commits: { sha: string; parent: string | undefined }[] }>();
  for (const commit of landed) {
    const files = await git.changedFiles(dir, commit.sha);
    if (files.length > 0 && files.every((f) => f.startsWith(`${GOVERNANCE}/decisions/`))) continue; // a record commit
    for (const pr of await forge.mergedPullRequestsOf(commit.sha, options.branch)) {
      const entry = pulls.get(pr.number) ?? { pr, commits: [] };
      entry.commits.push(commit);
      pulls.set(pr.number, entry);
    }
  }
  const repository = openRepository(dir);
  const drafts: Draft[] = [];
  for (const { pr, commits } of pulls.values()) {
    const first = commits[0];
    const last = commits.at(-1);
    if (first === undefined || last === undefined) continue;
    if (first.parent === undefined) {
      log(`#${pr.number}: its first commit ${first.sha.slice(0, 7)} has no parent to judge it against; not recorded.`);
      continue;
    }
    const file = `${GOVERNANCE}/decisions/${pr.number}.yaml`;
    if ((await readAt(repository, options.after, file)) !== undefined) {
      log(`#${pr.number}: ${file} is already on ${options.branch}.`);
      continue;
    }
    const { check } = await checkCommits(repository, first.parent, last.sha, pr.author);
    if (nothingToDecide(check)) {
      log(`#${pr.number}: changes no governance state and no governed path; nothing to record.`);
      continue;
    }
    drafts.push(
      await draftOf(
        options,
        repository,
        pr,
        check,
        first.parent,
        last.sha,
        commits.map((c) => c.sha),
      ),
    );
  }
  return drafts;
}

/** The record of one pull request, tallied as the gate tallied it: its votes by the merge, from when it opened and when the gate first saw what landed. */
async function draftOf(
  options: RecordOptions,
  repository: Repository,
  pr: PullRequest,
  check: CheckResult,
  base: string,
  landedTip: string,
  commits: string[],
): Promise<Draft> {
  const { forge } = options;
  const decidedAt = pr.mergedAt ?? pr.updatedAt;
  const [read, opened, comment] = await Promise.all([forge.votes(pr), forge.openedAt(pr), forge.findComment(pr.number, MARKER)]);
  const constitution = check.states.base.constitution?.value;
  const resets = check.requires.some((rule) => constitution?.decisions[rule]?.reset_on_change === true);
  let changed: string | undefined;
  if (resets) {
    // When the gate first saw the set of changes that landed; if it never saw that very set (the branch
    // moved under it), the last set it saw; a pull request the gate never saw changed when it opened.
    const seen = readMemory(comment?.body).seen;
    const digest = await changeDigest(check, repository, landedTip);
    changed = seen[digest] ?? Object.values(seen).sort().at(-1) ?? opened;
  }
  const decision = decideCheck(check, {
    votes: read.votes,
    opened,
    ...(changed !== undefined ? { changed } : {}),
    now: decidedAt,
    credits: historicalCredits(check.states.base),
  });
  const { record, not_recorded } = decisionRecord(
    { pr: pr.number, title: pr.title, author: pr.author, base, head: pr.headSha, commits, opened, changed, decidedAt, votes: read.votes },
    check,
    decision,
  );
  return { pr, file: `${GOVERNANCE}/decisions/${pr.number}.yaml`, text: renderRecord(record), record, notRecorded: not_recorded };
}

/**
 * Lands the records as one commit the forge makes (and so signs) on the branch's tip. When the branch
 * moved meanwhile, the records are rebuilt on its new tip, leaving out those already there; the same
 * record already there is done, another record already there is kept and this one refused.
 */
async function land(options: RecordOptions, drafts: Draft[], log: (line: string) => void): Promise<{ recorded: Recorded[]; commit?: string; rebuilt: number }> {
  const { forge, git, dir, branch } = options;
  const attempts = options.attempts ?? 5;
  const recorded = new Map<number, Recorded>();
  const outcome = (d: Draft, action: Recorded['action']): Recorded => ({
    pr: d.pr.number,
    title: d.pr.title,
    outcome: d.record.outcome,
    file: d.file,
    action,
    notRecorded: d.notRecorded,
  });
  let pending = drafts;
  let tip = options.after;
  let rebuilt = 0;
  for (let attempt = 1; pending.length > 0; attempt++) {
    const now = await forge.branchTip(branch);
    if (now === undefined) throw new RecordError(`The branch ${branch} is gone: there is nowhere to land the records.`);
    if (now !== tip) {
      // The branch moved: read what it holds now, and keep only the records it does not hold yet.
      rebuilt++;
      tip = await git.fetchBranch(dir, branch);
      const repository = openRepository(dir);
      const left: Draft[] = [];
      for (const draft of pending) {
        const there = await readAt(repository, tip, draft.file);
        if (there === undefined) left.push(draft);
        else if (there === draft.text) recorded.set(draft.pr.number, outcome(draft, 'already'));
        else {
          log(`#${draft.pr.number}: ${draft.file} already holds another record; records are append-only, so it is kept.`);
          recorded.set(draft.pr.number, outcome(draft, 'refused'));
        }
      }
      pending = left;
      if (pending.length === 0) break;
    }
    if (attempt > attempts)
      throw new RecordError(`${branch} kept moving: the records were rebuilt ${attempts} times and did not land. The next push records them.`);
    const made = await commitRecords(options, pending, tip);
    if (made.ok) {
      for (const draft of pending) recorded.set(draft.pr.number, outcome(draft, 'written'));
      log(`Recorded ${pending.map((d) => `#${d.pr.number} (${d.record.outcome})`).join(', ')} in ${made.sha.slice(0, 7)}.`);
      return { recorded: order(drafts, recorded), commit: made.sha, rebuilt };
    }
    log(`${branch} moved while the records landed; rebuilding them on its new tip.`);
  }
  return { recorded: order(drafts, recorded), rebuilt };
}

function order(drafts: Draft[], recorded: Map<number, Recorded>): Recorded[] {
  return drafts.flatMap((d) => recorded.get(d.pr.number) ?? []);
}

/** One try at landing the records on `tip`: ok, or the branch moved. A refusal by the forge's rules throws. */
async function commitRecords(options: RecordOptions, drafts: Draft[], tip: string): Promise<{ ok: true; sha: string } | { ok: false }> {
  const { forge, branch } = options;
  const files = Object.fromEntries(drafts.map((d) => [d.file, d.text]));
  const numbers = drafts.map((d) => `#${d.pr.number}`).join(', ');
  const headline = `Record the decision${drafts.length > 1 ? 's' : ''} on ${numbers}`;
  const body = [
    ...drafts.map(
      (d) => `${d.file}: #${d.pr.number} "${d.pr.title}", ${d.record.outcome}${d.record.rules.length > 0 ? ` under ${d.record.rules.join(', ')}` : ''}.`,
    ),
    '',
    'Written by the Cooperage record action: this commit adds decision records only.',
  ].join('\n');
  const refused = (message: string) =>
    new RecordError(
      options.direct
        ? `GitHub refused the record commit on ${branch}: ${message}. The token given to the record action must belong to a GitHub App on the ruleset's bypass list; without one, leave the token input out.`
        : `GitHub refused the record commit on ${branch}: ${message}. The ruleset must require the status ${CONTEXT} from GitHub Actions, and nothing else the record action cannot give (docs/forge.md).`,
    );
  if (options.direct) {
    const made = await forge.commitFiles({ branch, expectedTip: tip, headline, body, files });
    if (made.ok) return { ok: true, sha: made.sha };
    if (made.why === 'refused') throw refused(made.message);
    return { ok: false };
  }
  // A temporary branch the ruleset does not govern holds the commit while it gets its status.
  const temporary = `cooperage/record-${tip.slice(0, 12)}`;
  await forge.deleteBranch(temporary); // left by an earlier run that failed midway
  await forge.createBranch(temporary, tip);
  try {
    const made = await forge.commitFiles({ branch: temporary, expectedTip: tip, headline, body, files });
    if (!made.ok) {
      if (made.why === 'refused') throw refused(made.message);
      return { ok: false };
    }
    await forge.setStatus(made.sha, CONTEXT, { state: 'success', description: 'Decision records only: nothing to decide.' });
    const moved = await forge.fastForward(branch, made.sha);
    if (moved.ok) return { ok: true, sha: made.sha };
    if (moved.why === 'refused') throw refused(moved.message);
    return { ok: false };
  } finally {
    await forge.deleteBranch(temporary);
  }
}

/** A file's text at a commit, or undefined when it is not there. */
async function readAt(repository: Repository, commit: string, file: string): Promise<string | undefined> {
  const source = await gitSource(repository, commit, commit.slice(0, 7));
  const read = await source.read(file);
  return read.ok ? new TextDecoder().decode(read.bytes) : undefined;
}

/** The audit's issue: what the push brought that no decision covers, and how the collective puts it right. */
function auditIssue(result: AuditResult, existing: Issue | undefined, options: RecordOptions): string {
  const found = result.violations.map((v) => {
    const message = result.messages[v.commit];
    return `- \`${v.commit.slice(0, 7)}\`${message !== undefined ? ` (${message})` : ''}: ${v.kind}${v.subject !== '' ? ` of ${v.subject}` : ''}: ${v.reason} (\`${v.code}\`)`;
  });
  const section = [
    `### ${options.before === undefined ? 'Up to' : `After ${options.before.slice(0, 7)}, up to`} ${result.tip.slice(0, 7)}`,
    '',
    ...found,
    ...(options.runUrl !== undefined ? ['', `Found by [this run](${options.runUrl}).`] : []),
  ].join('\n');
  const intro = [
    'The Cooperage audit replays the history of the governed branch and found changes to the governance state that no passed decision covers.',
    '',
    'To put each right, ratify it: open a pull request adding a proposal whose `ratifies:` names the commit, decided by the constitution’s rule for ratifications. Once its record lands, the audit counts the commit as decided. Decision records are append-only: a record that was edited or removed is restored as it was. `coop audit` shows the same findings locally; `coop audit --forge github` also checks each recorded vote against GitHub.',
    '',
    'This issue is updated by each run that finds something. Close it once every commit here is ratified.',
  ].join('\n');
  // A re-run finds what it found before: the issue stays as it is. Otherwise the new findings go on top.
  if (existing?.body.includes(section)) return existing.body;
  const earlier = existing === undefined ? [] : existing.body.split('\n### ').slice(1);
  return [`${intro}\n\n${section}`, ...earlier].join('\n\n### ').trimEnd() + '\n';
}
