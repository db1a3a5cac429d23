// The gate, scenario by scenario, on time, drafts, conflicts, the sweep and failures: the status and the comment, mostly through runGate in this process on the fake GitHub, and twice through the bundle.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { updatePullRefs } from './support/fake-remote.ts';
import { collective, memberFile, REPO } from './support/gate-harness.ts';
import { danDater, STATUSES, decision, section, notCounted, mainTip } from './support/gate-scenarios.ts';

describe('the gate, scenario by scenario: time, drafts, conflicts, the sweep, failures', () => {
  it('keeps a draft out of the vote, and counts its time from when it was marked ready', async () => {
    const coop = await collective();
    coop.push('dan-dates', { 'governance/members/dan.yaml': danDater });
    coop.open('dan-dates', { author: 'danokafor', draft: true, createdAt: '2026-12-01T09:00:00Z' });
    coop.fake.addReview(REPO, 1, { user: 'AnaCosta', state: 'APPROVED', submittedAt: '2026-12-01T10:00:00Z' });
    coop.fake.addComment(REPO, 1, { user: 'bobsilva', body: '/vote yes', createdAt: '2026-12-01T10:30:00Z' });

    // A draft gets its status alone: no comment yet, and its votes are not even read.
    await coop.judge({ kind: 'comment', number: 1 }, '2026-12-01T10:35:00Z');
    expect(coop.status(1)).toMatchObject({ state: 'pending', description: 'A draft is not open for votes: mark it ready for review to start the decision.' });
    expect(coop.gateComments(1)).toEqual([]);
    expect(coop.fake.count({ path: /\/reviews/ })).toBe(0);

    // Marked ready two days later: GitHub records a ready_for_review event, and the decision opens then.
    coop.fake.setPullRequest(REPO, 1, { draft: false, at: '2026-12-03T09:00:00Z' });
    await coop.judge({ kind: 'pull-request', number: 1 }, '2026-12-03T09:05:00Z');
    const ready = decision(coop, 1);
    expect(ready.description).toBe('Pending (consent 0 yes 0 no, 0/3 voted).');
    expect(ready.comment).toContain('- **Time:** no decision before 2026-12-06 09:00 UTC; no closing date.');
    expect(notCounted(ready.comment)).toEqual([
      '- AnaCosta: voted before the proposal opened (2026-12-03T09:00:00Z).',
      '- bobsilva: voted before the proposal opened (2026-12-03T09:00:00Z).',
    ]);

    coop.fake.addReview(REPO, 1, { user: 'AnaCosta', state: 'APPROVED', submittedAt: '2026-12-03T10:00:00Z' });
    coop.fake.addReview(REPO, 1, { user: 'carolm', state: 'APPROVED', submittedAt: '2026-12-03T11:00:00Z' });
    // Past the three days from creation, not from ready.
    await coop.judge({ kind: 'comment', number: 1 }, '2026-12-05T09:00:00Z');
    expect(coop.status(1)).toMatchObject({ state: 'pending', description: 'Pending (consent 2 yes 0 no, 2/3 voted); decides 2026-12-06 09:00 UTC.' });
    await coop.judge({ kind: 'sweep' }, '2026-12-06T09:05:00Z');
    expect(coop.status(1)).toMatchObject({ state: 'success', description: 'Passed (consent 2 yes 0 no, 2/3 voted).' });
  });

  it('waits on a pull request that does not merge cleanly, saying what to do, and judges it again once the branch is updated', async () => {
    const coop = await collective();
    const bob = readFileSync(join(coop.work.dir, 'governance/members/bob.yaml'), 'utf8');
    expect(bob).toContain('name: "Bob Silva"');
    coop.push('bob-name', { 'governance/members/bob.yaml': bob.replace('"Bob Silva"', '"Bob da Silva"') });
    coop.open('bob-name', { author: 'AnaCosta' });
    await coop.judge({ kind: 'pull-request', number: 1 }, '2026-12-01T09:05:00Z');
    expect(coop.status(1)).toMatchObject({ state: 'pending', description: 'Pending (consent 0 yes 0 no, 0/3 voted).' });

    // Main changes the same line of bob's file: GitHub makes no test merge.
    coop.land({ 'governance/members/bob.yaml': bob.replace('"Bob Silva"', '"Robert Silva"') }, '2026-12-01T12:00:00Z');
    coop.update(1, 'bob-name', '2026-12-01T12:00:00Z');
    expect(coop.remote.rev('refs/pull/1/merge')).toBeUndefined();
    await coop.judge({ kind: 'pull-request', number: 1 }, '2026-12-01T12:05:00Z');
    const conflict = decision(coop, 1);
    expect(conflict.state).toBe('pending');
    expect(conflict.description).toBe('It does not merge cleanly into main: merge main into the branch (or rebase it) and resolve the conflicts.');
    expect(conflict.comment).toContain(
      '### ⏳ Cooperage: pending\n\nIt does not merge cleanly into main, so there is nothing to judge yet: GitHub has no test merge of it. Merge main into the branch (or rebase it) and resolve the conflicts.',
    );
    // Judged again on the same facts: nothing written.
    const statuses = coop.statuses(1).length;
    expect((await coop.judge({ kind: 'comment', number: 1 }, '2026-12-01T12:10:00Z')).judged).toEqual([expect.objectContaining({ action: 'unchanged' })]);
    expect(coop.statuses(1)).toHaveLength(statuses);

    // The branch rebased on main (force-pushed), its change made again: judged on what it changes.
    coop.work.git('branch', '-D', 'bob-name');
    coop.push('bob-name', { 'governance/members/bob.yaml': bob.replace('"Bob Silva"', '"Robert da Silva"') }, 'main');
    coop.update(1, 'bob-name', '2026-12-01T13:00:00Z');
    await coop.judge({ kind: 'pull-request', number: 1 }, '2026-12-01T13:05:00Z');
    const rebased = decision(coop, 1);
    expect(rebased.description).toBe('Pending (consent 0 yes 0 no, 0/3 voted).');
    expect(rebased.comment).toContain("- AnaCosta changes bob's details (name) — needs **consent**.");
  });

  it('judges a branch behind main by its own changes only: the test merge holds main’s newer change, the comment does not', async () => {
    const coop = await collective();
    coop.push('dan-dates', { 'governance/members/dan.yaml': danDater });
    coop.open('dan-dates', { author: 'danokafor' });
    await coop.judge({ kind: 'pull-request', number: 1 }, '2026-12-01T09:05:00Z');
    const before = decision(coop, 1);

    // Eve joins main as a supporter after the branch left it (a change that would need lazy-majority here).
    const left = mainTip(coop);
    coop.land({ 'governance/members/eve.yaml': memberFile('Eve Lund', 'supporter', 'evelund') }, '2026-12-01T10:00:00Z');

    // Before GitHub makes the test merge again, the gate merges the head into main itself.
    await coop.judge({ kind: 'comment', number: 1 }, '2026-12-01T10:05:00Z');
    const merged = decision(coop, 1);
    expect(merged.description).toBe(before.description);
    expect(merged.comment).toContain(`It left main at \`${left.slice(0, 7)}\`: it is judged by what it changed since then, merged into main as it is now.`);
    expect(merged.comment).toContain('- danokafor joins as dater — needs **consent**.');
    expect(merged.comment).not.toMatch(/eve|lazy-majority/);

    // GitHub's new test merge holds Eve's file; the pull request still changes only Dan's.
    const { mergeSha } = coop.update(1, 'dan-dates', '2026-12-01T10:10:00Z');
    expect(coop.remote.git('ls-tree', '--name-only', `${mergeSha}`, 'governance/members/')).toContain('governance/members/eve.yaml');
    await coop.judge({ kind: 'pull-request', number: 1 }, '2026-12-01T10:15:00Z');
    const after = decision(coop, 1);
    expect(after).toEqual(before);
    expect(after.comment).not.toMatch(/eve|lazy-majority|It left main at/);
    expect(section(after.comment, 'What this pull request changes')).toEqual([expect.stringMatching(/^- danokafor joins as dater — needs \*\*consent\*\*\. /)]);
  });

  it('sweeps several open pull requests, judging again only those where something changed: a review, their time, main’s governance', async () => {
    const coop = await collective();
    coop.push('dan-dates', { 'governance/members/dan.yaml': danDater });
    coop.open('dan-dates', { author: 'danokafor' }); // consent: waits for votes
    coop.push('eve-supports', { 'governance/members/eve.yaml': memberFile('Eve Lund', 'supporter', 'evelund') });
    coop.open('eve-supports', { author: 'AnaCosta' }); // lazy-majority: time decides it
    coop.push('frank-joins', { 'governance/members/frank.yaml': memberFile('Frank Abara', 'member', 'frankabara') });
    coop.open('frank-joins', { author: 'frankabara', createdAt: '2026-12-02T09:00:00Z' }); // unanimous: waits for votes
    const actions = (result: { judged: { number: number; action: string }[] }) => result.judged.map((j) => `#${j.number} ${j.action}`);

    expect(actions(await coop.judge({ kind: 'sweep' }, '2026-12-02T10:00:00Z'))).toEqual(['#3 judged', '#2 judged', '#1 judged']);
    expect(coop.status(2)).toMatchObject({ state: 'pending', description: 'Pending (lazy-majority 0 yes 0 no, 0/3 voted); decides 2026-12-04 09:00 UTC.' });

    // Nothing happened: one request for the list, one for each status, and nothing written.
    coop.fake.clearRequests();
    const quiet = await coop.judge({ kind: 'sweep' }, '2026-12-02T10:30:00Z');
    expect(actions(quiet)).toEqual(['#3 skipped', '#2 skipped', '#1 skipped']);
    expect(quiet.requests).toBe(4);
    expect(coop.fake.count({ path: STATUSES })).toBe(3);
    expect(coop.fake.count()).toBe(4);

    // A review on #1 moves its updated_at: only #1 is judged again.
    coop.fake.addReview(REPO, 1, { user: 'AnaCosta', state: 'APPROVED', submittedAt: '2026-12-02T11:00:00Z' });
    expect(coop.fake.pullRequest(REPO, 1).updated_at).toBe('2026-12-02T11:00:00Z');
    coop.fake.clearRequests();
    const reviewed = await coop.judge({ kind: 'sweep' }, '2026-12-02T11:30:00Z');
    expect(actions(reviewed)).toEqual(['#3 skipped', '#2 skipped', '#1 judged']);
    expect(coop.fake.count({ path: /\/pulls\/1\/reviews/ })).toBe(1);
    expect(coop.fake.count({ path: /\/(pulls|issues)\/[23]\// })).toBe(0);
    expect(coop.status(1)).toMatchObject({ description: 'Pending (consent 1 yes 0 no, 1/3 voted).' });
    expect(decision(coop, 1).comment).toContain('- **Not voted yet:** bob, carol');

    // #2's time comes: only #2 is judged again, and passes.
    coop.fake.clearRequests();
    const due = await coop.judge({ kind: 'sweep' }, '2026-12-04T09:10:00Z');
    expect(actions(due)).toEqual(['#3 skipped', '#2 judged', '#1 skipped']);
    expect(coop.fake.count({ path: /\/(pulls|issues)\/[13]\// })).toBe(0);
    expect(decision(coop, 2)).toMatchObject({ state: 'success', description: 'Passed (lazy-majority 0 yes 0 no, 0/3 voted).' });

    // Main admits Gus as a member: the roll every pull request is judged by changed, so all are judged again.
    coop.land({ 'governance/members/gus.yaml': memberFile('Gus Moreau', 'member', 'gusmoreau') }, '2026-12-04T10:00:00Z');
    for (const [number, name] of [
      [1, 'dan-dates'],
      [2, 'eve-supports'],
      [3, 'frank-joins'],
    ] as const)
      updatePullRefs(coop.remote, number, { base: 'main', head: name });
    coop.fake.clearRequests();
    const admitted = await coop.judge({ kind: 'sweep' }, '2026-12-04T10:30:00Z');
    expect(actions(admitted)).toEqual(['#3 judged', '#2 judged', '#1 judged']);
    expect(coop.status(1)).toMatchObject({ state: 'pending', description: 'Pending (consent 1 yes 0 no, 1/4 voted).' });
    expect(coop.status(2)).toMatchObject({ state: 'success', description: 'Passed (lazy-majority 0 yes 0 no, 0/4 voted).' });
    expect(decision(coop, 3).comment).toContain('- **Not voted yet:** ana, bob, carol, gus');

    // And quiet again.
    coop.fake.clearRequests();
    expect(actions(await coop.judge({ kind: 'sweep' }, '2026-12-04T11:00:00Z'))).toEqual(['#3 skipped', '#2 skipped', '#1 skipped']);
    expect(coop.fake.count()).toBe(4);
  });

  it('waits out a secondary rate limit; a permission refused fails the run and writes no status', async () => {
    const coop = await collective();
    coop.push('dan-dates', { 'governance/members/dan.yaml': danDater });
    coop.open('dan-dates', { author: 'danokafor' });
    coop.fake.fail({ path: /\/pulls\/1\/reviews/, status: 403, secondary: true, retryAfter: 1 });
    const waited = await coop.judge({ kind: 'pull-request', number: 1 }, '2026-12-01T09:05:00Z');
    expect(waited.judged).toEqual([expect.objectContaining({ number: 1, action: 'judged', state: 'pending' })]);
    expect(coop.fake.count({ path: /\/pulls\/1\/reviews/, status: 403 })).toBe(1);
    expect(coop.fake.count({ path: /\/pulls\/1\/reviews/, status: 200 })).toBe(1);
    expect(decision(coop, 1)).toMatchObject({ state: 'pending', description: 'Pending (consent 0 yes 0 no, 0/3 voted).' });

    // A token without the right to comment (issues: write): refused, not retried, and no status.
    coop.push('eve-dates', { 'governance/members/eve.yaml': memberFile('Eve Lund', 'dater', 'evelund') });
    coop.open('eve-dates', { author: 'evelund' });
    coop.fake.fail({ method: 'POST', path: /\/issues\/2\/comments/, status: 403, message: 'Resource not accessible by integration', times: 5 });
    await expect(coop.judge({ kind: 'pull-request', number: 2 }, '2026-12-01T09:10:00Z')).rejects.toMatchObject({
      status: 403,
      message: expect.stringContaining('Resource not accessible by integration'),
    });
    expect(coop.fake.count({ method: 'POST', path: /\/issues\/2\/comments/ })).toBe(1);
    expect(coop.fake.count({ method: 'POST', path: /\/statuses\// })).toBe(1);
    expect(coop.statuses(2)).toEqual([]);
    expect(coop.gateComments(2)).toEqual([]);
  });

  it('the bundle: a comment on an issue, and an event it does not run on, judge nothing', async () => {
    const coop = await collective();
    const issue = await coop.gate(
      {
        event: 'other',
        name: 'issue_comment',
        payload: {
          action: 'created',
          issue: { number: 7, title: 'Picnic on Saturday?', state: 'open', user: { login: 'AnaCosta', type: 'User' } },
          comment: {
            id: 1,
            body: '/vote yes',
            user: { login: 'bobsilva', type: 'User' },
            created_at: '2026-12-01T10:00:00Z',
            updated_at: '2026-12-01T10:00:00Z',
          },
          repository: { full_name: REPO, name: 'garden', owner: { login: 'commons' }, default_branch: 'main' },
        },
      },
      '2026-12-01T10:05:00Z',
    );
    expect(issue).toMatchObject({ code: 0, stderr: '' });
    expect(issue.stdout).toContain('The comment is on an issue, not a pull request: nothing to judge.');
    const push = await coop.gate(
      { event: 'other', name: 'push', payload: { ref: 'refs/heads/main', repository: { full_name: REPO } } },
      '2026-12-01T10:05:00Z',
    );
    expect(push).toMatchObject({ code: 0, stderr: '' });
    expect(push.stdout).toContain(
      'The gate does not run on push events: it runs on pull_request_target, issue_comment, workflow_run (the review relay), schedule and workflow_dispatch.',
    );
    expect(coop.fake.count()).toBe(0);
  });
});
