// The gate as a GitHub Action: reads the event, judges the pull requests it concerns, and posts the status cooperage/decision and the one comment.
import { appendFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as core from '@actions/core';
import { GitHubForge, MARKER, gateEvent, gitCommand, runGate, type EventPayload, type Judged } from '@cooperage/github';
import { actionEnvironment, failure, notInWorkflow, readEvent, tuning } from '../../shared/environment.ts';

async function main(): Promise<number> {
  const env = actionEnvironment(process.env);
  if (env === undefined) return notInWorkflow('the Cooperage gate', 'coop tally');
  const payload = readEvent<EventPayload>(env);
  const event = gateEvent(env.eventName, payload);
  if (typeof event === 'string') {
    core.info(event);
    return 0;
  }
  const token = core.getInput('token') || process.env.GITHUB_TOKEN || '';
  if (token === '') {
    core.setFailed('The gate needs a token to read votes and write the status: give the action `token: ${{ github.token }}`.');
    return 1;
  }
  const { retries, retryUnitMs, writeIntervalMs, mergeWaitMs, now } = tuning(process.env);
  const forge = new GitHubForge({ repository: env.repository, token, apiUrl: env.apiUrl, marker: MARKER, retries, retryUnitMs, writeIntervalMs });
  const dir = resolve(env.workspace, core.getInput('repo') || '.');
  const baseRef = payload.repository?.default_branch ?? process.env.GITHUB_REF_NAME ?? 'main';
  const result = await runGate({ forge, git: gitCommand({ waitMs: mergeWaitMs }), dir, baseRef, now, log: (line) => core.info(line) }, event);
  summarise(result.judged, result.requests);
  const only = result.judged.length === 1 ? result.judged[0] : undefined;
  core.setOutput('state', only?.state ?? '');
  core.setOutput('judged', String(result.judged.filter((j) => j.action === 'judged' || j.action === 'unchanged').length));
  core.setOutput('requests', String(result.requests));
  return 0;
}

function summarise(judged: Judged[], requests: number): void {
  const file = process.env.GITHUB_STEP_SUMMARY;
  if (file === undefined || file === '') return;
  const rows = judged.map((j) => `| #${j.number} | ${j.action} | ${j.state ?? ''} | ${(j.description ?? '').replace(/\|/g, '\\|')} |`);
  const table = rows.length === 0 ? 'No pull request to judge.\n' : `| Pull request | Done | Status | Description |\n|---|---|---|---|\n${rows.join('\n')}\n`;
  appendFileSync(file, `### Cooperage gate\n\n${table}\n${requests} requests to GitHub.\n`);
}

process.exitCode = await main().catch(failure);
