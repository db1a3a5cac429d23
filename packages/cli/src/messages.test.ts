// What a member reads when a command is mistyped or given a bad value: sentences that end, the nearest option or command, the project's own words.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { runCoop } from '../../../test/support/io.ts';
import { makeRepo, type TestRepo } from '../../../test/support/repo.ts';
import { nearest } from '@cooperage/core';

const dirs: string[] = [];
const repos: TestRepo[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  for (const repo of repos.splice(0)) repo.remove();
});

describe('mistyped commands and options', () => {
  it('suggests the nearest command', async () => {
    const run = await runCoop(['valdate']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'coop: there is no command "valdate". Did you mean validate? The commands are validate, init, report, log, payout, check, tally, record, audit, doctor; see `coop --help`.\n',
    );
    expect((await runCoop(['frobnicate'])).stderr).not.toContain('Did you mean');
    expect((await runCoop(['--json'])).stderr).toMatch(/^coop: --json is not an option of coop itself: options follow a command, as in `coop validate --json`/);
    // The example names the option meant, not the typo again.
    expect((await runCoop(['--jsn'])).stderr).toMatch(/^coop: --jsn is not an option of coop itself: options follow a command, as in `coop validate --json`/);
  });

  it('names the command in front of a bad --ref', async () => {
    const repo = makeRepo({ 'x.txt': 'x\n' });
    onTestFinished(() => repo.remove());
    repo.commit('first');
    const run = await runCoop(['validate', '--repo', repo.dir, '--ref', 'nope']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^coop validate: --ref "nope" is not a commit in /);
  });

  it('suggests the nearest value for flags that choose from a list, and an option the typo begins', async () => {
    const disco = join(import.meta.dirname, '../../../examples/disco-coop');
    expect((await runCoop(['report', '--repo', disco, '--format', 'htm'])).stderr).toMatch(
      /--format "htm" is not a format\. Did you mean html\? Use one of: text, json, html\./,
    );
    expect((await runCoop(['log', '--memb', 'ana'])).stderr).toContain('there is no option --memb. Did you mean --member?');
    expect(nearest('lov', ['livelihood', 'love', 'care'])).toBe('love');
    expect(nearest('l', ['livelihood', 'love'])).toBeUndefined();
    expect(nearest('lo', ['livelihood', 'love', 'lorem'])).toBeUndefined();
  });

  it('suggests the nearest option, and every message ends its sentence', async () => {
    const unknown = await runCoop(['validate', '--jsn']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('coop validate: there is no option --jsn. Did you mean --json? See `coop validate --help`.\n');
    expect((await runCoop(['tally', '--votse', 'v.json'])).stderr).toContain('there is no option --votse. Did you mean --votes?');
    expect((await runCoop(['validate', '--zzz'])).stderr).toBe('coop validate: there is no option --zzz. See `coop validate --help`.\n');
    expect((await runCoop(['validate', '--json=yes'])).stderr).toBe('coop validate: --json takes no value: give it alone. See `coop validate --help`.\n');
    expect((await runCoop(['validate', '--repo'])).stderr).toBe('coop validate: --repo needs a value after it. See `coop validate --help`.\n');
    expect((await runCoop(['check', '--head', '--author', 'ana'])).stderr).toMatch(
      /^coop check: --head needs a value, and the next word starts with a dash\. .*--head=VALUE/,
    );
    expect((await runCoop(['validate', 'json'])).stderr).toBe(
      'coop validate: "json" is not an option, and this command takes no other words. Did you mean --json? See `coop validate --help`.\n',
    );
  });

  it('finds the nearest word within two edits, swaps of neighbours counting as one', () => {
    expect(nearest('--jsno', ['--json', '--repo'])).toBe('--json');
    expect(nearest('tlaly', ['tally', 'validate'])).toBe('tally');
    expect(nearest('-x', ['-h'])).toBeUndefined();
    expect(nearest('--xyz', ['--json', '--repo'])).toBeUndefined();
  });
});

describe('labels that end with a full stop', () => {
  it('says "the working tree at ." without a second full stop', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'coop-messages-'));
    dirs.push(dir);
    const run = await runCoop(['validate'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      "There is no governance/ folder in the working tree at . Run `coop init` to create one, or pass the project's folder with --repo DIR.\n",
    );
  });
});

describe('policy entries', () => {
  it('are counted from 1 wherever a person reads them, and from 0 in the JSON field policy', async () => {
    const repo = makeRepo();
    repos.push(repo);
    expect(
      (await runCoop(['init', repo.dir, '--preset', 'disco', '--handle', 'ana', '--name', 'Ana', '--github', 'AnaCosta', '--since', '2026-01-05'])).code,
    ).toBe(0);
    repo.write({ LICENSE: 'AGPL-3.0-or-later\n' });
    const path = 'governance/constitution.yaml';
    const text = readFileSync(join(repo.dir, path), 'utf8');
    repo.write({ [path]: text.replace('policy:\n', 'policy:\n  - paths: [LICENSE]\n    rule: forbidden\n    note: The licence is not ours to change.\n') });
    repo.commit('genesis');
    repo.git('checkout', '-q', '-b', 'pr');
    repo.write({ LICENSE: 'MIT\n' });
    repo.commit('relicense');
    const args = ['check', '--repo', repo.dir, '--base', 'main', '--head', 'pr', '--author', 'AnaCosta'];
    const human = await runCoop(args);
    expect(human.code).toBe(1);
    expect(human.stdout).toContain('Forbidden, by policy entry 1: “The licence is not ours to change.”');
    expect(human.stdout).not.toMatch(/policy\[/);
    const out = JSON.parse((await runCoop([...args, '--json'])).stdout) as { changes: { policy: number }[]; forbidden: { reason: string }[] };
    expect(out.changes[0]!.policy).toBe(0);
    expect(out.forbidden[0]!.reason).toBe('policy entry 1 of the base constitution forbids it: The licence is not ours to change.');
  });
});
