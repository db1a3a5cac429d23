// The floors: what the least work a command must do costs on this machine, each measured cold in its own process.
import { fileURLToPath } from 'node:url';
import { measure, type Measurement, type MeasureOptions } from './measure.ts';

export type FloorName = 'node' | 'read' | 'js-yaml' | 'isomorphic-git' | 'git-cat-file';

export interface Floor {
  name: FloorName;
  /** What the floor does, in a few words, for the table. */
  label: string;
  /** The command that measures it on the state in `dir` (a repository with governance/ committed at HEAD). */
  command(dir: string): string[];
}

const script = (name: string) => fileURLToPath(new URL(`./floors/${name}.mjs`, import.meta.url));

/** The floors, in the order they are shown. Scripts run with plain node: no tsx start-up in a floor. */
export const floors: Record<FloorName, Floor> = {
  node: { name: 'node', label: 'node -e 0', command: () => ['node', '-e', '0'] },
  read: { name: 'read', label: 'read every file', command: (dir) => ['node', script('read-files'), dir] },
  'js-yaml': { name: 'js-yaml', label: 'read + js-yaml load', command: (dir) => ['node', script('js-yaml'), dir] },
  'isomorphic-git': {
    name: 'isomorphic-git',
    label: 'isomorphic-git readBlob, every blob',
    command: (dir) => ['node', script('isomorphic-git'), dir, 'HEAD'],
  },
  'git-cat-file': {
    name: 'git-cat-file',
    label: 'git cat-file --batch, every blob',
    command: (dir) => ['node', script('git-cat-file'), dir, 'HEAD'],
  },
};

/** Measures one floor on the state in `dir` (ignored by the `node` floor). */
export function measureFloor(name: FloorName, dir: string, opts?: MeasureOptions): Promise<Measurement> {
  return measure(floors[name].command(dir), opts);
}

async function seconds(name: FloorName, dir: string, opts?: MeasureOptions): Promise<number> {
  const m = await measureFloor(name, dir, opts);
  if (m.exitCode !== 0) throw new Error(`floor ${name} failed (exit ${m.exitCode}): ${m.stderr.trim()}`);
  return m.seconds;
}

/** (a) List and read every file of `dir/governance`. */
export const readFilesFloor = (dir: string, opts?: MeasureOptions) => seconds('read', dir, opts);
/** (b) Read every file and parse it with js-yaml's CORE_SCHEMA. */
export const jsYamlFloor = (dir: string, opts?: MeasureOptions) => seconds('js-yaml', dir, opts);
/** (c) isomorphic-git: readTree down governance/ at HEAD, then readBlob for each file, one shared cache. */
export const isomorphicGitFloor = (dir: string, opts?: MeasureOptions) => seconds('isomorphic-git', dir, opts);
/** (d) Native git: ls-tree the blobs of governance/ at HEAD and read them through one cat-file --batch. */
export const gitCatFileFloor = (dir: string, opts?: MeasureOptions) => seconds('git-cat-file', dir, opts);
/** (e) Starting node and doing nothing. */
export const nodeFloor = (opts?: MeasureOptions) => seconds('node', '', opts);
