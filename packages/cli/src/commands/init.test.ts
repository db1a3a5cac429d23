// coop init with several founders: --founder and --founders FILE, and the mistakes it refuses with nothing written;
// the constitution it writes is the preset's file as it is.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCoop } from '../../../../test/support/io.ts';
import { makeRepo, type TestRepo } from '../../../../test/support/repo.ts';

const dirs: string[] = [];
const repos: TestRepo[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'coop-init-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  for (const repo of repos.splice(0)) repo.remove();
});

const member = (dir: string, handle: string) => readFileSync(join(dir, 'governance/members', `${handle}.yaml`), 'utf8');

describe('coop init with several founders', () => {
  it('writes every founder of --founders and --founder in the innermost tier, since the same day, and the state validates', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'founders.txt'), '# handle, name, forge login\nana, Ana Costa, AnaCosta\n\n  bob , Bob Silva   # our treasurer\r\n');
    const run = await runCoop(
      ['init', 'coop', '--preset', 'disco', '--founders', 'founders.txt', '--founder', 'carol, Carol Diaz, carol-d', '--since', '2026-01-05', '--json'],
      { cwd: dir },
    );
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: true, founders: ['ana', 'bob', 'carol'] });
    const coop = join(dir, 'coop');
    expect(member(coop, 'ana')).toBe(
      '# yaml-language-server: $schema=https://cooperage.dev/schemas/member.schema.json\nname: "Ana Costa"\ntier: member\nsince: 2026-01-05\ngithub: AnaCosta\n',
    );
    expect(member(coop, 'bob')).toContain('name: "Bob Silva"\ntier: member\nsince: 2026-01-05\n');
    expect(member(coop, 'bob')).not.toContain('github:');
    expect(member(coop, 'carol')).toContain('github: carol-d');
    const validate = await runCoop(['validate', '--repo', coop, '--json']);
    expect(JSON.parse(validate.stdout)).toMatchObject({ ok: true, stats: { members: 3, tiers: { member: 3 } } });
  });

  it('names every founder in what it prints, and counts --handle/--name as one more', async () => {
    const dir = tempDir();
    const run = await runCoop(['init', dir, '--preset', 'radial', '--handle', 'ana', '--name', 'Ana Costa', '--founder', 'bob, Bob Silva']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('with bob and ana as founding members:');
    expect(member(dir, 'ana')).toContain('tier: core');
    expect(member(dir, 'bob')).toContain('tier: core');
  });

  it('does not read git config when the founders are given by --founder', async () => {
    const repo = makeRepo();
    repos.push(repo);
    repo.git('config', 'user.name', 'Chiara Rossi');
    repo.git('config', 'user.email', 'chiara@example.org');
    const run = await runCoop(['init', repo.dir, '--founder', 'ana, Ana Costa', '--founder', 'bob, Bob Silva']);
    expect(run.code).toBe(0);
    expect(readdirSync(join(repo.dir, 'governance/members')).sort()).toEqual(['ana.yaml', 'bob.yaml']);
  });

  it('lets the disco preset pass consent from the start: two founders can decide', async () => {
    const repo = makeRepo();
    repos.push(repo);
    expect((await runCoop(['init', repo.dir, '--founder', 'ana, Ana Costa', '--founder', 'bob, Bob Silva', '--since', '2026-01-05'])).code).toBe(0);
    repo.commit('Found the cooperative');
    repo.git('checkout', '-q', '-b', 'dater');
    repo.write({ 'governance/members/dan.yaml': 'name: Dan\ntier: dater\nsince: 2026-02-01\ndating: { stage: 1, since: 2026-02-01 }\n' });
    repo.commit('Dan starts dating');
    repo.git('checkout', '-q', 'main');
    const votes = join(tempDir(), 'votes.json');
    writeFileSync(
      votes,
      JSON.stringify([
        { voter: 'ana', vote: 'yes', at: '2026-02-02T10:00:00Z' },
        { voter: 'bob', vote: 'yes', at: '2026-02-02T11:00:00Z' },
      ]),
    );
    const tally = await runCoop([
      'tally',
      '--repo',
      repo.dir,
      '--base',
      'main',
      '--head',
      'dater',
      '--author',
      'ana',
      '--votes',
      votes,
      '--opened',
      '2026-02-01T09:00:00Z',
      '--now',
      '2026-02-10T09:00:00Z',
      '--json',
    ]);
    expect(JSON.parse(tally.stdout)).toMatchObject({ outcome: 'passed', rules: [{ rule: 'consent', outcome: 'passed', yes: 2 }] });
    expect(tally.code).toBe(0);
  });

  it('refuses each mistake with exit 2, names the file and line or the flag, says how to fix it, and writes nothing', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'founders.txt'),
      [
        'ana, Ana Costa, AnaCosta',
        'Bob, Bob Silva',
        'carol,',
        'dan Dan',
        'erin, Erin, anacosta',
        'ana, Ana Again',
        'finn, Finn, not a login',
        'gil, Gil, Smith, Jr',
      ].join('\n'),
    );
    const run = await runCoop(['init', 'coop', '--founders', 'founders.txt', '--founder', 'hana,  '], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trim().split('\n');
    expect(lines[0]).toBe('coop init: 8 problems with the founders; nothing was written:');
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(/^ {2}founders\.txt:2: "Bob" is not a handle: use lowercase letters, digits and dashes, .*such as bob\.$/),
      expect.stringMatching(/^ {2}founders\.txt:3: carol has no name: give it after the handle, such as "ana, Ana Costa, AnaCosta"/),
      expect.stringMatching(/^ {2}founders\.txt:4: "dan Dan" is not "handle, name, forge login": separate the fields with commas/),
      expect.stringMatching(/^ {2}founders\.txt:7: "not a login" is not a forge login: use letters, digits and single dashes/),
      expect.stringMatching(/^ {2}founders\.txt:8: "gil, Gil, Smith, Jr" has 4 fields; .*A name may not contain a comma\.$/),
      expect.stringMatching(/^ {2}--founder "hana, {2}": hana has no name/),
      expect.stringMatching(
        /^ {2}founders\.txt:5: the forge login anacosta is already ana's \(founders\.txt:1\); logins match case-insensitively\. Give each founder their own forge login\.$/,
      ),
      expect.stringMatching(/^ {2}founders\.txt:6: the handle ana is already given by founders\.txt:1\. Give each founder their own handle/),
    ]);
    expect(readdirSync(dir)).toEqual(['founders.txt']);
  });

  it('refuses a login that is another founder’s handle, a missing or empty file, and a bad --github', async () => {
    const dir = tempDir();
    const clash = await runCoop(['init', dir, '--founder', 'ana, Ana Costa', '--founder', 'bob, Bob Silva, ANA']);
    expect(clash.code).toBe(2);
    expect(clash.stderr).toBe(
      'coop init: --founder "bob, Bob Silva, ANA": the forge login ANA is already ana\'s (--founder "ana, Ana Costa", where it is the handle); logins match case-insensitively. Give each founder their own forge login. Nothing was written.\n',
    );

    const missing = await runCoop(['init', dir, '--founders', 'nobody.txt'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^coop init: --founders nobody\.txt cannot be read \(there is no such file\)\. Give a file with one founder a line/);

    writeFileSync(join(dir, 'empty.txt'), '# nobody yet\n\n');
    const empty = await runCoop(['init', dir, '--founders', 'empty.txt'], { cwd: dir });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/empty\.txt lists no founder: write one a line/);

    const github = await runCoop(['init', dir, '--handle', 'ana', '--name', 'Ana', '--github', 'Ana Costa']);
    expect(github.code).toBe(2);
    expect(github.stderr).toMatch(/--github "Ana Costa" is not a forge login/);
    expect(readdirSync(dir).sort()).toEqual(['empty.txt']);
  });

  it('explains --founder and --founders in its help', async () => {
    const help = await runCoop(['init', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--founder "H, NAME, LOGIN"[\s\S]*Repeat it for each founder/);
    expect(help.stdout).toMatch(/--founders FILE {2}a file with one founder a line/);
  });
});

describe('the constitution coop init writes', () => {
  const presetFile = (name: string) => readFileSync(join(import.meta.dirname, '../../../core/src/presets', `${name}.yaml`), 'utf8');

  it.each(['disco', 'radial', 'minimal'])('is presets/%s.yaml, byte for byte', async (preset) => {
    const dir = tempDir();
    const run = await runCoop(['init', dir, '--preset', preset, '--founder', 'ana, Ana Costa']);
    expect(run.code).toBe(0);
    expect(readFileSync(join(dir, 'governance/constitution.yaml'), 'utf8')).toBe(presetFile(preset));
  });

  it('is the same through the built command, run from a folder with no presets in it', () => {
    const dir = tempDir();
    const coop = join(import.meta.dirname, '../../bin/coop.js');
    execFileSync('node', [coop, 'init', 'out', '--preset', 'radial', '--founder', 'ana, Ana Costa'], { cwd: dir, encoding: 'utf8' });
    expect(readFileSync(join(dir, 'out/governance/constitution.yaml'), 'utf8')).toBe(presetFile('radial'));
  });
});
