// Loads a governance state from a source: finds its files, parses them and checks each against its schema.
import { createHash } from 'node:crypto';
import type { Problem } from './diagnostics.ts';
import { SourceError } from './diagnostics.ts';
import type {
  Commitment,
  Constitution,
  Contributions,
  DecisionRecord,
  Member,
  Proposal,
} from './generated/types.ts';
import { decodeText, parseYaml } from './parse.ts';
import { checkSchema, type FileKind } from './schema.ts';
import { MAX_FILE_BYTES, type Source, type SourceEntry } from './source.ts';

/** The folder that holds the state; the constitution may not move it. */
export const GOVERNANCE = 'governance';

export const HANDLE = /^[a-z0-9][a-z0-9-]{0,38}$/;

/** One file of the state, parsed and conforming to its schema. */
export interface Doc<T> {
  /** Path relative to the repository folder, e.g. `governance/members/ana.yaml`. */
  file: string;
  text: string;
  value: T;
  /** The git blob id of the file's bytes, where known: equal ids mean equal content. */
  oid?: string;
}

export interface State {
  constitution?: Doc<Constitution>;
  /** By handle. */
  members: Map<string, Doc<Member>>;
  /** By handle. */
  commitments: Map<string, Doc<Commitment>>;
  /** By `YYYY-MM/handle`. */
  contributions: Map<string, Doc<Contributions>>;
  /** By file name without `.yaml`, e.g. `0007-adopt-care-rate`. */
  proposals: Map<string, Doc<Proposal>>;
  /** By pull request number as the file names it. */
  decisions: Map<string, Doc<DecisionRecord>>;
  /** Files of a known kind that could not be read or do not conform: they exist, but are not trusted. */
  broken: Set<string>;
}

/** What a path under governance/ is, from its place and name alone. */
export type FileRole =
  | { kind: 'constitution' }
  | { kind: 'member' | 'commitment'; handle: string }
  | { kind: 'contributions'; month: string; handle: string }
  | { kind: 'proposal'; number: number; slug: string; key: string }
  | { kind: 'decision'; pr: number }
  | { kind: 'ignored' }
  | { kind: 'unknown'; hint: string };

const layout =
  'Files here are constitution.yaml, members/<handle>.yaml, commitments/<handle>.yaml, contributions/<YYYY-MM>/<handle>.yaml, proposals/<NNNN>-<slug>.yaml and decisions/<number>.yaml';

/** Classifies a path relative to governance/ (e.g. `members/ana.yaml`). */
export function classify(path: string): FileRole {
  const parts = path.split('/');
  const name = parts[parts.length - 1]!;
  if (name === '.gitkeep' || (path === 'README.md')) return { kind: 'ignored' };
  if (name.endsWith('.yml')) return { kind: 'unknown', hint: `Rename it to ${name.slice(0, -4)}.yaml: governance files end in .yaml.` };
  if (!name.endsWith('.yaml')) return { kind: 'unknown', hint: `${layout}. Move this file out of governance/.` };
  const stem = name.slice(0, -'.yaml'.length);
  const handleHint = (folder: string) =>
    `The file name is the person's handle: lowercase letters, digits and dashes, at most 39, such as ${folder}/ana.yaml. Rename it.`;
  if (parts.length === 1 && stem === 'constitution') return { kind: 'constitution' };
  if (parts.length === 2 && (parts[0] === 'members' || parts[0] === 'commitments')) {
    const kind = parts[0] === 'members' ? 'member' : 'commitment';
    return HANDLE.test(stem) ? { kind, handle: stem } : { kind: 'unknown', hint: handleHint(parts[0]) };
  }
  if (parts.length === 3 && parts[0] === 'contributions') {
    const month = parts[1]!;
    if (!/^[0-9]{4}-(0[1-9]|1[0-2])$/.test(month)) {
      return { kind: 'unknown', hint: `Contributions are filed by month: contributions/<YYYY-MM>/<handle>.yaml, such as contributions/2026-11/ana.yaml. "${month}" is not a month.` };
    }
    return HANDLE.test(stem) ? { kind: 'contributions', month, handle: stem } : { kind: 'unknown', hint: handleHint(`contributions/${month}`) };
  }
  if (parts.length === 2 && parts[0] === 'proposals') {
    const match = /^([0-9]{4,})-([a-z0-9][a-z0-9-]*)$/.exec(stem);
    return match
      ? { kind: 'proposal', number: Number(match[1]), slug: match[2]!, key: stem }
      : { kind: 'unknown', hint: 'Proposals are named <NNNN>-<slug>.yaml, such as proposals/0007-adopt-care-rate.yaml. Rename it.' };
  }
  if (parts.length === 2 && parts[0] === 'decisions') {
    return /^[1-9][0-9]*$/.test(stem)
      ? { kind: 'decision', pr: Number(stem) }
      : { kind: 'unknown', hint: 'Decision records are named by pull request number, such as decisions/42.yaml; the record action writes them.' };
  }
  return { kind: 'unknown', hint: `${layout}. Move or rename it.` };
}

/** The schema each kind of file is checked against. */
const schemaOf: Record<Exclude<FileRole['kind'], 'ignored' | 'unknown'>, FileKind> = {
  constitution: 'constitution',
  member: 'member',
  commitment: 'commitment',
  contributions: 'contributions',
  proposal: 'proposal',
  decision: 'decision',
};

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
}

export interface LoadResult {
  state: State;
  /** Problems of reading, parsing and schema, before any semantic rule. */
  problems: Problem[];
  /** The text of every file read, by path, for positions. */
  texts: Map<string, string>;
}

export function emptyState(): State {
  return {
    members: new Map(),
    commitments: new Map(),
    contributions: new Map(),
    proposals: new Map(),
    decisions: new Map(),
    broken: new Set(),
  };
}

/**
 * Lists every file under governance/ with its role, refusing links and anything that is not a file.
 * A refused path of a known kind goes into `broken`: it is there, but not trusted.
 */
async function walk(source: Source, problems: Problem[], broken: Set<string>): Promise<{ path: string; entry: SourceEntry; role: FileRole }[]> {
  const top = await source.list('');
  const root = top?.find((e) => e.name === GOVERNANCE);
  if (root === undefined) {
    throw new SourceError('state.missing', `There is no ${GOVERNANCE}/ folder in ${source.label}. Run \`coop init\` to create one, or pass the project's folder with --repo DIR.`);
  }
  if (root.type !== 'dir') {
    problems.push({
      file: GOVERNANCE,
      code: root.type === 'symlink' ? 'file.symlink' : 'file.not-a-folder',
      message: `${GOVERNANCE} is ${root.type === 'symlink' ? 'a symbolic link' : 'not a folder'}; links are never followed. Make it a real folder.`,
      line: 1,
      column: 1,
    });
    return [];
  }
  const files: { path: string; entry: SourceEntry; role: FileRole }[] = [];
  const pending = [''];
  while (pending.length > 0) {
    const dir = pending.pop()!;
    const entries = (await source.list(dir === '' ? GOVERNANCE : `${GOVERNANCE}/${dir}`)) ?? [];
    for (const entry of entries) {
      const rel = dir === '' ? entry.name : `${dir}/${entry.name}`;
      const file = `${GOVERNANCE}/${rel}`;
      if (entry.type === 'dir') {
        pending.push(rel);
      } else if (entry.type === 'symlink' || entry.type === 'other') {
        if (entry.type === 'symlink') {
          problems.push({ file, code: 'file.symlink', message: 'This is a symbolic link; links are never followed. Replace it with the file itself.', line: 1, column: 1 });
        } else {
          problems.push({ file, code: 'file.not-a-file', message: 'This is not a regular file. Remove it from governance/.', line: 1, column: 1 });
        }
        const kind = classify(rel).kind;
        if (kind !== 'unknown' && kind !== 'ignored') broken.add(file);
      } else {
        const role = classify(rel);
        if (role.kind === 'unknown') {
          problems.push({ file, code: 'file.unknown', message: `This file has no place in governance/. ${role.hint}`, line: 1, column: 1 });
        } else if (role.kind !== 'ignored') {
          files.push({ path: file, entry, role });
        }
      }
    }
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Reads, parses and schema-checks one file. */
async function readOne(source: Source, path: string, kind: FileKind, oid: string | undefined, hash: boolean): Promise<ParsedFile> {
  const read = await source.read(path);
  if (!read.ok) {
    const message =
      read.reason === 'too-large'
        ? `This file is ${read.size} bytes, over the limit of ${MAX_FILE_BYTES} (1 MiB). Split it, or remove what does not belong in it.`
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
    return { oid, text: decoded.text, problems: [{ file: path, code: 'file.empty', message: `This file is empty. Fill it in as a ${kind} file (see schemas/${kind === 'decision' ? 'decision' : kind}.schema.json), or remove it.`, line: 1, column: 1 }] };
  }
  return { oid, text: decoded.text, value: parsed.value, problems: checkSchema(kind, path, parsed.value) };
}

/** The id git gives a blob of these bytes. */
export function blobId(bytes: Uint8Array): string {
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

/** Loads the state of a source. Never throws for bad content: every problem is returned. */
export async function loadState(source: Source, options: LoadOptions = {}): Promise<LoadResult> {
  const problems: Problem[] = [];
  const state = emptyState();
  const files = await walk(source, problems, state.broken);
  const texts = new Map<string, string>();
  const cache = options.cache;
  const results: ParsedFile[] = new Array(files.length);
  const concurrency = Math.max(1, options.concurrency ?? 1);

  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const i = next++;
      const { path, entry, role } = files[i]!;
      const kind = schemaOf[role.kind as keyof typeof schemaOf];
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
      results[i] = parsed;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, files.length) }, worker));

  for (let i = 0; i < files.length; i++) {
    const { path, role } = files[i]!;
    const parsed = results[i]!;
    if (parsed.text !== undefined) texts.set(path, parsed.text);
    problems.push(...parsed.problems);
    if (parsed.problems.length > 0 || parsed.value === undefined || parsed.text === undefined) {
      state.broken.add(path);
      continue;
    }
    place(state, role, { file: path, text: parsed.text, value: parsed.value, ...(parsed.oid ? { oid: parsed.oid } : {}) });
  }
  return { state, problems, texts };
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

/** Whether a member's file exists, conforming or not. */
export function memberExists(state: State, handle: string): boolean {
  return state.members.has(handle) || state.broken.has(`${GOVERNANCE}/members/${handle}.yaml`);
}
