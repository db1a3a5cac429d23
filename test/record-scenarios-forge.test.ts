// The record action on a busy or failing forge: merges seconds apart, a branch moving under it, requests failing, a merge past the gate, and a GitHub App on the bypass list.
import { describe, expect, it } from 'vitest';
import { GitHubForge, gitCommand, MARKER, runRecord } from '../packages/github/src/index.ts';
import { collective, memberFile, REPO } from './support/gate-harness.ts';
import { danDater, mainTip } from './support/gate-scenarios.ts';
import { admission, auditMain, onMain } from './support/record-scenarios.ts';

describe('the record action on a busy or failing forge', () => {
  it('records two pull requests merged seconds apart, each once, whichever run comes first', async () => {
    const coop = await collective();
    await admission(coop, { number: 1 });
    coop.push('eve-supports', { 'governance/members/eve.yaml': memberFile('Eve Adeyemi', 'supporter', 'eveadeyemi') });
    coop.open('eve-supports', { author: 'eveadeyemi', title: 'Eve supports us', number: 2 });
    const first = coop.merge(1, 'merge', '2026-12-04T10:00:00Z');
    const second = coop.merge(2, 'squash', '2026-12-04T10:00:05Z');

    // The first run finds main moved on by the second merge: its record lands on top of it.
    const one = await coop.record(first, '2026-12-04T10:01:00Z');
    expect(one.stderr).toBe('');
    expect(one.outputs).toMatchObject({ recorded: '1' });
    const two = await coop.record(second, '2026-12-04T10:02:00Z');
    expect(two.stderr).toBe('');
    expect(two.outputs).toMatchObject({ recorded: '1' });

    const subjects = coop.remote.git('log', '--first-parent', '--format=%s', `${second.after}..refs/heads/main`).split('\n');
    expect(subjects).toEqual(['Record the decision on #2', 'Record the decision on #1']);
    expect(onMain(coop, 'governance/decisions/1.yaml')).toContain(`commits: [${first.commits.join(', ')}]`);
    expect(onMain(coop, 'governance/decisions/2.yaml')).toContain(`commits: [${second.commits.join(', ')}]`);
    const audited = await auditMain(coop);
    expect(JSON.parse(audited.stdout)).toMatchObject({ ok: true });
  });

  it('rebuilds the record on the new tip when main moves while it lands, and lands it once', async () => {
    const coop = await collective();
    await admission(coop);
    const push = coop.merge(1, 'merge', '2026-12-04T10:00:00Z');
    coop.checkout.git('fetch', '-q', 'origin');
    coop.checkout.git('checkout', '-q', '--detach', push.after);
    const github = new GitHubForge({ repository: REPO, token: 'ghs_test', apiUrl: coop.fake.url, marker: MARKER, retryUnitMs: 5, writeIntervalMs: 0 });
    // Someone merges a change to the README just as the record action fast-forwards main, once.
    let moved = false;
    const forge = new Proxy(github, {
      get(target, property) {
        if (property === 'fastForward')
          return async (branch: string, sha: string) => {
            if (!moved) {
              moved = true;
              coop.land({ 'README.md': 'Our garden.\n' }, '2026-12-04T10:00:30Z');
            }
            return target.fastForward(branch, sha);
          };
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
    const lines: string[] = [];
    const result = await runRecord({
      forge,
      git: gitCommand(),
      dir: coop.checkout.dir,
      branch: 'main',
      before: push.before,
      after: push.after,
      log: (l) => lines.push(l),
    });
    expect(result.rebuilt).toBe(1);
    expect(result.recorded).toEqual([expect.objectContaining({ pr: 1, action: 'written', outcome: 'passed' })]);
    expect(lines).toContain('main moved while the records landed; rebuilding them on its new tip.');
    const subjects = coop.remote.git('log', '--first-parent', '--format=%s', `${push.after}..refs/heads/main`).split('\n');
    expect(subjects).toEqual(['Record the decision on #1', 'landed on main']);
    expect(coop.remote.git('for-each-ref', '--format=%(refname)', 'refs/heads/cooperage/')).toBe('');
    expect(result.audit.ok).toBe(true);
  });

  it('retries a request GitHub fails once, and lands the record once', async () => {
    const coop = await collective();
    await admission(coop);
    const push = coop.merge(1, 'merge', '2026-12-04T10:00:00Z');
    coop.fake.fail({ method: 'POST', path: '/graphql', status: 502 });
    coop.fake.fail({ method: 'PATCH', path: /\/git\/refs\/heads(%2F|\/)main$/, status: 503 });
    const run = await coop.record(push, '2026-12-04T10:01:00Z');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(coop.fake.count({ method: 'POST', path: '/graphql', status: 502 })).toBe(1);
    expect(coop.fake.count({ method: 'PATCH', status: 503 })).toBe(1);
    expect(coop.remote.git('log', '--format=%s', `${push.after}..refs/heads/main`)).toBe('Record the decision on #1');
  });

  it('leaves main as it was when GitHub keeps failing midway, and a re-run lands the whole record once', async () => {
    const coop = await collective();
    await admission(coop);
    const push = coop.merge(1, 'merge', '2026-12-04T10:00:00Z');
    // The record commit is made on the temporary branch, then the fast-forward of main fails, and its three retries.
    coop.fake.fail({ method: 'PATCH', path: /\/git\/refs\/heads(%2F|\/)main$/, status: 502, times: 4 });
    const failed = await coop.record(push, '2026-12-04T10:01:00Z');
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/::error::GitHub answered 502 .* no record was landed and the branch was left as it was/);
    expect(failed.stdout).not.toMatch(/Internal error|\bat .*:\d+:\d+/);
    expect(mainTip(coop)).toBe(push.after);
    expect(coop.remote.git('for-each-ref', '--format=%(refname)', 'refs/heads/cooperage/')).toBe('');

    coop.fake.clearRequests();
    const again = await coop.record(push, '2026-12-04T10:05:00Z');
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    expect(coop.remote.git('log', '--format=%s', `${push.after}..refs/heads/main`)).toBe('Record the decision on #1');
  });

  it('records a merge that bypassed the gate as not passed, fails, and opens one issue that says how to ratify; a re-run updates nothing', async () => {
    const coop = await collective();
    coop.push('dan-dates', { 'governance/members/dan.yaml': danDater });
    coop.open('dan-dates', { author: 'danokafor', title: 'Dan joins as a dater' });
    coop.fake.addReview(REPO, 1, { user: 'AnaCosta', state: 'APPROVED', submittedAt: '2026-12-01T10:00:00Z' });
    // Merged by an admin past the ruleset, the next morning: one yes of the two consent needs, and too early.
    const push = coop.merge(1, 'squash', '2026-12-02T08:00:00Z');
    const run = await coop.record(push, '2026-12-02T08:01:00Z');
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ recorded: '1', violations: '2' });
    expect(onMain(coop, 'governance/decisions/1.yaml')).toMatch(/outcome: pending\ndecided_at: 2026-12-02T08:00:00Z$/);
    const issues = coop.fake.issues(REPO);
    expect(issues).toHaveLength(1);
    const [issue] = issues;
    expect(issue?.labels).toEqual([expect.objectContaining({ name: 'cooperage-audit' })]);
    expect(issue?.body).toContain(`\`${push.after.slice(0, 7)}\``);
    expect(issue?.body).toContain('records the outcome "pending"');
    expect(issue?.body).toContain('audit.outcome-not-passed');
    expect(issue?.body).toContain('1 yes of the 2 needed');
    expect(issue?.body).toContain('ratifies:');
    expect(run.stdout).toContain(`::error::The audit found 2 change(s) to the governance state that no passed decision covers; see ${String(issue?.html_url)}`);

    coop.fake.clearRequests();
    const again = await coop.record(push, '2026-12-02T09:00:00Z');
    expect(again.code).toBe(1);
    expect(coop.fake.issues(REPO)).toHaveLength(1);
    expect(coop.fake.count({ method: 'PATCH' }) + coop.fake.count({ method: 'POST' })).toBe(0);
  });
});

describe('the record action with a GitHub App on the bypass list', () => {
  it('commits the record straight on main, signed, with no temporary branch', async () => {
    const coop = await collective();
    coop.fake.protect(REPO, 'main', { requiredStatus: 'cooperage/decision', bypass: ['cooperage-garden[bot]'] });
    await admission(coop);
    const push = coop.merge(1, 'merge', '2026-12-04T10:00:00Z');
    coop.fake.clearRequests();
    const run = await coop.record(push, '2026-12-04T10:01:00Z', { INPUT_TOKEN: 'ghs_app' });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(coop.remote.git('log', '--format=%s %an', `${push.after}..refs/heads/main`)).toBe('Record the decision on #1 cooperage-garden[bot]');
    expect(coop.fake.count({ path: /\/git\/refs/ })).toBe(0);
  });

  it('fails in one sentence when the token is not on the bypass list, and main is left as it was', async () => {
    const coop = await collective();
    await admission(coop);
    const push = coop.merge(1, 'merge', '2026-12-04T10:00:00Z');
    const run = await coop.record(push, '2026-12-04T10:01:00Z', { INPUT_TOKEN: 'ghs_app' });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/::error::GitHub refused the record commit on main: .*bypass list/);
    expect(mainTip(coop)).toBe(push.after);
  });
});
