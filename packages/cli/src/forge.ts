// coop audit --forge: which repository on which forge, the client that reads it, and its failures in one sentence each.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AuditOptions, Repository } from '@cooperage/core';
import { auditOnForge, GitHubForge, MARKER, type Forge, type ForgeRecord } from '@cooperage/github';
import { UsageError } from './args.ts';
import { CliError } from './errors.ts';

/** The forges the audit reads. */
export const FORGES = ['github'] as const;

/** What the token needs, said wherever GitHub refuses it. */
const NEEDS = 'a token that can read the repository (a fine-grained token with contents: read and pull-requests: read, or a classic one with repo)';
const HOW = 'GITHUB_TOKEN=$(gh auth token) coop audit --forge github';

/** A forge being read for one audit: its client, and how many records were given it. */
export interface ForgeRun {
  name: (typeof FORGES)[number];
  client: Forge;
  records: number;
}

/** The forge client for `--forge github`: the repository from --repo-slug or origin's URL, the token and API root from the environment. */
export function forgeFor(repository: Repository, slug: string | undefined, env: Readonly<Record<string, string | undefined>>): ForgeRun {
  let name: string;
  if (slug !== undefined) {
    if (!SLUG.test(slug)) {
      throw new UsageError(`coop audit: --repo-slug "${slug}" is not OWNER/NAME, as in commons/garden. See \`coop audit --help\`.`);
    }
    name = slug;
  } else {
    const url = originUrl(repository);
    const found = url === undefined ? undefined : slugOf(url);
    if (found === undefined) {
      const what = url === undefined ? 'the repository has no git remote origin' : `the URL of the git remote origin, ${url}, names no OWNER/NAME on a forge`;
      throw new UsageError(`coop audit: --forge github needs the repository on GitHub, and ${what}. Pass it with --repo-slug OWNER/NAME.`);
    }
    name = found;
  }
  const token = env.GITHUB_TOKEN?.trim();
  if (token === undefined || token === '') {
    throw new UsageError(`coop audit: --forge github reads GitHub with the token in GITHUB_TOKEN, which is not set: give it ${NEEDS}, e.g. \`${HOW}\`.`);
  }
  const apiUrl = env.GITHUB_API_URL?.trim() || 'https://api.github.com';
  return { name: 'github', client: new GitHubForge({ repository: name, token, apiUrl, marker: MARKER }), records: 0 };
}

/** The audit's `verify`: the records it read, checked against the forge. */
export function verifier(forge: ForgeRun): NonNullable<AuditOptions['verify']> {
  return async (records) => {
    forge.records = records.length;
    const input: ForgeRecord[] = records.map((r) => ({ file: r.file, record: r.record, commit: r.commit, covers: r.covers, logins: r.logins }));
    try {
      return await auditOnForge(forge.client, input);
    } catch (error) {
      throw new ForgeFailed(error);
    }
  };
}

/** A request to the forge that failed for good: the client's error, kept to be said in one sentence. */
class ForgeFailed extends Error {
  override readonly name = 'ForgeFailed';
  constructor(readonly failure: unknown) {
    super('the forge failed');
  }
}

/** What octokit's RequestError carries. */
interface RequestFailure {
  status?: number;
  message?: string;
  request?: { method?: string; url?: string };
  response?: { data?: { message?: string } };
}

/** Throws a forge's failure met by the audit as one sentence, exit 2; anything else is left to the caller. */
export function forgeFailure(error: unknown, forge: ForgeRun): void {
  if (!(error instanceof ForgeFailed)) return;
  const failure = error.failure as RequestFailure;
  const repo = forge.client.repository;
  const status = typeof failure.status === 'number' ? failure.status : undefined;
  const said = failure.response?.data?.message ?? failure.message ?? 'no answer';
  const what = failure.request?.url !== undefined ? asked(failure.request.url, repo) : `the repository ${repo}`;
  const cause = (failure as { cause?: { code?: string } }).cause?.code;
  let sentence: string;
  if (status === 401) {
    sentence = `GitHub refused the token in GITHUB_TOKEN (401: ${said}) when asked for ${what}. Give ${NEEDS}, e.g. \`${HOW}\`.`;
  } else if (status === 403) {
    sentence = `GitHub refused to show ${what} to the token in GITHUB_TOKEN (403: ${said}). Give ${NEEDS}.`;
  } else if (status === 404) {
    sentence = `GitHub has no ${what} that the token in GITHUB_TOKEN can see (404: ${said}): the repository is not ${repo} (pass --repo-slug OWNER/NAME), or the token cannot read it. Give ${NEEDS}.`;
  } else if (status === undefined || cause !== undefined || /fetch failed/i.test(said)) {
    sentence = `GitHub's API could not be reached when asked for ${what} (${cause ?? said}). Check GITHUB_API_URL (https://api.github.com by default) and the network, then run the audit again.`;
  } else {
    sentence = `GitHub failed (${status}: ${said}) when asked for ${what}, after trying again. Run the audit again later.`;
  }
  throw new CliError('usage', `coop audit --forge github: ${sentence}`, {});
}

/** What a request asked for, in words, from its URL. */
function asked(url: string, repo: string): string {
  const path = (() => {
    try {
      return new URL(url).pathname;
    } catch {
      return url;
    }
  })();
  const pull = /\/pulls\/(\d+)(\/reviews)?$/.exec(path);
  if (pull !== null) return pull[2] !== undefined ? `the reviews of pull request ${pull[1]} of ${repo}` : `pull request ${pull[1]} of ${repo}`;
  const comments = /\/issues\/(\d+)\/comments$/.exec(path);
  if (comments !== null) return `the comments of pull request ${comments[1]} of ${repo}`;
  const commit = /\/commits\/([0-9a-f]+)$/i.exec(path);
  if (commit !== null) return `the signature of commit ${commit[1]!.slice(0, 7)} of ${repo}`;
  return `${path} of ${repo}`;
}

const SLUG = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

/**
 * OWNER/NAME from a remote's URL on any host (github.com or a GitHub Enterprise server):
 * https://HOST/OWNER/NAME(.git), git@HOST:OWNER/NAME(.git), ssh://git@HOST(:PORT)/OWNER/NAME(.git).
 */
export function slugOf(url: string): string | undefined {
  const trimmed = url.trim();
  let path: string | undefined;
  const scp = /^(?:[^@/\s]+@)?[^:/\s]+:(?!\/)(.+)$/.exec(trimmed);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) {
    try {
      const parsed = new URL(trimmed);
      // A file URL is a copy on disk, not a forge's repository.
      if (parsed.protocol === 'file:') return undefined;
      path = parsed.pathname;
    } catch {
      return undefined;
    }
  } else if (scp !== null) {
    path = scp[1];
  }
  if (path === undefined) return undefined;
  const parts = path
    .replace(/\/+$/, '')
    .replace(/\.git$/, '')
    .split('/')
    .filter((p) => p !== '');
  if (parts.length < 2) return undefined;
  const slug = parts.slice(-2).join('/');
  return SLUG.test(slug) ? slug : undefined;
}

/** The URL of the remote origin, from the repository's config (a worktree's is its main repository's). */
function originUrl(repository: Repository): string | undefined {
  let common = repository.gitdir;
  try {
    common = resolve(repository.gitdir, readFileSync(join(repository.gitdir, 'commondir'), 'utf8').trim());
  } catch {
    // not a worktree
  }
  let config: string;
  try {
    config = readFileSync(join(common, 'config'), 'utf8');
  } catch {
    return undefined;
  }
  let inOrigin = false;
  for (const line of config.split(/\r?\n/)) {
    const section = /^\s*\[\s*([^\]]+?)\s*\]/.exec(line);
    if (section !== null) {
      inOrigin = /^remote\s+"origin"$/.test(section[1]!);
      continue;
    }
    const url = inOrigin ? /^\s*url\s*=\s*(.*?)\s*$/i.exec(line) : null;
    if (url !== null) return url[1]!.replace(/^"(.*)"$/, '$1');
  }
  return undefined;
}
