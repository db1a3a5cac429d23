// Judges a pull request: loads base and head sharing one parse cache, validates the head, diffs them and applies the base's policy.
import type { ErrorData } from '../common/index.ts';
import { compareDiagnostics, CoopError, isCoopError, type Diagnostic } from '../common/index.ts';
import { diffStates, login, compareChanges } from './diff.ts';
import { mergedSource, type MergeConflict } from '../git/index.ts';
import { diffPaths, governedGlobs } from './paths.ts';
import { requiredRules, type JudgedChange } from './policy.ts';
import type { Source } from '../common/index.ts';
import { emptyState, GOVERNANCE, type State } from '../common/index.ts';
import { loadState, type LoadResult, type ParseCache, type ParsedFile } from '../load/index.ts';
import { locateAll, validateState } from '../load/index.ts';

export interface CheckOptions {
  /** The state the rules and the roll are read from: the target branch. */
  base: Source;
  /** The pull request's head. */
  head: Source;
  /**
   * Where the head left the base (their merge base). Given, the pull request is what the head changed
   * since then, and the state judged is the merge of the head into the base; without it, the head is
   * taken as the whole proposed state (as for a forge's test merge, or a head that has the base).
   */
  ancestor?: Source;
  /** The pull request author's forge login. */
  author: string;
  /** Parsed files by blob id; one is made when none is given. Identical blobs are read once for both states. */
  cache?: ParseCache;
  /** How many files may be read at once from each source (a git source gains from a few). */
  concurrency?: { base?: number; head?: number };
}

export interface CheckResult {
  /** The head is valid and nothing is forbidden. */
  ok: boolean;
  /** The head's validation errors, as `coop validate` gives them. */
  errors: Diagnostic[];
  warnings: Diagnostic[];
  changes: JudgedChange[];
  /** Every rule the pull request needs; all must pass. */
  requires: string[];
  forbidden: JudgedChange[];
  /** The author as the base roll knows them: their handle, when they are a member there. */
  author: { login: string; handle?: string };
  /** The text of every head file read, by path, for showing errors in context. */
  texts: Map<string, string>;
  /** The state at base, and the state merging the head into it gives: what a tally reads. */
  states: { base: State; head: State };
  /** Files both sides changed in ways that do not merge; each is also among `errors`. */
  conflicts: MergeConflict[];
}

/**
 * The whole judgment of a pull request. The base is loaded first and the head after it through the
 * same cache, so a head file whose blob the base already has is neither read nor parsed again, and a
 * head folder whose git tree id is the base's (computed for a working tree) is taken from the base
 * whole, not even listed. Throws a CoopError when the base has no constitution to judge by.
 */
export async function checkPullRequest(options: CheckOptions): Promise<CheckResult> {
  const cache: ParseCache = options.cache ?? new Map<string, ParsedFile>();
  const base = await loadState(options.base, { cache, concurrency: options.concurrency?.base ?? 1 }).catch((error: unknown) => {
    throw isMissing(error)
      ? new CoopError(
          'check.base-missing',
          `The base, ${options.base.label}, has no ${GOVERNANCE}/ folder, so there are no rules to judge a pull request by. A project's first ${GOVERNANCE}/ is committed directly, not judged.`,
          { base: options.base.label },
        )
      : error;
  });
  const constitution = base.state.constitution?.value;
  if (constitution === undefined) throw baseWithoutConstitution(options.base.label, base);
  const merged =
    options.ancestor === undefined
      ? undefined
      : mergedSource({
          ancestor: options.ancestor,
          ours: options.base,
          theirs: options.head,
          // A working tree lists no ids; loading it computed them, so the head's untouched folders are known as the base's.
          oursIds: (path) => base.trees.get(path) ?? base.files.get(path)?.parsed.oid,
          label: options.head.label,
        });
  const proposed = merged ?? options.head;
  // A head without governance/ is a pull request that removes it all: judged, and invalid.
  const head = await loadState(proposed, { cache, concurrency: options.concurrency?.head ?? 1, reuse: base }).catch((error: unknown) => {
    if (!isMissing(error)) throw error;
    return removedState(options.head.label);
  });
  const paths = await diffPaths(options.base, proposed, governedGlobs(constitution));
  const conflicts = [...(merged?.conflicts ?? [])].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const validation = validateState(head.state, head.problems, head.texts);
  const changes = [...diffStates(base.state, head.state), ...paths].sort(compareChanges);
  const judgement = requiredRules(changes, { base: constitution, head: head.state.constitution?.value, author: options.author });
  const handle = authorHandle(options.author, base.state);
  const errors = conflicts.length === 0 ? validation.errors : [...conflicts.map(conflictDiagnostic), ...validation.errors].sort(compareDiagnostics);
  return {
    ok: validation.ok && conflicts.length === 0 && judgement.forbidden.length === 0,
    errors,
    warnings: validation.warnings,
    changes: judgement.changes,
    requires: judgement.requires,
    forbidden: judgement.forbidden,
    author: { login: options.author, ...(handle !== undefined ? { handle } : {}) },
    texts: head.texts,
    states: { base: base.state, head: head.state },
    conflicts,
  };
}

const conflictWhy: Record<MergeConflict['reason'], string> = {
  content: 'this file was changed there and in the pull request, in the same or neighbouring lines',
  removed: 'this file was removed on one side and changed on the other',
  type: 'this path became a file on one side and a folder or a link on the other',
};

/** A file that does not merge, as an error of the pull request: which file, and how to put it right. */
function conflictDiagnostic(conflict: MergeConflict): Diagnostic {
  return {
    file: conflict.file,
    line: conflict.line ?? 1,
    column: 1,
    endLine: conflict.line ?? 1,
    endColumn: 1,
    code: 'merge.conflict',
    message: `Since the branch left the target, ${conflictWhy[conflict.reason]}, so the pull request does not merge cleanly. Rebase or merge the target into your branch, resolve the conflict in this file, and push again.`,
  };
}

function isMissing(error: unknown): boolean {
  return isCoopError(error, 'state.missing');
}

function removedState(label: string): LoadResult {
  const problem = {
    file: GOVERNANCE,
    code: 'state.missing',
    message: `There is no ${GOVERNANCE}/ folder in ${label}: this pull request removes the whole governance state. Restore it.`,
    line: 1,
    column: 1,
  };
  return { state: emptyState(), problems: [problem], texts: new Map(), trees: new Map(), files: new Map() };
}

/** The handle of the base member whose forge login (their `github`, else their handle) is `author`, case-insensitively. */
export function authorHandle(author: string, state: State): string | undefined {
  const wanted = author.toLowerCase();
  for (const [handle, doc] of state.members) {
    if (login(doc.value, handle).toLowerCase() === wanted) return handle;
  }
  return undefined;
}

function baseWithoutConstitution(label: string, base: LoadResult): CoopError<'check.base-constitution'> {
  const file = `${GOVERNANCE}/constitution.yaml`;
  const found = locateAll(
    base.problems.filter((p) => p.file === file),
    base.texts,
  ).sort(compareDiagnostics)[0];
  const problem = found === undefined ? undefined : { file: found.file, line: found.line, column: found.column, code: found.code, message: found.message };
  return new CoopError(
    'check.base-constitution',
    `The base, ${label}, has no valid constitution. ${constitutionProblem(problem)} The policy that judges a pull request is read from its base, so fix the constitution there first.`,
    { base: label, ...(problem !== undefined ? { problem } : {}) },
  );
}

/** The first problem of a base's constitution in a sentence: where it is, its code and its message. */
function constitutionProblem(problem: ErrorData['check.base-constitution']['problem']): string {
  return problem === undefined
    ? `There is no ${GOVERNANCE}/constitution.yaml.`
    : `${problem.file}:${problem.line}:${problem.column} ${problem.code}: ${problem.message}`;
}
