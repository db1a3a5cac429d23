// Adoption end to end, as npm run demo plays it: the template founded and checked by coop doctor, a newcomer's pull request decided by a review and a /vote comment, merged, recorded in a signed commit, audited and reported, against the offline GitHub.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it, onTestFinished } from 'vitest';
import { play } from '../scripts/demo.ts';
import { runCoop } from './support/io.ts';

it('takes a collective from the template to a decided, recorded, audited and reported admission', async () => {
  const played = await play();
  onTestFinished(async () => {
    await played.fake.close();
    rmSync(played.dir, { recursive: true, force: true });
  });

  // The setup, checked against GitHub: nothing to fix.
  expect(played.doctor.code).toBe(0);
  expect(played.doctor.stdout).not.toContain('✗');
  expect(played.doctor.stdout).toContain('main requires cooperage/decision, set by GitHub Actions.');

  // The gate: pending on opening, after Ana's review and Bob's /vote, then passed when the time came.
  expect(played.statuses).toEqual(['pending', 'pending', 'pending', 'success']);
  expect(played.steps.map((s) => s.title)).toEqual([
    'The collective is founded from the template',
    'coop doctor checks the setup against GitHub',
    'Dan opens pull request #1, "Dan joins as a dater"',
    'Ana approves the pull request (a review: yes)',
    'Bob comments "/vote yes glad to have you"',
    'Three days later, the sweep',
    'Ana merges it (squash); the record action records the decision',
    'coop audit, in a member’s clone',
    'coop report --format html',
  ]);

  // The record: both votes with where they were cast, passed, in a commit GitHub signed.
  expect(played.record).toContain('- { voter: ana, vote: yes, at: 2026-12-01T10:00:00Z, source: review');
  expect(played.record).toContain('- { voter: bob, vote: yes, at: 2026-12-01T11:00:00Z, source: comment');
  expect(played.record).toMatch(/outcome: passed\ndecided_at: 2026-12-04T09:30:00Z$/);
  expect(played.signed).toBe(true);

  // The audit from the genesis (the founders' commit, after the template's own) is clean, and the report names Dan.
  expect(played.audit.code).toBe(0);
  expect(played.audit.stdout).toMatch(/✓ 3 commits of HEAD \([0-9a-f]{7}\) audited, from the genesis [0-9a-f]{7}: every change/);
  const report = join(played.report, 'report.html');
  expect(existsSync(report)).toBe(true);
  expect(readFileSync(report, 'utf8')).toContain('Dan joins as a dater');

  // The member's clone validates with its four people.
  const validated = await runCoop(['validate', '--repo', played.clone, '--json']);
  expect(JSON.parse(validated.stdout)).toMatchObject({ ok: true, stats: { members: 4 } });
});
