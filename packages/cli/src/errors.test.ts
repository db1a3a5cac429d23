// How coop says why it stopped: core's errors in the CLI's words, usage errors as they are, and a bug told apart from both.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoopError, SourceError } from '@cooperage/core';
import { afterAll, describe, expect, it } from 'vitest';
import { runCoop } from '../../../test/support/io.ts';
import { CliError, inCommand, sentence } from './errors.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function initialised(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'coop-errors-'));
  dirs.push(dir);
  expect((await runCoop(['init', dir, '--preset', 'minimal', '--handle', 'ana', '--name', 'Ana'])).code).toBe(0);
  return dir;
}

describe("core's errors in the CLI's words", () => {
  it('name the flags and commands that help, from the code and data alone', () => {
    const say = (error: CoopError, context = {}) => sentence(error, context);
    expect(say(new SourceError('source.missing', 'There is no folder /x.', { root: '/x' }))).toBe(
      "There is no folder /x. Pass the project's folder with --repo DIR.",
    );
    expect(say(new SourceError('source.not-a-folder', '', { root: '/x' }))).toBe("/x is not a folder. Pass the project's folder with --repo DIR.");
    expect(say(new SourceError('state.missing', '', { label: 'the working tree at .' }))).toBe(
      "There is no governance/ folder in the working tree at . Run `coop init` to create one, or pass the project's folder with --repo DIR.",
    );
    expect(say(new SourceError('state.missing', '', { label: 'main (1a2b3c4)' }))).toMatch(/^There is no governance\/ folder in main \(1a2b3c4\)\. Run/);
    expect(say(new SourceError('git.not-a-repository', '', { dir: '/x' }), { flag: 'ref' })).toBe(
      '/x is not inside a git repository, so --ref cannot be read. Run it in a clone, or leave --ref out to read the working tree.',
    );
    expect(say(new SourceError('git.not-a-repository', '', { dir: '/x' }), { command: 'check' })).toBe(
      'coop check: /x is not inside a git repository, so --head (and --base) cannot be read. Run it in a clone of the project, or pass its folder with --repo DIR.',
    );
    expect(say(new SourceError('git.unknown-ref', '', { ref: 'nope', top: '/r' }), { command: 'check', flag: 'head' })).toBe(
      'coop check: --head "nope" is not a commit in /r. Name a branch, a tag or a commit id (git log --oneline lists them).',
    );
    expect(say(new SourceError('git.unknown-ref', '', { ref: 'nope', top: '/r' }))).toMatch(/^"nope" is not a commit in \/r\./);
    expect(say(new CoopError('check.base-missing', '', { base: 'main (1a2b3c4)' }))).toMatch(
      /\(coop init\) is committed directly, not judged; otherwise pass the right --base, or the project's folder with --repo DIR\.$/,
    );
    expect(
      say(
        new CoopError('check.base-constitution', '', {
          base: 'main',
          problem: { file: 'governance/constitution.yaml', line: 1, column: 1, code: 'schema.required', message: 'The file lacks `decisions`.' },
        }),
      ),
    ).toBe(
      'The base, main, has no valid constitution. governance/constitution.yaml:1:1 schema.required: The file lacks `decisions`. The policy that judges a pull request is read from its base, so fix the constitution there first (coop validate --ref on the base), or pass the right --base.',
    );
    expect(say(new CoopError('check.base-constitution', '', { base: 'main' }))).toMatch(
      /no valid constitution\. There is no governance\/constitution\.yaml\. The policy/,
    );
    expect(say(new CoopError('audit.since-off-history', '', { since: 'side', commit: 'abcdef0123', ref: 'HEAD' }))).toBe(
      '--since side (abcdef0) is not on the first-parent history of HEAD, so the audit cannot start after it. Pass a commit of the governed branch itself, such as HEAD~10.',
    );
    expect(say(new CoopError('audit.no-genesis', '', { ref: 'HEAD', since: 'v1' }))).toMatch(
      /^No commit in the commits after --since v1 has .*pass the governed branch with --ref\.$/,
    );
  });

  it("keep core's own words where they name no flag, and a CLI error's words as they are", () => {
    expect(sentence(new SourceError('git.missing-object', 'The tree abc cannot be read.', { oid: 'abc', type: 'tree', top: '/r', reason: 'gone' }))).toBe(
      'The tree abc cannot be read.',
    );
    expect(sentence(new CliError('usage', 'coop x: no.', {}), { command: 'audit' })).toBe('coop x: no.');
  });

  it('wrap a core error met by a command with its context, and leave anything else alone', () => {
    const wrapped = inCommand(new SourceError('git.unknown-ref', 'plain', { ref: 'x', top: '/r' }), { command: 'audit', flag: 'since' });
    expect(wrapped).toBeInstanceOf(CliError);
    expect(wrapped).toMatchObject({
      code: 'git.unknown-ref',
      data: { ref: 'x', top: '/r' },
      message: expect.stringMatching(/^coop audit: --since "x" is not a commit/),
    });
    const bug = new TypeError('x is undefined');
    expect(inCommand(bug, { command: 'audit' })).toBe(bug);
  });
});

describe('a bug, told apart from a usage error', () => {
  // A clock that is not a date: validation cannot say what today is, which no command expects.
  const broken = { now: 'not a date' };

  it('says it is a bug in Cooperage and how to report it, exits 2, and answers {ok: false, error: {code: "internal"}} under --json', async () => {
    const dir = await initialised();
    const run = await runCoop(['validate', '--repo', dir, '--json'], broken);
    expect(run.code).toBe(2);
    const json = JSON.parse(run.stdout);
    expect(json).toEqual({
      ok: false,
      error: {
        code: 'internal',
        message: expect.stringMatching(
          /^Internal error: Invalid time value\. This is a bug in Cooperage, not a mistake in the command or the files; please report it with the command you ran and this message/,
        ),
      },
    });
    expect(run.stderr).toBe(`coop: ${json.error.message}\n`);
    expect(run.stderr).toContain('(COOP_DEBUG=1 shows where it happened)');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('shows where it happened only under COOP_DEBUG=1', async () => {
    const dir = await initialised();
    const run = await runCoop(['validate', '--repo', dir], { ...broken, env: { COOP_DEBUG: '1' } });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^coop: Internal error: Invalid time value\. This is a bug in Cooperage.*this message\.\nRangeError: Invalid time value\n\s+at /s,
    );
    expect(run.stdout).toBe('');
  });

  it('says a usage error in its own words, with its code, and nothing of a bug', async () => {
    const run = await runCoop(['validate', '--bogus', '--json']);
    expect(run.code).toBe(2);
    const json = JSON.parse(run.stdout);
    expect(json).toEqual({ ok: false, error: { code: 'usage', message: expect.stringMatching(/^coop validate: there is no option --bogus\./) } });
    expect(run.stderr).toBe(`${json.error.message}\n`);
    expect(run.stderr).not.toMatch(/bug|internal/i);
  });

  it('exits 1, once, for a state that falls short in a command that needs a valid one', async () => {
    const dir = await initialised();
    writeFileSync(join(dir, 'governance/members/bob.yaml'), 'name: Bob\ntier: membr\nsince: 2026-01-01\n');
    const run = await runCoop(['report', '--repo', dir, '--json']);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: false, errors: [{ code: 'member.tier-exists' }] });
    expect(run.stderr.match(/coop report: /g)).toHaveLength(1);
    expect(run.stderr).toMatch(/coop report: .* has 1 error; fix it first .*Nothing was written\.\n$/);
    expect(run.stderr).not.toMatch(/bug|internal/i);
  });
});
