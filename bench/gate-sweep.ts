// The gate's sweep in the bench: one schedule run of the tally action's bundle over 100 open pull requests of the large state, 5 of them changed since their status, against the loopback fake GitHub.
//
// Each run starts from a fresh fake (its setting-up is not timed): every pull request has the gate's
// comment and a success status newer than its last change and than the base's last change, as a
// sweep before would have left them, and five then got a review. The sweep must read each one's
// status once and spend its other requests (votes, events, the comment, the status) on those five
// only; the fake's request log, read by path, says whether it did.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeGitHub, type FakeGitHub } from '../test/support/fake-github.ts';
import { schedulePayload } from '../test/support/webhook-payloads.ts';
import type { BenchContext } from './cases.ts';
import { CONTEXT, GATE_BUNDLE, gateEnv, gateFiles, gatePulls, MARKER, NOW, OPENED, PULLS, readOutputs } from './gate-cases.ts';
import { median, runOnce, type RunResult } from './measure.ts';

export const SWEEP = `gate, sweep of ${PULLS} open pull requests (5 changed)`;
const REPO = 'bench/sweep';
/** The pull requests that changed since their status. */
const CHANGED = [20, 40, 60, 80, 100];
/** When the last sweep judged them all (after the base's commit, 2026-11-01), and when five got a review. */
const JUDGED = '2026-11-03T00:00:00Z';
const REVIEWED = '2026-11-04T00:00:00Z';
/** What the sweep may spend on a changed pull request: its reviews, comments and events (a page each), the comment edited and the status set. */
const PER_CHANGED = 5;

export interface SweepRun {
  seconds: number;
  peakRssMb: number;
  exitCode: number;
  /** Every request, by what it was for. */
  requests: { total: number; listPages: number; statusReads: number; beyond: number; beyondByPull: Record<number, number>; other: string[] };
  /** The action's own count (its `requests` output). */
  counted: number | null;
  problems: string[];
}

export interface SweepResult {
  name: string;
  seconds: number | null;
  runs: number[];
  peakRssMb: number | null;
  /** The requests of the last measured run (every run is checked). */
  requests: SweepRun['requests'] | null;
  changed: number[];
  pass: boolean;
  problems: string[];
}

interface Seeded {
  fake: FakeGitHub;
  numberOfHead: Map<string, number>;
  headOf: Map<number, string>;
  numberOfComment: Map<number, number>;
}

async function seed(ctx: BenchContext): Promise<Seeded> {
  const { base, author, title, pulls } = gatePulls(ctx);
  const fake = await startFakeGitHub({ clock: () => NOW });
  fake.repo(REPO, { defaultBranch: 'main' });
  const numberOfHead = new Map<string, number>();
  const headOf = new Map<number, string>();
  const numberOfComment = new Map<number, number>();
  for (const pr of pulls) {
    const { number, head } = pr;
    numberOfHead.set(head, number);
    headOf.set(number, head);
    fake.openPullRequest(REPO, {
      number,
      title: `${title} (#${number})`,
      author,
      head: { sha: head, ref: `bench-${number}` },
      base: { ref: 'main', sha: base },
      createdAt: OPENED,
    });
    const body = `${MARKER}\n### ✅ Cooperage: passed\n\nJudged by the last sweep.\n`;
    numberOfComment.set(fake.addComment(REPO, number, { user: 'github-actions[bot]', body, createdAt: JUDGED }), number);
    fake.addStatus(REPO, head, {
      state: 'success',
      context: CONTEXT,
      description: 'Passed: nothing needed a vote.',
      targetUrl: `${fake.webOrigin}/${REPO}/pull/${number}`,
      createdAt: JUDGED,
    });
  }
  for (const number of CHANGED) fake.addReview(REPO, number, { user: 'bench-reviewer', state: 'APPROVED', submittedAt: REVIEWED });
  return { fake, numberOfHead, headOf, numberOfComment };
}

/** Sorts the fake's request log by what each request was for, by its path. */
function classify({ fake, numberOfHead, numberOfComment }: Seeded): SweepRun['requests'] {
  const prefix = `/repos/${REPO}`;
  let listPages = 0;
  const statusReads = new Map<number, number>();
  const beyondByPull: Record<number, number> = {};
  const other: string[] = [];
  const add = (number: number | undefined, r: { method: string; path: string }) => {
    if (number === undefined) other.push(`${r.method} ${r.path}`);
    else beyondByPull[number] = (beyondByPull[number] ?? 0) + 1;
  };
  for (const r of fake.requests) {
    const path = r.pathname.startsWith(prefix) ? r.pathname.slice(prefix.length) : undefined;
    const read = r.method === 'GET';
    let m: RegExpExecArray | null;
    if (path === undefined) other.push(`${r.method} ${r.path}`);
    else if (read && path === '/pulls') listPages++;
    else if (read && (m = /^\/commits\/([0-9a-f]{40})\/status$/.exec(path)) !== null) {
      const number = numberOfHead.get(m[1] ?? '');
      if (number === undefined) other.push(`${r.method} ${r.path}`);
      else statusReads.set(number, (statusReads.get(number) ?? 0) + 1);
    } else if ((m = /^\/(?:pulls|issues)\/(\d+)\//.exec(path)) !== null) add(Number(m[1]), r);
    else if ((m = /^\/statuses\/([0-9a-f]{40})$/.exec(path)) !== null) add(numberOfHead.get(m[1] ?? ''), r);
    else if ((m = /^\/issues\/comments\/(\d+)$/.exec(path)) !== null) add(numberOfComment.get(Number(m[1])), r);
    else other.push(`${r.method} ${r.path}`);
  }
  // A status read beyond the first of a pull request is a request beyond the sweep's due, too.
  for (const [number, n] of statusReads) if (n > 1) beyondByPull[number] = (beyondByPull[number] ?? 0) + n - 1;
  const beyond = Object.values(beyondByPull).reduce((a, b) => a + b, 0);
  return { total: fake.requests.length, listPages, statusReads: statusReads.size, beyond, beyondByPull, other };
}

function problemsOf(run: RunResult, requests: SweepRun['requests'], counted: number | null, seeded: Seeded): string[] {
  const problems: string[] = [];
  if (run.exitCode !== 0) problems.push(`exit ${run.exitCode}: ${run.stderr.trim().split('\n')[0] ?? ''}`);
  if (requests.statusReads !== PULLS) problems.push(`the statuses of ${requests.statusReads} pull requests were read, expected all ${PULLS}`);
  const full = Object.keys(requests.beyondByPull).map(Number);
  const wrong = full.filter((n) => !CHANGED.includes(n));
  const missed = CHANGED.filter((n) => !full.includes(n));
  const list = (ns: number[]) => ns.map((n) => `#${n}`).join(', ');
  if (wrong.length > 0) problems.push(`requests beyond the status read went to ${list(wrong)}, which did not change`);
  if (missed.length > 0) problems.push(`${list(missed)} changed and got no more than a status read`);
  const heavy = CHANGED.filter((n) => (requests.beyondByPull[n] ?? 0) > PER_CHANGED);
  if (heavy.length > 0) problems.push(`more than ${PER_CHANGED} requests went to ${list(heavy)}`);
  if (requests.other.length > 0) problems.push(`requests for no pull request: ${requests.other.slice(0, 3).join(', ')}`);
  if (counted !== requests.total) problems.push(`the action counted ${counted ?? 'no'} requests, the fake answered ${requests.total}`);
  for (const n of CHANGED) {
    const last = seeded.fake
      .statuses(REPO, seeded.headOf.get(n) ?? '')
      .filter((s) => s.context === CONTEXT)
      .at(-1);
    if (last?.created_at !== NOW || last.state !== 'success') problems.push(`#${n} was not judged again: its status is ${last?.state} of ${last?.created_at}`);
  }
  return problems;
}

/** One sweep on a fresh fake: the run, and what its requests were for. */
async function sweepOnce(ctx: BenchContext): Promise<SweepRun> {
  const seeded = await seed(ctx);
  try {
    const files = gateFiles(ctx, 'sweep');
    writeFileSync(files.event, JSON.stringify(schedulePayload({ repository: { fullName: REPO, defaultBranch: 'main' }, origins: { api: seeded.fake.url } })));
    const run = await runOnce(['node', join(ctx.root, GATE_BUNDLE)], { cwd: ctx.root, env: gateEnv(ctx, seeded.fake, REPO, 'schedule', files) });
    const requests = classify(seeded);
    const output = readOutputs(files.output).requests?.[0];
    const counted = output === undefined ? null : Number(output);
    return { seconds: run.seconds, peakRssMb: run.peakRssMb, exitCode: run.exitCode, requests, counted, problems: problemsOf(run, requests, counted, seeded) };
  } finally {
    await seeded.fake.close();
  }
}

/** Runs the sweep `warmup` times unmeasured, then `repeat` times, each on a fresh fake; every run must spend its requests as it should. */
export async function measureSweep(ctx: BenchContext, repeat: number, log: (line: string) => void, warmup = 1): Promise<SweepResult> {
  const measured: SweepRun[] = [];
  const problems: string[] = [];
  for (let i = 0; i < warmup + repeat; i++) {
    const run = await sweepOnce(ctx);
    const label = i < warmup ? 'warm-up' : `run ${i - warmup + 1}`;
    log(
      `  ${label} ${SWEEP}: ${run.seconds.toFixed(3)} s, ${run.peakRssMb.toFixed(0)} MB, ${run.requests.total} requests (${run.requests.beyond} beyond the list and one status read each)`,
    );
    for (const p of run.problems) problems.push(`${label}: ${p}`);
    if (i >= warmup) measured.push(run);
  }
  const rss = measured.map((r) => r.peakRssMb).filter((x) => !Number.isNaN(x));
  return {
    name: SWEEP,
    seconds: median(measured.map((r) => r.seconds)),
    runs: measured.map((r) => r.seconds),
    peakRssMb: rss.length > 0 ? Math.max(...rss) : null,
    requests: measured[measured.length - 1]?.requests ?? null,
    changed: CHANGED,
    pass: problems.length === 0,
    problems,
  };
}

/** The sweep's lines under the table. */
export function describeSweep(r: SweepResult): string {
  const q = r.requests;
  const where =
    q === null
      ? ''
      : Object.entries(q.beyondByPull)
          .map(([n, k]) => `#${n} ${k}`)
          .join(', ');
  const lines = [
    `${r.name}, one schedule run: ${r.seconds?.toFixed(3) ?? '–'} s (median of ${r.runs.length} after a warm-up, each on a fresh fake), peak ${r.peakRssMb?.toFixed(0) ?? '–'} MB — ${r.pass ? 'PASS' : 'FAIL'}`,
    q === null
      ? '  no requests'
      : `  ${q.total} requests: ${q.listPages} list page${q.listPages === 1 ? '' : 's'}, ${q.statusReads} status reads (one per pull request), ${q.beyond} more: ${where || 'none'}`,
  ];
  return lines.join('\n');
}
