// The record action end to end, as GitHub runs it: a merged admission recorded once (by merge, squash or rebase) as a commit GitHub signs, the audit clean.
import { describe, expect, it } from 'vitest';
import { collective, REPO } from './support/gate-harness.ts';
import { mainTip } from './support/gate-scenarios.ts';
import { admission, auditMain, onMain } from './support/record-scenarios.ts';

describe('the record action', () => {
  for (const method of ['merge', 'squash', 'rebase'] as const) {
    it(`records an admission merged by ${method} once, as a commit GitHub signs on top of it, and the audit is clean`, async () => {
      const coop = await collective();
      const number = await admission(coop, { twoCommits: method === 'rebase' });
      const push = coop.merge(number, method, '2026-12-04T10:00:00Z');
      expect(push.commits).toHaveLength(method === 'rebase' ? 2 : 1);

      const run = await coop.record(push, '2026-12-04T10:01:00Z');
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.outputs).toMatchObject({ recorded: '1', violations: '0', issue: '' });

      // One commit on top of the merge, adding the record and nothing else, made and signed by GitHub.
      const tip = mainTip(coop);
      expect(run.outputs.commit).toBe(tip);
      expect(coop.remote.git('rev-parse', `${tip}^`)).toBe(push.after);
      expect(coop.remote.git('diff-tree', '--no-commit-id', '--name-only', '-r', tip)).toBe('governance/decisions/1.yaml');
      expect(coop.remote.git('log', '-1', '--format=%s', tip)).toBe('Record the decision on #1');
      const commit = (await (await fetch(`${coop.fake.url}/repos/${REPO}/commits/${tip}`, { headers: { authorization: 'token ghs_test' } })).json()) as {
        commit: { verification: { verified: boolean } };
      };
      expect(commit.commit.verification.verified).toBe(true);
      // The ruleset's status, on the record commit; the temporary branch gone.
      expect(coop.fake.statuses(REPO, tip).map((s) => [s.context, s.state])).toEqual([['cooperage/decision', 'success']]);
      expect(coop.remote.git('for-each-ref', '--format=%(refname)', 'refs/heads/cooperage/')).toBe('');

      const record = onMain(coop, 'governance/decisions/1.yaml') ?? '';
      expect(record).toContain('pr: 1\ntitle: "Dan joins as a dater"\nauthor: danokafor\n');
      expect(record).toContain(`base: ${push.before}\n`);
      expect(record).toContain(`commits: [${push.commits.join(', ')}]\n`);
      expect(record).toContain(`head: ${coop.headSha(number)}\n`);
      expect(record).toContain('rules: [consent]\n');
      expect(record).toContain('- { voter: ana, vote: yes, at: 2026-12-01T10:00:00Z, source: review, url: ');
      expect(record).toMatch(/outcome: passed\ndecided_at: 2026-12-04T10:00:00Z$/);

      const audited = await auditMain(coop);
      expect(audited.stderr).toBe('');
      expect(JSON.parse(audited.stdout)).toMatchObject({ ok: true, violations: [] });
      expect(audited.code).toBe(0);
    });
  }

  it('changes nothing when run again for the same push', async () => {
    const coop = await collective();
    const number = await admission(coop);
    const push = coop.merge(number, 'merge', '2026-12-04T10:00:00Z');
    expect((await coop.record(push, '2026-12-04T10:01:00Z')).code).toBe(0);
    const tip = mainTip(coop);
    coop.fake.clearRequests();

    const again = await coop.record(push, '2026-12-04T10:30:00Z');
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    expect(again.outputs).toMatchObject({ recorded: '0', commit: '' });
    expect(mainTip(coop)).toBe(tip);
    expect(coop.fake.count({ method: 'POST' }) + coop.fake.count({ method: 'PATCH' }) + coop.fake.count({ method: 'DELETE' })).toBe(0);
  });

  it('records a pull request that changes no governance state not at all', async () => {
    const coop = await collective();
    coop.push('readme', { 'README.md': 'Our garden.\n' });
    coop.open('readme', { author: 'AnaCosta', title: 'A README' });
    const push = coop.merge(1, 'squash', '2026-12-02T10:00:00Z');
    const run = await coop.record(push, '2026-12-02T10:01:00Z');
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ recorded: '0', commit: '', violations: '0' });
    expect(mainTip(coop)).toBe(push.after);
    expect(run.summary).toContain('nothing to record');
  });
});
