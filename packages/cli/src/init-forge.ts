// What coop init --forge github writes beside governance/: the workflows of the gate, the review relay, the records and the check, and the default branch's ruleset, never over a file already there.
import { existsSync, lstatSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { execFileSync } from 'node:child_process';
import { GOVERNANCE } from '@cooperage/core';
import { UsageError } from './args.ts';
import { github } from './generated/forge-files.js';
import { paint, type IO } from './io.ts';

export const forges = ['github'] as const;
export type ForgeName = (typeof forges)[number];

/** The forge's files, by path in the repository, for a repository whose default branch is `branch`. */
export function forgeFiles(forge: ForgeName, branch: string): Record<string, string> {
  const files: Record<string, string> = { ...{ github }[forge] };
  const record = '.github/workflows/cooperage-record.yml';
  const text = files[record];
  // The record workflow runs on pushes to the default branch, which a workflow's `on:` cannot name by reference.
  if (text !== undefined) files[record] = text.replace(/^(\s+branches: )\[main\]$/m, `$1[${JSON.stringify(branch).slice(1, -1)}]`);
  return files;
}

/** The repository's default branch as this clone knows it: origin's HEAD, else the branch checked out, else main. */
export function defaultBranch(dir: string): string {
  const git = (...args: string[]) => {
    try {
      return execFileSync('git', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return '';
    }
  };
  if (!existsSync(dir)) return 'main';
  const origin = git('symbolic-ref', '--quiet', '--short', 'refs/remotes/origin/HEAD').replace(/^origin\//, '');
  return origin || git('symbolic-ref', '--quiet', '--short', 'HEAD') || 'main';
}

/** Writes each file that is not there yet; a file (or a link) already there is kept as it is. */
export function writeNew(dir: string, files: Record<string, string>): { written: string[]; kept: string[] } {
  const written: string[] = [];
  const kept: string[] = [];
  for (const [path, text] of Object.entries(files)) {
    const full = join(dir, path);
    if (exists(full)) {
      kept.push(path);
      continue;
    }
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text, { flag: 'wx' });
    written.push(path);
  }
  return { written, kept };
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** The forge --forge names, checked with --branch; undefined without --forge. */
export function forgeOf(forge: string | undefined, branch: string | undefined): ForgeName | undefined {
  if (forge === undefined) {
    if (branch !== undefined) throw new UsageError('coop init: --branch names the default branch for the forge workflows: give it with --forge github.');
    return undefined;
  }
  if (!(forges as readonly string[]).includes(forge)) throw new UsageError(`coop init: there is no forge "${forge}". Use: ${forges.join(', ')}.`);
  const branchName = /^(?![-/.])(?!.*(?:\.\.|\/\/|\.lock$|\/$|\.$))[A-Za-z0-9._/-]+$/;
  if (branch !== undefined && !branchName.test(branch))
    throw new UsageError(`coop init: --branch "${branch}" is not a branch name: use letters, digits, dots, dashes, underscores and slashes, such as main.`);
  return forge as ForgeName;
}

/** With governance/ already there: the forge's files that are missing, and nothing else. */
export function forgeOnly(io: IO, dir: string, forge: ForgeName, json: boolean, branch: string | undefined): number {
  const { written, kept } = writeNew(dir, forgeFiles(forge, branch ?? defaultBranch(dir)));
  if (json) {
    io.stdout(`${JSON.stringify({ ok: true, dir: relative(io.cwd, dir) || '.', files: written, kept }, null, 2)}\n`);
    return 0;
  }
  const p = paint(io);
  io.stdout(
    written.length === 0
      ? `${p.green('✓')} ${GOVERNANCE}/ and every file for ${forge} are already there: nothing written.\n`
      : `${p.green('✓')} ${GOVERNANCE}/ is already there, kept as it is. Wrote the files for ${forge}:\n`,
  );
  for (const f of written) io.stdout(`  ${f}\n`);
  for (const f of kept) io.stdout(`  ${f} (already there: kept as it is)\n`);
  if (written.length > 0)
    io.stdout(
      `\nNext:\n  1. Commit them by pull request: the constitution governs .github/ like any governed path, so the\n     members decide it by review or /vote (the gate is not on the default branch yet, so it posts\n     nothing: count the votes by hand, or with coop tally).\n${rulesetNext(dir)}`,
    );
  return 0;
}

/** The steps after the files are committed: the ruleset, with the repository's name when origin tells it, and coop doctor. */
export function rulesetNext(dir: string): string {
  const slug = originSlug(dir) ?? 'OWNER/NAME';
  return [
    `  2. Protect the default branch (it requires cooperage/decision from GitHub Actions, and blocks`,
    `     force pushes and deletion), then check the setup:`,
    `       gh api -X POST repos/${slug}/rulesets --input .github/rulesets/cooperage-decision.json`,
    `       GITHUB_TOKEN=$(gh auth token) coop doctor`,
    '',
  ].join('\n');
}

/** OWNER/NAME of a github.com origin, when the repository has one. */
function originSlug(dir: string): string | undefined {
  try {
    const url = execFileSync('git', ['config', '--get', 'remote.origin.url'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return /github\.com[:/]([^/]+\/[^/]+?)(?:\.git)?\/?$/.exec(url)?.[1];
  } catch {
    return undefined;
  }
}
