// The record action: on a push to the default branch, writes the decision record of each pull request it merged, lands them as one commit GitHub signs, and audits what the push brought.
import { appendFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as core from '@actions/core';
import { AUDIT_LABEL, GitHubForge, MARKER, RecordError, gitCommand, runRecord, type RecordResult } from '@cooperage/github';
import { actionEnvironment, ActionError, failure, notInWorkflow, readEvent, tuning, type FailureWords } from '../../shared/environment.ts';

/** What a push event's payload holds that the record action reads. */
interface PushPayload {
  ref?: string;
  before?: string;
  after?: string;
  deleted?: boolean;
  repository?: { default_branch?: string };
}

const WORDS: FailureWords = {
  untouched: 'no record was landed and the branch was left as it was (the next run records what this one did not)',
  permissions: 'contents: write, pull-requests: read, statuses: write, issues: write',
};

const NO_COMMIT = /^0{40}$/;

async function main(): Promise<number> {
  const env = actionEnvironment(process.env);
  if (env === undefined) return notInWorkflow('the Cooperage record action', 'coop record for one pull request, and coop audit');
  const payload = readEvent<PushPayload>(env);
  if (env.eventName !== 'push') {
    core.info(`The record action runs on push to the default branch; this run is for ${env.eventName}, so there is nothing to record.`);
    return 0;
  }
  const branch = payload.repository?.default_branch ?? 'main';
  if (payload.ref !== `refs/heads/${branch}` || payload.deleted === true || payload.after === undefined || NO_COMMIT.test(payload.after)) {
    core.info(`This push is not to the default branch ${branch}; decisions are recorded only there.`);
    return 0;
  }
  const bypass = core.getInput('token');
  const token = bypass || core.getInput('github-token') || process.env.GITHUB_TOKEN || '';
  if (token === '')
    throw new ActionError('The record action needs a token to read pull requests and land records: give it `github-token: ${{ github.token }}`.');
  const { retries, retryUnitMs, writeIntervalMs } = tuning(process.env);
  const forge = new GitHubForge({ repository: env.repository, token, apiUrl: env.apiUrl, marker: MARKER, retries, retryUnitMs, writeIntervalMs });
  const serverUrl = process.env.GITHUB_SERVER_URL ?? 'https://github.com';
  const runId = process.env.GITHUB_RUN_ID;
  let result: RecordResult;
  try {
    result = await runRecord({
      forge,
      git: gitCommand(),
      dir: resolve(env.workspace, core.getInput('repo') || '.'),
      branch,
      before: payload.before === undefined || NO_COMMIT.test(payload.before) ? undefined : payload.before,
      after: payload.after,
      direct: bypass !== '',
      ...(runId ? { runUrl: `${serverUrl}/${env.repository}/actions/runs/${runId}` } : {}),
      log: (line) => core.info(line),
    });
  } catch (error) {
    if (error instanceof RecordError) throw new ActionError(error.message);
    throw error;
  }
  summarise(result);
  core.setOutput('recorded', String(result.recorded.filter((r) => r.action === 'written').length));
  core.setOutput('commit', result.commit ?? '');
  core.setOutput('violations', String(result.audit.violations.length));
  core.setOutput('issue', result.issue?.url ?? '');
  core.setOutput('requests', String(result.requests));
  const refused = result.recorded.filter((r) => r.action === 'refused');
  if (refused.length > 0)
    core.warning(
      `${refused.map((r) => r.file).join(', ')} already held another record, kept as it is (records are append-only); coop audit tells whether the one there is sound.`,
    );
  if (!result.audit.ok) {
    core.setFailed(
      `The audit found ${result.audit.violations.length} change(s) to the governance state that no passed decision covers; see ${result.issue?.url ?? `the issue labelled ${AUDIT_LABEL}`} for what they are and how to ratify them.`,
    );
    return 1;
  }
  core.info(`The audit of the ${result.audit.commits} commit(s) this push brought is clean. ${result.requests} requests to GitHub.`);
  return 0;
}

function summarise(result: RecordResult): void {
  const file = process.env.GITHUB_STEP_SUMMARY;
  if (file === undefined || file === '') return;
  const says = { written: 'recorded', already: 'already recorded', refused: 'another record there, kept' };
  const rows = result.recorded.map((r) => `| #${r.pr} | ${r.title.replace(/\|/g, '\\|')} | ${r.outcome} | ${says[r.action]} | \`${r.file}\` |`);
  const table =
    rows.length === 0
      ? 'No pull request merged by this push decided anything: nothing to record.\n'
      : `| Pull request | Title | Outcome | Done | Record |\n|---|---|---|---|---|\n${rows.join('\n')}\n`;
  const audit = result.audit.ok
    ? `The audit of the ${result.audit.commits} commit(s) this push brought is clean.`
    : `The audit found ${result.audit.violations.length} violation(s): ${result.issue?.url ?? ''}`;
  appendFileSync(
    file,
    `### Cooperage records\n\n${table}\n${result.commit !== undefined ? `Landed in \`${result.commit.slice(0, 7)}\`. ` : ''}${audit}\n\n${result.requests} requests to GitHub.\n`,
  );
}

process.exitCode = await main().catch((error: unknown) => failure(error, WORDS));
