// coop validate and coop init, run in-process: output, JSON, exit codes and refusals.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCoop } from '../../../test/support/io.ts';
import { makeRepo, type TestRepo } from '../../../test/support/repo.ts';

const dirs: string[] = [];
const repos: TestRepo[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'coop-cli-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  for (const repo of repos.splice(0)) repo.remove();
});

async function initialised(preset = 'disco'): Promise<string> {
  const dir = tempDir();
  const run = await runCoop(['init', dir, '--preset', preset, '--handle', 'ana', '--name', 'Ana Costa', '--github', 'AnaCosta', '--since', '2026-01-05']);
  expect(run.code).toBe(0);
  return dir;
}

describe('coop --help', () => {
  it('lists the commands and exits 0; no command is a usage error', async () => {
    const help = await runCoop(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('validate');
    expect(help.stdout).toContain('init');
    expect((await runCoop([])).code).toBe(2);
  });

  it('answers an unknown command or flag with exit 2 and a pointer to --help', async () => {
    const unknown = await runCoop(['valdate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no command "valdate"/);
    const flag = await runCoop(['validate', '--bogus']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/--bogus.*coop validate --help/s);
  });
});

describe('coop init', () => {
  it.each(['disco', 'radial', 'minimal'])('writes a %s state that validates, with the founder in the innermost tier', async (preset) => {
    const dir = await initialised(preset);
    const member = readFileSync(join(dir, 'governance/members/ana.yaml'), 'utf8');
    expect(member).toContain('name: "Ana Costa"');
    expect(member).toContain('since: 2026-01-05');
    expect(member).toContain('github: AnaCosta');
    const validate = await runCoop(['validate', '--repo', dir, '--json']);
    expect(validate.code).toBe(0);
    expect(JSON.parse(validate.stdout)).toMatchObject({ ok: true, errors: [], stats: { members: 1 } });
  });

  it('writes the disco preset with the names tests rely on', async () => {
    const dir = await initialised('disco');
    const text = readFileSync(join(dir, 'governance/constitution.yaml'), 'utf8');
    for (const name of [
      'supermajority:',
      'unanimous:',
      'consent:',
      'lazy-majority:',
      'id: member',
      'id: dater',
      'id: contributor',
      'id: supporter',
      'livelihood:',
      'love:',
      'care:',
    ]) {
      expect(text).toContain(name);
    }
    expect(readFileSync(join(dir, 'governance/members/ana.yaml'), 'utf8')).toContain('tier: member');
  });

  it('refuses to overwrite an existing governance/ folder and leaves it untouched', async () => {
    const dir = await initialised();
    writeFileSync(join(dir, 'governance/constitution.yaml'), 'mine: true\n');
    const again = await runCoop(['init', dir, '--handle', 'bob', '--name', 'Bob']);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists.*never overwrites/);
    expect(readFileSync(join(dir, 'governance/constitution.yaml'), 'utf8')).toBe('mine: true\n');
    expect(existsSync(join(dir, 'governance/members/bob.yaml'))).toBe(false);
  });

  it('refuses a bad handle, an unknown preset or a bad date and writes nothing', async () => {
    for (const args of [
      ['--handle', 'Ana!', '--name', 'Ana'],
      ['--preset', 'anarchy', '--handle', 'ana', '--name', 'Ana'],
      ['--handle', 'ana', '--name', 'Ana', '--since', '2026-02-30'],
    ]) {
      const dir = tempDir();
      const run = await runCoop(['init', dir, ...args]);
      expect(run.code).toBe(2);
      expect(run.stderr).not.toMatch(/at .*\.ts:\d+/); // no stack trace
      expect(readdirSync(dir)).toEqual([]);
    }
  });

  it('takes the founder from git config when no flags are given', async () => {
    const repo = makeRepo();
    repos.push(repo);
    repo.git('config', 'user.name', 'Chiara Rossi');
    repo.git('config', 'user.email', 'Chiara.R@example.org');
    const run = await runCoop(['init', repo.dir, '--preset', 'minimal']);
    expect(run.code).toBe(0);
    expect(readFileSync(join(repo.dir, 'governance/members/chiara-r.yaml'), 'utf8')).toContain('name: "Chiara Rossi"');
  });
});

describe('coop validate', () => {
  it('reports each error as file:line:column code, with a caret frame, and exits 1', async () => {
    const dir = await initialised();
    writeFileSync(join(dir, 'governance/members/bob.yaml'), 'name: Bob\ntier: membr\nsince: 2026-01-01\n');
    const run = await runCoop(['validate', '--repo', dir]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('governance/members/bob.yaml:2:7 error member.tier-exists: The tier "membr" is not in the constitution.');
    expect(run.stdout).toContain('> 2 | tier: membr');
    expect(run.stdout).toMatch(/\n {4}\| {7}\^/);
    expect(run.stdout).toContain('1 error');
    expect(run.stdout).not.toContain('\x1b['); // no colour when not a terminal
  });

  it('colours output on a terminal, never under NO_COLOR', async () => {
    const dir = await initialised();
    writeFileSync(join(dir, 'governance/members/bob.yaml'), 'name: Bob\ntier: membr\nsince: 2026-01-01\n');
    expect((await runCoop(['validate', '--repo', dir], { isTTY: true })).stdout).toContain('\x1b[31m');
    expect((await runCoop(['validate', '--repo', dir], { isTTY: true, env: { NO_COLOR: '1' } })).stdout).not.toContain('\x1b[');
  });

  it('prints {ok, errors, warnings, stats} as JSON on stdout alone', async () => {
    const dir = await initialised();
    writeFileSync(join(dir, 'governance/members/bob.yaml'), 'name: Bob\ntier: membr\nsince: 2026-01-01\n');
    const run = await runCoop(['validate', '--repo', dir, '--json']);
    expect(run.code).toBe(1);
    const json = JSON.parse(run.stdout);
    expect(Object.keys(json)).toEqual(['ok', 'errors', 'warnings', 'stats']);
    expect(json.errors).toEqual([
      {
        file: 'governance/members/bob.yaml',
        line: 2,
        column: 7,
        endLine: 2,
        endColumn: 12,
        code: 'member.tier-exists',
        message: expect.stringContaining('Use one of: member, dater, contributor, supporter'),
      },
    ]);
    expect(json.stats).toMatchObject({ members: 2, files: 3, tiers: { member: 1 } });
  });

  it('warns of a since: after today, today being the clock of the run', async () => {
    const dir = await initialised();
    writeFileSync(join(dir, 'governance/members/bob.yaml'), 'name: Bob\ntier: member\nsince: 2026-12-01\n');
    const before = await runCoop(['validate', '--repo', dir, '--json'], { now: '2026-11-28T12:00:00Z' });
    expect(before.code).toBe(0);
    expect(JSON.parse(before.stdout).warnings).toEqual([
      {
        file: 'governance/members/bob.yaml',
        line: 3,
        column: 8,
        endLine: 3,
        endColumn: 18,
        code: 'date.future',
        message: expect.stringMatching(/^2026-12-01 is after today \(2026-11-28\)/),
      },
    ]);
    const text = await runCoop(['validate', '--repo', dir], { now: '2026-11-28T12:00:00Z' });
    expect(text.stdout).toContain('governance/members/bob.yaml:3:8 warning date.future: 2026-12-01 is after today (2026-11-28)');
    expect(text.stdout).toContain('valid, 1 warning');
    const after = await runCoop(['validate', '--repo', dir, '--json'], { now: '2026-12-01T00:00:00Z' });
    expect(JSON.parse(after.stdout).warnings).toEqual([]);
  });

  it('exits 2 with a clear message when there is no governance/ folder or no such folder', async () => {
    const empty = await runCoop(['validate', '--repo', tempDir()]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/There is no governance\/ folder .*coop init/);
    const missing = await runCoop(['validate', '--repo', '/nonexistent/x', '--json']);
    expect(missing.code).toBe(2);
    expect(JSON.parse(missing.stdout)).toMatchObject({ ok: false, error: { code: 'source.missing' } });
  });

  it('reads a ref from the object store without touching the working tree', async () => {
    const dir = await initialised();
    const repo = makeRepo();
    repos.push(repo);
    repo.write({
      'governance/constitution.yaml': readFileSync(join(dir, 'governance/constitution.yaml'), 'utf8'),
      'governance/members/ana.yaml': readFileSync(join(dir, 'governance/members/ana.yaml'), 'utf8'),
    });
    const good = repo.commit('genesis');
    repo.write({ 'governance/members/bob.yaml': 'name: Bob\ntier: membr\nsince: 2026-01-01\n' });
    repo.commit('add bob');
    repo.write({ 'governance/members/bob.yaml': null });

    const head = await runCoop(['validate', '--repo', repo.dir, '--ref', 'HEAD', '--json']);
    expect(head.code).toBe(1);
    expect(JSON.parse(head.stdout).errors[0]).toMatchObject({ file: 'governance/members/bob.yaml', line: 2, column: 7, code: 'member.tier-exists' });
    for (const ref of ['HEAD~1', 'main^', good, good.slice(0, 7)]) {
      expect((await runCoop(['validate', '--repo', repo.dir, '--ref', ref])).code).toBe(0);
    }
    expect((await runCoop(['validate', '--repo', repo.dir])).code).toBe(0); // the working tree, where bob is gone
    const unknown = await runCoop(['validate', '--repo', repo.dir, '--ref', 'nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/"nope" is not a commit/);
    expect((await runCoop(['validate', '--repo', repo.dir, '--ref', 'HEAD~5'])).code).toBe(2);
  });

  it('reads objects from packs and loose files alike', async () => {
    const dir = await initialised();
    const repo = makeRepo();
    repos.push(repo);
    repo.write({
      'governance/constitution.yaml': readFileSync(join(dir, 'governance/constitution.yaml'), 'utf8'),
      'governance/members/ana.yaml': readFileSync(join(dir, 'governance/members/ana.yaml'), 'utf8'),
    });
    repo.commit('genesis');
    repo.git('repack', '-adq'); // genesis now lives in a pack, as in a clone
    repo.write({ 'governance/members/bob.yaml': 'name: Bob\ntier: membr\nsince: 2026-01-01\n' });
    repo.commit('add bob, loose');
    const head = JSON.parse((await runCoop(['validate', '--repo', repo.dir, '--ref', 'HEAD', '--json'])).stdout);
    expect(head.stats.members).toBe(2);
    expect(head.errors.map((e: { code: string }) => e.code)).toEqual(['member.tier-exists']);
    expect((await runCoop(['validate', '--repo', repo.dir, '--ref', 'HEAD~1'])).code).toBe(0);
  });

  it('reads a project folder inside a larger repository at a ref', async () => {
    const dir = await initialised('minimal');
    const repo = makeRepo();
    repos.push(repo);
    repo.write({
      'sub/project/governance/constitution.yaml': readFileSync(join(dir, 'governance/constitution.yaml'), 'utf8'),
      'sub/project/governance/members/ana.yaml': readFileSync(join(dir, 'governance/members/ana.yaml'), 'utf8'),
      'sub/project/governance/members/x.yml': 'name: X\n',
    });
    repo.commit('nested');
    const run = await runCoop(['validate', '--repo', join(repo.dir, 'sub/project'), '--ref', 'main', '--json']);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).errors).toEqual([expect.objectContaining({ file: 'governance/members/x.yml', code: 'file.unknown', line: 1, column: 1 })]);
  });

  it('reports symbolic links committed to git as errors and never follows them', async () => {
    const dir = await initialised('minimal');
    const repo = makeRepo();
    repos.push(repo);
    repo.write({
      'governance/constitution.yaml': readFileSync(join(dir, 'governance/constitution.yaml'), 'utf8'),
      'governance/members/ana.yaml': readFileSync(join(dir, 'governance/members/ana.yaml'), 'utf8'),
    });
    repo.link('governance/members/bob.yaml', '/etc/passwd');
    repo.link('governance/commitments', '/etc');
    repo.commit('links');
    const run = await runCoop(['validate', '--repo', repo.dir, '--ref', 'HEAD', '--json']);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).errors.map((e: { file: string; code: string }) => [e.file, e.code])).toEqual([
      ['governance/commitments', 'file.symlink'],
      ['governance/members/bob.yaml', 'file.symlink'],
    ]);
  });

  it('says plainly when --ref is used outside a git repository', async () => {
    const dir = await initialised('minimal');
    const run = await runCoop(['validate', '--repo', dir, '--ref', 'HEAD']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/not inside a git repository/);
  });
});
