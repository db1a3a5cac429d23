// The rules, roll and credits at any commit of a history, loaded once per version of the files they come from.
import { historicalCredits } from './credits.ts';
import type { Constitution } from './generated/types.ts';
import type { CommitInfo, History } from './history.ts';
import { rollOf, type Roll } from './roll.ts';
import { focusSource } from './span.ts';
import { GOVERNANCE, loadState, type ParseCache, type State } from './state.ts';

const CONSTITUTION = `${GOVERNANCE}/constitution.yaml`;
const MEMBERS = `${GOVERNANCE}/members`;
const CONTRIBUTIONS = `${GOVERNANCE}/contributions`;

export interface CommitContext {
  /** The constitution, when the commit has a valid one. */
  constitution?: Constitution;
  roll: Roll;
}

export interface Contexts {
  /** The constitution and roll at a commit. */
  at(commit: CommitInfo): Promise<CommitContext>;
  /** The valid constitution at a commit, if any. */
  constitutionAt(commit: CommitInfo): Promise<Constitution | undefined>;
  /** Historical credits by handle at a commit (reads every contributions file: only credit-weighted rules ask). */
  creditsAt(commit: CommitInfo): Promise<Map<string, number>>;
}

/**
 * Loads contexts by the ids of the files they come from: commits that share the constitution and the
 * members folder share one context, and blobs already parsed are not parsed again.
 */
export function contexts(history: History, cache: ParseCache): Contexts {
  const byVersion = new Map<string, Promise<CommitContext>>();
  const credits = new Map<string, Promise<Map<string, number>>>();
  const constitutions = new Map<string, Promise<Constitution | undefined>>();

  const load = (commit: CommitInfo, wanted: string[]): Promise<State> =>
    loadState(focusSource(history.source(commit), wanted), { cache, concurrency: 8 }).then((r) => r.state);

  const idOf = async (commit: CommitInfo, path: string) => (await history.at(commit, path))?.oid ?? '-';

  return {
    async at(commit) {
      const key = `${await idOf(commit, CONSTITUTION)}:${await idOf(commit, MEMBERS)}`;
      let context = byVersion.get(key);
      if (context === undefined) {
        context = load(commit, [CONSTITUTION, MEMBERS]).then((state) => ({
          ...(state.constitution ? { constitution: state.constitution.value } : {}),
          roll: rollOf(state),
        }));
        byVersion.set(key, context);
      }
      return context;
    },
    async constitutionAt(commit) {
      const key = await idOf(commit, CONSTITUTION);
      let constitution = constitutions.get(key);
      if (constitution === undefined) {
        constitution = load(commit, [CONSTITUTION]).then((state) => state.constitution?.value);
        constitutions.set(key, constitution);
      }
      return constitution;
    },
    async creditsAt(commit) {
      const key = `${await idOf(commit, CONSTITUTION)}:${await idOf(commit, CONTRIBUTIONS)}`;
      let found = credits.get(key);
      if (found === undefined) {
        found = load(commit, [CONSTITUTION, CONTRIBUTIONS]).then(historicalCredits);
        credits.set(key, found);
      }
      return found;
    },
  };
}
