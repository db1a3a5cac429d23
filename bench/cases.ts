// The benchmark cases `npm run bench` measures, each with the floor it is compared with and its target.
//
// To add a case, append to `cases`: a name, the command it runs, the floor it is compared with and
// its target (seconds from the floors, or from a `baseline` case measured in the same rounds, and a
// peak RSS). `check` guards against benchmarking a run that did not do the work (a benchmark of a
// failing run measures nothing).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { auditCases } from './audit-cases.ts';
import type { FloorName } from './floors.ts';
import type { GenerateOptions, GenerateStats } from './generate.ts';
import { firstLine, type Measurement } from './measure.ts';
import { gateCases } from './gate-cases.ts';
import { benchPullRequest, type BenchPullRequest } from './pull-request.ts';
import { recordCases } from './record-cases.ts';

/** The large state every state-reading floor and the large cases use (the scale of docs/performance.md: 1,000 people, two years). */
export const LARGE: Required<GenerateOptions> = { members: 1000, months: 24, seed: 1 };

export interface BenchContext {
  /** The repository root; commands run from here. */
  root: string;
  /** The command that starts coop, e.g. ['node', '/…/packages/cli/bin/coop.js']. */
  coop: string[];
  /** The large synthetic state: a repository with governance/ committed at HEAD. */
  large: string;
  largeParams: Required<GenerateOptions>;
  largeStats: GenerateStats;
}

/** Floor seconds by floor name, as measured in this run. */
export type FloorTimes = Record<FloorName, number>;

export interface Target {
  /** The target as people read it, e.g. "≤ 2× js-yaml". */
  label: string;
  /** The most seconds the case may take, given the floors (and the baseline case's seconds, for a case that names one). */
  seconds(floors: FloorTimes, baseline?: number): number;
  /** The most peak RSS the case may use, in MB. */
  peakRssMb?: number;
}

export interface BenchCase {
  name: string;
  /** The command to measure, run from the repository root. */
  run(ctx: BenchContext): string[];
  /** The floor the case is compared with: its ratio is seconds / floor. */
  floor: FloorName;
  /** Another case, by name, whose median seconds the target reads; it is measured in the same rounds. */
  baseline?: string;
  target: Target;
  /** Why the case cannot run here, if it cannot (a missing example); it then fails. */
  unavailable?(ctx: BenchContext): string | undefined;
  /** What is wrong with a run's output, if anything. */
  check?(m: Measurement, ctx: BenchContext): string | undefined;
  /** Sets up, once before the rounds, what the command talks to (a fake server in this process, refs it fetches). */
  prepare?(ctx: BenchContext): Promise<void>;
  /** Added to the command's environment (after prepare). */
  env?(ctx: BenchContext): Record<string, string>;
  /** What the runs showed besides time and memory (e.g. the requests made): a line under the table, and figures for results.json. */
  details?(m: Measurement, ctx: BenchContext): { line: string; figures: Record<string, unknown> };
}

export const RSS_LIMIT_MB = 400;

/** Checks the `--json` output of coop validate: ok, and (when given) the number of members it saw. */
export function validateOutput(m: Measurement, members?: number): string | undefined {
  let out: { ok?: unknown; errors?: { file?: string; line?: number; code?: string; message?: string }[]; stats?: { members?: unknown } };
  try {
    out = JSON.parse(m.stdout) as typeof out;
  } catch {
    return `stdout is not JSON: ${firstLine(m.stdout || m.stderr)}`;
  }
  if (out.ok !== true) {
    const e = out.errors?.[0];
    return `validate is not ok (errors: ${out.errors?.length ?? '?'})${e ? `; the first: ${e.file}:${e.line} ${e.code}: ${e.message}` : ''}`;
  }
  if (members !== undefined && typeof out.stats?.members === 'number' && out.stats.members !== members) {
    return `validate counted ${out.stats.members} members, expected ${members}`;
  }
  return undefined;
}

const discoCoop = (ctx: BenchContext) => join(ctx.root, 'examples', 'disco-coop');

export const cases: BenchCase[] = [
  {
    name: 'coop validate (working tree)',
    run: (ctx) => [...ctx.coop, 'validate', '--repo', ctx.large, '--json'],
    floor: 'js-yaml',
    target: { label: '≤ 2× js-yaml', seconds: (f) => 2 * f['js-yaml'], peakRssMb: RSS_LIMIT_MB },
    check: (m, ctx) => validateOutput(m, ctx.largeParams.members),
  },
  {
    name: 'coop validate --ref HEAD',
    run: (ctx) => [...ctx.coop, 'validate', '--repo', ctx.large, '--ref', 'HEAD', '--json'],
    floor: 'isomorphic-git',
    target: {
      label: '≤ isomorphic-git + 2× js-yaml',
      seconds: (f) => f['isomorphic-git'] + 2 * f['js-yaml'],
      peakRssMb: RSS_LIMIT_MB,
    },
    check: (m, ctx) => validateOutput(m, ctx.largeParams.members),
  },
  {
    name: 'coop validate examples/disco-coop',
    run: (ctx) => [...ctx.coop, 'validate', '--repo', relative(ctx.root, discoCoop(ctx)), '--json'],
    floor: 'node',
    target: { label: '≤ 3× node -e 0', seconds: (f) => 3 * f.node, peakRssMb: RSS_LIMIT_MB },
    unavailable: (ctx) => (existsSync(join(discoCoop(ctx), 'governance')) ? undefined : 'examples/disco-coop/governance is missing'),
    check: (m) => validateOutput(m),
  },
  {
    name: 'coop check, base in the working tree (3 files changed)',
    run: (ctx) => [...ctx.coop, 'check', '--repo', ctx.large, '--head', pullRequest(ctx).branch, '--author', pullRequest(ctx).author, '--json'],
    floor: 'js-yaml',
    baseline: 'coop validate (working tree)',
    target: { label: '≤ 1.3× coop validate', seconds: (_, validate) => 1.3 * (validate ?? NaN), peakRssMb: RSS_LIMIT_MB },
    check: (m, ctx) => checkOutput(m, pullRequest(ctx).files),
  },
  {
    name: 'coop check --base HEAD (3 files changed)',
    run: (ctx) => [
      ...ctx.coop,
      'check',
      '--repo',
      ctx.large,
      '--base',
      'HEAD',
      '--head',
      pullRequest(ctx).branch,
      '--author',
      pullRequest(ctx).author,
      '--json',
    ],
    floor: 'isomorphic-git',
    baseline: 'coop validate --ref HEAD',
    target: { label: '≤ 1.3× coop validate --ref', seconds: (_, validate) => 1.3 * (validate ?? NaN), peakRssMb: RSS_LIMIT_MB },
    check: (m, ctx) => checkOutput(m, pullRequest(ctx).files),
  },
  {
    name: 'coop tally, base in the working tree (3 files changed)',
    run: (ctx) => [
      ...ctx.coop,
      'tally',
      '--repo',
      ctx.large,
      '--head',
      pullRequest(ctx).branch,
      '--author',
      pullRequest(ctx).author,
      '--votes',
      votesFile(ctx),
      '--opened',
      '2026-11-02T00:00:00Z',
      '--now',
      '2026-11-09T00:00:00Z',
      '--json',
    ],
    floor: 'js-yaml',
    baseline: 'coop check, base in the working tree (3 files changed)',
    target: { label: '≤ 1.1× coop check', seconds: (_, check) => 1.1 * (check ?? NaN), peakRssMb: RSS_LIMIT_MB },
    check: (m) => tallyOutput(m),
  },
  ...gateCases,
  ...recordCases,
  {
    name: 'coop report --format html (working tree)',
    run: (ctx) => [...ctx.coop, 'report', '--repo', ctx.large, '--format', 'html', '--out', reportDir(ctx), '--json'],
    floor: 'js-yaml',
    baseline: 'coop validate (working tree)',
    target: { label: '≤ 2× coop validate', seconds: (_, validate) => 2 * (validate ?? NaN), peakRssMb: RSS_LIMIT_MB },
    check: (m, ctx) => reportOutput(m, ctx),
  },
  ...auditCases,
];

/** Where the report case writes its page: beside the large state, under bench/.work. */
const reportDir = (ctx: BenchContext) => join(ctx.large, '..', 'report');

/** Checks that coop report wrote a page with everyone on it. */
export function reportOutput(m: Measurement, ctx: BenchContext): string | undefined {
  let out: { ok?: unknown; file?: string };
  try {
    out = JSON.parse(m.stdout) as typeof out;
  } catch {
    return `stdout is not JSON: ${firstLine(m.stdout || m.stderr)}`;
  }
  if (out.ok !== true) return 'report is not ok';
  const page = join(reportDir(ctx), 'report.html');
  if (!existsSync(page)) return `no page at ${relative(ctx.root, page)}`;
  const members = /data-chart="radial" data-members="([0-9]+)"/.exec(readFileSync(page, 'utf8'))?.[1];
  return members === String(ctx.largeParams.members)
    ? undefined
    : `the page's radial picture has ${members ?? 'no'} members, expected ${ctx.largeParams.members}`;
}

/** The pull request the check cases judge, made once per state (see pull-request.ts). */
function pullRequest(ctx: BenchContext): BenchPullRequest {
  return benchPullRequest(ctx.large);
}

/** The votes the tally case reads: none (the pull request's changes need no vote), beside the large state. */
function votesFile(ctx: BenchContext): string {
  const file = join(ctx.large, '..', 'votes.json');
  if (!existsSync(file)) writeFileSync(file, '[]\n');
  return file;
}

/** Checks the `--json` output of coop tally: the pull request passed, with no error. */
export function tallyOutput(m: Measurement): string | undefined {
  let out: { outcome?: unknown; errors?: unknown[] };
  try {
    out = JSON.parse(m.stdout) as typeof out;
  } catch {
    return `stdout is not JSON: ${firstLine(m.stdout || m.stderr)}`;
  }
  if (out.outcome !== 'passed' || (out.errors?.length ?? 1) !== 0)
    return `tally says ${String(out.outcome)} with ${out.errors?.length ?? '?'} errors, expected passed`;
  return undefined;
}

/** Checks the `--json` output of coop check: ok, and one change in each of the files the pull request changes. */
export function checkOutput(m: Measurement, files: readonly string[]): string | undefined {
  let out: { ok?: unknown; errors?: unknown[]; forbidden?: unknown[]; changes?: { file?: string }[] };
  try {
    out = JSON.parse(m.stdout) as typeof out;
  } catch {
    return `stdout is not JSON: ${firstLine(m.stdout || m.stderr)}`;
  }
  if (out.ok !== true) return `check is not ok (errors: ${out.errors?.length ?? '?'}, forbidden: ${out.forbidden?.length ?? '?'})`;
  const seen = [...new Set((out.changes ?? []).map((c) => c.file))].sort();
  if (JSON.stringify(seen) !== JSON.stringify([...files].sort())) return `check saw changes in ${seen.join(', ') || 'no file'}, expected ${files.join(', ')}`;
  return undefined;
}
