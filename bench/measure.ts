// Runs a command as a child process and measures its wall time and peak RSS: the median of several runs.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface MeasureOptions {
  cwd?: string;
  /** Added to the environment of the child. */
  env?: Record<string, string>;
  /** Runs measured after the warm-up; the median is reported. Default 3. */
  repeat?: number;
  /** Runs made first and not counted (file cache, git pack index). Default 1. */
  warmup?: number;
  /** Called after each run, warm-ups included, e.g. to show progress. */
  onRun?: (run: RunResult, index: number, warmup: boolean) => void;
}

export interface RunResult {
  seconds: number;
  /** NaN when the command is not a node process (the probe only sees node). */
  peakRssMb: number;
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface Measurement extends RunResult {
  /** Wall seconds of every measured run, in the order they ran. */
  runs: number[];
}

/** The preload that reports peak RSS; see rss-probe.mjs. */
const PROBE = new URL('./rss-probe.mjs', import.meta.url).href;
const RSS_ENV = 'COOP_BENCH_RSS_FILE';

let probeDir: string | undefined;
let probeCount = 0;

/** Whether a command's first word starts node, so the probe can be preloaded into it. */
function isNode(command: string): boolean {
  return command === 'node' || command === process.execPath;
}

/** Runs a command once. A leading `node` runs this Node binary with the RSS probe preloaded. */
export function runOnce(cmd: readonly string[], opts: Pick<MeasureOptions, 'cwd' | 'env'> = {}): Promise<RunResult> {
  const [command, ...args] = cmd;
  if (command === undefined) throw new Error('measure: empty command');
  probeDir ??= mkdtempSync(join(tmpdir(), 'coop-bench-'));
  const rssFile = join(probeDir, `rss-${process.pid}-${probeCount++}`);
  const node = isNode(command);
  const file = node ? process.execPath : command;
  const argv = node ? ['--import', PROBE, ...args] : args;
  const env: NodeJS.ProcessEnv = { ...process.env, ...opts.env, [RSS_ENV]: rssFile };
  // The bench itself may run under tsx; its loader must not leak into what is measured.
  delete env.NODE_OPTIONS;

  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(file, argv, { cwd: opts.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const seconds = (performance.now() - started) / 1000;
      let peakRssMb = Number.NaN;
      try {
        // Several lines if the command ran several probed processes in turn; the peak is the largest.
        const kb = readFileSync(rssFile, 'utf8').split('\n').filter(Boolean).map(Number);
        if (kb.length > 0) peakRssMb = Math.max(...kb) / 1024;
      } catch {
        // No probe output: not a node process, or it was killed before it could write.
      }
      rmSync(rssFile, { force: true });
      resolve({
        seconds,
        peakRssMb,
        exitCode: code ?? (signal ? 128 : 1),
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      });
    });
  });
}

/** The first line of a command's output, for a one-line report. */
export function firstLine(text: string): string {
  return text.trim().split('\n')[0]?.slice(0, 200) ?? '';
}

export function median(xs: readonly number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Sums up the measured runs of one command. */
function summarize(results: readonly RunResult[]): Measurement {
  const failed = results.find((r) => r.exitCode !== 0);
  const last = failed ?? results[results.length - 1]!;
  const rss = results.map((r) => r.peakRssMb).filter((x) => !Number.isNaN(x));
  return {
    seconds: median(results.map((r) => r.seconds)),
    peakRssMb: rss.length > 0 ? Math.max(...rss) : Number.NaN,
    exitCode: failed?.exitCode ?? 0,
    stdout: last.stdout,
    stderr: last.stderr,
    runs: results.map((r) => r.seconds),
  };
}

/**
 * Runs `cmd` `warmup` times unmeasured, then `repeat` times, and reports the median wall time, the
 * largest peak RSS, the first failing exit code (else 0) and the output of the first failing run, or
 * else the last.
 */
export async function measure(cmd: readonly string[], opts: MeasureOptions = {}): Promise<Measurement> {
  const [m] = await measureInterleaved([cmd], opts);
  return m!;
}

/**
 * Measures several commands in rounds (each round runs every command once, in order), so that a
 * burst of load from elsewhere on the machine slows a case and the floor it is compared with alike
 * rather than whichever happened to run then. `onRun` gets the index of the command.
 */
export async function measureInterleaved(
  cmds: readonly (readonly string[])[],
  opts: Omit<MeasureOptions, 'onRun'> & {
    onRun?: (run: RunResult, round: number, warmup: boolean, command: number) => void;
    /** Added to the environment of each command, by index, after `env`. */
    envs?: readonly (Record<string, string> | undefined)[];
  } = {},
): Promise<Measurement[]> {
  const repeat = Math.max(1, opts.repeat ?? 3);
  const warmup = Math.max(0, opts.warmup ?? 1);
  const results: RunResult[][] = cmds.map(() => []);
  for (let round = 0; round < warmup + repeat; round++) {
    for (const [i, cmd] of cmds.entries()) {
      const run = await runOnce(cmd, { cwd: opts.cwd, env: { ...opts.env, ...opts.envs?.[i] } });
      const isWarmup = round < warmup;
      if (!isWarmup) results[i]!.push(run);
      opts.onRun?.(run, isWarmup ? round : round - warmup, isWarmup, i);
    }
  }
  return results.map(summarize);
}
