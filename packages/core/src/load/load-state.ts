// Loads a governance state from a source: finds its files, parses them and checks each against its schema.
import type { Problem } from '../common/index.ts';
import { SourceError } from '../common/index.ts';
import type { Commitment, Constitution, Contributions, DecisionRecord, Member, Proposal } from '../generated/types.ts';
import { decodeText, parseYaml } from './parse.ts';
import { checkSchema, type FileKind } from './schema.ts';
import { MAX_FILE_BYTES, type Source, type SourceEntry } from '../common/index.ts';
import { blobId } from '../git/index.ts';
import { GOVERNANCE, emptyState, classify, type Doc, type FileRole, type State } from '../common/index.ts';
import { byPath, computeTrees, merge, takeReused } from './reuse.ts';

/** The role of a file of a known kind: the kind names the schema it is checked against. */
type KindRole = Extract<FileRole, { kind: FileKind }>;

/** What reading one file gave; kept by git object id so identical blobs are read once. */
export interface ParsedFile {
  /** The git blob id of the bytes read. */
  oid?: string;
  text?: string;
  value?: unknown;
  problems: Problem[];
}

/** Parsed files by git object id, shared across loads of several states (base and head). */
export type ParseCache = Map<string, ParsedFile>;

export interface LoadOptions {
  cache?: ParseCache;
  /** How many reads may be under way at once (git sources gain from a few). */
  concurrency?: number;
  /**
   * A state loaded earlier from another source, such as a pull request's base. A folder whose git tree
   * id is the same in both is taken from it whole: neither listed nor read again.
   */
  reuse?: LoadResult;
}

export interface LoadResult {
  state: State;
  /** Problems of reading, parsing and schema, before any semantic rule. */
  problems: Problem[];
  /** The text of every file read, by path, for positions. */
  texts: Map<string, string>;
  /**
   * Git tree ids of the folders under and including governance/, by path (`governance/members`), where
   * known: from git, or computed for a working tree when a cache is used (its files are then hashed).
   */
  trees: Map<string, string>;
  /** Each file of a known kind, by path: what reading it gave, and its document when it conforms. */
  files: Map<string, LoadedFile>;
}

export interface LoadedFile {
  role: FileRole;
  parsed: ParsedFile;
  doc?: Doc<unknown>;
}

/**
 * Lists every file under governance/ with its role, refusing links and anything that is not a file.
 * A refused path of a known kind goes into `broken`: it is there, but not trusted.
 */
async function walk(source: Source, problems: Problem[], broken: Set<string>, trees: Map<string, string>, reuse: LoadResult | undefined): Promise<Walked> {
  const walked: Walked = { files: [], reused: [], listings: new Map(), ignored: [] };
  const top = await source.list('');
  const root = top?.find((e) => e.name === GOVERNANCE);
  if (root === undefined) {
    // A label may end with a full stop of its own ("the working tree at ."): the sentence adds none then.
    const where = /[.!?]$/.test(source.label) ? source.label : `${source.label}.`;
    throw new SourceError('state.missing', `There is no ${GOVERNANCE}/ folder in ${where}`, { label: source.label });
  }
  // A folder with the same tree id as in the state reused is that state's folder: take it whole.
  const same = (entry: SourceEntry, file: string) => {
    if (entry.oid === undefined) return false;
    trees.set(file, entry.oid);
    return reuse?.trees.get(file) === entry.oid;
  };
  if (root.type === 'dir' && same(root, GOVERNANCE)) {
    walked.reused.push(GOVERNANCE);
    return walked;
  }
  if (root.type !== 'dir') {
    problems.push({
      file: GOVERNANCE,
      code: root.type === 'symlink' ? 'file.symlink' : 'file.not-a-folder',
      message: `${GOVERNANCE} is ${root.type === 'symlink' ? 'a symbolic link' : 'not a folder'}; links are never followed. Make it a real folder.`,
      line: 1,
      column: 1,
    });
    return walked;
  }
  const files = walked.files;
  const pending = [''];
  for (let dir = pending.pop(); dir !== undefined; dir = pending.pop()) {
    const entries = (await source.list(dir === '' ? GOVERNANCE : `${GOVERNANCE}/${dir}`)) ?? [];
    walked.listings.set(dir === '' ? GOVERNANCE : `${GOVERNANCE}/${dir}`, entries);
    for (const entry of entries) {
      const rel = dir === '' ? entry.name : `${dir}/${entry.name}`;
      const file = `${GOVERNANCE}/${rel}`;
      if (entry.type === 'dir') {
        if (same(entry, file)) walked.reused.push(file);
        else pending.push(rel);
      } else if (entry.type === 'symlink' || entry.type === 'other') {
        if (entry.type === 'symlink') {
          problems.push({
            file,
            code: 'file.symlink',
            message: 'This is a symbolic link; links are never followed. Replace it with the file itself.',
            line: 1,
            column: 1,
          });
        } else {
          problems.push({ file, code: 'file.not-a-file', message: 'This is not a regular file. Remove it from governance/.', line: 1, column: 1 });
        }
        const kind = classify(rel).kind;
        if (kind !== 'unknown' && kind !== 'ignored') broken.add(file);
      } else {
        const role = classify(rel);
        if (role.kind === 'unknown') {
          problems.push({ file, code: 'file.unknown', message: `This file has no place in governance/. ${role.hint}`, line: 1, column: 1 });
        } else if (role.kind === 'ignored') {
          walked.ignored.push({ path: file, entry });
        } else {
          files.push({ path: file, entry, role });
        }
      }
    }
  }
  return walked;
}

export interface Walked {
  /** The files of a known kind to read. */
  files: { path: string; entry: SourceEntry; role: KindRole }[];
  /** Folders taken whole from the state reused. */
  reused: string[];
  /** The entries of each folder listed, by path. */
  listings: Map<string, SourceEntry[]>;
  /** Files that are in place but not governance state (.gitkeep, README.md). */
  ignored: { path: string; entry: SourceEntry }[];
}

/** Reads, parses and schema-checks one file. */
async function readOne(source: Source, path: string, kind: FileKind, oid: string | undefined, hash: boolean): Promise<ParsedFile> {
  const read = await source.read(path);
  if (!read.ok) {
    const message =
      read.reason === 'too-large'
        ? `This file is ${read.size} bytes, over the limit of ${MAX_FILE_BYTES} (${MAX_FILE_BYTES / 1024} KiB). Split it, or remove what does not belong in it.`
        : read.reason === 'symlink'
          ? 'This is a symbolic link; links are never followed. Replace it with the file itself.'
          : 'This is not a regular file. Remove it from governance/.';
    const code = read.reason === 'too-large' ? 'file.too-large' : read.reason === 'symlink' ? 'file.symlink' : 'file.not-a-file';
    return { problems: [{ file: path, code, message, line: 1, column: 1 }] };
  }
  if (oid === undefined && hash) oid = blobId(read.bytes);
  const decoded = decodeText(path, read.bytes);
  if (!decoded.ok) return { oid, problems: [decoded.problem] };
  const parsed = parseYaml(path, decoded.text);
  if (!parsed.ok) return { oid, text: decoded.text, problems: [parsed.problem] };
  if (parsed.value === null) {
    return {
      oid,
      text: decoded.text,
      problems: [
        {
          file: path,
          code: 'file.empty',
          message: `This file is empty. Fill it in as a ${kind} file (see schemas/${kind === 'decision' ? 'decision' : kind}.schema.json), or remove it.`,
          line: 1,
          column: 1,
        },
      ],
    };
  }
  return { oid, text: decoded.text, value: parsed.value, problems: checkSchema(kind, path, parsed.value) };
}

/** Loads the state of a source. Never throws for bad content: every problem is returned. */
export async function loadState(source: Source, options: LoadOptions = {}): Promise<LoadResult> {
  const problems: Problem[] = [];
  const state = emptyState();
  const trees = new Map<string, string>();
  const walked = await walk(source, problems, state.broken, trees, options.reuse);
  const files = walked.files;
  const texts = new Map<string, string>();
  const cache = options.cache;
  const concurrency = Math.max(1, options.concurrency ?? 1);

  // The workers take the files in turn from one queue; what they read is sorted by path after.
  const fresh: [string, LoadedFile][] = [];
  const queue = files.values();
  const worker = async () => {
    for (const { path, entry, role } of queue) {
      const kind = role.kind;
      const key = entry.oid === undefined ? undefined : `${entry.oid}:${kind}`;
      let parsed = key === undefined ? undefined : cache?.get(key);
      if (parsed === undefined) {
        // With a cache, bytes read without a known id are hashed, so another state can find them.
        parsed = await readOne(source, path, kind, entry.oid, cache !== undefined);
        if (parsed.oid !== undefined) cache?.set(`${parsed.oid}:${kind}`, parsed);
      } else if (parsed.problems.length > 0) {
        // A cached blob may sit at another path: its problems name this one.
        parsed = { ...parsed, problems: parsed.problems.map((p) => ({ ...p, file: path })) };
      }
      fresh.push([path, { role, parsed }]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, files.length) }, worker));
  fresh.sort(byPath);
  // Folders are reused only from a state given to reuse.
  const taken = options.reuse !== undefined && walked.reused.length > 0 ? takeReused(options.reuse, walked.reused, problems, state.broken, trees) : [];

  const loaded = new Map<string, LoadedFile>();
  for (const [path, file] of merge(fresh, taken)) {
    const { role, parsed } = file;
    if (parsed.text !== undefined) texts.set(path, parsed.text);
    for (const problem of parsed.problems) problems.push(problem);
    if (parsed.problems.length > 0 || parsed.value === undefined || parsed.text === undefined) {
      state.broken.add(path);
      loaded.set(path, file);
      continue;
    }
    // A document taken from the reused state is the same object there and here.
    if (file.doc === undefined) file.doc = { file: path, text: parsed.text, value: parsed.value, ...(parsed.oid ? { oid: parsed.oid } : {}) };
    place(state, role, file.doc);
    loaded.set(path, file);
  }
  if (cache !== undefined) await computeTrees(source, walked, loaded, trees);
  return { state, problems, texts, trees, files: loaded };
}

function place(state: State, role: FileRole, doc: Doc<unknown>): void {
  switch (role.kind) {
    case 'constitution':
      state.constitution = doc as Doc<Constitution>;
      break;
    case 'member':
      state.members.set(role.handle, doc as Doc<Member>);
      break;
    case 'commitment':
      state.commitments.set(role.handle, doc as Doc<Commitment>);
      break;
    case 'contributions':
      state.contributions.set(`${role.month}/${role.handle}`, doc as Doc<Contributions>);
      break;
    case 'proposal':
      state.proposals.set(role.key, doc as Doc<Proposal>);
      break;
    case 'decision':
      state.decisions.set(String(role.pr), doc as Doc<DecisionRecord>);
      break;
    default:
      break;
  }
}
