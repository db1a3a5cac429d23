// The check as a GitHub Action on pull_request: an annotation at file:line:column for every problem, and a job summary that explains every change.
import { appendFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import * as core from '@actions/core';
import { changeSentence, forbiddenCode, openRepository, requirementSentence, resolveCommit } from '@cooperage/core';
import { checkCommits } from '@cooperage/github';
import { actionEnvironment, failure, notInWorkflow, readEvent } from '../../shared/environment.ts';

interface Payload {
  pull_request?: { number: number; user?: { login: string }; base: { sha: string; ref: string }; head: { sha: string } };
}

async function main(): Promise<number> {
  const env = actionEnvironment(process.env);
  if (env === undefined) return notInWorkflow('the Cooperage check', 'coop check');
  const payload = readEvent<Payload>(env);
  const pr = payload.pull_request;
  if (pr === undefined) {
    core.info(`The check runs on pull_request events; a ${env.eventName} event names no pull request, so there is nothing to check.`);
    return 0;
  }
  const dir = resolve(env.workspace, core.getInput('repo') || '.');
  const repository = openRepository(dir);
  // actions/checkout checks out the pull request's test merge; its base is the commit it was merged onto.
  const head = await resolveCommit(repository, 'HEAD');
  const author = pr.user?.login ?? 'ghost';
  const { check } = await checkCommits(repository, pr.base.sha, head, author);
  // Annotations name files from the repository's root, where GitHub shows them.
  const prefix = relative(env.workspace, dir);
  const path = (file: string) => (prefix === '' ? file : `${prefix}/${file}`);
  for (const d of check.errors) {
    core.error(`${d.code}: ${d.message}`, {
      title: `Cooperage ${d.code}`,
      file: path(d.file),
      startLine: d.line,
      endLine: d.endLine ?? d.line,
      ...(d.endLine === undefined || d.endLine === d.line ? { startColumn: d.column, ...(d.endColumn !== undefined ? { endColumn: d.endColumn } : {}) } : {}),
    });
  }
  for (const d of check.warnings)
    core.warning(`${d.code}: ${d.message}`, { title: `Cooperage ${d.code}`, file: path(d.file), startLine: d.line, startColumn: d.column });
  for (const c of check.forbidden) {
    core.error(`${changeSentence(c, author)}: forbidden. ${requirementSentence(c)}`, {
      title: `Cooperage ${forbiddenCode(c) ?? 'forbidden'}`,
      file: path(c.file),
    });
  }
  const summary = process.env.GITHUB_STEP_SUMMARY;
  if (summary !== undefined && summary !== '') appendFileSync(summary, summaryOf(check, author, pr.number));
  const ok = check.errors.length === 0 && check.forbidden.length === 0;
  core.setOutput('ok', String(ok));
  core.setOutput('requires', check.requires.join(','));
  if (!ok)
    core.setFailed(`${plural(check.errors.length, 'problem')} and ${plural(check.forbidden.length, 'forbidden change')}: see the annotations and the summary.`);
  return ok ? 0 : 1;
}

function summaryOf(check: Awaited<ReturnType<typeof checkCommits>>['check'], author: string, number: number): string {
  const lines = [`### Cooperage check of #${number}`, ''];
  if (check.changes.length === 0) lines.push('It changes no governance state and no governed path: nothing to decide.');
  for (const c of check.changes) lines.push(`- ${changeSentence(c, author)}. ${requirementSentence(c)}`);
  if (check.requires.length > 0)
    lines.push('', `It needs ${check.requires.map((r) => `**${r}**`).join(' and ')}; the gate (cooperage/decision) tallies the votes.`);
  if (check.errors.length > 0) {
    lines.push('', `**${plural(check.errors.length, 'problem')}** in the state it leaves:`, '');
    for (const d of check.errors) lines.push(`- \`${d.file}:${d.line}:${d.column}\` ${d.code}: ${d.message}`);
  }
  return `${lines.join('\n')}\n`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

process.exitCode = await main().catch(failure);
