// What a runner of GitHub Actions gives a bundle, for the offline tests and the demo: the collective's repository and founders, the environment of a workflow run, and the bundle run as a process.
import { spawn } from 'node:child_process';

export const REPO = 'commons/garden';

/** The founders, all members: handle, name, GitHub login. */
export const FOUNDERS = [
  ['ana', 'Ana Costa', 'AnaCosta'],
  ['bob', 'Bob Silva', 'bobsilva'],
  ['carol', 'Carol Mendes', 'carolm'],
] as const;

/** What a runner sets for every action of these tests, with the tuning that keeps them fast. */
export function runnerEnv(now: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_NOSYSTEM: '1',
    GITHUB_ACTIONS: 'true',
    GITHUB_REPOSITORY: REPO,
    GITHUB_REF_NAME: 'main',
    INPUT_REPO: '.',
    COOPERAGE_NOW: now,
    COOPERAGE_RETRY_UNIT_MS: '5',
    COOPERAGE_MERGE_WAIT_MS: '0',
    COOPERAGE_WRITE_INTERVAL_MS: '0',
  };
}

/** Runs a bundle (or the coop command) as a process, asynchronously: the fake GitHub answers it from this process. */
export function node(script: string, env: Record<string, string>, args: readonly string[] = []): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}
