// The audit's records against the forge's word: each record's pull request merged as it says, each of its votes cast as it says, each record commit signed by the forge.
import type { Choice, ViolationCode } from '@cooperage/core';
import type { Forge, ForgeVote, PullRequest, Signature, VotesRead } from './forge.ts';

/** A decision record as the audit read it: what it claims, and where it sits in the history. */
export interface ForgeRecord {
  /** Its file, governance/decisions/N.yaml. */
  file: string;
  record: {
    pr: number;
    commits: readonly string[];
    votes: readonly { voter: string; vote: Choice; at: string }[];
  };
  /** The first-parent commit that added it. */
  commit: string;
  /** The first-parent commits it covers, oldest first; a finding about what it claims names the first (the record commit when it covers none). */
  covers: readonly string[];
  /** The forge login of each voter, by handle, from the roll at its base; a handle missing here is its own login, as on the roll. */
  logins: Readonly<Record<string, string>>;
}

/** What the forge does not bear out, as one of the audit's violations. */
export interface ForgeFinding {
  commit: string;
  kind: 'forge.not-merged' | 'forge.merge-commit' | 'forge.vote' | 'forge.unsigned';
  /** The record's file. */
  subject: string;
  reason: string;
  code: ViolationCode;
}

export interface ForgeAuditOptions {
  /** How many records are read from the forge at once: 4 by default. */
  concurrency?: number;
}

/**
 * Reads every record's pull request, its votes (reviews and comments, to the last page) and the
 * signature of its record commit from the forge, and names what the forge does not bear out, in the
 * records' order. A few records are read at a time; a signature is read once per commit. A request the
 * forge refuses or fails is thrown as the forge client threw it.
 */
export async function auditOnForge(forge: Forge, records: readonly ForgeRecord[], options: ForgeAuditOptions = {}): Promise<ForgeFinding[]> {
  const signatures = new Map<string, Promise<Signature>>();
  const signatureOf = (sha: string) => {
    let signature = signatures.get(sha);
    if (signature === undefined) signatures.set(sha, (signature = forge.signature(sha)));
    return signature;
  };
  const found: ForgeFinding[][] = Array.from(records, () => []);
  let next = 0;
  const worker = async () => {
    while (next < records.length) {
      const i = next++;
      found[i] = await checkRecord(forge, records[i]!, signatureOf);
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency ?? 4, records.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return found.flat();
}

async function checkRecord(forge: Forge, input: ForgeRecord, signatureOf: (sha: string) => Promise<Signature>): Promise<ForgeFinding[]> {
  const { file, record } = input;
  const number = record.pr;
  const first = input.covers[0] ?? input.commit;
  const findings: ForgeFinding[] = [];
  const about = (kind: ForgeFinding['kind'], code: ViolationCode, reason: string, commit = first) =>
    findings.push({ commit, kind, subject: file, reason, code });

  const pr = await forge.pullRequest(number);
  const merge = mergeFinding(pr, record.commits);
  if (merge !== undefined) about(merge.kind, merge.code, `${file} records pull request ${number} as decided and landed, but ${merge.why}.`);

  const read = await forge.votes(pr);
  for (const vote of record.votes) {
    const login = input.logins[vote.voter] ?? vote.voter;
    if (read.votes.some((v) => sameVote(v, login, vote))) continue;
    const who = login.toLowerCase() === vote.voter.toLowerCase() ? vote.voter : `${vote.voter} (${login})`;
    about(
      'forge.vote',
      'audit.forge-vote',
      `${file} records a vote the forge does not have: the forge has no ${vote.vote} by ${who} at ${vote.at} on pull request ${number}; ${insteadOf(read, login)}.`,
    );
  }

  const signature = await signatureOf(input.commit);
  if (!signature.verified) {
    about(
      'forge.unsigned',
      'audit.forge-unsigned',
      `The commit that added ${file} is not signed as the forge verifies (${forge.repository} says: ${signature.reason}): the record action commits through the forge, which signs, so this record was committed some other way, such as by hand.`,
      input.commit,
    );
  }
  return findings;
}

/** Whether the pull request landed as the record says: merged, as one of the commits it names. */
function mergeFinding(pr: PullRequest, commits: readonly string[]): { kind: ForgeFinding['kind']; code: ViolationCode; why: string } | undefined {
  if (!pr.merged) {
    return {
      kind: 'forge.not-merged',
      code: 'audit.forge-not-merged',
      why: `the forge has it not merged (${pr.state === 'open' ? 'still open' : 'closed without merging'}: ${pr.url})`,
    };
  }
  const sha = pr.mergeCommitSha?.toLowerCase();
  if (sha !== undefined && commits.some((c) => c.toLowerCase() === sha)) return undefined;
  const named = commits.map((c) => c.slice(0, 7)).join(', ');
  return {
    kind: 'forge.merge-commit',
    code: 'audit.forge-merge-commit',
    why:
      sha === undefined
        ? `the forge gives no commit it merged as, so none of the commits the record names (${named}) is known to be what it landed`
        : `the forge merged it as ${sha}, not as recorded (the record names ${named})`,
  };
}

/** The same vote: the login in any case, the same choice, the same instant to the second. */
function sameVote(cast: ForgeVote, login: string, recorded: { vote: Choice; at: string }): boolean {
  return cast.voter.toLowerCase() === login.toLowerCase() && cast.vote === recorded.vote && second(cast.at) === second(recorded.at);
}

/** An instant to the second; NaN (never equal) when it is not one. */
function second(at: string): number {
  return Math.floor(Date.parse(at) / 1000);
}

/** What the forge has of one login instead: its counted votes, else what it set aside, else nothing. */
function insteadOf(read: VotesRead, login: string): string {
  const key = login.toLowerCase();
  const votes = read.votes.filter((v) => v.voter.toLowerCase() === key);
  if (votes.length > 0) return `it has ${votes.map((v) => `${v.vote} at ${v.at} (${v.source})`).join(', ')} by ${login}`;
  const aside = read.setAside.filter((s) => s.login.toLowerCase() === key);
  if (aside.length > 0) return `it counts no vote by ${login}, and set aside ${aside.map((s) => `a vote at ${s.at} (${s.what})`).join(', ')}`;
  return `it has no vote by ${login} at all`;
}
