// The Forge on GitHub's REST API, through octokit with retries and rate-limit handling; every GitHub shape stays in this file and votes.ts.
import { Octokit } from '@octokit/rest';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import Bottleneck from 'bottleneck/light.js';
import { utcInstant } from '@cooperage/core';
import type { Comment, Forge, Issue, MadeCommit, PullRequest, Signature, Status, VotesRead } from './forge.ts';
import { votesFrom, type GitHubComment, type GitHubReview } from './votes.ts';
import {
  rulesetFrom,
  type ActionsPermissions,
  type BranchRule,
  type ForgeWorkflow,
  type Ruleset,
  type SelectedActions,
  type WorkflowPermissions,
} from './doctor.ts';

const Client = Octokit.plugin(retry, throttling);
type Client = InstanceType<typeof Client>;

export interface GitHubOptions {
  /** OWNER/NAME. */
  repository: string;
  token: string;
  /** The REST API's root: GITHUB_API_URL on a runner (https://api.github.com, or a GitHub Enterprise server's). */
  apiUrl?: string;
  /** The hidden marker of the gate's own comment, which is never read as a vote. */
  marker: string;
  /** How many times a request that failed on GitHub's side (5xx) or hit a rate limit is tried again. */
  retries?: number;
  /** The unit of the waits between those tries, in milliseconds: 1 s, then 4 s, then 9 s by default; a rate limit's retry-after counts in it too. */
  retryUnitMs?: number;
  /** The least time between two writes (a comment, a status), as GitHub asks of integrations: 1 s by default, and three times it between new comments. */
  writeIntervalMs?: number;
}

/** What GitHub's pull request object holds that the gate reads. */
interface GitHubPull {
  number: number;
  title: string;
  user: { login: string; type?: string } | null;
  state: string;
  merged?: boolean;
  merged_at?: string | null;
  draft?: boolean;
  head: { sha: string };
  base: { ref: string };
  created_at: string;
  updated_at: string;
  html_url: string;
  merge_commit_sha?: string | null;
}

/** What GitHub's GraphQL API answers a mutation it refuses with, as octokit's GraphqlResponseError carries it. */
interface GraphqlErrors {
  errors?: { type?: string; message?: string }[];
}

/** What octokit's RequestError carries of a refused REST request. */
interface RestError {
  status?: number;
  message?: string;
  response?: { data?: { message?: string } };
}

export class GitHubForge implements Forge {
  readonly repository: string;
  #requests = 0;
  readonly #client: Client;
  readonly #owner: string;
  readonly #repo: string;
  readonly #marker: string;

  constructor(options: GitHubOptions) {
    const [owner, repo] = options.repository.split('/');
    if (owner === undefined || repo === undefined || owner === '' || repo === '') throw new Error(`${options.repository} is not OWNER/NAME`);
    this.repository = options.repository;
    this.#owner = owner;
    this.#repo = repo;
    this.#marker = options.marker;
    const retries = options.retries ?? 3;
    const unit = options.retryUnitMs ?? 1000;
    this.#client = new Client({
      auth: options.token,
      baseUrl: (options.apiUrl ?? 'https://api.github.com').replace(/\/$/, ''),
      userAgent: 'cooperage-gate',
      retry: { retries, retryAfterBaseValue: unit },
      throttle: {
        // GitHub's own waits are kept, its seconds counted in units (a second by default, shorter in
        // tests); a run that would wait more than a minute of them fails rather than hang.
        onRateLimit: (after: number, _options: unknown, _octokit: unknown, count: number) => count < retries && after <= 60,
        onSecondaryRateLimit: (after: number, _options: unknown, _octokit: unknown, count: number) => count < retries && after <= 60,
        retryAfterBaseValue: unit,
        fallbackSecondaryRateRetryAfter: 1,
        // GitHub asks for a second between writes, and more between those that notify people (a new comment).
        write: new Bottleneck.Group({ maxConcurrent: 1, minTime: options.writeIntervalMs ?? 1000 }),
        notifications: new Bottleneck.Group({ maxConcurrent: 1, minTime: 3 * (options.writeIntervalMs ?? 1000) }),
      },
      log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
    });
    this.#client.hook.before('request', () => {
      this.#requests++;
    });
  }

  get requests(): number {
    return this.#requests;
  }

  get #where() {
    return { owner: this.#owner, repo: this.#repo };
  }

  async pullRequest(number: number): Promise<PullRequest> {
    const { data } = await this.#client.rest.pulls.get({ ...this.#where, pull_number: number });
    return pullRequestOf(data);
  }

  async openPullRequests(baseRef: string): Promise<PullRequest[]> {
    const pulls = await this.#client.paginate(this.#client.rest.pulls.list, { ...this.#where, state: 'open', base: baseRef, per_page: 100 });
    return (pulls as GitHubPull[]).map(pullRequestOf);
  }

  async pullRequestsWithHead(sha: string, baseRef: string): Promise<PullRequest[]> {
    return (await this.openPullRequests(baseRef)).filter((pr) => pr.headSha === sha);
  }

  async openedAt(pr: PullRequest): Promise<string> {
    // A pull request opened as a draft is open for votes from when it was marked ready; its events say when.
    const events = await this.#client.paginate(this.#client.rest.issues.listEvents, { ...this.#where, issue_number: pr.number, per_page: 100 });
    let opened = pr.createdAt;
    for (const event of events as { event: string; created_at: string }[]) {
      if (event.event === 'ready_for_review' && event.created_at > opened) opened = event.created_at;
    }
    return utc(opened);
  }

  async votes(pr: PullRequest): Promise<VotesRead> {
    const [reviews, comments] = await Promise.all([
      this.#client.paginate(this.#client.rest.pulls.listReviews, { ...this.#where, pull_number: pr.number, per_page: 100 }),
      this.#listComments(pr.number),
    ]);
    return votesFrom(reviews as GitHubReview[], comments, { marker: this.#marker });
  }

  /** A pull request's comments, read once a run: they hold both the `/vote` comments and the gate's own. */
  readonly #comments = new Map<number, Promise<GitHubComment[]>>();

  #listComments(number: number): Promise<GitHubComment[]> {
    let comments = this.#comments.get(number);
    if (comments === undefined) {
      comments = this.#client.paginate(this.#client.rest.issues.listComments, { ...this.#where, issue_number: number, per_page: 100 });
      this.#comments.set(number, comments);
      // A failed read is not kept: the next ask tries again.
      comments.catch(() => this.#comments.delete(number));
    }
    return comments;
  }

  async status(sha: string, context: string): Promise<Status | undefined> {
    const { data } = await this.#client.rest.repos.getCombinedStatusForRef({ ...this.#where, ref: sha, per_page: 100 });
    const found = data.statuses.find((s) => s.context === context);
    if (found === undefined) return undefined;
    return {
      state: found.state as Status['state'],
      description: found.description ?? '',
      ...(found.target_url ? { targetUrl: found.target_url } : {}),
      updatedAt: found.updated_at,
    };
  }

  async setStatus(sha: string, context: string, status: Status): Promise<void> {
    await this.#client.rest.repos.createCommitStatus({
      ...this.#where,
      sha,
      context,
      state: status.state,
      description: status.description.length > 140 ? `${status.description.slice(0, 139)}…` : status.description,
      ...(status.targetUrl !== undefined ? { target_url: status.targetUrl } : {}),
    });
  }

  async findComment(number: number, marker: string): Promise<Comment | undefined> {
    const comments = await this.#listComments(number);
    // The first such comment is the one kept; a user quoting the marker does not take its place.
    const found = comments.find((c) => c.body?.includes(marker) && c.user?.type === 'Bot');
    return found === undefined ? undefined : { id: found.id, body: found.body ?? '', url: found.html_url };
  }

  async writeComment(number: number, body: string, existing: Comment | undefined): Promise<Comment> {
    if (existing !== undefined) {
      if (existing.body === body) return existing;
      const { data } = await this.#client.rest.issues.updateComment({ ...this.#where, comment_id: existing.id, body });
      return { id: data.id, body: data.body ?? body, url: data.html_url };
    }
    const { data } = await this.#client.rest.issues.createComment({ ...this.#where, issue_number: number, body });
    return { id: data.id, body: data.body ?? body, url: data.html_url };
  }

  async mergedPullRequestsOf(sha: string, baseRef: string): Promise<PullRequest[]> {
    const pulls = await this.#client.paginate(this.#client.rest.repos.listPullRequestsAssociatedWithCommit, { ...this.#where, commit_sha: sha, per_page: 100 });
    return (pulls as GitHubPull[]).map(pullRequestOf).filter((pr) => pr.merged && pr.baseRef === baseRef);
  }

  async branchTip(branch: string): Promise<string | undefined> {
    try {
      const { data } = await this.#client.rest.git.getRef({ ...this.#where, ref: headsRef(branch) });
      return data.object.sha;
    } catch (error) {
      if ((error as RestError).status === 404) return undefined;
      throw error;
    }
  }

  async createBranch(branch: string, sha: string): Promise<void> {
    await this.#client.rest.git.createRef({ ...this.#where, ref: `refs/${headsRef(branch)}`, sha });
  }

  async fastForward(branch: string, sha: string): Promise<{ ok: true } | { ok: false; why: 'moved' | 'refused'; message: string }> {
    try {
      await this.#client.rest.git.updateRef({ ...this.#where, ref: headsRef(branch), sha, force: false });
      return { ok: true };
    } catch (error) {
      const message = unprocessable(error);
      if (message === undefined) throw error;
      return { ok: false, why: /fast.forward/i.test(message) ? 'moved' : 'refused', message };
    }
  }

  async deleteBranch(branch: string): Promise<void> {
    try {
      await this.#client.rest.git.deleteRef({ ...this.#where, ref: headsRef(branch) });
    } catch (error) {
      // Already gone (an earlier try deleted it) is what was asked.
      if (!/does not exist/i.test(unprocessable(error) ?? '')) throw error;
    }
  }

  async commitFiles(input: {
    branch: string;
    expectedTip: string;
    headline: string;
    body: string;
    files: Record<string, string>;
  }): Promise<({ ok: true } & MadeCommit) | { ok: false; why: 'moved' | 'refused'; message: string }> {
    // Through GraphQL's createCommitOnBranch the commit is GitHub's own, and GitHub signs it; a commit
    // made through the REST git API with the same token is not signed.
    const mutation = `mutation ($input: CreateCommitOnBranchInput!) { createCommitOnBranch(input: $input) { commit { oid url } } }`;
    const additions = Object.entries(input.files).map(([path, text]) => ({ path, contents: Buffer.from(text, 'utf8').toString('base64') }));
    try {
      const data = await this.#client.graphql<{ createCommitOnBranch: { commit: { oid: string; url: string } } }>(mutation, {
        input: {
          branch: { repositoryNameWithOwner: this.repository, branchName: input.branch },
          message: { headline: input.headline, body: input.body },
          expectedHeadOid: input.expectedTip,
          fileChanges: { additions },
        },
      });
      return { ok: true, sha: data.createCommitOnBranch.commit.oid, url: data.createCommitOnBranch.commit.url };
    } catch (error) {
      const errors = (error as GraphqlErrors).errors;
      if (errors === undefined || errors.length === 0) throw error;
      const message = errors.map((e) => e.message ?? '').join(' ');
      if (errors.some((e) => e.type === 'STALE_DATA') || /expected branch to point to/i.test(message)) return { ok: false, why: 'moved', message };
      if (/rule/i.test(message)) return { ok: false, why: 'refused', message };
      throw error;
    }
  }

  async signature(sha: string): Promise<Signature> {
    const { data } = await this.#client.rest.repos.getCommit({ ...this.#where, ref: sha, per_page: 1 });
    const verification = data.commit.verification;
    return { verified: verification?.verified === true, reason: verification?.reason ?? 'unknown' };
  }

  async findIssue(label: string): Promise<Issue | undefined> {
    const issues = await this.#client.paginate(this.#client.rest.issues.listForRepo, { ...this.#where, state: 'open', labels: label, per_page: 100 });
    const found = issues.filter((i) => i.pull_request === undefined).sort((a, b) => a.number - b.number)[0];
    return found === undefined ? undefined : { number: found.number, title: found.title, body: found.body ?? '', url: found.html_url };
  }

  async writeIssue(label: string, title: string, body: string, existing: Issue | undefined): Promise<Issue> {
    if (existing !== undefined) {
      if (existing.title === title && existing.body === body) return existing;
      const { data } = await this.#client.rest.issues.update({ ...this.#where, issue_number: existing.number, title, body });
      return { number: data.number, title: data.title, body: data.body ?? body, url: data.html_url };
    }
    const { data } = await this.#client.rest.issues.create({ ...this.#where, title, body, labels: [label] });
    return { number: data.number, title: data.title, body: data.body ?? body, url: data.html_url };
  }

  // The repository's settings, for coop doctor (doctor.ts's SetupForge).

  async defaultBranch(): Promise<string> {
    const { data } = await this.#client.rest.repos.get(this.#where);
    return data.default_branch;
  }

  async branchRules(branch: string): Promise<BranchRule[]> {
    const rules = await this.#client.paginate(this.#client.rest.repos.getBranchRules, { ...this.#where, branch, per_page: 100 });
    return rules.map((rule) => {
      const r = rule as { type: string; parameters?: Record<string, unknown>; ruleset_id?: number; ruleset_source_type?: string };
      return {
        type: r.type,
        ...(r.parameters !== undefined ? { parameters: r.parameters } : {}),
        ...(r.ruleset_id !== undefined ? { rulesetId: r.ruleset_id } : {}),
        ...(r.ruleset_source_type !== undefined ? { rulesetSourceType: r.ruleset_source_type } : {}),
      };
    });
  }

  async rulesets(): Promise<Ruleset[]> {
    const rulesets = await this.#client.paginate(this.#client.rest.repos.getRepoRulesets, { ...this.#where, per_page: 100 });
    return rulesets.map(rulesetFrom);
  }

  async ruleset(id: number): Promise<Ruleset> {
    const { data } = await this.#client.rest.repos.getRepoRuleset({ ...this.#where, ruleset_id: id });
    return rulesetFrom(data);
  }

  async actionsPermissions(): Promise<ActionsPermissions> {
    const { data } = await this.#client.rest.actions.getGithubActionsPermissionsRepository(this.#where);
    const pinning = (data as { sha_pinning_required?: boolean }).sha_pinning_required;
    return {
      enabled: data.enabled,
      ...(data.allowed_actions !== undefined ? { allowedActions: data.allowed_actions } : {}),
      ...(pinning !== undefined ? { shaPinningRequired: pinning } : {}),
    };
  }

  async selectedActions(): Promise<SelectedActions> {
    const { data } = await this.#client.rest.actions.getAllowedActionsRepository(this.#where);
    return {
      githubOwnedAllowed: data.github_owned_allowed === true,
      verifiedAllowed: data.verified_allowed === true,
      patternsAllowed: data.patterns_allowed ?? [],
    };
  }

  async workflowPermissions(): Promise<WorkflowPermissions> {
    const { data } = await this.#client.rest.actions.getGithubActionsDefaultWorkflowPermissionsRepository(this.#where);
    return { defaultWorkflowPermissions: data.default_workflow_permissions, canApprovePullRequestReviews: data.can_approve_pull_request_reviews };
  }

  async workflows(): Promise<ForgeWorkflow[]> {
    const workflows = await this.#client.paginate(this.#client.rest.actions.listRepoWorkflows, { ...this.#where, per_page: 100 });
    return workflows.map((w) => ({ id: w.id, name: w.name, path: w.path, state: w.state }));
  }

  async account(login: string): Promise<{ login: string; type: string } | undefined> {
    try {
      const { data } = await this.#client.rest.users.getByUsername({ username: login });
      return { login: data.login, type: data.type };
    } catch (error) {
      if ((error as RestError).status === 404) return undefined;
      throw error;
    }
  }
}

function pullRequestOf(data: GitHubPull): PullRequest {
  return {
    number: data.number,
    title: data.title,
    author: data.user?.login ?? 'ghost',
    authorIsBot: data.user?.type === 'Bot',
    state: data.state === 'open' ? 'open' : 'closed',
    merged: data.merged === true || (data.merged_at !== undefined && data.merged_at !== null),
    draft: data.draft === true,
    headSha: data.head.sha,
    baseRef: data.base.ref,
    createdAt: utc(data.created_at),
    updatedAt: utc(data.updated_at),
    url: data.html_url,
    ...(data.merged_at ? { mergedAt: utc(data.merged_at) } : {}),
    ...(data.merged_at && data.merge_commit_sha ? { mergeCommitSha: data.merge_commit_sha } : {}),
  };
}

/** The message of a REST request GitHub refused with 422, or undefined for any other failure. */
function unprocessable(error: unknown): string | undefined {
  const e = error as RestError;
  if (e.status !== 422) return undefined;
  return e.response?.data?.message ?? e.message ?? 'refused';
}

/** A branch's ref, as the refs API names it. */
const headsRef = (branch: string) => `heads/${branch}`;

/** GitHub writes times as 2026-12-02T10:00:00Z; any other offset is brought to UTC. */
function utc(time: string): string {
  return utcInstant(Date.parse(time));
}
