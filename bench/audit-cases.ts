// The coop audit cases: a history of 5,000 recorded pull requests over the large state, the same over a state twice as large, and --since on the last ten commits.
import { join } from 'node:path';
import { auditHistory, type AuditHistory, type AuditHistoryOptions } from './audit-history.ts';
import type { BenchCase, BenchContext } from './cases.ts';
import { firstLine, type Measurement } from './measure.ts';

/** Pull requests in the audited history; each lands as one commit and is followed by its record's. */
export const AUDIT_PULLS = 5000;
const FULL = 'coop audit (5,000 recorded pull requests, 10,001 commits)';

/** The audited history over the large state (doubled: twice as many people, the same pull requests). */
function history(ctx: BenchContext, doubled: boolean): AuditHistory {
  const options: AuditHistoryOptions = {
    members: ctx.largeParams.members * (doubled ? 2 : 1),
    months: ctx.largeParams.months,
    seed: ctx.largeParams.seed,
    pulls: AUDIT_PULLS,
  };
  const key = JSON.stringify(options);
  let made = histories.get(key);
  if (made === undefined) {
    made = auditHistory(join(ctx.root, 'bench', '.work'), options);
    histories.set(key, made);
  }
  return made;
}
const histories = new Map<string, AuditHistory>();

/** Checks the `--json` output of coop audit: ok, no violation, and the commits it should have read. */
export function auditOutput(m: Measurement, commits: number): string | undefined {
  let out: { ok?: unknown; commits?: unknown; violations?: { commit?: string; kind?: string; subject?: string; reason?: string }[] };
  try {
    out = JSON.parse(m.stdout) as typeof out;
  } catch {
    return `stdout is not JSON: ${firstLine(m.stdout || m.stderr)}`;
  }
  const v = out.violations?.[0];
  if (out.ok !== true)
    return `audit is not ok (${out.violations?.length ?? '?'} violations)${v ? `; the first: ${v.commit?.slice(0, 7)} ${v.kind} ${v.subject}: ${v.reason}` : ''}`;
  if (out.commits !== commits) return `audit read ${String(out.commits)} commits, expected ${commits}`;
  return undefined;
}

export const auditCases: BenchCase[] = [
  {
    name: FULL,
    run: (ctx) => [...ctx.coop, 'audit', '--repo', history(ctx, false).dir, '--json'],
    floor: 'node',
    target: { label: '≤ 60 s', seconds: () => 60, peakRssMb: 600 },
    check: (m, ctx) => auditOutput(m, history(ctx, false).commits),
  },
  {
    name: 'coop audit, the state twice as large, the same pull requests',
    run: (ctx) => [...ctx.coop, 'audit', '--repo', history(ctx, true).dir, '--json'],
    floor: 'node',
    baseline: FULL,
    target: { label: '≤ 1.25× the audit of the large state', seconds: (_, full) => 1.25 * (full ?? NaN), peakRssMb: 600 },
    check: (m, ctx) => auditOutput(m, history(ctx, true).commits),
  },
  {
    name: 'coop audit --since HEAD~10 (the last 10 commits)',
    run: (ctx) => [...ctx.coop, 'audit', '--repo', history(ctx, false).dir, '--since', 'HEAD~10', '--json'],
    floor: 'node',
    target: { label: '< 2 s', seconds: () => 2, peakRssMb: 400 },
    check: (m) => auditOutput(m, 10),
  },
];
