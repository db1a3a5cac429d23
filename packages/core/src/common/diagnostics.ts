// The one shape every problem in a governance state takes, and the typed errors of the environment.
import type { ErrorCode, ErrorData } from './codes.ts';

/** A problem found in a file: where it is, a stable code, and a message that says how to fix it. */
export interface Diagnostic {
  /** Path of the file, relative to the repository folder the state was read from. */
  file: string;
  /** 1-based line; 1 when the problem concerns the whole file. */
  line: number;
  /** 1-based column; 1 when the problem concerns the whole file. */
  column: number;
  /**
   * Where the value concerned ends: the line and column just after its last character. Equal to
   * line and column when the problem is at a point (a whole file, a missing property, a parse error).
   */
  endLine: number;
  endColumn: number;
  /** A stable identifier, e.g. `schema.required` or `member.tier-exists` (see codes.ts). */
  code: string;
  /** What is wrong, then how to fix it. */
  message: string;
  /** Which of its code's reports this is, for a code with sub-codes: `unknown-tier` of `constitution.reference`. */
  subcode?: string;
}

/** A path into a parsed YAML value: map keys and sequence indexes. */
export type DataPath = readonly (string | number)[];

/**
 * A problem before it is given a position. `path` names the value it concerns; `at: 'key'` points at
 * the key of the last step rather than its value (an unknown property, a duplicate handle).
 */
export interface Problem {
  file: string;
  code: string;
  message: string;
  path?: DataPath;
  at?: 'key' | 'value';
  /** Warnings are shown but do not make the state fall short. */
  severity?: 'error' | 'warning';
  /** A position already known (from the parser); takes precedence over `path`. */
  line?: number;
  column?: number;
  /** Where it ends, when known with `line`; a point otherwise. */
  endLine?: number;
  endColumn?: number;
  /** See `Diagnostic.subcode`. */
  subcode?: string;
}

/**
 * An error of the environment or of the call, not of the state: a folder that is not there, a ref
 * that is not a commit, a bad flag. Its `code` is registered in codes.ts, and its `data` holds what a
 * caller needs to say it in its own words; the message is a default that names no command or flag.
 * The CLI exits 2 with its own sentence.
 */
export class CoopError<C extends ErrorCode = ErrorCode> extends Error {
  override readonly name: string = 'CoopError';
  constructor(
    readonly code: C,
    message: string,
    readonly data: ErrorData[C],
  ) {
    super(message);
  }
}

/** Whether an error is a CoopError of one code, with that code's data. */
export function isCoopError<C extends ErrorCode>(error: unknown, code: C): error is CoopError<C> {
  return error instanceof CoopError && error.code === code;
}

/** The repository, folder or ref asked for cannot be read. */
export class SourceError<C extends ErrorCode = ErrorCode> extends CoopError<C> {
  override readonly name = 'SourceError';
}

/** Orders diagnostics by file, then position, then code, so output is stable. */
export function compareDiagnostics<D extends Pick<Diagnostic, 'file' | 'line' | 'column' | 'code'>>(a: D, b: D): number {
  return (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}
