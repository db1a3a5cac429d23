// What every folder of core shares: problems and their codes, dates, the nearest name, a Source of bytes, the State and its layout, the change kinds.
export { codes, codesTable, isRegistered } from './codes.ts';
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
} from './codes.ts';
export { dayProblem, daysInMonth, instantProblem, isRealDate, isRealInstant, parseInstant, quarterOf, utcInstant } from './dates.ts';
export type { InstantProblem } from './dates.ts';
export { CoopError, SourceError, compareDiagnostics, isCoopError } from './diagnostics.ts';
export type { DataPath, Diagnostic, Problem } from './diagnostics.ts';
export { known, knownAt, lastOf } from './known.ts';
export { changeKinds } from './kinds.ts';
export type { ChangeKind } from './kinds.ts';
export { didYouMean, nearest } from './nearest.ts';
export { MAX_FILE_BYTES, memorySource, workingTreeSource } from './source.ts';
export type { EntryType, FileRead, Source, SourceEntry } from './source.ts';
export { GOVERNANCE, HANDLE, classify, emptyState, memberExists, streamsOf, valueOf } from './state.ts';
export type { Doc, FileRole, State } from './state.ts';
