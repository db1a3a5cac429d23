// Every code Cooperage reports, in one documented table: problems in files, errors, forbidden changes, audit violations, and tally and log issues.
// Over 400 lines on purpose: one table is the registry, read top to bottom, and docs/codes.md is generated from it.
import type { InstantProblem } from './dates.ts';
import type { Diagnostic } from './diagnostics.ts';

/** Which kind of report a code belongs to, and so where a person meets it. */
export type CodeFamily = 'diagnostic' | 'error' | 'forbidden' | 'violation' | 'tally' | 'log';

/** One code of the registry: what it means and how to put it right, in words that name no command or flag. */
export interface CodeEntry {
  family: CodeFamily;
  /** What it means, in a sentence or two. */
  means: string;
  /** How to put it right. */
  fix: string;
}

type Entries = Record<string, Omit<CodeEntry, 'family'>>;

/**
 * Problems in the files of a governance state (`Diagnostic.code`). A semantic rule's id is its code.
 * `constitution.reference` says many different things, each under a sub-code written
 * `constitution.reference/<sub-code>`: a diagnostic keeps `constitution.reference` as its `code`, the
 * rule a person reads and looks up, and carries the sub-code in `subcode`.
 */
const diagnostics = {
  'file.binary': { means: 'The file is binary, not YAML text.', fix: 'Remove it from governance/, or replace it with a YAML file.' },
  'file.encoding': { means: 'The file is not valid UTF-8.', fix: 'Save it as UTF-8 text.' },
  'file.empty': { means: 'The file holds nothing.', fix: 'Fill it in as its kind of file (the schemas in schemas/ say what goes in it), or remove it.' },
  'file.too-large': {
    means: 'The file is over 256 KiB, the most a governance file may be; it is not read.',
    fix: 'Split it, or remove what does not belong in it.',
  },
  'file.symlink': {
    means: 'A symbolic link under governance/ (or governance/ itself a link); links are never followed.',
    fix: 'Replace the link with the file or folder itself.',
  },
  'file.not-a-file': { means: 'Something under governance/ that is neither a file nor a folder.', fix: 'Remove it from governance/.' },
  'file.not-a-folder': { means: 'governance is a file, not a folder.', fix: 'Make governance/ a real folder.' },
  'file.unknown': {
    means: 'A file that has no place in governance/: its name or folder is not one of a governance state.',
    fix: 'Move or rename it as the message says, or remove it.',
  },
  'yaml.syntax': {
    means: 'The YAML does not parse; the message quotes the parser and says what usually causes it.',
    fix: 'Correct the line named, as the message says.',
  },
  'yaml.duplicate-key': { means: 'A key appears twice in one map.', fix: 'Remove or merge the repeated key.' },
  'yaml.multiple-documents': { means: 'The file holds more than one YAML document.', fix: 'Keep one document per file: remove the extra `---`.' },
  'yaml.directive': { means: 'A YAML directive (%YAML, %TAG); governance files are always YAML 1.2.', fix: 'Remove the directive line.' },
  'yaml.unsupported': {
    means: 'A YAML feature governance files do not use, such as a tag; or, in a file over 32 KiB, one that only smaller files may use, such as an anchor.',
    fix: 'Write the value plainly, as the message says.',
  },
  'yaml.line-break': {
    means: 'A carriage return (CR) with no line feed after it, which YAML readers take differently: as the end of a line, or as text.',
    fix: 'Save the file with LF or CRLF line endings.',
  },
  'yaml.key': { means: 'A key that is empty, null, or a list or map.', fix: 'Write the key as a plain name.' },
  'yaml.too-deep': { means: 'The file nests too deep to read.', fix: 'Flatten it.' },
  'yaml.alias-limit': {
    means: 'The file expands aliases more often than any governance file needs, as a resource exhaustion attack would.',
    fix: 'Write the values out instead of using anchors and aliases.',
  },
  'schema.required': { means: 'A property the file must have is missing.', fix: 'Add it; the message names it and says what it holds.' },
  'schema.unknown-property': {
    means: 'A property the schema does not know, often a typo.',
    fix: 'Remove it, or rename it to the property meant (the message suggests the nearest).',
  },
  'schema.name': {
    means: 'A name used as a key (a rule, a circle, a stream) is not a lowercase name.',
    fix: 'Rename it with lowercase letters, digits and dashes.',
  },
  'schema.type': {
    means: 'A value of the wrong type: text where a number belongs, a single value where a list belongs.',
    fix: 'Write the value as the type the message names.',
  },
  'schema.enum': { means: 'A value that is not one of those allowed.', fix: 'Use one of the values the message lists.' },
  'schema.const': { means: 'A value that must be exactly one thing.', fix: 'Write the value the message gives.' },
  'schema.pattern': {
    means: 'A value not written the way it must be: a date, a handle, a login, a commit id.',
    fix: 'Write it as the message describes, such as 2026-03-01 for a date.',
  },
  'schema.range': { means: 'A number outside the range allowed.', fix: 'Use a number within the limits the message gives.' },
  'schema.empty': { means: 'Text that must not be empty is empty.', fix: 'Write something there.' },
  'schema.too-long': { means: 'Text longer than allowed.', fix: 'Shorten it.' },
  'schema.too-few': { means: 'A list or map with fewer items than it needs.', fix: 'Add the items the message asks for, or remove the property.' },
  'schema.duplicate': { means: 'A list names the same item twice.', fix: 'Remove one of them.' },
  'schema.conflict': {
    means: 'A policy entry has both `change:` and `paths:`.',
    fix: 'Split it in two entries: one matches change kinds, the other governed files.',
  },
  'schema.many': {
    means: 'A file with more schema problems than are listed (100); the rest are not said.',
    fix: 'Fix the problems listed, then check the file again.',
  },
  'schema.invalid': { means: 'A value the schema does not allow where it is.', fix: 'Correct it as the message says.' },
  'constitution.missing': {
    means: 'There is no governance/constitution.yaml: nothing says who decides what.',
    fix: 'Write one (`coop init` writes one from a preset), or restore it.',
  },
  'merge.conflict': {
    means: 'The pull request and its target changed the same file in ways that do not merge.',
    fix: 'Rebase or merge the target into the branch, resolve the conflict in the file named, and push again.',
  },
  'constitution.reference': {
    means: 'The constitution names something it does not declare, or declares something twice; the sub-codes below say which.',
    fix: 'Correct the name, or declare what it names, as the message says.',
  },
  'constitution.reference/duplicate-tier': { means: 'Two tiers have the same id.', fix: 'Give each tier its own id.' },
  'constitution.reference/reserved-name': {
    means: 'A rule under decisions is named none, forbidden or as-proposed, words policy entries use.',
    fix: 'Rename the rule.',
  },
  'constitution.reference/unknown-tier': {
    means: "A tier named by a rule's voters, a policy entry's tier or from, or commitments.minimum is not declared.",
    fix: 'Use a declared tier, or declare it under tiers.',
  },
  'constitution.reference/days-order': { means: "A rule's max_days is before its min_days.", fix: 'Make max_days at least min_days.' },
  'constitution.reference/unknown-rule': {
    means:
      'A rule named by a policy entry, the default, proposals.rules, proposals.payouts or proposals.ratifications is not declared under decisions: no vote could pass it.',
    fix: 'Use a declared rule, or declare it under decisions.',
  },
  'constitution.reference/unknown-change-kind': {
    means: "A policy entry's change pattern matches no change kind.",
    fix: 'Use a kind such as member.add, or a glob such as commitment.*.',
  },
  'constitution.reference/proposals-default': {
    means: 'proposals.default is not among the rules proposals may choose.',
    fix: 'Add it to proposals.rules, or pick one of them.',
  },
  'constitution.reference/unknown-stage': {
    means: 'value.dating_rates gives a rate for a stage no tier has.',
    fix: 'Remove the rate, or add stages to a tier.',
  },
  'constitution.reference/unknown-stream': {
    means: 'A stream named by value.split or commitments.minimum is not under value.streams.',
    fix: 'Use a declared stream, or declare it under value.streams.',
  },
  'constitution.reference/split-too-large': { means: 'The shares of value.split add up to more than the whole pool.', fix: 'Make them add up to 1 at most.' },
  'date.real': { means: 'A date or time that does not exist, such as 2026-02-30.', fix: 'Check the month and day, or the hours, minutes and seconds.' },
  'date.future': {
    means: "A warning: a member's since: or dating.since is after today.",
    fix: 'Write the day it happened; a move planned for later is made by a pull request on that day.',
  },
  'member.login-unique': {
    means: 'Two members have the same forge login (github, else the handle), ignoring case, so votes could not tell them apart.',
    fix: 'Give each member their own login.',
  },
  'member.tier-exists': { means: "A member's tier is not one of the constitution's tiers.", fix: 'Use one of the tiers the message lists.' },
  'member.circle-exists': { means: "A member's circle is not declared under the constitution's circles.", fix: 'Use a declared circle, or declare it.' },
  'member.mentor-exists': { means: "A member's mentor is not another member.", fix: 'Name an existing member other than themselves, or remove mentor:.' },
  'member.dating': {
    means: "dating: does not fit the member's tier: the tier has no stages, or not that stage; as a warning, a tier with stages and no dating:.",
    fix: 'Remove dating:, use a stage the tier has, or add dating: as the message shows.',
  },
  'person.member-exists': {
    means: 'A commitments or contributions file belongs to no member.',
    fix: 'Add the member, or name the file after an existing handle.',
  },
  'contribution.in-month': {
    means: "A contribution entry's date is not in the month its file is filed under.",
    fix: "Move the entry to the month's file, or correct the date.",
  },
  'stream.exists': { means: 'A contribution or pledge names a stream the constitution does not have.', fix: "Use one of the constitution's value streams." },
  'commitment.overlap': { means: 'A quarter is pledged twice in one commitments file.', fix: 'Keep one pledge per quarter: merge the two.' },
  'proposal.number-unique': { means: 'Two proposals have the same number.', fix: 'Give the newer proposal the next free number.' },
  'proposal.author-exists': { means: "A proposal's author is not a member.", fix: "Use an existing member's handle." },
  'proposal.rule-allowed': {
    means: "A proposal's decision names a rule proposals may not choose.",
    fix: 'Use one of the rules the message lists, or leave decision: out for the default.',
  },
  'proposal.payout': {
    means: 'A payout pays someone or something that does not exist, pays twice, pays more than the credits are worth, or more than the pool.',
    fix: 'Correct the payment the message names.',
  },
  'proposal.ratifies': {
    means: 'A warning: a commit ratified by two proposals, or a ratification that names a rule of its own in decision.',
    fix: 'Remove the commit from one of the two; leave decision: out of a ratification.',
  },
  'decision.rules-exist': {
    means: 'A decision record names a rule the constitution no longer has, or its pr is not its file name.',
    fix: 'Records are append-only: restore the record from git, and keep a rule in the constitution while records name it.',
  },
} as const satisfies Entries;

/**
 * Errors of the environment or of the call: a folder that is not there, a ref that is not a commit, a
 * bad flag. Core's errors carry a default message that names no command or flag; the CLI words them
 * from the code and data, and so may any other caller.
 */
const errors = {
  usage: {
    means: 'A mistake in the call: an unknown command or option, a missing or malformed value.',
    fix: "Correct the call as the message says; `--help` shows a command's options.",
  },
  internal: {
    means: 'A bug in Cooperage: something it did not expect happened.',
    fix: 'Report it to the Cooperage maintainers with the command you ran and the message; COOP_DEBUG=1 adds where it happened.',
  },
  'source.missing': { means: 'The project folder asked for does not exist.', fix: "Name the project's folder." },
  'source.not-a-folder': { means: 'The project folder asked for is a file, not a folder.', fix: "Name the project's folder." },
  'state.missing': {
    means:
      "There is no governance/ folder where the state was read. In a pull request, the head removes the whole state (then it is one of the head's errors).",
    fix: "Create one (`coop init`), name the project's folder, or restore governance/.",
  },
  'git.not-a-repository': {
    means: 'The folder is not inside a git repository, so no commit can be read.',
    fix: 'Run in a clone of the project, or read the working tree instead.',
  },
  'git.unknown-ref': {
    means: 'A revision that names no commit of the repository.',
    fix: 'Name a branch, a tag or a commit id (git log --oneline lists them).',
  },
  'git.missing-object': { means: 'A git object cannot be read: the clone may be shallow or damaged.', fix: 'Use a full clone (git fetch --unshallow).' },
  'git.wrong-object': { means: 'A git object is not of the type expected (a tree where a commit was named).', fix: 'Check the repository (git fsck).' },
  'git.shallow': {
    means: "The clone's history stops before the base and the head of a pull request meet, so where the branch left the base cannot be found.",
    fix: "Fetch more history (git fetch --deepen=50, or --unshallow), or judge a head that holds the base, such as a forge's test merge.",
  },
  'check.base-missing': {
    means: 'The base of a pull request has no governance/ folder, so there are no rules to judge it by.',
    fix: "A project's first governance/ is committed directly, not judged; otherwise judge against the right base.",
  },
  'check.base-constitution': {
    means: 'The base of a pull request has no valid constitution, and its policy is what judges the pull request.',
    fix: 'Fix the constitution on the base first, or judge against the right base.',
  },
  'audit.since-off-history': {
    means: 'The commit the audit should start after is not on the first-parent history of the branch audited.',
    fix: 'Start after a commit of the governed branch itself.',
  },
  'audit.no-genesis': {
    means: 'No commit of the history audited has governance/constitution.yaml with a member under governance/members/: there is no governance history yet.',
    fix: 'Commit a governance state with its founders first (in one commit: the genesis), or audit the governed branch.',
  },
  'tally.time': {
    means: 'A time given to the tally is not an instant: ISO 8601 with Z or an offset, a day and time that exist.',
    fix: 'Write it such as 2026-11-20T10:00:00Z.',
  },
  'value.untracked': {
    means: 'The command needs value tracking, and the constitution has no `value:`.',
    fix: 'Add value streams to the constitution by pull request first.',
  },
  'init.exists': {
    means: 'governance/ already exists where a new one would be written; it is never overwritten.',
    fix: 'Remove it first, or validate the one there.',
  },
  'payout.pending': {
    means: 'A payout for that month is already proposed and not yet decided.',
    fix: 'Decide or withdraw it first; then a new payout tops it up.',
  },
  'payout.nothing-due': { means: 'Recorded payouts have already paid every credit of that month the split pays.', fix: 'Nothing to do.' },
} as const satisfies Record<keyof ErrorData, Omit<CodeEntry, 'family'>>;

/** Why a change is forbidden: no vote can allow it (`Ruling.code`, and `coop check`'s forbidden entries). */
const forbidden = {
  'forbidden.decision-add': {
    means: 'A pull request adds a decision record; records are written only by the record action, when a pull request is merged.',
    fix: 'Remove the record from the pull request.',
  },
  'forbidden.decision-edit': {
    means: 'A pull request changes or removes a decision record; records are append-only.',
    fix: 'Restore the record as it is on the base branch.',
  },
  'forbidden.policy': {
    means: 'The constitution forbids the change: a policy entry or the default (or the rule it names for proposals, ratifications or payouts) says forbidden.',
    fix: 'Take the change out of the pull request, or change the policy first, by its own pull request.',
  },
  'forbidden.undeclared-rule': {
    means:
      "The rule the change needs is not declared under decisions, so no vote could pass it (a policy entry, the default, a proposal's decision, proposals.payouts or proposals.ratifications names it).",
    fix: 'Declare the rule, or name a declared one, by its own pull request.',
  },
  'forbidden.as-proposed': {
    means: 'A policy entry says as-proposed for a change that is not a proposal, so nothing names its rule.',
    fix: 'Give that kind of change a rule of its own in the policy, by its own pull request.',
  },
  'forbidden.rule-not-allowed': {
    means: 'The proposal names a rule the constitution does not let proposals choose.',
    fix: 'Use one of proposals.rules, or leave decision: out for the default.',
  },
} as const satisfies Entries;

/**
 * What the audit finds wrong in a governed branch's history (`Violation.code`): each a kind of change
 * that landed undecided, or of tampering with the record.
 */
const violations = {
  'audit.no-record': {
    means: 'A commit changed the governance state and no decision record names it: it was pushed without a decision.',
    fix: "Ratify it: a proposal with ratifies: [<commit>], decided by the constitution's rule for ratifications.",
  },
  'audit.second-parent': {
    means: 'A merge commit brought in a change from its second parent, and no decision record names it.',
    fix: 'Ratify the merge commit.',
  },
  'audit.record-edited': {
    means: 'A commit edits a decision record; records are append-only.',
    fix: 'Restore the record as it was. No ratification can decide it.',
  },
  'audit.record-removed': {
    means: 'A commit removes a decision record; records are append-only.',
    fix: 'Restore the record as it was. No ratification can decide it.',
  },
  'audit.record-covers-nothing': {
    means: 'A decision record names no commit of the first-parent history after the genesis.',
    fix: 'A record names the commits that landed on the governed branch; the record action writes them.',
  },
  'audit.outcome-not-passed': {
    means: 'A decision record says its outcome was not passed, yet the commits it names are on the branch.',
    fix: 'Ratify the commits.',
  },
  'audit.claims': {
    means: 'A decision record lists a change its commits did not make: it claims what did not happen.',
    fix: 'Records are append-only: ratify the commits by a proposal whose record lists what they changed.',
  },
  'audit.claims-unnamed': {
    means: "A decision record lists a proposal's change without naming the proposal (its file, number or key).",
    fix: 'Records name a proposal by its file, or its number or key as subject; ratify the commits by a record that does.',
  },
  'audit.omits': { means: 'A commit made a change that the record naming it does not list: it landed without being decided.', fix: 'Ratify the commit.' },
  'audit.forbidden': { means: "The policy at the record's base forbids a change its commits made; no vote can allow it.", fix: 'Revert the change.' },
  'audit.looser-rules': {
    means: 'The record lists fewer rules than the policy at its base required: it was decided under looser rules.',
    fix: 'Ratify the commits under the rules the policy requires.',
  },
  'audit.votes-unreadable': {
    means: "The record's votes cannot be tallied again (a time that is not an instant).",
    fix: 'Ratify the commits by a proposal whose record holds up.',
  },
  'audit.votes-do-not-pass': {
    means: "The record's votes, tallied again under the rules and roll of its base as of its decided_at, do not pass.",
    fix: 'Ratify the commits.',
  },
  'audit.base-unknown': {
    means: "A record's base is not a commit of the repository, so the rules it was decided under cannot be read.",
    fix: 'Ratify the commits by a proposal whose record holds up.',
  },
  'audit.base-off-branch': {
    means: "A record's base is not on the first-parent history before the commits it covers: a record could pick a constitution of its own.",
    fix: 'Ratify the commits by a proposal whose record holds up.',
  },
  'audit.base-no-constitution': {
    means: "A record's base has no valid constitution, so no rule could have decided it.",
    fix: 'Ratify the commits by a proposal whose record holds up.',
  },
  'audit.file-invalid': {
    means: 'A commit leaves a governance file unreadable or not conforming, so what it changes cannot be judged.',
    fix: 'Every commit on the governed branch must leave a valid state: fix the file, and ratify the commit.',
  },
  'audit.ratification-through-merge': {
    means: "A ratification names a commit that came in through a merge commit's second parent.",
    fix: 'Name the merge commit instead: ratifications name first-parent commits.',
  },
  'audit.ratification-off-history': {
    means: 'A ratification names a commit that is not on the first-parent history.',
    fix: 'Name the commits, in full, as git log --first-parent shows them.',
  },
  'audit.ratification-after-record': {
    means: 'A ratification names a commit after the record that decided it: a ratification decides only what landed before it.',
    fix: 'Ratify that commit by a later proposal.',
  },
  'audit.ratification-genesis': {
    means: 'A ratification names the genesis or a commit before it, which the audit exempts.',
    fix: 'Remove it from ratifies:; there is nothing to ratify.',
  },
  'audit.ratification-records-only': {
    means: 'A ratification names a commit that only edits or removes decision records, which no ratification can decide.',
    fix: 'Restore the records as they were.',
  },
  'audit.ratification-nothing': {
    means: 'A ratification names a commit that landed decided, or changed nothing governed.',
    fix: 'Remove it from ratifies:; there is nothing to ratify.',
  },
  'audit.forge-not-merged': {
    means:
      'The forge says the pull request a decision record names was not merged, yet the commits the record names are on the branch (found when the audit reads the forge).',
    fix: 'Ratify the commits the record covers.',
  },
  'audit.forge-merge-commit': {
    means: 'The forge merged the pull request a decision record names as a commit the record does not name: its commits are not what that pull request landed.',
    fix: 'Ratify the commits the record covers.',
  },
  'audit.forge-vote': {
    means:
      'A vote a decision record holds is not among the votes the forge counts on its pull request: the same login (in any case), choice and time to the second. The record claims a vote that was not cast.',
    fix: 'Ratify the commits the record covers, by a proposal whose own record the forge bears out.',
  },
  'audit.forge-unsigned': {
    means: 'The commit that added a decision record is not one the forge verifies as signed: the record action, committing through the forge, did not make it.',
    fix: 'Ratify the record commit, once the record is found true; records written by hand are not trusted.',
  },
} as const satisfies Entries;

/** Why a rule cannot be tallied (`RuleTally.error`): it fails whatever the votes. */
const tallies = {
  'tally.nobody-eligible': {
    means: 'Nobody at base has the vote right under the rule, so it cannot pass.',
    fix: 'Add voters to the roll first, or change which rule the change needs.',
  },
  'tally.no-credits': {
    means: 'Nobody eligible under a credit-weighted rule has historical credits at base, so no vote has any weight.',
    fix: 'Log contributions first.',
  },
} as const satisfies Entries;

/** What is wrong with a piece of work to log (`LogIssue.code`): the CLI names the flag at fault. */
const logs = {
  'log.member': { means: 'The person named is not a member.', fix: "Use a member's handle." },
  'log.no-value': { means: 'The constitution tracks no value, so there is no stream to log work in.', fix: 'Add value streams to the constitution first.' },
  'log.stream': { means: "The stream named is not one of the constitution's.", fix: 'Use one of the streams the message lists.' },
  'log.amount': { means: 'Neither hours nor credits were given.', fix: "Give the hours (converted at the stream's rate) or the credits." },
  'log.hours': { means: 'Hours one entry cannot count: not more than 0, or more than a day.', fix: 'Give hours within the limits the message gives.' },
  'log.credits': { means: 'Credits one entry cannot give.', fix: 'Give credits within the limits the message gives.' },
  'log.what': { means: 'The work is not described.', fix: 'Say in a line what the work was.' },
  'log.date': { means: 'The date is not a day.', fix: 'Write it YYYY-MM-DD.' },
  'log.future': { means: 'The date is after today.', fix: 'Log work once it is done.' },
  'log.link': { means: 'The link is not a link.', fix: 'Give one starting with https:// (or http://), without spaces.' },
  'log.duplicate': { means: 'The same entry is already logged.', fix: 'If this is more work, say what makes it different.' },
  'log.day-too-long': { means: 'With this entry the member would have logged more hours on one day than a day has.', fix: 'Check the date and the hours.' },
  'log.broken-file': {
    means: "The month's contributions file does not read, so nothing can be added to it.",
    fix: 'Validate the state and fix the file first.',
  },
} as const satisfies Entries;

export type DiagnosticCode = keyof typeof diagnostics;
export type ErrorCode = keyof typeof errors;
export type ForbiddenCode = keyof typeof forbidden;
export type ViolationCode = keyof typeof violations;
export type TallyErrorCode = keyof typeof tallies;
export type LogCode = keyof typeof logs;
/** Every code Cooperage reports. */
export type Code = DiagnosticCode | ErrorCode | ForbiddenCode | ViolationCode | TallyErrorCode | LogCode;

/** The sub-codes of a diagnostic code: `SubCode<'constitution.reference'>` is `'unknown-tier' | …`. */
export type SubCode<C extends string> = DiagnosticCode extends infer D ? (D extends `${C}/${infer S}` ? S : never) : never;

/** The semantic rules' ids, and the codes of problems found before them: any diagnostic code without a sub-code. */
export type TopDiagnosticCode = Exclude<DiagnosticCode, `${string}/${string}`>;

/**
 * What each error carries besides its code and message: enough for any caller (the CLI, a pull
 * request comment) to say it in its own words.
 */
export interface ErrorData {
  usage: Record<string, never>;
  internal: Record<string, never>;
  /** `root`: the folder asked for. */
  'source.missing': { root: string };
  'source.not-a-folder': { root: string };
  /** `label`: the source read, as `Source.label` names it. */
  'state.missing': { label: string };
  /** `dir`: the folder that is in no repository. */
  'git.not-a-repository': { dir: string };
  /** `ref`: the revision as given; `top`: the repository's top folder. */
  'git.unknown-ref': { ref: string; top: string };
  /** `reason`: what git's reader said. */
  'git.missing-object': { oid: string; type: 'tree' | 'commit' | 'blob'; top: string; reason: string };
  /** `type`: what the object is; `expected`: what it was read as. */
  'git.wrong-object': { oid: string; type: string; expected: 'tree' | 'commit' | 'blob'; top: string };
  /** `a` and `b`: the two commits whose merge base lies beyond the clone's history. */
  'git.shallow': { a: string; b: string };
  /** `base`: the base's label. */
  'check.base-missing': { base: string };
  /** `problem`: the constitution's first problem, when it has one (else there is no constitution file). */
  'check.base-constitution': { base: string; problem?: Pick<Diagnostic, 'file' | 'line' | 'column' | 'code' | 'message'> };
  /** `since` as given, the commit it resolved to, and the ref audited. */
  'audit.since-off-history': { since: string; commit: string; ref: string };
  /** `since`: given when the audit started after a commit. */
  'audit.no-genesis': { ref: string; since?: string; /** The constitution is there, but never with a member under it. */ unfounded?: true };
  /** `field`: which time of the tally (opened, changed, now, a vote's at). */
  'tally.time': { field: string; value: string; reason: InstantProblem };
  'value.untracked': Record<string, never>;
  'init.exists': Record<string, never>;
  'payout.pending': Record<string, never>;
  'payout.nothing-due': Record<string, never>;
}

const families: readonly [CodeFamily, Entries, string, string][] = [
  [
    'diagnostic',
    diagnostics,
    'Problems in files',
    "What `coop validate` reports (and `coop check` for the head of a pull request): `file:line:column code: message`, and in JSON `errors` and `warnings`. A semantic rule's id is its code. `constitution.reference` keeps that code in output; which of its reports it is travels as `subcode` (the part after the `/`).",
  ],
  [
    'error',
    errors,
    'Errors',
    'A command that cannot do its work exits 2 with one of these, in JSON `{ok: false, error: {code, message}}`. `internal` is a bug in Cooperage, never a mistake of yours.',
  ],
  ['forbidden', forbidden, 'Forbidden changes', 'Changes no vote can allow: `coop check` exits 1 and lists them, in JSON under `forbidden` with their `code`.'],
  [
    'violation',
    violations,
    'Audit violations',
    "What `coop audit` finds in a governed branch's history, each violation with its `code` (in JSON beside `commit`, `kind`, `subject` and `reason`). A change that landed undecided is put right by a ratification; records are append-only.",
  ],
  ['tally', tallies, 'Rules that cannot be tallied', 'A rule `coop tally` cannot count fails whatever the votes, with `error: {code, message}` in its JSON.'],
  ['log', logs, 'Work that cannot be logged', 'What `coop log` refuses, naming the flag at fault; nothing is written.'],
];

/** Every code with what it means and how to fix it, in the order the documentation lists them. */
export const codes: Readonly<Record<Code, CodeEntry>> = Object.fromEntries(
  families.flatMap(([family, entries]) => Object.entries(entries).map(([code, entry]) => [code, { family, ...entry }])),
) as Record<Code, CodeEntry>;

/** Whether a string is a registered code. */
export function isRegistered(code: string): code is Code {
  return Object.hasOwn(codes, code);
}

/** docs/codes.md: every code by family, what it means and how to fix it. */
export function codesTable(): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  const out = [
    '# Codes',
    '',
    '<!-- Generated from packages/core/src/common/codes.ts by codesTable(); a test checks it. Edit the registry, then run `npx vitest run packages/core/src/common/codes.test.ts -u`. -->',
    '',
    'Every problem Cooperage reports carries a stable code: in its output (`file:line:column code: message`), and in the JSON of every command. Codes never change meaning; the messages that go with them may be reworded.',
  ];
  for (const [, entries, title, intro] of families) {
    out.push('', `## ${title}`, '', intro, '', '| Code | What it means | How to fix it |', '| --- | --- | --- |');
    for (const [code, entry] of Object.entries(entries)) out.push(`| \`${code}\` | ${cell(entry.means)} | ${cell(entry.fix)} |`);
  }
  return `${out.join('\n')}\n`;
}
