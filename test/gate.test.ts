// The gate end to end, as GitHub runs it: the bundle as a process on a checkout of main, against the offline fake GitHub and a bare remote with the pull request refs GitHub makes.
import { describe, expect, it } from 'vitest';
import { collective, memberFile, REPO } from './support/gate-harness.ts';

const dan = memberFile('Dan Okafor', 'member', 'danokafor');
const danDater = memberFile('Dan Okafor', 'dater', 'danokafor');

describe('the gate', () => {
  it('admits a member by unanimity with reviews: pending while someone has not voted, then success, one comment throughout', async () => {
    const coop = await collective();
    coop.push('dan-joins', { 'governance/members/dan.yaml': dan });
    const { number } = coop.open('dan-joins', { author: 'danokafor', title: 'Dan joins as a member' });

    const first = await coop.gate({ event: 'pull_request_target', number }, '2026-12-01T09:05:00Z');
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(coop.status(number)).toMatchObject({ state: 'pending', context: 'cooperage/decision' });
    const [comment] = coop.gateComments(number);
    expect(comment).toContain('danokafor joins as member');
    expect(comment).toContain('needs **unanimous**');
    expect(comment).toMatch(/Not voted yet:\*\* ana, bob, carol/);
    expect(comment).toContain('no decision before 2026-12-04 09:00 UTC');

    coop.fake.addReview(REPO, number, { user: 'AnaCosta', state: 'APPROVED', submittedAt: '2026-12-01T10:00:00Z' });
    coop.fake.addReview(REPO, number, { user: 'bobsilva', state: 'APPROVED', submittedAt: '2026-12-01T11:00:00Z' });
    const relayed = await coop.gate({ event: 'workflow_run', headSha: coop.headSha(number) }, '2026-12-01T11:05:00Z');
    expect(relayed.code).toBe(0);
    expect(coop.status(number)).toMatchObject({ state: 'pending' });
    expect(coop.gateComments(number)[0]).toMatch(/Not voted yet:\*\* carol/);

    coop.fake.addReview(REPO, number, { user: 'carolm', state: 'APPROVED', submittedAt: '2026-12-02T09:00:00Z' });
    // Every vote is in, but unanimity waits three days: time decides it, through the sweep.
    await coop.gate({ event: 'workflow_run', headSha: coop.headSha(number) }, '2026-12-02T09:05:00Z');
    expect(coop.status(number)).toMatchObject({ state: 'pending', description: expect.stringContaining('decides 2026-12-04 09:00 UTC') });
    const swept = await coop.gate({ event: 'schedule' }, '2026-12-04T09:10:00Z');
    expect(swept.code).toBe(0);
    expect(coop.status(number)).toMatchObject({ state: 'success' });
    expect(coop.gateComments(number)).toHaveLength(1);
    expect(coop.gateComments(number)[0]).toMatch(/Cooperage: passed/);
  });

  it('decides a dater by consent from /vote comments, and shows a block with its reason', async () => {
    const coop = await collective();
    coop.push('dan-dates', { 'governance/members/dan.yaml': danDater });
    const { number } = coop.open('dan-dates', { author: 'danokafor' });
    coop.fake.addComment(REPO, number, { user: 'AnaCosta', body: '/vote yes', createdAt: '2026-12-01T10:00:00Z' });
    coop.fake.addComment(REPO, number, { user: 'bobsilva', body: '/Vote  YES  welcome!', createdAt: '2026-12-01T10:30:00Z' });
    await coop.gate({ event: 'issue_comment', number, body: '/Vote  YES  welcome!', user: 'bobsilva' }, '2026-12-04T09:30:00Z');
    expect(coop.status(number)).toMatchObject({ state: 'success' });

    coop.fake.addComment(REPO, number, { user: 'carolm', body: '/vote block we agreed to wait for the new year', createdAt: '2026-12-04T10:00:00Z' });
    await coop.gate({ event: 'issue_comment', number, user: 'carolm' }, '2026-12-04T10:05:00Z');
    expect(coop.status(number)).toMatchObject({ state: 'failure', description: expect.stringMatching(/^Blocked/) });
    expect(coop.gateComments(number)[0]).toContain('carol — “we agreed to wait for the new year”');
  });

  it('changes nothing when run again on the same facts: no new status, the same single comment', async () => {
    const coop = await collective();
    coop.push('dan-dates', { 'governance/members/dan.yaml': danDater });
    const { number } = coop.open('dan-dates', { author: 'danokafor' });
    await coop.gate({ event: 'pull_request_target', number }, '2026-12-01T09:05:00Z');
    const comment = coop.gateComments(number)[0];
    const statuses = coop.statuses(number).length;
    const writes = coop.fake.count({ method: 'POST' }) + coop.fake.count({ method: 'PATCH' });
    for (const event of [{ event: 'pull_request_target', number } as const, { event: 'workflow_dispatch', number } as const, { event: 'schedule' } as const]) {
      const run = await coop.gate(event, '2026-12-01T09:10:00Z');
      expect(run.code).toBe(0);
    }
    expect(coop.gateComments(number)).toEqual([comment]);
    expect(coop.statuses(number)).toHaveLength(statuses);
    expect(coop.fake.count({ method: 'POST' }) + coop.fake.count({ method: 'PATCH' })).toBe(writes);
  });

  it('succeeds at once for a pull request that changes no governance state and no governed path', async () => {
    const coop = await collective();
    coop.push('readme', { 'README.md': '# The garden\n' });
    const { number } = coop.open('readme', { author: 'AnaCosta' });
    const run = await coop.gate({ event: 'pull_request_target', number }, '2026-12-01T09:05:00Z');
    expect(run.code).toBe(0);
    expect(coop.status(number)).toMatchObject({ state: 'success', description: expect.stringMatching(/^Nothing to decide/) });
    expect(coop.fake.count({ path: /\/reviews/ })).toBe(0);
    // Most pull requests change code alone: no comment on them.
    expect(coop.gateComments(number)).toEqual([]);
  });

  it('retries when GitHub fails for a moment, and when it keeps failing, fails the run with a sentence and never posts a status', async () => {
    const coop = await collective();
    coop.push('dan-dates', { 'governance/members/dan.yaml': danDater });
    const { number } = coop.open('dan-dates', { author: 'danokafor' });
    coop.fake.fail({ path: /\/reviews/, status: 502, times: 2 });
    const recovered = await coop.gate({ event: 'pull_request_target', number }, '2026-12-01T09:05:00Z');
    expect(recovered.code).toBe(0);
    expect(coop.status(number)).toMatchObject({ state: 'pending' });

    coop.push('eve-dates', { 'governance/members/eve.yaml': memberFile('Eve Lund', 'dater', 'evelund') });
    const second = coop.open('eve-dates', { author: 'evelund' });
    coop.fake.fail({ path: /\/issues\/\d+\/comments/, status: 503, times: 50 });
    const failed = await coop.gate({ event: 'pull_request_target', number: second.number }, '2026-12-01T09:05:00Z');
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/::error::GitHub answered 503 .* nothing was decided and the status was left as it was/);
    expect(coop.statuses(second.number)).toEqual([]);
  });
});
