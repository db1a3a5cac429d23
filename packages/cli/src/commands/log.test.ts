// coop log in-process: it appends and keeps the file's text, creates files, and refuses bad input without writing anything.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCoop } from '../../../../test/support/io.ts';
import { copyExample, fingerprint, type TempTree } from '../../../../test/support/tree.ts';

const trees: TempTree[] = [];
afterEach(() => trees.splice(0).forEach((t) => t.remove()));
function disco(): string {
  const tree = copyExample('disco-coop');
  trees.push(tree);
  return tree.dir;
}

const november = 'governance/contributions/2026-11/ana.yaml';

describe('coop log', () => {
  it('appends to the monthly file, keeping every byte before it, and the state stays valid', async () => {
    const dir = disco();
    const before = readFileSync(join(dir, november), 'utf8');
    const run = await runCoop([
      'log',
      '--repo',
      dir,
      '--member',
      'ana',
      '--stream',
      'care',
      '--hours',
      '1.5',
      '--what',
      'Call with SENE: membership',
      '--date',
      '2026-11-27',
      '--link',
      'https://pad.example.org/sene',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Logged 1.5 hours (37.50 credits) of care for ana on 2026-11-27 in ${november}.`);
    const after = readFileSync(join(dir, november), 'utf8');
    expect(after).toBe(
      `${before}  - date: 2026-11-27\n    stream: care\n    hours: 1.5\n    what: "Call with SENE: membership"\n    link: https://pad.example.org/sene\n`,
    );
    expect((await runCoop(['validate', '--repo', dir])).code).toBe(0);
  });

  it('creates the monthly file for a new month, defaults the date to today, and answers JSON', async () => {
    const dir = disco();
    const run = await runCoop(['log', '--repo', dir, '--member', 'isa', '--stream', 'love', '--credits', '60', '--what', 'Flyer for the gathering', '--json'], {
      now: '2026-12-02T09:00:00Z',
    });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      ok: true,
      file: 'governance/contributions/2026-12/isa.yaml',
      created: true,
      entry: { date: '2026-12-02', stream: 'love', credits: 60, what: 'Flyer for the gathering' },
      credits: 60,
    });
    expect(readFileSync(join(dir, 'governance/contributions/2026-12/isa.yaml'), 'utf8')).toContain('entries:\n  - date: 2026-12-02\n');
    const report = JSON.parse((await runCoop(['report', '--repo', dir, '--json'], { now: '2026-12-02T09:00:00Z' })).stdout);
    expect(report.value.people.find((p: { member: string }) => p.member === 'isa')).toMatchObject({ periodTotal: 60 });
  });

  it.each([
    ['a member who does not exist', ['--member', 'zed'], /--member: "zed" is not a member: there is no governance\/members\/zed\.yaml/],
    ['a stream that does not exist', ['--stream', 'beer'], /--stream: "beer" is not one of the constitution's streams\. Use one of: livelihood, love, care/],
    [
      'a stream with a typo',
      ['--stream', 'lov'],
      /--stream: "lov" is not one of the constitution's streams\. Did you mean love\? Use one of: livelihood, love, care/,
    ],
    ['negative hours', ['--hours=-3'], /--hours -3 is not an amount: give the hours worked, more than 0, such as 2\.5\./],
    ['negative hours as a separate word', ['--hours', '-3'], /--hours -3 is not an amount: give the hours worked, more than 0/],
    ['zero hours', ['--hours', '0'], /--hours 0 is out of range/],
    ['absurd hours', ['--hours', '30'], /--hours 30 is out of range: give more than 0 and at most 24 hours, such as 2\.5/],
    ['hours that are not a number', ['--hours', 'two'], /--hours "two" is not a number/],
    ['hours with a decimal comma', ['--hours', '2,5'], /--hours "2,5" is not a number: .* Write decimals with a point \(2\.5\)/],
    ['absurd credits', ['--hours', '1', '--credits', '2000000'], /--credits 2000000 is out of range/],
    ['a month that does not exist', ['--date', '2026-13-02'], /--date "2026-13-02" is not a real date: months run 01 to 12\./],
    ['a day that does not exist', ['--date', '2026-02-30'], /--date "2026-02-30" is not a real date: 2026-02 has 28 days\./],
    ['not a day at all', ['--date', 'tomorrow'], /--date "tomorrow" is not a day: write it YYYY-MM-DD/],
    ['a day in the future', ['--date', '2026-12-24'], /--date: 2026-12-24 is after today \(2026-11-28\): log work once it is done/],
    ['a day with too many hours', ['--date', '2026-11-03', '--hours', '20'], /--hours: ana already logged 5 hours on 2026-11-03; 20 more would make 25/],
    ['a link that is not one', ['--link', 'pad.example.org'], /--link: "pad\.example\.org" is not a link/],
    ['no amount at all', ['--hours', null], /say how much work it was with --hours N or --credits N/],
    ['no --what', ['--what', null], /--what is missing/],
  ])('refuses %s with exit 2, naming the flag, and writes nothing', async (_, change, message) => {
    const dir = disco();
    const args: Record<string, string | null> = { '--member': 'ana', '--stream': 'care', '--hours': '2', '--what': 'Calls', '--date': '2026-11-20' };
    const extra: string[] = [];
    for (let i = 0; i < change.length; i++) {
      const flag = change[i]!;
      if (flag.includes('=')) {
        delete args[flag.slice(0, flag.indexOf('='))];
        extra.push(flag);
      } else args[flag] = change[++i] as string | null;
    }
    const argv = [...Object.entries(args).flatMap(([k, v]) => (v === null ? [] : [k, v])), ...extra];
    const before = fingerprint(dir);
    const run = await runCoop(['log', '--repo', dir, ...argv]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(fingerprint(dir)).toBe(before);
  });

  it('refuses to log into a state that does not validate: exit 1, the errors, nothing written', async () => {
    const dir = disco();
    writeFileSync(join(dir, 'governance/members/gwen.yaml'), 'name: Gwen\ntier: friend\nsince: 2025-06-12\n');
    const before = fingerprint(dir);
    const run = await runCoop(['log', '--repo', dir, '--member', 'ana', '--stream', 'care', '--hours', '2', '--what', 'Calls']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/governance\/members\/gwen\.yaml:2:7 error member\.tier-exists/);
    expect(run.stderr).toMatch(/has 1 error; fix it first .* Nothing was written/);
    expect(fingerprint(dir)).toBe(before);
  });

  it('explains that a constitution without value tracking has no streams', async () => {
    const tree = copyExample('radial-libre');
    trees.push(tree);
    const run = await runCoop(['log', '--repo', tree.dir, '--member', 'kofi', '--stream', 'love', '--hours', '2', '--what', 'Docs']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/this constitution tracks no value/);
  });
});
