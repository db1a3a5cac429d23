// The one shape every problem in a governance state takes, and the typed errors of the environment.

/** A problem found in a file: where it is, a stable code, and a message that says how to fix it. */
export interface Diagnostic {
  /** Path of the file, relative to the repository folder the state was read from. */
  file: string;
  /** 1-based line; 1 when the problem concerns the whole file. */
  line: number;
  /** 1-based column; 1 when the problem concerns the whole file. */
  column: number;
  /** A stable identifier, e.g. `schema.required` or `member.tier-exists`. */
  code: string;
  /** What is wrong, then how to fix it. */
  message: string;
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
}

/**
 * An error of the environment or of the call, not of the state: a folder that is not there, a ref
 * that is not a commit, a bad flag. The CLI exits 2 with its message.
 */
export class CoopError extends Error {
  override readonly name: string = 'CoopError';
  constructor(
    readonly code: string,
    message: string,
    readonly data: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** The repository, folder or ref asked for cannot be read. */
export class SourceError extends CoopError {
  override readonly name = 'SourceError';
}

/** Orders diagnostics by file, then position, then code, so output is stable. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.line - b.line ||
    a.column - b.column ||
    (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)
  );
}
