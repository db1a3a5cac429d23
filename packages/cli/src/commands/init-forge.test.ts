// coop init --forge github: the workflows and the ruleset a repository on GitHub needs, written beside governance/ and never over a file already there.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCoop } from '../../../../test/support/io.ts';

const root = join(import.meta.dirname, '../../../..');
const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'coop-init-forge-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const founders = ['--founder', 'ana, Ana Costa, AnaCosta', '--founder', 'bob, Bob Silva, bobsilva'];
const source = (path: string) => readFileSync(join(root, path), 'utf8');
const workflows = readdirSync(join(root, 'actions/workflows')).filter((f) => f.endsWith('.yml'));

describe('coop init --forge github', () => {
  it('writes the workflows of actions/workflows/ and the ruleset of actions/rulesets/, as they are, beside governance/', async () => {
    const dir = tempDir();
    const run = await runCoop(['init', dir, '--forge', 'github', '--branch', 'main', ...founders, '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { files: string[]; kept: string[] };
    expect(out.kept).toEqual([]);
    expect(out.files).toEqual(expect.arrayContaining([...workflows.map((w) => `.github/workflows/${w}`), '.github/rulesets/cooperage-decision.json']));
    for (const name of workflows) expect(readFileSync(join(dir, '.github/workflows', name), 'utf8'), name).toBe(source(`actions/workflows/${name}`));
    const ruleset = JSON.parse(readFileSync(join(dir, '.github/rulesets/cooperage-decision.json'), 'utf8')) as {
      rules: { type: string; parameters?: unknown }[];
    };
    expect(ruleset.rules.map((r) => r.type)).toEqual(['required_status_checks', 'non_fast_forward', 'deletion']);
    expect(ruleset.rules[0]?.parameters).toMatchObject({ required_status_checks: [{ context: 'cooperage/decision', integration_id: 15368 }] });
  });

  it("runs the record workflow on the repository's default branch: --branch, else the branch checked out", async () => {
    const named = tempDir();
    expect((await runCoop(['init', named, '--forge', 'github', '--branch', 'trunk', ...founders])).code).toBe(0);
    expect(readFileSync(join(named, '.github/workflows/cooperage-record.yml'), 'utf8')).toContain('\n    branches: [trunk]\n');

    const cloned = tempDir();
    execFileSync('git', ['init', '-q', '-b', 'develop', cloned], { env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null' } });
    expect((await runCoop(['init', cloned, '--forge', 'github', ...founders])).code).toBe(0);
    const record = readFileSync(join(cloned, '.github/workflows/cooperage-record.yml'), 'utf8');
    expect(record).toContain('\n    branches: [develop]\n');
    expect(record.replace('[develop]', '[main]')).toBe(source('actions/workflows/cooperage-record.yml'));
  });

  it('never overwrites: a workflow already there is kept, and with governance/ there only the missing files are written', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, '.github/workflows'), { recursive: true });
    writeFileSync(join(dir, '.github/workflows/cooperage-gate.yml'), 'ours\n');
    const first = await runCoop(['init', dir, '--forge', 'github', '--branch', 'main', ...founders]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('.github/workflows/cooperage-gate.yml (already there: kept as it is)');
    expect(readFileSync(join(dir, '.github/workflows/cooperage-gate.yml'), 'utf8')).toBe('ours\n');

    rmSync(join(dir, '.github/workflows/cooperage-check.yml'));
    const member = readFileSync(join(dir, 'governance/members/ana.yaml'), 'utf8');
    const again = await runCoop(['init', dir, '--forge', 'github', '--branch', 'main', '--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ ok: true, files: ['.github/workflows/cooperage-check.yml'] });
    expect(readFileSync(join(dir, 'governance/members/ana.yaml'), 'utf8')).toBe(member);

    const nothing = await runCoop(['init', dir, '--forge', 'github', '--branch', 'main', '--founder', 'dan, Dan Okafor, danokafor']);
    expect(nothing.stdout).toMatch(/governance\/ and every file for github are already there: nothing written/);
    expect(nothing.stderr).toBe('coop init: governance/ is already there, so --founder has no effect: add people by pull request.\n');
  });

  it('refuses an unknown forge, a bad branch name, and --branch without --forge, with exit 2 and nothing written', async () => {
    const dir = tempDir();
    for (const [args, says] of [
      [['--forge', 'gitlab'], /there is no forge "gitlab". Use: github/],
      [['--forge', 'github', '--branch', 'no..pe'], /--branch "no..pe" is not a branch name/],
      [['--branch', 'main'], /--branch names the default branch for the forge workflows: give it with --forge github/],
    ] as const) {
      const run = await runCoop(['init', dir, ...args, ...founders]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(says);
    }
    expect(readdirSync(dir)).toEqual([]);
  });
});
