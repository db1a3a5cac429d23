// What the record action's scenario tests share: an admission ready to merge, and reading main and its audit.
import { expect } from 'vitest';
import { REPO, type Collective } from './gate-harness.ts';
import { danDater } from './gate-scenarios.ts';
import { runCoop } from './io.ts';

/** Dan's pull request to join as a dater, approved by the three members, judged passed by the gate: ready to merge. */
export async function admission(coop: Collective, options: { number?: number; twoCommits?: boolean } = {}): Promise<number> {
  const number = options.number ?? 1;
  const name = `dan-dates-${number}`;
  coop.push(name, { 'governance/members/dan.yaml': danDater });
  // A second commit, for a rebase to replay one by one: the same member file, with a comment on top.
  if (options.twoCommits === true) coop.push(name, { 'governance/members/dan.yaml': `# Dan tends the seed library.\n${danDater}` }, name);
  coop.open(name, { author: 'danokafor', title: 'Dan joins as a dater', number });
  for (const [user, at] of [
    ['AnaCosta', '2026-12-01T10:00:00Z'],
    ['bobsilva', '2026-12-01T11:00:00Z'],
    ['carolm', '2026-12-01T12:00:00Z'],
  ] as const)
    coop.fake.addReview(REPO, number, { user, state: 'APPROVED', submittedAt: at });
  const judged = await coop.judge({ kind: 'pull-request', number }, '2026-12-04T09:30:00Z');
  expect(judged.judged).toEqual([expect.objectContaining({ state: 'success' })]);
  return number;
}

/** A file's text on the remote's main, or undefined. */
export function onMain(coop: Collective, file: string): string | undefined {
  try {
    return coop.remote.git('show', `refs/heads/main:${file}`);
  } catch {
    return undefined;
  }
}

/** coop audit of the remote's main, in the runner's checkout. */
export async function auditMain(coop: Collective, ...flags: string[]) {
  coop.checkout.git('fetch', '-q', 'origin');
  return runCoop(['audit', '--repo', coop.checkout.dir, '--ref', 'origin/main', '--json', ...flags]);
}
