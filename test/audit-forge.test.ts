// coop audit --forge github end to end, in-process, against the loopback fake GitHub: a record the forge bears out, a hand-typed one with an invented vote, the JSON, the requests it costs, and its failures.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { GitHubForge, MARKER } from '../packages/github/src/index.ts';
import { branch } from './support/disco-repo.ts';
import { startFakeGitHub, type FakeGitHub } from './support/fake-github.ts';
import { createRemote, pushBranch, setOrigin, type FakeRemote } from './support/fake-remote.ts';
import { runCoop } from './support/io.ts';
import { copyOf, type TestRepo } from './support/repo.ts';

const REPO = 'commons/garden';
const FOUNDERS = [
  ['ana', 'Ana Costa', 'AnaCosta'],
  ['bob', 'Bob Silva', 'bobsilva'],
  ['carol', 'Carol Mendes', 'carolm'],
] as const;
const OPENED = '2026-12-01T09:00:00Z';
const MERGED = '2026-12-04T10:00:00Z';
const member = (name: string, login: string) => `name: ${name}\ntier: dater\nsince: 2026-12-01\ndating:\n  stage: 1\n  since: 2026-12-01\ngithub: ${login}\n`;

interface Garden {
  fake: FakeGitHub;
  remote: FakeRemote;
  work: TestRepo;
  env: Record<string, string>;
}

/** A disco collective founded by ana, bob and carol, on a bare remote the fake GitHub serves as commons/garden. */
async function garden(): Promise<Garden> {
  const work = await copyOf('audit-forge-garden', async (template) => {
    const founders = FOUNDERS.flatMap(([handle, name, login]) => ['--founder', `${handle}, ${name}, ${login}`]);
    const init = await runCoop(['init', template.dir, '--preset', 'disco', ...founders, '--since', '2026-01-05']);
    expect(init.code).toBe(0);
    template.commit('genesis', { date: '2026-01-05T09:00:00Z' });
  });
  const remote = createRemote();
  setOrigin(work, remote);
  pushBranch(remote, work, 'main');
  const fake = await startFakeGitHub({ clock: () => MERGED });
  fake.repo(REPO, { defaultBranch: 'main', git: remote.dir });
  for (const [, , login] of FOUNDERS) fake.addUser(login);
  onTestFinished(async () => {
    await fake.close();
    work.remove();
    remote.remove();
  });
  return { fake, remote, work, env: { GITHUB_TOKEN: 'ghs_test', GITHUB_API_URL: fake.url } };
}

type Cast = [login: string, at: string, how: 'review' | 'comment'];

/** A pull request adding `handle` as a dater, with these votes on the forge, merged by GitHub with a merge commit. */
function mergedPullRequest(g: Garden, number: number, handle: string, login: string, cast: Cast[]): { base: string; head: string; merge: string } {
  const base = g.remote.rev('refs/heads/main')!;
  g.work.git('fetch', '-q', 'origin');
  branch(g.work, `add-${handle}`, { [`governance/members/${handle}.yaml`]: member(handle, login) }, 'origin/main');
  const head = pushBranch(g.remote, g.work, `add-${handle}`);
  g.fake.addUser(login);
  g.fake.openPullRequest(REPO, {
    number,
    title: `Admit ${handle}`,
    author: login,
    head: { sha: head, ref: `add-${handle}` },
    base: { ref: 'main', sha: base },
    createdAt: OPENED,
  });
  for (const [user, at, how] of cast) {
    if (how === 'review') g.fake.addReview(REPO, number, { user, state: 'APPROVED', submittedAt: at });
    else g.fake.addComment(REPO, number, { user, body: '/vote yes', createdAt: at });
  }
  const { after } = g.fake.merge(REPO, number, { method: 'merge', at: MERGED });
  return { base, head, merge: after };
}

/** The record `coop record` writes for a merged pull request, with `votes` (forge logins), as text; nothing is left in the working tree. */
async function recordText(
  g: Garden,
  number: number,
  handle: string,
  pr: { base: string; head: string; merge: string },
  votes: Cast[],
  decidedAt = MERGED,
): Promise<string> {
  g.work.git('fetch', '-q', 'origin');
  g.work.git('checkout', '-q', '-B', 'main', 'origin/main');
  const file = join(g.work.dir, '.git', `votes-${number}.json`);
  writeFileSync(file, JSON.stringify(votes.map(([voter, at, source]) => ({ voter, vote: 'yes', at, source }))));
  const run = await runCoop([
    'record',
    '--repo',
    g.work.dir,
    '--pr',
    String(number),
    '--title',
    `Admit ${handle}`,
    '--author',
    handle,
    '--base',
    pr.base,
    '--head',
    pr.head,
    '--commits',
    pr.merge,
    '--votes',
    file,
    '--opened',
    OPENED,
    '--decided-at',
    decidedAt,
  ]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const path = join(g.work.dir, `governance/decisions/${number}.yaml`);
  const text = readFileSync(path, 'utf8');
  rmSync(path);
  return text;
}

/** Lands a record as the record action does: a commit GitHub makes (and signs) through createCommitOnBranch. */
async function landSigned(g: Garden, number: number, text: string): Promise<string> {
  const forge = new GitHubForge({ repository: REPO, token: 'ghs_test', apiUrl: g.fake.url, marker: MARKER, retryUnitMs: 5, writeIntervalMs: 0 });
  const made = await forge.commitFiles({
    branch: 'main',
    expectedTip: g.remote.rev('refs/heads/main')!,
    headline: `Record the decision on #${number}`,
    body: '',
    files: { [`governance/decisions/${number}.yaml`]: text },
  });
  if (!made.ok) throw new Error(made.message);
  return made.sha;
}

/** Lands a record as someone with write access could: committed by hand and pushed, unsigned. */
function landByHand(g: Garden, number: number, text: string): string {
  g.work.git('fetch', '-q', 'origin');
  g.work.git('checkout', '-q', '-B', 'main', 'origin/main');
  g.work.write({ [`governance/decisions/${number}.yaml`]: text });
  g.work.commit(`Record #${number}`);
  return pushBranch(g.remote, g.work, 'main');
}

async function audit(g: Garden, ...flags: string[]) {
  g.work.git('fetch', '-q', 'origin');
  return runCoop(['audit', '--repo', g.work.dir, '--ref', 'origin/main', ...flags], { env: g.env });
}

const ANA: Cast = ['AnaCosta', '2026-12-01T10:00:00Z', 'review'];
const BOB: Cast = ['bobsilva', '2026-12-01T11:00:00Z', 'comment'];
const CAROL: Cast = ['carolm', '2026-12-01T12:00:00Z', 'review'];

/** Dan admitted by all three, recorded as the record action would (signed); Eve admitted with ana's and bob's votes, her record typed by hand claiming carol's too. */
async function twoRecords(g: Garden, chatter = 0): Promise<void> {
  const dan = mergedPullRequest(g, 1, 'dan', 'danokafor', [ANA, BOB, CAROL]);
  for (let i = 0; i < chatter; i++) g.fake.addComment(REPO, 1, { user: 'bobsilva', body: `a thought, number ${i}`, createdAt: '2026-12-02T09:00:00Z' });
  await landSigned(g, 1, await recordText(g, 1, 'dan', dan, [ANA, BOB, CAROL]));
  const eve = mergedPullRequest(g, 2, 'eve', 'evelyn', [ANA, BOB]);
  landByHand(g, 2, await recordText(g, 2, 'eve', eve, [ANA, BOB, CAROL]));
}

describe('coop audit --forge github', () => {
  it('passes a record the forge bears out, and says how many requests it made', async () => {
    const g = await garden();
    const dan = mergedPullRequest(g, 1, 'dan', 'danokafor', [ANA, BOB, CAROL]);
    await landSigned(g, 1, await recordText(g, 1, 'dan', dan, [ANA, BOB, CAROL]));
    g.fake.clearRequests();
    const run = await audit(g, '--forge', 'github', '--repo-slug', REPO);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('every change to governance/ was decided by a record that re-tallies to passed');
    // The pull request, a page of reviews, a page of comments, the record commit's signature.
    expect(run.stdout).toMatch(/\nRead from GitHub \(commons\/garden\): 1 decision record checked, 4 requests\.\n$/);
    expect(g.fake.count()).toBe(4);
  });

  it('names a hand-typed record with an invented vote, and its unsigned commit, exit 1', async () => {
    const g = await garden();
    await twoRecords(g);
    expect((await audit(g)).code).toBe(0); // offline, the record re-tallies to passed
    const run = await audit(g, '--forge', 'github', '--repo-slug', REPO);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      'forge.vote governance/decisions/2.yaml: governance/decisions/2.yaml records a vote the forge does not have: the forge has no yes by carol (carolm) at 2026-12-01T12:00:00Z on pull request 2; it has no vote by carolm at all.',
    );
    expect(run.stdout).toContain(
      'forge.unsigned governance/decisions/2.yaml: The commit that added governance/decisions/2.yaml is not signed as the forge verifies',
    );
    expect(run.stdout).not.toContain('decisions/1.yaml');
    expect(run.stdout).toContain('A record the forge does not bear out is put right by ratification too');
    expect(run.stdout).toMatch(/Read from GitHub \(commons\/garden\): 2 decision records checked, \d+ requests\.\n$/);
  });

  it('counts a record the forge faults as decided once a ratification the forge bears out names its commits', async () => {
    const g = await garden();
    await twoRecords(g);
    g.work.git('fetch', '-q', 'origin');
    const [recordCommit, eveMerge] = [g.remote.rev('refs/heads/main')!, g.remote.rev('refs/heads/main^')!];
    const proposal = `title: Ratify eve's admission, whose record claims carol's vote\nauthor: ana\nratifies: [${eveMerge}, ${recordCommit}]\n`;
    const base = recordCommit;
    branch(g.work, 'ratify', { 'governance/proposals/0001-ratify-eve.yaml': proposal }, 'origin/main');
    const head = pushBranch(g.remote, g.work, 'ratify');
    g.fake.openPullRequest(REPO, {
      number: 3,
      title: 'Ratify eve',
      author: 'AnaCosta',
      head: { sha: head, ref: 'ratify' },
      base: { ref: 'main', sha: base },
      createdAt: OPENED,
    });
    for (const [user, at] of [ANA, CAROL]) g.fake.addReview(REPO, 3, { user, state: 'APPROVED', submittedAt: at });
    g.fake.addComment(REPO, 3, { user: BOB[0], body: '/vote yes', createdAt: BOB[1] });
    // The rule for ratifications, supermajority, decides after seven days at least.
    const later = '2026-12-09T10:00:00Z';
    const { after } = g.fake.merge(REPO, 3, { method: 'merge', at: later });
    await landSigned(g, 3, await recordText(g, 3, 'ana', { base, head, merge: after }, [ANA, BOB, CAROL], later));

    const run = await audit(g, '--forge', 'github', '--repo-slug', REPO, '--json');
    const out = JSON.parse(run.stdout);
    expect(out.violations).toEqual([]);
    expect(run.code).toBe(0);
    expect(out.ratified).toEqual([
      { commit: eveMerge, record: 'governance/decisions/3.yaml', proposal: 'governance/proposals/0001-ratify-eve.yaml' },
      { commit: recordCommit, record: 'governance/decisions/3.yaml', proposal: 'governance/proposals/0001-ratify-eve.yaml' },
    ]);
  });

  it('adds forge: {name, repository, requests} to the JSON, the other keys as offline', async () => {
    const g = await garden();
    await twoRecords(g);
    const offline = JSON.parse((await audit(g, '--json')).stdout);
    expect(Object.keys(offline)).toEqual(['ok', 'commits', 'violations']);
    g.fake.clearRequests();
    const run = await audit(g, '--forge', 'github', '--repo-slug', REPO, '--json');
    expect(run.code).toBe(1);
    const out = JSON.parse(run.stdout);
    expect(Object.keys(out)).toEqual(['ok', 'commits', 'violations', 'forge']);
    expect(out.forge).toEqual({ name: 'github', repository: REPO, requests: g.fake.count() });
    expect(out.commits).toBe(offline.commits);
    const tip = g.remote.rev('refs/heads/main');
    const eveMerge = g.remote.rev('refs/heads/main^');
    expect(out.violations).toEqual([
      {
        commit: eveMerge,
        kind: 'forge.vote',
        subject: 'governance/decisions/2.yaml',
        reason: expect.stringContaining('no yes by carol (carolm)'),
        code: 'audit.forge-vote',
      },
      {
        commit: tip,
        kind: 'forge.unsigned',
        subject: 'governance/decisions/2.yaml',
        reason: expect.stringContaining('not signed'),
        code: 'audit.forge-unsigned',
      },
    ]);
  });

  it('spends one request per pull request, per page of its reviews and of its comments, and per record commit', async () => {
    const g = await garden();
    // 150 comments on pull request 1: two pages of 100.
    await twoRecords(g, 150);
    g.fake.clearRequests();
    const run = await audit(g, '--forge', 'github', '--repo-slug', REPO, '--json');
    const pages = (n: number) => Math.max(1, Math.ceil(n / 100));
    const expected = [
      { reviews: 2, comments: 1 + 150 }, // dan: ana's and carol's reviews; bob's /vote and the chatter
      { reviews: 1, comments: 1 }, // eve
    ].reduce((sum, pr) => sum + 1 + pages(pr.reviews) + pages(pr.comments) + 1, 0);
    expect(expected).toBe(9);
    expect(g.fake.count()).toBe(expected);
    expect(JSON.parse(run.stdout).forge.requests).toBe(expected);
    expect(g.fake.count({ path: /\/pulls\/\d+$/ })).toBe(2);
    expect(g.fake.count({ path: /\/issues\/1\/comments/ })).toBe(2);
  });

  it('reads the repository from the URL of origin when --repo-slug is not given', async () => {
    const g = await garden();
    const dan = mergedPullRequest(g, 1, 'dan', 'danokafor', [ANA, BOB, CAROL]);
    await landSigned(g, 1, await recordText(g, 1, 'dan', dan, [ANA, BOB, CAROL]));
    g.work.git('fetch', '-q', 'origin');
    g.work.git('remote', 'set-url', 'origin', 'git@github.example:commons/garden.git');
    const run = await runCoop(['audit', '--repo', g.work.dir, '--ref', 'origin/main', '--forge', 'github', '--json'], { env: g.env });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).forge).toMatchObject({ name: 'github', repository: REPO });
  });

  it('refuses a call it cannot make, exit 2, in one sentence', async () => {
    const g = await garden();
    const cases: [string[], Record<string, string>, string][] = [
      [['--forge', 'gitlab'], g.env, 'coop audit: --forge "gitlab" is not a forge Cooperage reads; the choices: github.'],
      [['--repo-slug', REPO], g.env, 'coop audit: --repo-slug names the repository on a forge, and is read only with --forge github.'],
      [['--forge', 'github', '--repo-slug', 'garden'], g.env, 'coop audit: --repo-slug "garden" is not OWNER/NAME'],
      [['--forge', 'github', '--repo-slug', REPO], { GITHUB_API_URL: g.fake.url }, 'GITHUB_TOKEN=$(gh auth token) coop audit --forge github'],
      // origin is the bare remote's folder: no OWNER/NAME in it.
      [['--forge', 'github'], g.env, 'Pass it with --repo-slug OWNER/NAME.'],
    ];
    for (const [flags, env, message] of cases) {
      const run = await runCoop(['audit', '--repo', g.work.dir, ...flags], { env });
      expect(run.code, message).toBe(2);
      expect(run.stderr).toContain(message);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('says what the token needs when GitHub refuses it, exit 2, never a stack', async () => {
    const g = await garden();
    const dan = mergedPullRequest(g, 1, 'dan', 'danokafor', [ANA, BOB, CAROL]);
    await landSigned(g, 1, await recordText(g, 1, 'dan', dan, [ANA, BOB, CAROL]));
    g.fake.fail({ status: 403, path: /\/pulls\/1$/, message: 'Resource not accessible by integration' });
    const run = await audit(g, '--forge', 'github', '--repo-slug', REPO, '--json');
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'coop audit --forge github: GitHub refused to show pull request 1 of commons/garden to the token in GITHUB_TOKEN (403: Resource not accessible by integration). Give a token that can read the repository (a fine-grained token with contents: read and pull-requests: read, or a classic one with repo).\n',
    );
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: false, error: { code: 'usage' } });

    const other = await runCoop(['audit', '--repo', g.work.dir, '--ref', 'origin/main', '--forge', 'github', '--repo-slug', 'commons/elsewhere'], {
      env: g.env,
    });
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('GitHub has no pull request 1 of commons/elsewhere that the token in GITHUB_TOKEN can see (404');
  });
});
