// The actions as GitHub runs them: action.yml on node24 with its committed bundle, the bundle fresh from the sources, and one clear sentence outside a workflow.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { actionNames, bundleAction, bundlePath } from '../scripts/bundle-actions.mjs';

const root = join(import.meta.dirname, '..');
const names = actionNames();

describe('the actions', () => {
  it('are check, record and tally, each with its action.yml and source', () => {
    expect(names).toEqual(['check', 'record', 'tally']);
  });

  for (const name of names) {
    describe(name, () => {
      it('runs its committed ESM bundle on node24, and documents every input and output', () => {
        const action = parse(readFileSync(join(root, 'actions', name, 'action.yml'), 'utf8')) as {
          name: string;
          description: string;
          runs: { using: string; main: string };
          inputs?: Record<string, { description?: string }>;
          outputs?: Record<string, { description?: string }>;
        };
        expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
        expect(action.name).toMatch(/^Cooperage /);
        for (const [key, value] of Object.entries({ ...action.inputs, ...action.outputs })) expect(value.description, key).toMatch(/\w/);
        expect(readFileSync(bundlePath(name), 'utf8')).toMatch(/^\/\/ The \w+ action of Cooperage, bundled by scripts\/bundle-actions\.mjs/);
      });

      it('has a bundle built from the sources as they are (npm run bundle rebuilds it)', async () => {
        const fresh = await bundleAction(name);
        const committed = readFileSync(bundlePath(name), 'utf8');
        // Not toEqual on 1.5 MB of text: a failure says which action to rebuild, not a diff nobody reads.
        expect(committed === fresh, `actions/${name}/dist/index.js is stale: run npm run bundle and commit it`).toBe(true);
      });

      it('fails in one sentence, with no stack, when the event file is missing or is not JSON', () => {
        const dir = mkdtempSync(join(tmpdir(), 'coop-action-event-'));
        try {
          const notJson = join(dir, 'event.json');
          writeFileSync(notJson, 'not json {');
          for (const [path, says] of [
            [join(dir, 'missing.json'), /which cannot be read/],
            [notJson, /which is not JSON/],
          ] as const) {
            const env = { PATH: process.env.PATH ?? '', GITHUB_EVENT_NAME: 'pull_request_target', GITHUB_EVENT_PATH: path, GITHUB_REPOSITORY: 'a/b' };
            const run = spawnSync(process.execPath, [bundlePath(name)], { cwd: dir, env, encoding: 'utf8' });
            expect(run.status).toBe(1);
            expect(run.stdout).toMatch(says);
            expect(run.stdout.trim().split('\n')).toHaveLength(1);
            expect(run.stdout).not.toMatch(/Internal error|\bat .*:\d+:\d+/);
          }
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      });

      it(`outside a workflow says in one sentence what it is and exits 2, on this Node (${process.version})`, () => {
        const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };
        const run = spawnSync(process.execPath, [bundlePath(name)], { cwd: root, env, encoding: 'utf8' });
        expect(run.status).toBe(2);
        expect(run.stdout).toBe('');
        expect(run.stderr.trim().split('\n')).toHaveLength(1);
        expect(run.stderr).toMatch(/a GitHub Action: it runs in a workflow/);
        expect(run.stderr).not.toMatch(/\bat .*:\d+:\d+/);
      });
    });
  }
});
