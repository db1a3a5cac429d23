// coop report in-process: its three formats, --out, periods, refs, and its refusals.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCoop } from '../../../../test/support/io.ts';
import { makeRepo, type TestRepo } from '../../../../test/support/repo.ts';
import { copyExample, type TempTree } from '../../../../test/support/tree.ts';

const disco = join(import.meta.dirname, '../../../../examples/disco-coop');
const trees: (TempTree | TestRepo)[] = [];
afterEach(() => trees.splice(0).forEach((t) => t.remove()));

describe('coop report', () => {
  it('prints the text report of the example by default', async () => {
    const run = await runCoop(['report', '--repo', disco]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^Governance report, December 2025 to November 2026\n/);
    expect(run.stdout).toMatch(
      /\n {2}bruno +2026-Q3 +short +54% +livelihood: 48 of 50 hours pledged \(2 short\); love: 125 of 400 credits pledged \(275 short\)/,
    );
    expect(run.stdout).toContain('Dater (2): efua (stage 1), farid (stage 3)');
  });

  it('answers JSON with --json or --format json, the same report', async () => {
    const a = await runCoop(['report', '--repo', disco, '--json']);
    const b = await runCoop(['report', '--repo', disco, '--format', 'json']);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    const report = JSON.parse(a.stdout);
    expect(report.months).toHaveLength(12);
    expect(report.continuum.people).toHaveLength(9);
    expect(report.generated).toBe('2026-11-28T12:00:00.000Z');
  });

  it('writes the HTML page into --out, and says where', async () => {
    const tree = copyExample('disco-coop');
    trees.push(tree);
    const run = await runCoop(['report', '--repo', tree.dir, '--format', 'html', '--out', join(tree.dir, 'site'), '--from', '2026-01-15', '--to', '2026-06']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Wrote .*site\/report\.html \(6 months, 9 people\)\./);
    const html = readFileSync(join(tree.dir, 'site/report.html'), 'utf8');
    expect(html).toContain('data-chart="credits" data-months="6"');
    expect(html).toContain('January 2026 to June 2026');
    // With --json, it answers JSON about the file it wrote.
    const json = await runCoop(['report', '--repo', tree.dir, '--format', 'text', '--out', join(tree.dir, 'site'), '--json'], { cwd: tree.dir });
    expect(JSON.parse(json.stdout)).toEqual({ ok: true, file: 'site/report.txt' });
    expect(readFileSync(join(tree.dir, 'site/report.txt'), 'utf8')).toMatch(/^Governance report/);
  });

  it('answers an --out that is a file, or inside one, with a usage error; a path outside the folder is shown whole', async () => {
    const tree = copyExample('disco-coop');
    trees.push(tree);
    const member = join(tree.dir, 'governance/members/ana.yaml');
    for (const out of [member, join(member, 'site')]) {
      const run = await runCoop(['report', '--repo', tree.dir, '--format', 'html', '--out', out]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^coop report: --out .* is a file, or inside one, not a folder\. Give a folder for the report, such as --out site\.\n$/);
      expect(run.stderr).not.toMatch(/internal|bug|EEXIST|ENOTDIR/);
    }
    const run = await runCoop(['report', '--repo', tree.dir, '--format', 'text', '--out', join(tree.dir, 'site')], { cwd: join(tree.dir, 'governance') });
    expect(run.stdout).toContain(`Wrote ${join(tree.dir, 'site/report.txt')} (`);
  });

  it('reads a git ref from the object store', async () => {
    const repo = makeRepo();
    trees.push(repo);
    const tree = copyExample('disco-coop');
    trees.push(tree);
    const files: Record<string, string> = {};
    const walk = (d: string) =>
      readdirSync(d).forEach((n) =>
        statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : (files[join(d, n).slice(tree.dir.length + 1)] = readFileSync(join(d, n), 'utf8')),
      );
    walk(join(tree.dir, 'governance'));
    repo.write(files);
    repo.commit('the example');
    repo.write({ 'governance/members/isa.yaml': null });
    const head = JSON.parse((await runCoop(['report', '--repo', repo.dir, '--ref', 'HEAD', '--json'])).stdout);
    expect(head.continuum.people).toHaveLength(9);
  });

  it.each([
    ['a format that does not exist', ['--format', 'pdf'], /--format "pdf" is not a format\. Use one of: text, json, html/],
    ['--json with another format', ['--json', '--format', 'html'], /--json and --format html disagree\. Give one of them, or --out DIR/],
    ['a --from that is not a date', ['--from', 'last year'], /--from "last year" is not a month or a day: write YYYY-MM or YYYY-MM-DD/],
    ['a --to month that does not exist', ['--to', '2026-13'], /--to "2026-13" is not a month or a day/],
    ['--from after --to', ['--from', '2026-06', '--to', '2026-01'], /--from 2026-06 is after --to 2026-01\. Swap them/],
  ])('refuses %s with exit 2', async (_, args, message) => {
    const run = await runCoop(['report', '--repo', disco, ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    // With --json the error is also answered as JSON on stdout; otherwise stdout stays empty.
    if (args.includes('--json')) expect(JSON.parse(run.stdout)).toMatchObject({ ok: false, error: { code: 'usage' } });
    else expect(run.stdout).toBe('');
  });

  it('refuses a state that does not validate with exit 1 and its errors', async () => {
    const tree = copyExample('disco-coop');
    trees.push(tree);
    writeFileSync(join(tree.dir, 'governance/contributions/2026-11/ana.yaml'), 'entries:\n  - { date: 2026-11-03, stream: beer, hours: 2, what: x }\n');
    const run = await runCoop(['report', '--repo', tree.dir]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/governance\/contributions\/2026-11\/ana\.yaml:2:33 error stream\.exists/);
    const json = await runCoop(['report', '--repo', tree.dir, '--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, errors: [{ code: 'stream.exists' }] });
  });
});
