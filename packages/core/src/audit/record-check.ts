// Checks one decision record against what its commits changed: the changes it lists, the rules the base policy required, and a re-tally of its votes.
import type { ViolationCode } from '../common/index.ts';
import { CoopError } from '../common/index.ts';
import type { Change } from '../change/index.ts';
import { tallyPullRequest, type Decision } from '../vote/index.ts';
import type { Constitution, DecisionRecord, RecordedChange } from '../generated/types.ts';
import { requiredRules, type JudgedChange, type Judgement } from '../change/index.ts';
import type { Roll } from '../vote/index.ts';
import { namesProposal, proposalName } from '../change/index.ts';
import { GOVERNANCE, type Doc } from '../common/index.ts';
import type { Vote } from '../vote/index.ts';

/** A change with the commit of the governed branch that made it. */
export interface CommittedChange extends Change {
  commit: string;
  /** Set when that commit is a merge: its second parent, which brought the change in. */
  mergedFrom?: string;
}

/** One thing wrong in the history: the commit, the change (its kind), whom it concerns, why in plain words, and which kind of wrong it is. */
export interface Violation {
  commit: string;
  kind: string;
  subject: string;
  reason: string;
  /** What is wrong, as a stable code (codes.ts): a change that landed undecided, or a kind of tampering. */
  code: ViolationCode;
}

/** The rules, roll and credits at a record's base commit. */
export interface BaseContext {
  commit: string;
  constitution: Constitution;
  roll: Roll;
  /** Historical credits by handle at base; needed only by credit-weighted rules. */
  credits?: ReadonlyMap<string, number>;
}

export interface RecordCheck {
  record: Doc<DecisionRecord>;
  /** What the record's commits changed (decision records left out). */
  changes: readonly CommittedChange[];
  /** The first commit the record covers: named for what concerns no one change. */
  first: string;
  base: BaseContext;
  /** The constitution after the record's last commit, where valid: a constitution.change must pass under it too. */
  head?: Constitution;
}

const SUBJECTLESS = new Set<string>(['constitution.change', 'path.change', 'decision.add', 'decision.update', 'decision.remove']);
const PROPOSAL_KINDS = new Set<string>(['proposal.add', 'proposal.update', 'proposal.remove']);
/** A commit id as a message shows it: its first seven characters. */
export const short = (oid: string) => oid.slice(0, 7);

/** Who or what a change concerns, as a violation names it: the handle, else the file. */
export function subjectOf(change: Pick<Change, 'subject' | 'file'>): string {
  return change.subject ?? change.file;
}

/** The policy at base applied to what the commits really changed, with the record's author. */
export function judgeRecord(check: Pick<RecordCheck, 'record' | 'changes' | 'base' | 'head'>): Judgement {
  return requiredRules(check.changes, { base: check.base.constitution, ...(check.head ? { head: check.head } : {}), author: check.record.value.author });
}

/** Whether tallying the record needs historical credits (a credit-weighted rule, at base or in the new constitution). */
export function needsCredits(check: Pick<RecordCheck, 'record' | 'changes' | 'base' | 'head'>): boolean {
  return judgeRecord(check).changes.some((change) =>
    change.rulings.some((r) => {
      const constitution = r.under === 'head' ? check.head : check.base.constitution;
      return constitution !== undefined && Object.hasOwn(constitution.decisions, r.rule) && constitution.decisions[r.rule]!.method === 'credit-weighted';
    }),
  );
}

/** Everything wrong with a record, as violations naming the commits of the changes concerned. */
export function checkRecord(check: RecordCheck): Violation[] {
  const { record, changes, base } = check;
  const file = record.file;
  const value = record.value;
  const out: Violation[] = [];
  const at = (c: CommittedChange | undefined) => c?.commit ?? check.first;
  const about = (c: CommittedChange, code: ViolationCode, reason: string) =>
    out.push({ commit: at(c), kind: c.kind, subject: subjectOf(c), reason: withMerge(c, reason), code });
  const aboutRecord = (code: ViolationCode, reason: string) => out.push({ commit: check.first, kind: 'decision.add', subject: file, reason, code });

  if (value.outcome !== 'passed') {
    aboutRecord(
      'audit.outcome-not-passed',
      `${file} records the outcome "${value.outcome}": only a decision that passed may land, yet the commits it names are on the branch.`,
    );
  }

  const { claimed, omitted } = matchChanges(value.changes, changes);
  const example = (entry: RecordedChange) => {
    const made = omitted.find((c) => c.kind === entry.kind && c.subject === entry.subject)?.file ?? `${GOVERNANCE}/proposals/0007-adopt-care-rate.yaml`;
    const key = made.slice(made.lastIndexOf('/') + 1, -'.yaml'.length);
    return `file: ${made}, or subject: "${key.slice(0, key.indexOf('-'))}"`;
  };
  for (const entry of claimed) {
    const subject = entry.subject ?? entry.file ?? '';
    const unnamed = PROPOSAL_KINDS.has(entry.kind) && proposalName(entry) === undefined;
    out.push({
      commit: check.first,
      kind: entry.kind,
      subject,
      reason: unnamed
        ? `${file} lists a ${entry.kind}${subject ? ` of ${subject}` : ''} without naming the proposal: a record names a proposal by its file (${example(entry)}) or by its number or key as subject, so that coop report and coop audit read it alike. An author's handle alone could be any of their proposals.`
        : `${file} lists a ${entry.kind}${subject ? ` of ${subject}` : ''}, but the commits it names (${value.commits.map(short).join(', ')}) made no such change: the record claims what did not happen.`,
      code: unnamed ? 'audit.claims-unnamed' : 'audit.claims',
    });
  }
  for (const change of omitted) {
    about(
      change,
      'audit.omits',
      `This commit made a ${change.kind} of ${subjectOf(change)} (${change.file}) that ${file}, the record naming it, does not list: it landed without being decided.`,
    );
  }

  const judgement = judgeRecord(check);
  const baseAt = `the policy at its base ${short(base.commit)}`;
  for (const change of judgement.forbidden) {
    const ruling = change.rulings.find((r) => r.rule === 'forbidden');
    const why = ruling?.reason ?? (ruling?.by === 'policy' ? `policy entry ${ruling.policy! + 1} says forbidden` : 'its default is forbidden');
    about(made(change), 'audit.forbidden', `${baseAt} forbids this change (${why}); no vote can allow it.`);
  }

  const listed = new Set(value.rules);
  for (const change of judgement.changes) {
    for (const rule of change.requires) {
      if (listed.has(rule)) continue;
      const ruling = change.rulings.find((r) => r.rule === rule);
      const by =
        ruling?.by === 'policy'
          ? `policy entry ${ruling.policy! + 1}${ruling.under === 'head' ? ' of the new constitution' : ''}`
          : ruling?.by === 'default'
            ? 'its default'
            : 'an invariant';
      const has = value.rules.length === 0 ? 'no rule at all' : `only ${value.rules.join(', ')}`;
      // A rule named outside the policy (a ratification's, a payout's, a proposal's own) says where it comes from in its reason.
      const why = ruling?.reason !== undefined && ruling.by === 'policy' && ruling.said !== rule ? ruling.reason.replace(/\.$/, '') : undefined;
      about(
        made(change),
        'audit.looser-rules',
        `${baseAt} requires ${rule} for this change (${why ?? by}), but ${file} lists ${has}: it was decided under looser rules than its base required.`,
      );
    }
  }

  const decision = redecide(judgement, check);
  if (decision.error !== undefined) {
    for (const change of judgement.changes.filter((c) => c.requires.length > 0)) {
      about(made(change), 'audit.votes-unreadable', `The votes in ${file} cannot be re-tallied: ${decision.error}`);
    }
    return out;
  }
  for (const rule of decision.rules) {
    if (rule.tally.outcome === 'passed') continue;
    const where = rule.under.includes('head')
      ? rule.under.includes('base')
        ? ' (and under the constitution it introduces)'
        : ' as the constitution it introduces defines it'
      : '';
    const ignored = rule.tally.ignored.length === 0 ? '' : ` Not counted: ${rule.tally.ignored.map((i) => `${i.voter}: ${i.reason}`).join('; ')}.`;
    for (const change of rule.changes) {
      about(
        made(change),
        'audit.votes-do-not-pass',
        `The votes in ${file}, re-tallied as of its decided_at ${value.decided_at}, do not pass ${rule.tally.rule}${where} under the rules and roll of its base ${short(base.commit)}: ${rule.tally.outcome}. ${rule.tally.reasons.join(' ')}${ignored}`,
      );
    }
  }
  return out;
}

/** The record's votes tallied again under every rule the judged changes need, as of its decided_at. */
function redecide(judgement: Judgement, check: RecordCheck): (Decision & { error?: undefined }) | { error: string } {
  const value = check.record.value;
  // Records name voters by handle; the tally matches forge logins, so each is looked up in the base roll.
  const loginOf = loginsOf(check.base.roll);
  const votes: Vote[] = value.votes.map((v) => ({ voter: loginOf.get(v.voter) ?? v.voter, vote: v.vote, at: v.at }));
  try {
    return tallyPullRequest({
      changes: judgement.changes,
      headValid: true,
      base: check.base.constitution,
      ...(check.head ? { head: check.head } : {}),
      roll: check.base.roll,
      ...(check.base.credits ? { credits: check.base.credits } : {}),
      votes,
      opened: value.opened,
      ...(value.changed !== undefined ? { changed: value.changed } : {}),
      now: value.decided_at,
    });
  } catch (error) {
    if (error instanceof CoopError) return { error: error.message };
    throw error;
  }
}

const logins = new WeakMap<Roll['members'], Map<string, string>>();

/** Forge logins by handle, made once per roll (records of one base share it). */
function loginsOf(roll: Roll): Map<string, string> {
  let found = logins.get(roll.members);
  if (found === undefined) {
    found = new Map(roll.members.map((m) => [m.handle, m.login]));
    logins.set(roll.members, found);
  }
  return found;
}

/**
 * Pairs the record's listed changes with the real ones as multisets of kind and subject: entries
 * naming a file are paired with a change in that file first. A proposal's change is paired by the
 * proposal it names, as `namesProposal` reads it (its file, or its key or number as subject), the
 * reading the report uses too. What is left on either side did not match.
 */
export function matchChanges(listed: readonly RecordedChange[], real: readonly CommittedChange[]): { claimed: RecordedChange[]; omitted: CommittedChange[] } {
  const keyOf = (kind: string, subject: string | undefined) => `${kind}\0${SUBJECTLESS.has(kind) ? '' : (subject ?? '')}`;
  const buckets = new Map<string, CommittedChange[]>();
  const proposals: CommittedChange[] = [];
  for (const change of real) {
    if (PROPOSAL_KINDS.has(change.kind)) {
      proposals.push(change);
      continue;
    }
    const key = keyOf(change.kind, change.subject);
    const bucket = buckets.get(key);
    if (bucket === undefined) buckets.set(key, [change]);
    else bucket.push(change);
  }
  const fileOf = (e: RecordedChange) => e.file ?? (SUBJECTLESS.has(e.kind) ? e.subject : undefined);
  const unpaired: RecordedChange[] = [];
  for (const entry of listed.filter((e) => PROPOSAL_KINDS.has(e.kind))) {
    const i = proposals.findIndex((c) => c.kind === entry.kind && namesProposal(entry, c.file));
    if (i === -1) unpaired.push(entry);
    else proposals.splice(i, 1);
  }
  // Entries that say their file are paired exactly first, so a vaguer entry cannot take their change.
  const others = listed.filter((e) => !PROPOSAL_KINDS.has(e.kind));
  const ordered = [...others.filter((e) => fileOf(e) !== undefined), ...others.filter((e) => fileOf(e) === undefined)];
  for (const entry of ordered) {
    const bucket = buckets.get(keyOf(entry.kind, entry.subject));
    const file = fileOf(entry);
    let i = bucket === undefined || bucket.length === 0 ? -1 : file === undefined ? 0 : bucket.findIndex((c) => c.file === file);
    if (i === -1 && bucket !== undefined && bucket.length > 0) i = 0;
    if (i === -1) unpaired.push(entry);
    else bucket!.splice(i, 1);
  }
  return { claimed: unpaired, omitted: [...buckets.values()].flat().concat(proposals) };
}

/** requiredRules copies each change it judges, so the commit it was given with is still there. */
function made(change: JudgedChange): CommittedChange {
  return change as JudgedChange & CommittedChange;
}

function withMerge(change: CommittedChange, reason: string): string {
  return change.mergedFrom === undefined ? reason : `${reason} It came in through this merge commit's second parent ${short(change.mergedFrom)}.`;
}
