// The shape of a semantic rule: one check of the state that a schema cannot express.
import type { TopDiagnosticCode } from '../common/index.ts';
import type { DataPath, Problem } from '../common/index.ts';
import type { Doc, State } from '../common/index.ts';
import type { Constitution } from '../generated/types.ts';

/** A rule; `Sub` is the union of its sub-codes, for a rule that has them (codes.ts). */
export interface SemanticRule<Sub extends string = never> {
  /** The stable code its problems carry, registered in codes.ts. */
  id: TopDiagnosticCode;
  /** What it checks, in a line. */
  description: string;
  check(state: State, report: Report<Sub>, context: RuleContext): void;
}

/** What a rule may know besides the state. */
export interface RuleContext {
  /** Today (YYYY-MM-DD, UTC), when the caller gave a clock; rules about the future say nothing without it. */
  today?: string;
}

/** Reports a problem of a rule; `subcode` says which of the rule's reports it is, for a rule with sub-codes (codes.ts). */
export type Report<Sub extends string = never> = (
  doc: Pick<Doc<unknown>, 'file'>,
  path: DataPath,
  message: string,
  options?: { at?: 'key' | 'value'; severity?: 'warning'; subcode?: Sub },
) => void;

/** Runs rules over a state and collects their problems under each rule's id. */
export function runRules(rules: readonly SemanticRule<string>[], state: State, context: RuleContext = {}): Problem[] {
  const problems: Problem[] = [];
  for (const rule of rules) {
    const report: Report<string> = (doc, path, message, options = {}) => {
      problems.push({
        file: doc.file,
        code: rule.id,
        message,
        path,
        at: options.at ?? 'value',
        ...(options.subcode ? { subcode: options.subcode } : {}),
        ...(options.severity ? { severity: options.severity } : {}),
      });
    };
    rule.check(state, report, context);
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
