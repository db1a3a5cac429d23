// The check action as GitHub runs it on pull_request: its bundle as a process on a checkout of the test merge, with annotations at file:line:column and a job summary.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { CHECK, collective, memberFile, node, REPO, type Collective } from './support/gate-harness.ts';
import { pullRequestTargetPayload } from './support/webhook-payloads.ts';

/** Runs the check's bundle on a pull request, on a checkout of its test merge as actions/checkout makes it for pull_request. */
async function check(coop: Collective, number: number) {
  const pr = coop.fake.pullRequest(REPO, number) as { title: string; user: { login: string }; head: { sha: string; ref: string }; base: { sha: string } };
  coop.checkout.git('fetch', '-q', 'origin', `+refs/pull/${number}/merge:refs/remotes/pull/${number}/merge`);
  coop.checkout.git('checkout', '-q', '--detach', `refs/remotes/pull/${number}/merge`);
  const dir = mkdtempSync(join(tmpdir(), 'coop-check-run-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  const event = join(dir, 'event.json');
  const summary = join(dir, 'summary.md');
  const output = join(dir, 'output');
  const payload = pullRequestTargetPayload('opened', {
    repository: { fullName: REPO, defaultBranch: 'main' },
    pullRequest: { number, title: pr.title, author: pr.user.login, head: { sha: pr.head.sha, ref: pr.head.ref }, base: { sha: pr.base.sha } },
  });
  writeFileSync(event, JSON.stringify(payload));
  writeFileSync(summary, '');
  writeFileSync(output, '');
  const run = await node(CHECK, {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: event,
    GITHUB_REPOSITORY: REPO,
    GITHUB_WORKSPACE: coop.checkout.dir,
    GITHUB_STEP_SUMMARY: summary,
    GITHUB_OUTPUT: output,
  });
  return { ...run, summary: readFileSync(summary, 'utf8'), output: readFileSync(output, 'utf8') };
}

describe('the check action', () => {
  it('explains a valid pull request in the job summary and passes', async () => {
    const coop = await collective();
    coop.push('dan-dates', { 'governance/members/dan.yaml': memberFile('Dan Okafor', 'dater', 'danokafor') });
    const { number } = coop.open('dan-dates', { author: 'danokafor' });
    const run = await check(coop, number);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.summary).toContain(`### Cooperage check of #${number}`);
    expect(run.summary).toContain('danokafor joins as dater');
    expect(run.summary).toContain('It needs **consent**');
    expect(run.output).toMatch(/ok<<.*\ntrue\n/);
  });

  it('annotates each problem at its file, line and column, and fails', async () => {
    const coop = await collective();
    coop.push('dan-broken', { 'governance/members/dan.yaml': 'name: Dan Okafor\ntier: wizard\nsince: 2026-11-01\ngithub: danokafor\n' });
    const { number } = coop.open('dan-broken', { author: 'danokafor' });
    const run = await check(coop, number);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /^::error title=Cooperage [\w.-]+,file=governance\/members\/dan\.yaml,line=2,endLine=2,col=7(,endColumn=\d+)?::[\w.-]+: .*wizard/m,
    );
    expect(run.summary).toMatch(/`governance\/members\/dan\.yaml:2:7`/);
  });
});
