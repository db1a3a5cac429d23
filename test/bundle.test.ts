// The built coop command: a source map beside every file of the bundle, and under COOP_DEBUG=1 an internal error's stack in the lines of the sources.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const dist = join(root, 'packages/cli/dist');
const coop = join(root, 'packages/cli/bin/coop.js');
/** Preloaded: a clock that is not a date, so validation meets an error no command expects (a bug, as far as coop can tell). */
const brokenClock = `data:text/javascript,${encodeURIComponent('const D = Date; globalThis.Date = class extends D { constructor(...a) { if (a.length === 0) super(NaN); else super(...a); } };')}`;

function validateWithBrokenClock(env: Record<string, string>) {
  return spawnSync('node', ['--import', brokenClock, coop, 'validate', '--repo', join(root, 'examples/disco-coop')], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
}

describe('the built command', () => {
  it('has a source map beside every file, naming the sources it was built from', () => {
    const files = [
      'coop.js',
      ...readdirSync(join(dist, 'chunks'))
        .filter((f) => f.endsWith('.js'))
        .map((f) => `chunks/${f}`),
    ];
    expect(files.length).toBeGreaterThan(1);
    const sources = new Set<string>();
    for (const file of files) {
      const map = /\n\/\/# sourceMappingURL=(\S+)\s*$/.exec(readFileSync(join(dist, file), 'utf8'))?.[1];
      expect(map, file).toBe(`${file.split('/').pop()}.map`);
      const json = JSON.parse(readFileSync(join(dirname(join(dist, file)), map!), 'utf8')) as { version: number; sources: string[] };
      expect(json.version).toBe(3);
      // Sources as paths from the map (esbuild's own helpers have none).
      for (const source of json.sources) sources.add(join(dirname(join(dist, file)), source));
    }
    for (const source of ['packages/cli/src/entry.ts', 'packages/cli/src/main.ts']) expect(sources).toContain(join(root, source));
    expect([...sources].filter((source) => source.startsWith(join(root, 'packages/core/src/'))).length).toBeGreaterThan(10);
  });

  it('under COOP_DEBUG=1 shows where an internal error happened, at lines of the TypeScript sources', () => {
    const run = validateWithBrokenClock({ COOP_DEBUG: '1' });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^coop: Internal error: Invalid time value\. This is a bug in Cooperage/);
    const frames = run.stderr.split('\n').filter((line) => /^\s+at /.test(line));
    expect(
      frames.some((frame) => /^\s+at \w+ \(.*packages\/core\/src\/.+\.ts:\d+:\d+\)$/.test(frame)),
      run.stderr,
    ).toBe(true);
    expect(
      frames.some((frame) => /^\s+at async \w+ \(.*packages\/cli\/src\/.+\.ts:\d+:\d+\)$/.test(frame)),
      run.stderr,
    ).toBe(true);
    expect(run.stderr).not.toContain('/dist/');

    const plain = validateWithBrokenClock({ COOP_DEBUG: '' });
    expect(plain.status).toBe(2);
    expect(plain.stderr).toContain('(COOP_DEBUG=1 shows where it happened)');
    expect(plain.stderr).not.toMatch(/\n\s+at /);
  });
});
