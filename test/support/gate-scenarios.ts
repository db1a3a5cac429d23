// What the gate's scenario tests share: the disco preset and the gate's workflow as text, and readers of the status and the comment.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { branch } from './disco-repo.ts';
import { createRemote, pushBranch, updatePullRefs } from './fake-remote.ts';
import { memberFile, REPO, type Collective } from './gate-harness.ts';

export const root = join(import.meta.dirname, '../..');
export const disco = readFileSync(join(root, 'packages/core/src/presets/disco.yaml'), 'utf8');
export const gateWorkflow = readFileSync(join(root, 'actions/workflows/cooperage-gate.yml'), 'utf8');
export const danDater = memberFile('Dan Okafor', 'dater', 'danokafor');
export const STATUSES = /\/commits\/[0-9a-f]{40}\/status(\?|$)/;

/** The disco constitution with `from` replaced by `to` (which must be there). */
export function constitution(from: string, to: string): string {
  expect(disco).toContain(from);
  return disco.replace(from, to);
}

/** The status's state and description, and the gate's one comment. */
export function decision(coop: Collective, number: number): { state: unknown; description: unknown; comment: string } {
  const status = coop.status(number);
  const [comment = '', ...more] = coop.gateComments(number);
  expect(comment).toContain('<!-- cooperage:decision -->');
  expect(more).toEqual([]);
  return { state: status?.state, description: status?.description, comment };
}

/** The lines of the paragraph after a comment's bold `heading`. */
export function section(comment: string, heading: string): string[] {
  const [, after = ''] = comment.split(`**${heading}**\n\n`);
  const [paragraph = ''] = after.split('\n\n');
  return paragraph.split('\n');
}

/** The lines of a comment's "Votes not counted" section. */
export function notCounted(comment: string): string[] {
  return section(comment, 'Votes not counted');
}

/** The commit main is at on the remote. */
export function mainTip(coop: Collective): string {
  return coop.remote.git('rev-parse', 'refs/heads/main');
}

/**
 * Opens pull request `number` from a fork: the branch is pushed to the fork's own repository, and
 * GitHub copies its commits into the base repository's refs/pull/N/head and makes the test merge.
 */
export function openFromFork(
  coop: Collective,
  name: string,
  files: Record<string, string | null>,
  options: { number: number; author: string; fork: string },
): string {
  branch(coop.work, name, files);
  const fork = createRemote();
  try {
    pushBranch(fork, coop.work, name);
    const { headSha } = updatePullRefs(coop.remote, options.number, { base: 'main', head: name, fork });
    coop.fake.addUser(options.author);
    coop.fake.openPullRequest(REPO, {
      number: options.number,
      title: name,
      author: options.author,
      head: { sha: headSha, ref: name, repo: options.fork },
      base: { ref: 'main', sha: mainTip(coop) },
      createdAt: '2026-12-01T09:00:00Z',
    });
    return headSha;
  } finally {
    fork.remove();
  }
}
