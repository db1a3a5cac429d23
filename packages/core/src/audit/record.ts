// A decision record as coop record and the record action write it: the record of a decided pull request, its YAML text, and how another record differs from it.
import { parseInstant, utcInstant } from '../common/index.ts';
import type { CheckResult } from '../change/index.ts';
import { parseYaml } from '../load/index.ts';
import { rollOf, type Decision, type Vote } from '../vote/index.ts';

/** A recorded change, as schemas/decision.schema.json has it. */
interface RecordChange {
  kind: string;
  subject?: string;
  file: string;
}

/** A recorded vote: the voter's handle on the roll at base, in UTC. */
interface RecordVote {
  voter: string;
  vote: string;
  at: string;
  source?: string;
  url?: string;
  reason?: string;
}

/** A decision record in the key order it is written in. */
export interface DecisionRecordData {
  pr: number;
  title: string;
  author: string;
  base: string;
  head: string;
  commits: string[];
  changes: RecordChange[];
  rules: string[];
  opened: string;
  changed?: string;
  eligible: string[];
  votes: RecordVote[];
  outcome: Decision['outcome'];
  decided_at: string;
}

/** A vote left out of the record, and why. */
export interface NotRecorded {
  voter: string;
  reason: string;
}

/** What a record is made from besides the check and the decision: the pull request as the forge has it, and its votes. */
export interface RecordInput extends Pick<DecisionRecordData, 'pr' | 'title' | 'author' | 'base' | 'head' | 'commits' | 'opened'> {
  changed: string | undefined;
  decidedAt: string;
  votes: readonly Vote[];
}

/**
 * The record of a decided pull request. Its votes are those of people on the roll at base, by handle,
 * cast by decided_at, in the order they were cast (the file's order among votes of one instant, which
 * the tally reads as later wins): the tally sets every other vote aside, so the audit, tallying the
 * record again, sees exactly what this tally counted.
 */
export function decisionRecord(input: RecordInput, check: CheckResult, decision: Decision): { record: DecisionRecordData; not_recorded: NotRecorded[] } {
  const roll = rollOf(check.states.base);
  const handleOf = new Map<string, string>();
  for (const member of roll.members) if (!handleOf.has(member.login.toLowerCase())) handleOf.set(member.login.toLowerCase(), member.handle);
  const decided = Date.parse(input.decidedAt);
  const left: NotRecorded[] = [];
  const cast: { vote: RecordVote; ms: number }[] = [];
  for (const vote of input.votes) {
    const handle = handleOf.get(vote.voter.toLowerCase());
    const read = parseInstant(vote.at);
    const ms = read.ok ? read.ms : Number.NaN;
    if (handle === undefined) left.push({ voter: vote.voter, reason: 'is not on the roll at the base: no member has this forge login' });
    else if (!(ms <= decided)) left.push({ voter: vote.voter, reason: `voted after decided_at (${input.decidedAt})` });
    else
      cast.push({
        ms,
        vote: {
          voter: handle,
          vote: vote.vote,
          at: utcInstant(ms),
          ...(vote.source !== undefined ? { source: vote.source } : {}),
          ...(vote.url !== undefined ? { url: vote.url } : {}),
          ...(vote.reason !== undefined ? { reason: vote.reason } : {}),
        },
      });
  }
  const eligible = new Set(decision.rules.flatMap((r) => [...r.tally.votes.map((v) => v.handle), ...r.tally.waiting]));
  const record: DecisionRecordData = {
    pr: input.pr,
    title: input.title,
    author: input.author,
    base: input.base,
    head: input.head,
    commits: input.commits,
    changes: check.changes.map((c) => ({ kind: c.kind, ...(c.subject !== undefined ? { subject: c.subject } : {}), file: c.file })),
    rules: [...check.requires],
    opened: input.opened,
    ...(input.changed !== undefined ? { changed: input.changed } : {}),
    eligible: [...eligible].sort(),
    votes: cast.sort((a, b) => a.ms - b.ms).map((c) => c.vote),
    outcome: decision.outcome,
    decided_at: input.decidedAt,
  };
  return { record, not_recorded: left };
}

/** Text YAML reads as this very string: plain where no YAML 1.2 type could take it for a number, a boolean or null, else JSON's double quotes. */
function scalar(text: string): string {
  const plain =
    /^[A-Za-z0-9_][A-Za-z0-9_./-]*$/.test(text) &&
    !/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(text) &&
    !/^0[xo]/.test(text) &&
    !/^(true|false|null|~)$/i.test(text);
  return plain ? text : JSON.stringify(text).replace(/[\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const flowMap = (entries: [string, string | undefined][]) =>
  `{ ${entries
    .filter((e): e is [string, string] => e[1] !== undefined)
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ')} }`;
const flowList = (items: readonly string[]) => `[${items.map(scalar).join(', ')}]`;
const block = (items: readonly string[]) => (items.length === 0 ? ' []' : items.map((i) => `\n  - ${i}`).join(''));

/** The record as YAML: keys in the schema's order, lists of ids on one line, one line per change and per vote, a newline at the end. */
export function renderRecord(r: DecisionRecordData): string {
  const changes = r.changes.map((c) =>
    flowMap([
      ['kind', c.kind],
      ['subject', c.subject === undefined ? undefined : scalar(c.subject)],
      ['file', scalar(c.file)],
    ]),
  );
  const votes = r.votes.map((v) =>
    flowMap([
      ['voter', v.voter],
      ['vote', v.vote],
      ['at', v.at],
      ['source', v.source === undefined ? undefined : scalar(v.source)],
      ['url', v.url === undefined ? undefined : scalar(v.url)],
      ['reason', v.reason === undefined ? undefined : scalar(v.reason)],
    ]),
  );
  return [
    `pr: ${r.pr}`,
    `title: ${scalar(r.title)}`,
    `author: ${scalar(r.author)}`,
    `base: ${scalar(r.base)}`,
    `head: ${scalar(r.head)}`,
    `commits: ${flowList(r.commits)}`,
    `changes:${block(changes)}`,
    `rules: ${flowList(r.rules)}`,
    `opened: ${r.opened}`,
    ...(r.changed !== undefined ? [`changed: ${r.changed}`] : []),
    `eligible: ${flowList(r.eligible)}`,
    `votes:${block(votes)}`,
    `outcome: ${r.outcome}`,
    `decided_at: ${r.decided_at}`,
    '',
  ].join('\n');
}

/**
 * The fields in which the record already in a file differs from this one. A file that holds the same
 * data written otherwise (by hand, say) differs in nothing: it is this record, and rewriting it would
 * be an edit of a record.
 */
export function recordDifferences(path: string, text: string, record: DecisionRecordData): string[] {
  const read = parseYaml(path, text);
  if (!read.ok || typeof read.value !== 'object' || read.value === null || Array.isArray(read.value)) return ['everything (it is not a readable record)'];
  const existing = read.value as Record<string, unknown>;
  const ours = record as unknown as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(ours), ...Object.keys(existing)])];
  return keys.filter((k) => canonical(existing[k]) !== canonical(ours[k]));
}

/** JSON with every object's keys sorted, so that the order keys were written in does not count. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}
