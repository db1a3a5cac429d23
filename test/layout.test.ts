// The layout CONTRIBUTING.md promises: core's folders talk through their index.ts, in one direction;
// core stays pure; every source file says what it is for, and none grows past 400 lines without a reason.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const core = join(root, 'packages/core/src');

/** The folders of core, in the one direction they may depend: each imports only those before it. */
const ORDER = ['common', 'git', 'rules', 'load', 'change', 'vote', 'value', 'audit', 'report'];

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'generated' || e.name === 'node_modules' ? [] : sourcesUnder(path);
    return /\.(ts|mjs)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

const isTest = (path: string) => /\.test\.ts$/.test(path);
const coreSources = sourcesUnder(core).filter((p) => !isTest(p));

/** The relative module specifiers a file imports or re-exports. */
function importsOf(text: string): string[] {
  return [...text.matchAll(/^(?:import|export)\s[^;]*?from\s+'(\.[^']+)'/gms)].map((m) => m[1]!);
}

describe("core's folders", () => {
  it('lists every folder of core in CONTRIBUTING.md and in the dependency order', () => {
    const folders = readdirSync(core, { withFileTypes: true })
      .filter((e) => e.isDirectory() && e.name !== 'generated' && e.name !== 'presets')
      .map((e) => e.name);
    expect(folders.sort()).toEqual([...ORDER].sort());
    const contributing = readFileSync(join(root, 'CONTRIBUTING.md'), 'utf8');
    for (const folder of ORDER) expect(contributing).toContain(`  ${folder}/ `);
  });

  it('import another folder only through its index.ts, and only a folder before their own', () => {
    const wrong: string[] = [];
    for (const path of coreSources) {
      const from = relative(core, path).split('/');
      if (from.length < 2) continue;
      for (const specifier of importsOf(readFileSync(path, 'utf8'))) {
        const to = relative(core, join(path, '..', specifier)).split('/');
        if (to.length < 2 || to[0] === from[0] || to[0] === 'generated' || to[0] === 'presets') continue;
        const where = `${relative(root, path)} imports ${specifier}`;
        if (to.length !== 2 || to[1] !== 'index.ts') wrong.push(`${where}: import ${to[0]}/index.ts instead`);
        else if (ORDER.indexOf(to[0]!) > ORDER.indexOf(from[0]!)) wrong.push(`${where}: ${to[0]}/ comes after ${from[0]}/`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('core', () => {
  it('is pure: no console, no process, no forge', () => {
    const impure = coreSources.filter((path) => /\b(?:console|process)\.|from '@(?:octokit|actions)\//.test(readFileSync(path, 'utf8')));
    expect(impure.map((p) => relative(root, p))).toEqual([]);
  });
});

describe('source files', () => {
  const sources = ['packages/core/src', 'packages/cli/src', 'packages/github/src', 'actions', 'scripts', 'bench']
    .flatMap((dir) => sourcesUnder(join(root, dir)))
    .filter((p) => !isTest(p));

  it('each start with a line that says what the file is for', () => {
    const silent = sources.filter((path) => !/^(?:#!.*\n)?(?:\/\/ @ts-check\n)?\/\/ \S/.test(readFileSync(path, 'utf8')));
    expect(silent.map((p) => relative(root, p))).toEqual([]);
  });

  it('stay within 400 lines, or say at their top why not', () => {
    const long = sources.filter((path) => {
      const text = readFileSync(path, 'utf8');
      const lines = text.split('\n').length;
      const head = text.split('\n').slice(0, 12).join('\n');
      return lines > 400 && !/400 lines/.test(head);
    });
    expect(long.map((p) => relative(root, p))).toEqual([]);
  });
});
