// The `npm run bench` entry: builds the large synthetic state, measures the floors and the coop cases, prints a table of targets.
//
// Usage: npm run bench [-- --filter TEXT] [--repeat N]
//   --filter TEXT  run only the cases whose name contains TEXT (repeatable); their floors are measured
//   --repeat N     measured rounds (default 3), after one warm-up round; each round runs every floor and case once
// COOP_BIN=path/to/coop.js benches another build of the CLI instead of packages/cli/bin/coop.js.
//
// The cases are in cases.ts; the gate's sweep (gate-sweep.ts), which needs a fresh fake GitHub for each
// run, is measured after the rounds when no filter or one it matches is given (e.g. --filter gate).
// Results are printed and written to bench/.work/results.json; the exit code
// is 1 if a target fails, 2 if the bench could not run (coop not built, bad arguments).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { cases, LARGE, type BenchCase, type BenchContext, type FloorTimes } from './cases.ts';
import { floors, type FloorName } from './floors.ts';
import { describeSweep, measureSweep, SWEEP, type SweepResult } from './gate-sweep.ts';
import { commitAll, generateState, GENERATOR_VERSION, type GenerateOptions, type GenerateStats } from './generate.ts';
import { firstLine, measureInterleaved, median, type Measurement } from './measure.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const WORK = join(ROOT, 'bench', '.work');
const DEFAULT_BIN = 'packages/cli/bin/coop.js';
/** What the bin runs; a missing bundle means the CLI was not built. */
const DEFAULT_BUNDLE = 'packages/cli/dist/coop.js';
/** The infix of states set aside for deletion, e.g. bench/.work/large.old-1764300000000. */
const TRASH = '.old-';

interface CaseResult {
  name: string;
  command: string[];
  seconds: number | null;
  peakRssMb: number | null;
  runs: number[];
  exitCode: number | null;
  floor: FloorName;
  floorSeconds: number;
  ratio: number | null;
  /** The median over the rounds of the case's time over its limit in that round: at most 1 to pass. */
  share: number | null;
  target: string;
  limitSeconds: number;
  limitRssMb: number | null;
  pass: boolean;
  problems: string[];
  /** What the runs showed besides time and memory, for the cases that say (BenchCase.details). */
  details?: Record<string, unknown>;
}

const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);
const secs = (s: number) => `${s.toFixed(3)} s`;
const percent = (x: number) => (Number.isFinite(x) ? `${(100 * x).toFixed(0)}%` : '–');
const mb = (x: number) => (Number.isNaN(x) ? '–' : x.toFixed(0));
/** An argument as the reader wants it: paths under the repository relative to it. */
const shortArg = (a: string) => (a.startsWith(ROOT) ? relative(ROOT, a) || '.' : a);
const show = (cmd: readonly string[]) => cmd.map(shortArg).join(' ');
const jsonNumber = (x: number) => (Number.isFinite(x) ? Number(x.toFixed(4)) : null);

function git(dir: string, args: string[]): string {
  return execFileSync('git', args, { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] }).trim();
}

interface Marker {
  version: number;
  params: Required<GenerateOptions>;
  sha: string;
  stats: GenerateStats;
}

/** Generates and commits the large state, or reuses the one there when it was made with the same parameters and is untouched. */
function ensureLargeState(dir: string): Marker {
  const markerFile = `${dir}.params.json`;
  try {
    const marker = JSON.parse(readFileSync(markerFile, 'utf8')) as Marker;
    const same = marker.version === GENERATOR_VERSION && JSON.stringify(marker.params) === JSON.stringify(LARGE);
    if (same && git(dir, ['rev-parse', 'HEAD']) === marker.sha && git(dir, ['status', '--porcelain']) === '') {
      log(`reusing ${relative(ROOT, dir)}: ${marker.stats.files} files, ${marker.stats.entries} entries, commit ${marker.sha.slice(0, 7)}`);
      return marker;
    }
    log(`${relative(ROOT, dir)} was made with other parameters or has changed: regenerating`);
  } catch {
    // No marker, or no repository: generate.
  }
  rmSync(markerFile, { force: true });
  // Deleting 27,000 files takes this VM's disk 15–20 s and slows what runs meanwhile: set the old
  // state aside now and delete it once everything is measured.
  if (existsSync(dir)) renameSync(dir, `${dir}${TRASH}${Date.now()}`);
  mkdirSync(dir, { recursive: true });
  log(`generating ${LARGE.members} members × ${LARGE.months} months into ${relative(ROOT, dir)} …`);
  let t = performance.now();
  const stats = generateState(dir, LARGE);
  log(`wrote ${stats.files} files, ${stats.entries} entries, ${(stats.bytes / 1e6).toFixed(1)} MB in ${secs((performance.now() - t) / 1000)}`);
  t = performance.now();
  const sha = commitAll(dir);
  log(`committed and packed ${sha.slice(0, 7)} in ${secs((performance.now() - t) / 1000)}`);
  const marker: Marker = { version: GENERATOR_VERSION, params: LARGE, sha, stats };
  writeFileSync(markerFile, `${JSON.stringify(marker, null, 2)}\n`);
  return marker;
}

/** The floors a case needs: the one it is compared with and every one its target reads. */
function floorsUsed(c: BenchCase): FloorName[] {
  const used = new Set<FloorName>([c.floor]);
  const recorder = new Proxy({} as FloorTimes, {
    get(_, name) {
      used.add(name as FloorName);
      return 1;
    },
  });
  c.target.seconds(recorder);
  return [...used];
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  const right = new Set([1, 2, 4]);
  return rows
    .map((r) =>
      r
        .map((cell, c) => (right.has(c) ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { filter: { type: 'string', multiple: true }, repeat: { type: 'string' }, help: { type: 'boolean' } },
  });
  if (values.help) {
    process.stdout.write('npm run bench [-- --filter TEXT] [--repeat N]\n');
    return 0;
  }
  const repeat = values.repeat === undefined ? 3 : Number(values.repeat);
  if (!Number.isInteger(repeat) || repeat < 1) {
    log(`--repeat must be a whole number of at least 1, not ${values.repeat}`);
    return 2;
  }
  const chosen = cases.filter((c) => values.filter === undefined || values.filter.some((f) => c.name.includes(f)));
  // A case compared with another (its baseline) needs that one wanted too, and its baseline in turn.
  const wanted = new Set(chosen);
  for (let grew = true; grew;) {
    grew = false;
    for (const c of cases) {
      if (!wanted.has(c) && [...wanted].some((x) => x.baseline === c.name)) {
        wanted.add(c);
        grew = true;
      }
    }
  }
  const selected = cases.filter((c) => wanted.has(c));
  // The gate's sweep is measured apart from the rounds: each run needs a fresh fake GitHub (gate-sweep.ts).
  const sweepWanted = values.filter === undefined || values.filter.some((f) => SWEEP.includes(f));
  if (selected.length === 0 && !sweepWanted) {
    log(`no case matches ${values.filter?.join(', ')}; the cases are: ${cases.map((c) => c.name).join('; ')}`);
    return 2;
  }

  const bin = resolve(ROOT, process.env.COOP_BIN ?? DEFAULT_BIN);
  const missing = [bin, ...(process.env.COOP_BIN === undefined ? [join(ROOT, DEFAULT_BUNDLE)] : [])].find((f) => !existsSync(f));
  if (missing !== undefined) {
    process.stderr.write(`coop is not built: run npm run build (${relative(ROOT, missing)} is missing)\n`);
    return 2;
  }

  mkdirSync(WORK, { recursive: true });
  const large = join(WORK, 'large');
  const marker = ensureLargeState(large);
  const ctx: BenchContext = { root: ROOT, coop: ['node', bin], large, largeParams: LARGE, largeStats: marker.stats };

  // Floors: every floor a selected case is compared with or its target reads; all when nothing is filtered out.
  const needed = new Set<FloorName>(values.filter === undefined ? (Object.keys(floors) as FloorName[]) : selected.flatMap(floorsUsed));
  const floorNames = (Object.keys(floors) as FloorName[]).filter((name) => needed.has(name));
  const runnable: BenchCase[] = [];
  const unavailable = new Map<BenchCase, string>();
  for (const c of selected) {
    const reason = c.unavailable?.(ctx);
    if (reason === undefined) runnable.push(c);
    else unavailable.set(c, reason);
  }
  for (const c of runnable) await c.prepare?.(ctx);

  // Floors and cases run in rounds, each round every command once, so load from elsewhere on the
  // machine weighs on a case and its floor alike.
  const items: { label: string; command: string[]; env?: Record<string, string> | undefined }[] = [
    ...floorNames.map((name) => ({ label: `floor ${floors[name].label}`, command: floors[name].command(large) })),
    ...runnable.map((c) => ({ label: c.name, command: c.run(ctx), env: c.env?.(ctx) })),
  ];
  for (const item of items) log(`${item.label}: ${show(item.command)}`);
  for (const [c, reason] of unavailable) log(`${c.name}: not run, ${reason}`);
  log(`measuring ${items.length} commands: a warm-up round and ${repeat} measured rounds …`);
  const measured = await measureInterleaved(
    items.map((item) => item.command),
    {
      cwd: ROOT,
      repeat,
      envs: items.map((item) => item.env),
      onRun: (run, round, warmup, i) =>
        log(
          `  ${warmup ? 'warm-up' : `round ${round + 1}`} ${items[i]!.label}: ${secs(run.seconds)}, ${mb(run.peakRssMb)} MB${run.exitCode === 0 ? '' : `, exit ${run.exitCode}`}`,
        ),
    },
  );

  const floorResults = new Map<FloorName, Measurement>();
  floorNames.forEach((name, i) => {
    const m = measured[i]!;
    if (m.exitCode !== 0) throw new Error(`the floor "${floors[name].label}" failed (exit ${m.exitCode}): ${firstLine(m.stderr)}`);
    if (name !== 'node') {
      const seen = (JSON.parse(m.stdout) as { files: number }).files;
      if (seen !== marker.stats.files) throw new Error(`the floor "${floors[name].label}" read ${seen} files, expected ${marker.stats.files}`);
    }
    floorResults.set(name, m);
  });
  const floorTimes = Object.fromEntries([...floorResults].map(([k, m]) => [k, m.seconds])) as FloorTimes;

  const caseMeasured = new Map(runnable.map((c, i) => [c.name, measured[floorNames.length + i]!]));
  // Each round's floors: a case is held to the limit its own round gives (see shareOfLimit).
  const floorsInRound = (round: number) => Object.fromEntries(floorNames.map((name, i) => [name, measured[i]!.runs[round]!])) as FloorTimes;
  const notes: string[] = [];
  const results: CaseResult[] = selected.map((c) => {
    const baseline = c.baseline === undefined ? undefined : caseMeasured.get(c.baseline);
    // Without its baseline measured, a case has no target to meet, and fails.
    const limitSeconds = c.baseline !== undefined && baseline === undefined ? 0 : c.target.seconds(floorTimes, baseline?.seconds);
    const result: CaseResult = {
      name: c.name,
      command: c.run(ctx),
      seconds: null,
      peakRssMb: null,
      runs: [],
      exitCode: null,
      floor: c.floor,
      floorSeconds: floorTimes[c.floor],
      ratio: null,
      share: null,
      target: c.target.label,
      limitSeconds,
      limitRssMb: c.target.peakRssMb ?? null,
      pass: false,
      problems: [],
    };
    const reason = unavailable.get(c);
    if (reason !== undefined) {
      result.problems.push(`not run: ${reason}`);
      return result;
    }
    const m = measured[floorNames.length + runnable.indexOf(c)]!;
    const share =
      c.baseline !== undefined && baseline === undefined ? Infinity : shareOfLimit(m, (round) => c.target.seconds(floorsInRound(round), baseline?.runs[round]));
    Object.assign(result, { seconds: m.seconds, peakRssMb: m.peakRssMb, runs: m.runs, exitCode: m.exitCode, ratio: m.seconds / floorTimes[c.floor], share });
    if (m.exitCode !== 0) result.problems.push(`exit ${m.exitCode}${m.stderr.trim() === '' ? '' : `: ${firstLine(m.stderr)}`}`);
    const details = c.details?.(m, ctx);
    if (details !== undefined) {
      result.details = details.figures;
      notes.push(`${c.name}: ${details.line}`);
    }
    const wrong = c.check?.(m, ctx);
    if (wrong !== undefined && (m.exitCode === 0 || m.stdout.trim() !== '')) result.problems.push(wrong);
    if (!Number.isFinite(share)) result.problems.push(`its baseline, ${c.baseline}, was not measured`);
    else if (share > 1)
      result.problems.push(`in the median round it took ${percent(share)} of the round's limit (medians: ${secs(m.seconds)} against ${secs(limitSeconds)})`);
    if (c.target.peakRssMb !== undefined && m.peakRssMb > c.target.peakRssMb) {
      result.problems.push(`peak RSS ${mb(m.peakRssMb)} MB is over ${c.target.peakRssMb} MB`);
    }
    result.pass = result.problems.length === 0;
    return result;
  });

  const rows = [['', 'seconds', 'peak MB', 'floor', 'ratio', 'target', 'of limit', 'result']];
  for (const [name, m] of floorResults) {
    rows.push([`floor: ${floors[name].label}`, m.seconds.toFixed(3), mb(m.peakRssMb), '', '', '', '', '']);
  }
  for (const r of results) {
    const rss = r.limitRssMb === null ? '' : `, ≤ ${r.limitRssMb} MB`;
    rows.push([
      r.name,
      r.seconds === null ? '–' : r.seconds.toFixed(3),
      r.peakRssMb === null ? '–' : mb(r.peakRssMb),
      `${r.floor} ${r.floorSeconds.toFixed(3)}`,
      r.ratio === null ? '–' : `${r.ratio.toFixed(2)}×`,
      `${r.target} = ${r.limitSeconds.toFixed(3)} s${rss}`,
      r.share === null ? '–' : percent(r.share),
      r.pass ? 'PASS' : 'FAIL',
    ]);
  }
  const s = marker.stats;
  process.stdout.write(
    `\nCooperage bench — ${LARGE.members} members × ${LARGE.months} months: ${s.files} files, ${s.entries} entries, ` +
      `${(s.bytes / 1e6).toFixed(1)} MB; median of ${repeat} interleaved rounds after a warm-up round; node ${process.version}, ${cpus().length} cores\n\n` +
      `${table(rows)}\n`,
  );
  for (const note of notes) process.stdout.write(`\n${note}\n`);
  let sweep: SweepResult | undefined;
  if (sweepWanted) {
    const missing = existsSync(join(ROOT, 'actions', 'tally', 'dist', 'index.js')) ? undefined : 'actions/tally/dist/index.js is missing: run npm run bundle';
    log(`${SWEEP}: ${missing ?? `a warm-up run and ${repeat} measured runs …`}`);
    sweep =
      missing === undefined
        ? await measureSweep(ctx, repeat, log)
        : { name: SWEEP, seconds: null, runs: [], peakRssMb: null, requests: null, changed: [], pass: false, problems: [missing] };
    process.stdout.write(`\n${describeSweep(sweep)}\n`);
  }
  for (const r of [...results, ...(sweep === undefined ? [] : [sweep])].filter((x) => !x.pass))
    process.stdout.write(`\nFAIL ${r.name}:\n${r.problems.map((p) => `  - ${p}`).join('\n')}\n`);

  const ok = results.every((r) => r.pass) && (sweep?.pass ?? true);
  const report = {
    ok,
    at: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? null,
    repeat,
    state: { dir: relative(ROOT, large), params: LARGE, sha: marker.sha, ...marker.stats },
    floors: Object.fromEntries(
      [...floorResults].map(([name, m]) => [
        name,
        { label: floors[name].label, seconds: jsonNumber(m.seconds), peakRssMb: jsonNumber(m.peakRssMb), runs: m.runs.map(jsonNumber) },
      ]),
    ),
    cases: results.map((r) => ({
      ...r,
      command: r.command.map(shortArg),
      seconds: r.seconds === null ? null : jsonNumber(r.seconds),
      peakRssMb: r.peakRssMb === null ? null : jsonNumber(r.peakRssMb),
      runs: r.runs.map(jsonNumber),
      floorSeconds: jsonNumber(r.floorSeconds),
      ratio: r.ratio === null ? null : jsonNumber(r.ratio),
      share: r.share === null ? null : jsonNumber(r.share),
      limitSeconds: jsonNumber(r.limitSeconds),
    })),
    ...(sweep === undefined
      ? {}
      : {
          sweep: {
            ...sweep,
            seconds: sweep.seconds === null ? null : jsonNumber(sweep.seconds),
            runs: sweep.runs.map(jsonNumber),
            peakRssMb: sweep.peakRssMb === null ? null : jsonNumber(sweep.peakRssMb),
          },
        }),
  };
  writeFileSync(join(WORK, 'results.json'), `${JSON.stringify(report, null, 2)}\n`);
  log(`results written to ${relative(ROOT, join(WORK, 'results.json'))}`);
  for (const old of readdirSync(WORK).filter((name) => name.includes(TRASH))) {
    log(`removing the previous state ${join('bench', '.work', old)} …`);
    rmSync(join(WORK, old), { recursive: true, force: true });
  }
  return ok ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);

/**
 * How much of its limit a case used: in each round, its time over the limit that round's floors and
 * baseline give, and the median of those. The commands of a round run one after another under the
 * same load from elsewhere on the machine, so a round that was slow for all of them moves a case and
 * its limit alike; medians of each taken apart would not. A fixed limit (60 s) is the same every round.
 */
function shareOfLimit(m: Measurement, limitInRound: (round: number) => number): number {
  return median(m.runs.map((seconds, round) => seconds / limitInRound(round)));
}
