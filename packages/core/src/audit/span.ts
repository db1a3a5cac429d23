// What a span of history changed in the governance state: the files that differ, loaded alone and diffed by meaning.
import type { Diagnostic, Problem } from '../common/index.ts';
import { diffStates, type Change } from '../change/index.ts';
import type { Constitution, DecisionRecord } from '../generated/types.ts';
import type { CommitInfo, History } from '../git/index.ts';
import { diffPaths, governedGlobs } from '../change/index.ts';
import { MAX_FILE_BYTES, type Source, type SourceEntry } from '../common/index.ts';
import { classify, GOVERNANCE, type Doc, type State } from '../common/index.ts';
import { loadState, type ParseCache } from '../load/index.ts';
import { locateAll } from '../load/index.ts';

const CONSTITUTION = `${GOVERNANCE}/constitution.yaml`;

/** The changes between two commits (the earlier one missing before the first commit of a repository). */
export interface SpanChanges {
  /** Every change by meaning, decision records' included, ordered by file and position. */
  changes: Change[];
  /** The files that differ, relative to the project folder (governance/ and governed paths). */
  files: string[];
  /** Reading, parsing and schema problems of the changed files as the later commit has them, each with its line and column. */
  problems: Diagnostic[];
  /** The decision records the span added. */
  records: Doc<DecisionRecord>[];
  /** The constitutions before and after, where valid. */
  constitution: { before?: Constitution; after?: Constitution };
}

/**
 * What changed from `before` to `after`. Only the files whose ids differ are read: the folders the
 * two commits share are never opened. The people the changed files concern have their member files
 * loaded too (from both commits), so each change knows its subject's login and tier.
 */
export async function changesBetween(history: History, before: CommitInfo | undefined, after: CommitInfo, cache: ParseCache): Promise<SpanChanges> {
  const [govBefore, govAfter] = await Promise.all([before ? history.at(before, GOVERNANCE) : undefined, history.at(after, GOVERNANCE)]);
  const tree = (e: SourceEntry | undefined) => (e?.type === 'dir' ? e.oid : undefined);
  const differing = await history.diff(tree(govBefore), tree(govAfter), GOVERNANCE);

  const side = (key: 'before' | 'after') => new Map(differing.filter((f) => f[key] !== undefined).map((f) => [f.path, f[key]!]));
  const beforeFiles = side('before');
  const afterFiles = side('after');
  // The people the changed files concern come along, so each change knows its subject's login (for
  // `self`) and tier; and the constitution of each side, for the policy's globs.
  const people = new Set<string>();
  for (const file of differing) {
    const role = classify(file.path.slice(GOVERNANCE.length + 1));
    if (role.kind === 'member' || role.kind === 'commitment' || role.kind === 'contributions') people.add(role.handle);
  }
  const context = [CONSTITUTION, ...[...people].map(memberFile)];
  await Promise.all([addEntries(history, before, context, beforeFiles), addEntries(history, after, context, afterFiles)]);
  const [base, head] = await Promise.all([loadFiles(history, before, beforeFiles, cache), loadFiles(history, after, afterFiles, cache)]);
  // A proposal's subject is its author, known only once it is read.
  const authors = [...base.state.proposals.values(), ...head.state.proposals.values()].map((d) => d.value.author).filter((h) => !people.has(h));
  if (authors.length > 0) {
    const paths = [...new Set(authors)].map(memberFile);
    await Promise.all([addMembers(history, before, paths, base.state, cache), addMembers(history, after, paths, head.state, cache)]);
  }

  const changes = diffStates(withoutTexts(base.state), withoutTexts(head.state));
  const files = differing.map((f) => f.path);
  const globs = base.state.constitution ? governedGlobs(base.state.constitution.value) : [];
  if (globs.length > 0 && before !== undefined && before.tree !== after.tree) {
    const paths = await diffPaths(history.source(before), history.source(after), globs);
    changes.push(...paths);
    files.push(...paths.map((c) => c.file));
  }
  const changed = new Set(differing.filter((f) => f.after !== undefined).map((f) => f.path));
  return {
    changes,
    files,
    problems: locateAll(
      head.problems.filter((p) => changed.has(p.file)),
      head.texts,
    ),
    records: changes
      .filter((c) => c.kind === 'decision.add')
      .map((c) => head.state.decisions.get(String(c.pr))!)
      .filter((d) => d !== undefined),
    constitution: {
      ...(base.state.constitution ? { before: base.state.constitution.value } : {}),
      ...(head.state.constitution ? { after: head.state.constitution.value } : {}),
    },
  };
}

const memberFile = (handle: string) => `${GOVERNANCE}/members/${handle}.yaml`;

/** Adds the entries of these paths in a commit, where they are files and not there already. */
async function addEntries(history: History, commit: CommitInfo | undefined, paths: readonly string[], files: Map<string, SourceEntry>): Promise<void> {
  if (commit === undefined) return;
  await Promise.all(
    paths.map(async (path) => {
      if (files.has(path)) return;
      const entry = await history.at(commit, path);
      if (entry !== undefined && entry.type !== 'dir') files.set(path, entry);
    }),
  );
}

/**
 * The same state with every document's text left out. diffStates reads the text only to give each
 * change a line and column, parsing it with the (slow) position-keeping parser; an audit names
 * commits, not lines, so it is spared that.
 */
function withoutTexts(state: State): State {
  const strip = <T>(docs: Map<string, Doc<T>>) => new Map([...docs].map(([key, doc]) => [key, { ...doc, text: '' }]));
  return {
    ...(state.constitution ? { constitution: { ...state.constitution, text: '' } } : {}),
    members: strip(state.members),
    commitments: strip(state.commitments),
    contributions: strip(state.contributions),
    proposals: strip(state.proposals),
    decisions: strip(state.decisions),
    broken: state.broken,
  };
}

/** Loads the given member files of a commit into `state`, where they are valid. */
async function addMembers(history: History, commit: CommitInfo | undefined, paths: string[], state: State, cache: ParseCache): Promise<void> {
  if (commit === undefined) return;
  const files = new Map<string, SourceEntry>();
  await addEntries(history, commit, paths, files);
  const loaded = await loadFiles(history, commit, files, cache);
  for (const [handle, doc] of loaded.state.members) state.members.set(handle, doc);
}

/** Loads just these files of a commit (a state with nothing else in it). */
async function loadFiles(history: History, commit: CommitInfo | undefined, files: Map<string, SourceEntry>, cache: ParseCache) {
  if (commit === undefined || files.size === 0) return { state: emptyLoad(), problems: [] as Problem[], texts: new Map<string, string>() };
  const source = filesSource(`commit ${commit.oid.slice(0, 7)}`, files, history.blob);
  return loadState(source, { cache, concurrency: 4 });
}

function emptyLoad(): State {
  return { members: new Map(), commitments: new Map(), contributions: new Map(), proposals: new Map(), decisions: new Map(), broken: new Set() };
}

/** A Source holding only the given files (paths relative to the project folder), each read by its git id. */
export function filesSource(label: string, files: ReadonlyMap<string, SourceEntry>, blob: (oid: string) => Promise<Uint8Array>): Source {
  const folders = new Map<string, Map<string, SourceEntry>>();
  const place = (dir: string, entry: SourceEntry) => {
    let listing = folders.get(dir);
    if (listing === undefined) folders.set(dir, (listing = new Map<string, SourceEntry>()));
    if (!listing.has(entry.name)) listing.set(entry.name, entry);
  };
  for (const [path, entry] of files) {
    const parts = path.split('/');
    place(parts.slice(0, -1).join('/'), { ...entry, name: parts[parts.length - 1]! });
    for (let i = parts.length - 1; i > 0; i--) place(parts.slice(0, i - 1).join('/'), { name: parts[i - 1]!, type: 'dir' });
  }
  return {
    label,
    // eslint-disable-next-line @typescript-eslint/require-await -- a Source answers with promises; async makes a throw a rejection
    async list(path) {
      const listing = folders.get(path);
      return listing === undefined ? undefined : [...listing.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    },
    async read(path) {
      const entry = files.get(path);
      if (entry?.type === 'symlink') return { ok: false, reason: 'symlink' };
      if (entry?.type !== 'file' || entry.oid === undefined) return { ok: false, reason: 'not-a-file' };
      const bytes = await blob(entry.oid);
      if (bytes.length > MAX_FILE_BYTES) return { ok: false, reason: 'too-large', size: bytes.length };
      return { ok: true, bytes };
    },
  };
}

/** A view of a Source that shows only the given files and folders (and the folders above them). */
export function focusSource(source: Source, wanted: readonly string[]): Source {
  const keep = (path: string) => wanted.some((w) => w === path || w.startsWith(`${path}/`) || path.startsWith(`${w}/`));
  return {
    label: source.label,
    async list(path) {
      const entries = await source.list(path);
      return entries?.filter((e) => keep(path === '' ? e.name : `${path}/${e.name}`));
    },
    read: (path) => source.read(path),
  };
}
