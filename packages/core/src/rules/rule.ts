// The shape of a semantic rule: one check of the state that a schema cannot express.
import type { DataPath, Problem } from '../diagnostics.ts';
import type { Doc, State } from '../state.ts';
import type { Constitution } from '../generated/types.ts';

export interface SemanticRule {
  /** The stable code its problems carry. */
  id: string;
  /** What it checks, in a line. */
  description: string;
  check(state: State, report: Report, context: RuleContext): void;
}

/** What a rule may know besides the state. */
export interface RuleContext {
  /** Today (YYYY-MM-DD, UTC), when the caller gave a clock; rules about the future say nothing without it. */
  today?: string;
}

export type Report = (doc: Pick<Doc<unknown>, 'file'>, path: DataPath, message: string, options?: { at?: 'key' | 'value'; severity?: 'warning' }) => void;

/** Runs rules over a state and collects their problems under each rule's id. */
export function runRules(rules: readonly SemanticRule[], state: State, context: RuleContext = {}): Problem[] {
  const problems: Problem[] = [];
  for (const rule of rules) {
    rule.check(state, (doc, path, message, options = {}) => {
      problems.push({ file: doc.file, code: rule.id, message, path, at: options.at ?? 'value', ...(options.severity ? { severity: options.severity } : {}) });
    }, context);
  }
  return problems;
}

/** The constitution's names, gathered once for the rules that check references. */
export function names(constitution: Constitution | undefined) {
  return {
    tiers: new Map((constitution?.tiers ?? []).map((t) => [t.id, t])),
    rules: new Set(Object.keys(constitution?.decisions ?? {})),
    streams: new Set(Object.keys(constitution?.value?.streams ?? {})),
    circles: new Set(Object.keys(constitution?.circles ?? {})),
  };
}

export function list(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

export function quoteList(items: Iterable<string>): string {
  const all = [...items];
  return all.length === 0 ? '(none)' : all.join(', ');
}
