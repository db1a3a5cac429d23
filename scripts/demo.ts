// npm run demo: one decision played from start to end on a temporary repository, with the real actions against an offline GitHub — the template founded and checked by coop doctor, a newcomer's pull request, votes, the gate, the merge, the record, the audit and the report.
//
// GitHub's side is the loopback fake of the tests (test/support/fake-github.ts), answering from this
// process; the gate and the record action are the committed bundles (actions/*/dist), run as GitHub
// runs them: a process with a workflow's environment, on a checkout of the default branch. The clock
// is the story's, so every run prints the same.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeGitHub, type FakeGitHub } from '../test/support/fake-github.ts';
import { createRemote, pushBranch, updatePullRefs } from '../test/support/fake-remote.ts';
import { FOUNDERS, node, REPO, runnerEnv } from '../test/support/runner.ts';
import { issueCommentPayload, pullRequestTargetPayload, pushPayload, schedulePayload, workflowRunPayload } from '../test/support/webhook-payloads.ts';

const root = join(import.meta.dirname, '..');
const repository = { fullName: REPO, defaultBranch: 'main' };
const coop = join(root, 'packages/cli/bin/coop.js');

export interface Step {
  title: string;
  lines: string[];
}

export interface Played {
  /** Where the story was played: the member's clone, GitHub's copy, the runner's checkout, the report. */
  dir: string;
  clone: string;
  report: string;
  steps: Step[];
  /** The status cooperage/decision on the pull request's head after each gate run, in order. */
  statuses: string[];
  /** The record the record action landed, and the commit it landed in. */
  record: string;
  recordCommit: string;
  /** Whether GitHub reports that commit signed. */
  signed: boolean;
  audit: { code: number; stdout: string };
  doctor: { code: number; stdout: string };
  fake: FakeGitHub;
}

const gitEnv = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
function git(dir: string, args: string[], date?: string): string {
  const env = date === undefined ? gitEnv : { ...gitEnv, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date };
  return execFileSync('git', args, { cwd: dir, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

/** Plays the story in a new temporary folder; `show` is told each step as it happens. */
export async function play(show: (step: Step) => void = () => {}): Promise<Played> {
  const dir = mkdtempSync(join(tmpdir(), 'coop-demo-'));
  const steps: Step[] = [];
  const step = (title: string, lines: string[] = []) => {
    const s = { title, lines };
    steps.push(s);
    show(s);
  };
  let clock = '2026-12-01T09:00:00Z';
  const fake = await startFakeGitHub({ clock: () => clock });

  // 1. The template, founded: "Use this template" makes a first commit with no one in it; the founders
  // add themselves in one commit pushed straight to main, before the ruleset protects it.
  const clone = join(dir, 'garden');
  cpSync(join(root, 'examples/template'), clone, { recursive: true });
  git(dir, ['init', '-q', '-b', 'main', clone]);
  git(clone, ['add', '-A']);
  git(clone, ['-c', 'user.name=GitHub', '-c', 'user.email=noreply@github.com', 'commit', '-q', '-m', 'Initial commit'], '2026-11-30T09:00:00Z');
  for (const [handle, name, login] of FOUNDERS)
    writeFileSync(join(clone, `governance/members/${handle}.yaml`), `name: ${name}\ntier: member\nsince: 2026-11-30\ngithub: ${login}\n`);
  writeFileSync(join(clone, '.github/CODEOWNERS'), `/governance/ @AnaCosta @bobsilva @carolm\n/.github/    @AnaCosta @bobsilva @carolm\n`);
  git(clone, ['add', '-A']);
  git(clone, ['-c', 'user.name=Ana Costa', '-c', 'user.email=ana@example.org', 'commit', '-q', '-m', 'Found the collective'], '2026-11-30T10:00:00Z');
  const remote = createRemote(join(dir, 'github.git'));
  pushBranch(remote, clone, 'main');
  fake.repo(REPO, { defaultBranch: 'main', git: remote.dir });
  const ruleset = JSON.parse(readFileSync(join(clone, '.github/rulesets/cooperage-decision.json'), 'utf8')) as {
    rules: { type: string; parameters?: { required_status_checks?: { context: string }[] } }[];
  };
  const required = ruleset.rules.find((r) => r.type === 'required_status_checks')?.parameters?.required_status_checks?.[0]?.context ?? 'cooperage/decision';
  fake.protect(REPO, 'main', { requiredStatus: required });
  for (const [, , login] of FOUNDERS) fake.addUser(login);
  // GitHub knows the workflows once they are pushed.
  for (const file of readdirSync(join(clone, '.github/workflows')).sort()) {
    const name = /^name: (.+)$/m.exec(readFileSync(join(clone, '.github/workflows', file), 'utf8'))?.[1] ?? file;
    fake.workflow(REPO, { path: `.github/workflows/${file}`, name });
  }
  step('The collective is founded from the template', [
    `${REPO}: examples/template, with ana, bob and carol as founding members in one commit (the genesis).`,
    `main is protected by .github/rulesets/cooperage-decision.json: nothing merges without ${required}.`,
  ]);

  // The founders check the setup against GitHub.
  git(clone, ['remote', 'add', 'origin', `https://github.com/${REPO}.git`]);
  const doctor = await node(
    coop,
    {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      GITHUB_TOKEN: 'ghs_demo',
      GITHUB_API_URL: fake.url,
    },
    ['doctor', '--repo', clone],
  );
  step('coop doctor checks the setup against GitHub', doctor.stdout.trim().split('\n'));

  // The runner's checkout, refreshed before each run as actions/checkout makes it.
  const checkout = join(dir, 'runner');
  git(dir, ['clone', '-q', remote.dir, checkout]);
  let runs = 0;
  const env = (event: string, payload: unknown, now: string, extra: Record<string, string> = {}) => {
    runs++;
    const eventPath = join(dir, `event-${runs}.json`);
    writeFileSync(eventPath, JSON.stringify(payload));
    return {
      ...runnerEnv(now),
      GITHUB_EVENT_NAME: event,
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_API_URL: fake.url,
      GITHUB_WORKSPACE: checkout,
      INPUT_TOKEN: 'ghs_demo',
      ...extra,
    };
  };
  const statuses: string[] = [];
  const gate = async (event: string, payload: unknown, now: string, what: string) => {
    clock = now;
    git(checkout, ['fetch', '-q', 'origin']);
    git(checkout, ['checkout', '-q', '-B', 'main', 'origin/main']);
    const result = await node(join(root, 'actions/tally/dist/index.js'), env(event, payload, now));
    if (result.code !== 0) throw new Error(`the gate failed: ${result.stdout}${result.stderr}`);
    const head = (fake.pullRequest(REPO, 1).head as { sha: string }).sha;
    const status = fake
      .statuses(REPO, head)
      .filter((s) => s.context === 'cooperage/decision')
      .at(-1);
    const comment = fake
      .comments(REPO, 1)
      .map((c) => String(c.body ?? ''))
      .find((b) => b.includes('<!-- cooperage:decision -->'));
    statuses.push(String(status?.state));
    step(what, [
      `Status cooperage/decision: ${String(status?.state)} — ${String(status?.description)}`,
      ...(comment ?? '')
        .split('\n')
        .filter((l) => /^(###|- \*\*(Needs|Votes|Not voted|Time))/.test(l))
        .map((l) => `  │ ${l}`),
    ]);
  };

  // 2. Dan, a newcomer, asks to join as a dater.
  const member = 'name: Dan Okafor\ntier: dater\nsince: 2026-12-01\ndating: { stage: 1, since: 2026-12-01 }\ngithub: danokafor\n';
  git(clone, ['checkout', '-q', '-b', 'dan-joins']);
  writeFileSync(join(clone, 'governance/members/dan.yaml'), member);
  git(clone, ['add', '-A']);
  git(clone, ['-c', 'user.name=Dan Okafor', '-c', 'user.email=dan@example.org', 'commit', '-q', '-m', 'Dan joins as a dater'], '2026-12-01T08:50:00Z');
  pushBranch(remote, clone, 'dan-joins');
  const { headSha } = updatePullRefs(remote, 1, { base: 'main', head: 'dan-joins' });
  fake.addUser('danokafor');
  fake.openPullRequest(REPO, {
    number: 1,
    title: 'Dan joins as a dater',
    author: 'danokafor',
    head: { sha: headSha, ref: 'dan-joins' },
    base: { ref: 'main', sha: remote.rev('refs/heads/main') ?? '' },
    createdAt: '2026-12-01T09:00:00Z',
  });
  const pullRequest = {
    number: 1,
    title: 'Dan joins as a dater',
    author: 'danokafor',
    head: { sha: headSha, ref: 'dan-joins' },
    base: { sha: remote.rev('refs/heads/main') ?? '' },
  };
  await gate(
    'pull_request_target',
    pullRequestTargetPayload('opened', { repository, pullRequest }),
    '2026-12-01T09:01:00Z',
    'Dan opens pull request #1, "Dan joins as a dater"',
  );

  // 3. The votes: a review, through the review relay, and a /vote comment.
  clock = '2026-12-01T10:00:00Z';
  fake.addReview(REPO, 1, { user: 'AnaCosta', state: 'APPROVED', body: 'Welcome, Dan!', submittedAt: clock });
  const relay = workflowRunPayload({ repository, headSha, headBranch: 'dan-joins', name: 'Cooperage review relay', event: 'pull_request_review' });
  await gate('workflow_run', relay, '2026-12-01T10:01:00Z', 'Ana approves the pull request (a review: yes)');
  clock = '2026-12-01T11:00:00Z';
  fake.addComment(REPO, 1, { user: 'bobsilva', body: '/vote yes glad to have you', createdAt: clock });
  const comment = issueCommentPayload({
    repository,
    pullRequest: { number: 1, author: 'danokafor' },
    comment: { body: '/vote yes glad to have you', user: 'bobsilva' },
  });
  await gate('issue_comment', comment, '2026-12-01T11:01:00Z', 'Bob comments "/vote yes glad to have you"');

  // 4. Time decides the rest: the sweep, three days after the pull request opened.
  await gate(
    'schedule',
    { ...schedulePayload(), repository: { full_name: REPO, default_branch: 'main' } },
    '2026-12-04T09:07:00Z',
    'Three days later, the sweep',
  );

  // 5. The merge, and the record action on the push it makes.
  const merged = fake.merge(REPO, 1, { method: 'squash', at: '2026-12-04T09:30:00Z', by: 'AnaCosta' });
  clock = '2026-12-04T09:31:00Z';
  git(checkout, ['fetch', '-q', 'origin']);
  git(checkout, ['checkout', '-q', '--detach', merged.after]);
  const recorded = await node(
    join(root, 'actions/record/dist/index.js'),
    env('push', pushPayload({ repository, ref: 'refs/heads/main', before: merged.before, after: merged.after, pusher: 'AnaCosta' }), clock, {
      'INPUT_GITHUB-TOKEN': 'ghs_demo',
      INPUT_TOKEN: '',
    }),
  );
  if (recorded.code !== 0) throw new Error(`the record action failed: ${recorded.stdout}${recorded.stderr}`);
  const recordCommit = remote.rev('refs/heads/main') ?? '';
  const record = remote.git('show', `${recordCommit}:governance/decisions/1.yaml`);
  const signature = (await (await fetch(`${fake.url}/repos/${REPO}/commits/${recordCommit}`, { headers: { authorization: 'token ghs_demo' } })).json()) as {
    commit: { verification: { verified: boolean } };
  };
  const signed = signature.commit.verification.verified;
  step(`Ana merges it (squash); the record action records the decision`, [
    `${recordCommit.slice(0, 7)} ${remote.git('log', '-1', '--format=%s', recordCommit)} — made by GitHub${signed ? ', which marks it Verified (signed)' : ''}`,
    ...record.split('\n').map((l) => `  │ ${l}`),
  ]);

  // 6. Anyone can check the whole history, and see where everyone stands.
  git(clone, ['checkout', '-q', 'main']);
  git(clone, ['pull', '-q', '--ff-only', remote.dir, 'main']);
  const audit = await node(coop, { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' }, ['audit', '--repo', clone]);
  step('coop audit, in a member’s clone', audit.stdout.trim().split('\n'));
  const report = join(dir, 'report');
  const reported = await node(
    coop,
    {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
    },
    ['report', '--repo', clone, '--format', 'html', '--out', report, '--to', '2026-12-31'],
  );
  if (reported.code !== 0) throw new Error(`coop report failed: ${reported.stdout}${reported.stderr}`);
  step('coop report --format html', [join(report, 'report.html')]);

  return { dir, clone, report, steps, statuses, record, recordCommit, signed, audit, doctor, fake };
}

if (process.argv[1] === import.meta.filename) {
  const started = performance.now();
  const bold = (s: string) => (process.stdout.isTTY ? `\u001b[1m${s}\u001b[22m` : s);
  process.stdout.write(`Cooperage: one decision, from the template to its record, on an offline GitHub.\n`);
  let n = 0;
  const played = await play((s) => {
    process.stdout.write(`\n${bold(`${++n}. ${s.title}`)}\n${s.lines.map((l) => `   ${l}\n`).join('')}`);
  });
  await played.fake.close();
  process.stdout.write(
    `\nLeft in ${played.dir}: the member's clone (garden/), GitHub's copy (github.git) and the report (report/report.html). ${((performance.now() - started) / 1000).toFixed(1)} s.\n`,
  );
}
