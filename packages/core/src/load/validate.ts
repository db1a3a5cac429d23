// Validates a governance state: reading, schemas, then the semantic rules, each problem given its position.
import { compareDiagnostics, type Diagnostic, type Problem } from '../common/index.ts';
import { PositionIndex } from './locate.ts';
import { semanticRules } from '../rules/index.ts';
import { runRules } from '../rules/index.ts';
import { GOVERNANCE, type State } from '../common/index.ts';
import { loadState, type LoadOptions } from './load-state.ts';
import type { Source } from '../common/index.ts';

export interface ValidationStats {
  files: number;
  members: number;
  commitments: number;
  contributions: number;
  entries: number;
  proposals: number;
  decisions: number;
  /** Members per tier, in the constitution's order. */
  tiers: Record<string, number>;
}

export interface ValidationResult {
  ok: boolean;
  errors: Diagnostic[];
  warnings: Diagnostic[];
  stats: ValidationStats;
  state: State;
  /** The text of every file read, by path. */
  texts: Map<string, string>;
}

export interface ValidateOptions {
  /**
   * Now, for the rules about time (a member's `since:` after today is a warning). Validation is a
   * pure function of the state and this; without it, nothing is said about the future.
   */
  now?: Date;
}

/** Loads and validates the state of a source. */
export async function validateSource(source: Source, options: LoadOptions & ValidateOptions = {}): Promise<ValidationResult> {
  const { state, problems, texts } = await loadState(source, options);
  return validateState(state, problems, texts, options);
}

/** Runs the semantic rules over a loaded state and gives every problem a position. */
export function validateState(state: State, loadProblems: readonly Problem[], texts: Map<string, string>, options: ValidateOptions = {}): ValidationResult {
  const problems = [...loadProblems];
  const constitutionFile = `${GOVERNANCE}/constitution.yaml`;
  if (state.constitution === undefined && !state.broken.has(constitutionFile)) {
    problems.push({
      file: constitutionFile,
      code: 'constitution.missing',
      message: 'There is no constitution. Run `coop init --preset disco` (or radial, minimal) to write one.',
      line: 1,
      column: 1,
    });
  }
  problems.push(...runRules(semanticRules, state, options.now === undefined ? {} : { today: options.now.toISOString().slice(0, 10) }));
  const located = locateAll(problems, texts);
  const errors = located
    .filter((d) => d.severity !== 'warning')
    .map(strip)
    .sort(compareDiagnostics);
  const warnings = located
    .filter((d) => d.severity === 'warning')
    .map(strip)
    .sort(compareDiagnostics);
  return { ok: errors.length === 0, errors, warnings, stats: statsOf(state, texts.size), state, texts };
}

/** Gives each problem a line and column, parsing a file for positions only when one of its problems needs it. */
export function locateAll(problems: readonly Problem[], texts: ReadonlyMap<string, string>): (Diagnostic & { severity?: 'warning' | 'error' })[] {
  const indexes = new Map<string, PositionIndex>();
  return problems.map((p) => {
    let line = p.line ?? 1;
    let column = p.column ?? 1;
    let endLine = p.line === undefined ? line : (p.endLine ?? line);
    let endColumn = p.line === undefined ? column : (p.endColumn ?? column);
    const text = texts.get(p.file);
    if (p.line === undefined && p.path !== undefined && text !== undefined) {
      let index = indexes.get(p.file);
      if (index === undefined) {
        index = new PositionIndex(text);
        indexes.set(p.file, index);
      }
      ({ line, column, endLine, endColumn } = index.span(p.path, p.at));
    }
    return {
      file: p.file,
      line,
      column,
      endLine,
      endColumn,
      code: p.code,
      message: p.message,
      ...(p.subcode ? { subcode: p.subcode } : {}),
      ...(p.severity ? { severity: p.severity } : {}),
    };
  });
}

function strip(d: Diagnostic & { severity?: unknown }): Diagnostic {
  return {
    file: d.file,
    line: d.line,
    column: d.column,
    endLine: d.endLine,
    endColumn: d.endColumn,
    code: d.code,
    message: d.message,
    ...(d.subcode ? { subcode: d.subcode } : {}),
  };
}

function statsOf(state: State, files: number): ValidationStats {
  const tiers: Record<string, number> = {};
  for (const tier of state.constitution?.value.tiers ?? []) tiers[tier.id] = 0;
  for (const member of state.members.values()) tiers[member.value.tier] = (tiers[member.value.tier] ?? 0) + 1;
  let entries = 0;
  for (const doc of state.contributions.values()) entries += doc.value.entries.length;
  return {
    files,
    members: state.members.size,
    commitments: state.commitments.size,
    contributions: state.contributions.size,
    entries,
    proposals: state.proposals.size,
    decisions: state.decisions.size,
    tiers,
  };
}
