// The public API of @cooperage/core.
export { CoopError, SourceError, compareDiagnostics, isCoopError } from './common/index.ts';
export type { DataPath, Diagnostic, Problem } from './common/index.ts';
export { codes, codesTable, isRegistered } from './common/index.ts';
export type {
  Code,
  CodeEntry,
  CodeFamily,
  DiagnosticCode,
  ErrorCode,
  ErrorData,
  ForbiddenCode,
  LogCode,
  SubCode,
  TallyErrorCode,
  TopDiagnosticCode,
  ViolationCode,
} from './common/index.ts';
export { MAX_FILE_BYTES, memorySource, workingTreeSource } from './common/index.ts';
export type { EntryType, FileRead, Source, SourceEntry } from './common/index.ts';
export { gitSource, mergeBase, openRepository, resolveCommit } from './git/index.ts';
export { mergedSource, mergeText } from './git/index.ts';
export type { MergeConflict, MergedSource, MergeSources } from './git/index.ts';
export type { Repository } from './git/index.ts';
export { MAX_ALIAS_COUNT, MAX_DEPTH, decodeText, parseCanonical, parseYaml } from './load/index.ts';
export type { ParseResult } from './load/index.ts';
export { PositionIndex } from './load/index.ts';
export type { Position, Span } from './load/index.ts';
export { checkSchema, fileKinds } from './load/index.ts';
export type { FileKind } from './load/index.ts';
export { GOVERNANCE, HANDLE, classify, emptyState, memberExists, streamsOf, valueOf } from './common/index.ts';
export { blobId } from './git/index.ts';
export { loadState } from './load/index.ts';
export type { Doc, FileRole, State } from './common/index.ts';
export type { LoadOptions, LoadResult, ParseCache, ParsedFile } from './load/index.ts';
export { locateAll, validateSource, validateState } from './load/index.ts';
export type { ValidateOptions, ValidationResult, ValidationStats } from './load/index.ts';
export { RESERVED_RULES, runRules, semanticRules } from './rules/index.ts';
export type { Report, SemanticRule } from './rules/index.ts';
export { changeKinds } from './common/index.ts';
export type { ChangeKind } from './common/index.ts';
export { compareChanges, diffStates, login } from './change/index.ts';
export type { Change, EntryRef } from './change/index.ts';
export { diffPaths, globToRegExp, governedBy, governedGlobs } from './change/index.ts';
export { decide, directionOf, isSelf, matches, requiredRules } from './change/index.ts';
export type { JudgedChange, Judgement, PolicyContext, Ruling } from './change/index.ts';
export { authorHandle, checkPullRequest } from './change/index.ts';
export type { CheckOptions, CheckResult } from './change/index.ts';
export type { LoadedFile } from './load/index.ts';
export { choices, combine, tally } from './vote/index.ts';
export type { Choice, CombinedTally, CountedVote, Ignored, Outcome, RuleTally, TallyInput, Vote } from './vote/index.ts';
export { electorateOf, rollOf } from './vote/index.ts';
export type { Electorate, Roll, RollMember, Standing } from './vote/index.ts';
export { historicalCredits, historicalCreditsExact } from './value/index.ts';
export { fromNumber, shareOf } from './vote/index.ts';
export type { Ratio } from './vote/index.ts';
export { decideCheck, tallyPullRequest } from './vote/index.ts';
export type { CheckedVotes, Decision, PullRequestVotes, RuleDecision } from './vote/index.ts';
export { audit, decisionRecord, recordDifferences, renderRecord } from './audit/index.ts';
export type { AuditOptions, AuditProgress, AuditResult, DecisionRecordData, NotRecorded, Ratified, RecordInput, Violation } from './audit/index.ts';
export { namedProposal, namesProposal, proposalIndex, proposalKeyOf, proposalName } from './change/index.ts';
export type { ProposalIndex, ProposalName } from './change/index.ts';
export { didYouMean, nearest } from './common/index.ts';
export { dayProblem, daysInMonth, instantProblem, isRealDate, isRealInstant, parseInstant, quarterOf, utcInstant } from './common/index.ts';
export type { InstantProblem } from './common/index.ts';
export type * from './generated/types.ts';
export { presetNames, presets } from './presets/index.ts';
export type { PresetName } from './presets/index.ts';
export {
  accountsOf,
  addMonths,
  appendEntry,
  buildLedger,
  cellOf,
  checkLogRequest,
  commitmentFulfilment,
  continuumOf,
  creditsSince,
  dateOf,
  daysBetween,
  defaultSplit,
  distribute,
  entryCredits,
  entryHours,
  entryOf,
  formatAmount,
  isDate,
  isMonth,
  MAX_CREDITS,
  MAX_HOURS_A_DAY,
  monthBounds,
  monthName,
  monthOf,
  monthsBetween,
  nextProposalNumber,
  paidCredits,
  paidFor,
  payoutProposalPath,
  payoutProposals,
  payoutProposalText,
  payoutRule,
  planLog,
  proposalDecisions,
  quarterBounds,
  quarterMonths,
  quartersBetween,
  round2,
  sumCells,
} from './value/index.ts';
export type {
  Account,
  Cell,
  Continuum,
  Distribution,
  Filter,
  FulfilmentOptions,
  FulfilmentStatus,
  Ledger,
  LogField,
  LogIssue,
  LogPlan,
  LogRequest,
  Paid,
  PaymentLine,
  PayoutProposal,
  PayoutProposalOptions,
  PayoutRule,
  PayoutStatus,
  Placement,
  ProposalDecision,
  QuarterFulfilment,
  ShareLine,
  StreamAccount,
  StreamFulfilment,
  Streams,
  Suggestion,
  SuggestionKind,
  Target,
  Unit,
} from './value/index.ts';
export { buildReport, changeLabel, changeSentence, forbiddenCode, renderHtml, renderText, requirementSentence, textTable } from './report/index.ts';
export type { DecisionLine, OpenProposal, PersonValue, ReportData, ReportOptions, ValueSection } from './report/index.ts';
