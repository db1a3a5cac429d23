// Builds governed histories for audit tests: a disco genesis, pull requests landed by squash, merge or rebase, and the records the record action writes.
import { execFileSync } from 'node:child_process';
import {
  checkPullRequest,
  gitSource,
  loadState,
  openRepository,
  rollOf,
  tallyPullRequest,
  type DecisionRecord,
  type RecordedVote,
} from '../../packages/core/src/index.ts';
import { runCoop } from './io.ts';
import { copyOf, type TestRepo } from './repo.ts';

/** A vote as a test gives it: the voter's handle and their choice; `at` defaults to a day after opening. */
export interface TestVote {
  voter: string;
  vote: RecordedVote['vote'];
  at?: string;
}

/** A pull request that has landed, as the record action knows it. */
export interface Landed {
  number: number;
  title: string;
  /** The author's forge login. */
  author: string;
  /** The commit the rules and the roll are read from. */
  base: string;
  /** The pull request's head when decided (the last commit, for squash and rebase). */
  head: string;
  /** What landed on the governed branch. */
  commits: string[];
  votes: TestVote[];
}

export interface Governed {
  repo: TestRepo;
  dir: string;
  genesis: string;
  /** The tip of main. */
  tip(): string;
  /** One commit straight on main: a squash merge, a rebase merge's step, or a direct push. */
  commit(files: Record<string, string | null>, message: string): string;
  /**
   * A merge commit: a branch from the tip with one commit per entry of `steps`, merged with --no-ff.
   * Returns the merge commit and the branch's commits.
   */
  merge(branch: string, steps: Record<string, string | null>[], message: string): { merge: string; commits: string[] };
  /**
   * The record the record action would write for a landed pull request, judged by coop check's logic
   * and tallied at its decided_at; `tamper` changes it before it is written. Commits it; returns the commit.
   */
  record(pr: Landed, tamper?: (record: DecisionRecord) => void): Promise<string>;
  remove(): void;
}

export const ANA = 'AnaCosta';

/** A member file in the disco preset's tiers. */
export function memberYaml(name: string, tier: string, extra = ''): string {
  return `name: ${name}\ntier: ${tier}\nsince: 2026-01-05\n${tier === 'dater' ? 'dating: { stage: 1, since: 2026-01-05 }\n' : ''}${extra}`;
}

/**
 * Builds the genesis: the disco preset, with ana (login AnaCosta), bob and carol as members and erin a
 * contributor. Its date is fixed, so each worker builds it once and copies it for every history.
 */
export async function governedRepo(): Promise<Governed> {
  const repo = await copyOf('governed', async (template) => {
    const init = await runCoop(['init', template.dir, '--preset', 'disco', '--handle', 'ana', '--name', 'Ana Costa', '--github', ANA, '--since', '2026-01-05']);
    if (init.code !== 0) throw new Error(`coop init failed: ${init.stderr}`);
    template.write({
      'governance/members/bob.yaml': memberYaml('Bob', 'member'),
      'governance/members/carol.yaml': memberYaml('Carol', 'member'),
      'governance/members/erin.yaml': memberYaml('Erin', 'contributor'),
    });
    template.commit('Found the cooperative', { date: '2026-01-05T12:00:00Z' });
  });
  let day = 10;
  const nextDay = () => `2026-01-${String(day++).padStart(2, '0')}T12:00:00Z`;
  const genesis = repo.head();
  // The clock of the pull requests: each opens on a new day and is decided four days later.
  let opened = Date.parse('2026-02-01T09:00:00Z');
  const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

  const governed: Governed = {
    repo,
    dir: repo.dir,
    genesis,
    tip: () => repo.head(),
    commit(files, message) {
      repo.write(files);
      return repo.commit(message, { date: nextDay() });
    },
    merge(branch, steps, message) {
      repo.git('checkout', '-q', '-b', branch);
      const commits = steps.map((files, i) => {
        repo.write(files);
        return repo.commit(`${branch}: step ${i + 1}`, { date: nextDay() });
      });
      repo.git('checkout', '-q', 'main');
      execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', 'merge', '-q', '--no-ff', '-m', message, branch], {
        cwd: repo.dir,
        env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_DATE: nextDay(), GIT_COMMITTER_DATE: nextDay() },
      });
      return { merge: repo.head(), commits };
    },
    async record(pr, tamper) {
      const repository = openRepository(repo.dir);
      const [base, head] = await Promise.all([gitSource(repository, pr.base), gitSource(repository, pr.head)]);
      const check = await checkPullRequest({ base, head, author: pr.author });
      const baseState = (await loadState(await gitSource(repository, pr.base))).state;
      const headConstitution = (await loadState(await gitSource(repository, pr.head))).state.constitution?.value;
      const roll = rollOf(baseState);
      const openedAt = iso(opened);
      const decidedAt = iso(opened + 4 * 86_400_000);
      const votes: RecordedVote[] = pr.votes.map((v, i) => ({
        voter: v.voter,
        vote: v.vote,
        at: v.at ?? iso(opened + 86_400_000 + i * 3_600_000),
        source: 'review',
        url: `https://github.com/example/coop/pull/${pr.number}#pullrequestreview-${i + 1}`,
      }));
      opened += 5 * 86_400_000;
      const loginOf = new Map(roll.members.map((m) => [m.handle, m.login]));
      const decision = tallyPullRequest({
        changes: check.changes,
        headValid: check.errors.length === 0,
        base: baseState.constitution!.value,
        ...(headConstitution ? { head: headConstitution } : {}),
        roll,
        votes: votes.map((v) => ({ voter: loginOf.get(v.voter) ?? v.voter, vote: v.vote, at: v.at })),
        opened: openedAt,
        now: decidedAt,
      });
      const eligible = [...new Set(decision.rules.flatMap((r) => r.tally.votes.map((v) => v.handle).concat(r.tally.waiting)))].sort();
      const record: DecisionRecord = {
        pr: pr.number,
        title: pr.title,
        author: pr.author,
        base: pr.base,
        head: pr.head,
        commits: pr.commits,
        changes: check.changes.map((c) => ({ kind: c.kind, ...(c.subject !== undefined ? { subject: c.subject } : {}), file: c.file })),
        rules: check.requires,
        opened: openedAt,
        eligible,
        votes,
        outcome: decision.outcome,
        decided_at: decidedAt,
      };
      tamper?.(record);
      repo.write({ [`governance/decisions/${pr.number}.yaml`]: recordYaml(record) });
      return repo.commit(`Record the decision on #${pr.number}`, { date: nextDay() });
    },
    remove: () => repo.remove(),
  };
  return governed;
}

/** A decision record as YAML, one field a line, lists of maps in flow style (JSON is YAML). */
export function recordYaml(record: DecisionRecord): string {
  const lines = Object.entries(record).map(([key, value]) => {
    if (Array.isArray(value) && value.length > 0 && typeof value[0] === 'object') {
      return `${key}:\n${value.map((item) => `  - ${JSON.stringify(item)}`).join('\n')}`;
    }
    return `${key}: ${JSON.stringify(value)}`;
  });
  return `${lines.join('\n')}\n`;
}
