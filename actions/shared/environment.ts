// What every Cooperage action reads from the runner's environment, and how it fails: one clear sentence, never a stack trace for a user's mistake.
import { readFileSync } from 'node:fs';
import * as core from '@actions/core';
import { CoopError } from '@cooperage/core';

export interface ActionEnvironment {
  eventName: string;
  eventPath: string;
  repository: string;
  apiUrl: string;
  workspace: string;
}

/** The variables GitHub sets in a workflow run; undefined outside one. */
export function actionEnvironment(env: NodeJS.ProcessEnv): ActionEnvironment | undefined {
  const eventName = env.GITHUB_EVENT_NAME;
  const eventPath = env.GITHUB_EVENT_PATH;
  const repository = env.GITHUB_REPOSITORY;
  if (!eventName || !eventPath || !repository) return undefined;
  return { eventName, eventPath, repository, apiUrl: env.GITHUB_API_URL || 'https://api.github.com', workspace: env.GITHUB_WORKSPACE || process.cwd() };
}

/** What a user or the runner got wrong, said in one sentence: the run fails without a stack. */
export class ActionError extends Error {
  override readonly name = 'ActionError';
}

/** The event's payload, from the file GITHUB_EVENT_PATH names; a file that cannot be read or is not JSON is an ActionError. */
export function readEvent<T>(env: ActionEnvironment): T {
  let text: string;
  try {
    text = readFileSync(env.eventPath, 'utf8');
  } catch {
    throw new ActionError(
      `GITHUB_EVENT_PATH names ${env.eventPath}, which cannot be read: GitHub writes the event there in a workflow run; outside one, leave GITHUB_EVENT_PATH unset.`,
    );
  }
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ActionError(`GITHUB_EVENT_PATH names ${env.eventPath}, which is not JSON: GitHub writes the event's payload there as JSON.`);
  }
}

/** Outside a workflow: says what this is and what to run instead, and exits 2. */
export function notInWorkflow(what: string, instead: string): number {
  process.stderr.write(
    `This is ${what}, a GitHub Action: it runs in a workflow, where GitHub sets GITHUB_EVENT_NAME, GITHUB_EVENT_PATH and GITHUB_REPOSITORY. To do the same here, run ${instead}.\n`,
  );
  return 2;
}

/** Knobs for tests and replays: how often to retry GitHub, how long to wait for a test merge, and the clock. */
export function tuning(env: NodeJS.ProcessEnv): { retries: number; retryUnitMs: number; writeIntervalMs: number; mergeWaitMs: number; now: () => Date } {
  const number = (name: string, fallback: number) => {
    const value = env[name];
    const read = value === undefined || value === '' ? NaN : Number(value);
    return Number.isFinite(read) && read >= 0 ? read : fallback;
  };
  const fixed = env.COOPERAGE_NOW;
  const now = fixed !== undefined && fixed !== '' && !Number.isNaN(Date.parse(fixed)) ? () => new Date(fixed) : () => new Date();
  return {
    retries: number('COOPERAGE_RETRIES', 3),
    retryUnitMs: number('COOPERAGE_RETRY_UNIT_MS', 1000),
    writeIntervalMs: number('COOPERAGE_WRITE_INTERVAL_MS', 1000),
    mergeWaitMs: number('COOPERAGE_MERGE_WAIT_MS', 2000),
    now,
  };
}

/** What an action's failure says it left untouched, and the permissions its token needs. */
export interface FailureWords {
  untouched: string;
  permissions: string;
}

const GATE: FailureWords = {
  untouched: 'nothing was decided and the status was left as it was',
  permissions: 'contents: read, pull-requests: write, statuses: write',
};

/** An action's failure: a sentence for what the user or GitHub can fix, with a note that it is a bug otherwise. Returns the exit code. */
export function failure(error: unknown, words: FailureWords = GATE): number {
  if (error instanceof CoopError || error instanceof ActionError) {
    core.setFailed(error.message);
    return 1;
  }
  const status = (error as { status?: number }).status;
  const message = error instanceof Error ? error.message : String(error);
  if (status === 401 || status === 403 || status === 404) {
    core.setFailed(
      `GitHub refused a request (${status}: ${message}), so ${words.untouched}. The token needs the permissions the workflow file grants (${words.permissions}); check them in the workflow and in the repository's Actions settings.`,
    );
    return 1;
  }
  if (typeof status === 'number') {
    core.setFailed(
      `GitHub answered ${status} (${message}) after the retries, so ${words.untouched}. Run the workflow again; if it keeps failing, check the token's permissions in the workflow file.`,
    );
    return 1;
  }
  core.setFailed(`Internal error: ${message}. This is a bug in Cooperage, not a mistake in the repository; please report it with this log.`);
  // The stack, for a bug report, only when the run is re-run with debug logging.
  if (error instanceof Error && error.stack !== undefined && process.env.RUNNER_DEBUG === '1') core.debug(error.stack);
  return 1;
}
