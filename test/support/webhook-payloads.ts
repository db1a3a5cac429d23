// Builders of the event payloads the gate's and the record action's workflows receive (pull_request_target, issue_comment, workflow_run, schedule, workflow_dispatch, push), each an example from @octokit/webhooks-examples made to name a test's repository, pull request and commits.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { WebhookDefinition } from '@octokit/webhooks-examples';

type Examples<N extends WebhookDefinition['name']> = WebhookDefinition<N>['examples'][number];
export type PullRequestTargetPayload = Extract<Examples<'pull_request'>, { action: 'opened' | 'synchronize' | 'ready_for_review' }>;
export type IssueCommentPayload = Extract<Examples<'issue_comment'>, { action: 'created' }>;
export type WorkflowRunPayload = Extract<Examples<'workflow_run'>, { action: 'completed' }>;
export type WorkflowDispatchPayload = Examples<'workflow_dispatch'>;
export type PushPayload = Examples<'push'>;
/**
 * GitHub Actions' payload of a scheduled run: the cron line, and since 2022 the repository and, as
 * sender, whoever last changed the cron line. It is not a webhook, so there is no example of it.
 */
export interface SchedulePayload {
  schedule: string;
  repository?: Record<string, unknown>;
  sender?: Record<string, unknown>;
}

/** Where the payload's links point: GitHub's own by default, or a fake's (test/support/fake-github.ts). */
export interface Origins {
  api?: string;
  web?: string;
}

export interface PayloadUser {
  login: string;
  id?: number;
  type?: 'User' | 'Bot';
}

export interface PayloadRepository {
  /** OWNER/NAME. */
  fullName: string;
  defaultBranch?: string;
  id?: number;
  private?: boolean;
}

export interface PayloadPullRequest {
  number: number;
  title?: string;
  body?: string | null;
  author: string | PayloadUser;
  /** `repo`: a fork's OWNER/NAME. */
  head: { sha: string; ref: string; repo?: string };
  /** `ref`: the default branch unless given. */
  base: { sha: string; ref?: string };
  draft?: boolean;
  state?: 'open' | 'closed';
  createdAt?: string;
  updatedAt?: string;
  id?: number;
}

type Json = Record<string, unknown>;

let definitions: WebhookDefinition[] | undefined;
/** The examples of an event, read from the package once. */
function examplesOf(name: WebhookDefinition['name']): Json[] {
  definitions ??= JSON.parse(readFileSync(createRequire(import.meta.url).resolve('@octokit/webhooks-examples'), 'utf8')) as WebhookDefinition[];
  return (definitions.find((d) => d.name === name)?.examples ?? []) as unknown as Json[];
}

/** A copy of the first example of `name` whose action is `action`, preferring one that names no organization or installation; without those keys. */
function example(name: WebhookDefinition['name'], action?: string): Json {
  const examples = examplesOf(name).filter((e) => e.action === action);
  const found = examples.find((e) => !('organization' in e) && !('installation' in e)) ?? examples.find((e) => !('installation' in e)) ?? examples[0];
  if (found === undefined) throw new Error(`@octokit/webhooks-examples has no ${name} ${action ?? ''} example`);
  const { organization: _organization, installation: _installation, ...rest } = found;
  return structuredClone(rest);
}

/** `value` with every `from` turned into `to`, in every string it holds. */
function replaced<T>(value: T, pairs: [string, string][]): T {
  let text = JSON.stringify(value);
  for (const [from, to] of pairs) if (from !== to) text = text.split(from).join(to);
  return JSON.parse(text) as T;
}

function originsOf(origins: Origins = {}): [string, string][] {
  return [
    ['https://api.github.com', (origins.api ?? 'https://api.github.com').replace(/\/$/, '')],
    ['https://github.com', (origins.web ?? 'https://github.com').replace(/\/$/, '')],
  ];
}

/** A stable id from a name, so that a login or a repository has the same id in every payload. */
const idOf = (text: string) => 10_000 + (createHash('sha256').update(text).digest().readUInt32BE(0) % 90_000_000);
const nodeId = (kind: string, id: number) => Buffer.from(`0${kind.length}:${kind}${id}`).toString('base64');

function reactions(url: string): Json {
  return { url: `${url}/reactions`, total_count: 0, '+1': 0, '-1': 0, laugh: 0, hooray: 0, confused: 0, heart: 0, rocket: 0, eyes: 0 };
}

/** The example's user `template` as `user`. */
function userLike(template: Json, user: string | PayloadUser, origins?: Origins): Json {
  const { login, id = idOf(typeof user === 'string' ? user : user.login), type } = typeof user === 'string' ? { login: user } : user;
  const kind = type ?? (login.endsWith('[bot]') ? 'Bot' : 'User');
  const made = replaced(template, [[`/users/${String(template.login)}`, `/users/${encodeURIComponent(login)}`], ...originsOf(origins)]);
  const web = (origins?.web ?? 'https://github.com').replace(/\/$/, '');
  return {
    ...made,
    login,
    id,
    node_id: nodeId(kind, id),
    avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
    html_url: kind === 'Bot' ? `${web}/apps/${login.replace(/\[bot\]$/, '')}` : `${web}/${login}`,
    type: kind,
  };
}

/** The example's repository `template` as `repository`, owned by its owner (a User). */
function repositoryLike(template: Json, repository: PayloadRepository, origins?: Origins, fork = false): Json {
  const [owner, name] = repository.fullName.split('/') as [string, string];
  const id = repository.id ?? idOf(repository.fullName);
  const made = replaced(template, [[String(template.full_name), repository.fullName], ...originsOf(origins)]);
  const defaultBranch = repository.defaultBranch ?? 'main';
  // The examples are older than some fields GitHub sends today.
  return {
    has_discussions: false,
    ...made,
    id,
    node_id: nodeId('Repository', id),
    name,
    full_name: repository.fullName,
    owner: userLike(template.owner as Json, owner, origins),
    private: repository.private ?? false,
    fork,
    default_branch: defaultBranch,
    ...('master_branch' in made ? { master_branch: defaultBranch } : {}),
  };
}

/** The example's pull request `template` as `pr` in `repository`. */
function pullRequestLike(template: Json, repository: Json, pr: PayloadPullRequest, origins?: Origins): Json {
  const fullName = String(repository.full_name);
  const api = `${(origins?.api ?? 'https://api.github.com').replace(/\/$/, '')}/repos/${fullName}`;
  const web = `${(origins?.web ?? 'https://github.com').replace(/\/$/, '')}/${fullName}/pull/${pr.number}`;
  const id = pr.id ?? idOf(`${fullName}#${pr.number}`);
  const head = template.head as Json;
  const headRepo = pr.head.repo === undefined ? repository : repositoryLike(head.repo as Json, { fullName: pr.head.repo }, origins, true);
  const headOwner = (headRepo.owner as Json).login as string;
  const baseRef = pr.base.ref ?? String(repository.default_branch);
  const links = {
    self: { href: `${api}/pulls/${pr.number}` },
    html: { href: web },
    issue: { href: `${api}/issues/${pr.number}` },
    comments: { href: `${api}/issues/${pr.number}/comments` },
    review_comments: { href: `${api}/pulls/${pr.number}/comments` },
    review_comment: { href: `${api}/pulls/comments{/number}` },
    commits: { href: `${api}/pulls/${pr.number}/commits` },
    statuses: { href: `${api}/statuses/${pr.head.sha}` },
  };
  const createdAt = pr.createdAt ?? String(template.created_at);
  return {
    ...template,
    url: links.self.href,
    id,
    node_id: nodeId('PullRequest', id),
    html_url: web,
    diff_url: `${web}.diff`,
    patch_url: `${web}.patch`,
    issue_url: links.issue.href,
    number: pr.number,
    state: pr.state ?? 'open',
    title: pr.title ?? template.title,
    user: userLike(template.user as Json, pr.author, origins),
    body: pr.body === undefined ? template.body : pr.body,
    created_at: createdAt,
    updated_at: pr.updatedAt ?? createdAt,
    commits_url: links.commits.href,
    review_comments_url: links.review_comments.href,
    review_comment_url: links.review_comment.href,
    comments_url: links.comments.href,
    statuses_url: links.statuses.href,
    head: { label: `${headOwner}:${pr.head.ref}`, ref: pr.head.ref, sha: pr.head.sha, user: headRepo.owner, repo: headRepo },
    base: { label: `${String((repository.owner as Json).login)}:${baseRef}`, ref: baseRef, sha: pr.base.sha, user: repository.owner, repo: repository },
    _links: links,
    draft: pr.draft ?? false,
    auto_merge: null,
  };
}

/**
 * A `pull_request_target` event: GitHub sends it with the `pull_request` event's payload, so it is made
 * from that example. `before` is the head before a `synchronize`.
 */
export function pullRequestTargetPayload(
  action: 'opened' | 'synchronize' | 'ready_for_review',
  options: { repository: PayloadRepository; pullRequest: PayloadPullRequest; sender?: string | PayloadUser; before?: string; origins?: Origins },
): PullRequestTargetPayload {
  const payload = example('pull_request', action);
  const repository = repositoryLike(payload.repository as Json, options.repository, options.origins);
  const pullRequest = pullRequestLike(payload.pull_request as Json, repository, options.pullRequest, options.origins);
  Object.assign(payload, {
    number: options.pullRequest.number,
    pull_request: pullRequest,
    repository,
    sender: userLike(payload.sender as Json, options.sender ?? options.pullRequest.author, options.origins),
  });
  if (action === 'synchronize') Object.assign(payload, { before: options.before ?? options.pullRequest.base.sha, after: options.pullRequest.head.sha });
  return payload as unknown as PullRequestTargetPayload;
}

/** An `issue_comment` created on a pull request (the issue carries `pull_request`, as GitHub sends it for one). */
export function issueCommentPayload(options: {
  repository: PayloadRepository;
  pullRequest: Pick<PayloadPullRequest, 'number' | 'author'> & Partial<Pick<PayloadPullRequest, 'title' | 'state' | 'draft' | 'createdAt'>>;
  comment: { body: string; user: string | PayloadUser; id?: number; createdAt?: string; updatedAt?: string };
  origins?: Origins;
}): IssueCommentPayload {
  const payload = example('issue_comment', 'created');
  const repository = repositoryLike(payload.repository as Json, options.repository, options.origins);
  const { number } = options.pullRequest;
  const api = `${(options.origins?.api ?? 'https://api.github.com').replace(/\/$/, '')}/repos/${options.repository.fullName}`;
  const web = `${(options.origins?.web ?? 'https://github.com').replace(/\/$/, '')}/${options.repository.fullName}/pull/${number}`;
  const issue = replaced(payload.issue as Json, [[String((payload.repository as Json).full_name), options.repository.fullName], ...originsOf(options.origins)]);
  const comment = payload.comment as Json;
  const commentId = options.comment.id ?? idOf(`${options.repository.fullName}#${number}:${options.comment.body}`);
  const issueId = idOf(`${options.repository.fullName}#${number}`);
  const createdAt = options.comment.createdAt ?? String(comment.created_at);
  const commenter = userLike(comment.user as Json, options.comment.user, options.origins);
  Object.assign(payload, {
    issue: {
      ...issue,
      url: `${api}/issues/${number}`,
      labels_url: `${api}/issues/${number}/labels{/name}`,
      comments_url: `${api}/issues/${number}/comments`,
      events_url: `${api}/issues/${number}/events`,
      html_url: web,
      id: issueId,
      node_id: nodeId('PullRequest', issueId),
      number,
      title: options.pullRequest.title ?? issue.title,
      user: userLike(issue.user as Json, options.pullRequest.author, options.origins),
      labels: [],
      assignee: null,
      assignees: [],
      milestone: null,
      state: options.pullRequest.state ?? 'open',
      draft: options.pullRequest.draft ?? false,
      created_at: options.pullRequest.createdAt ?? issue.created_at,
      pull_request: { url: `${api}/pulls/${number}`, html_url: web, diff_url: `${web}.diff`, patch_url: `${web}.patch`, merged_at: null },
      active_lock_reason: null,
      reactions: reactions(`${api}/issues/${number}`),
    },
    comment: {
      ...replaced(comment, originsOf(options.origins)),
      url: `${api}/issues/comments/${commentId}`,
      html_url: `${web}#issuecomment-${commentId}`,
      issue_url: `${api}/issues/${number}`,
      id: commentId,
      node_id: nodeId('IssueComment', commentId),
      user: commenter,
      created_at: createdAt,
      updated_at: options.comment.updatedAt ?? createdAt,
      author_association: 'NONE',
      body: options.comment.body,
      performed_via_github_app: null,
      reactions: reactions(`${api}/issues/comments/${commentId}`),
    },
    repository,
    sender: commenter,
  });
  return payload as unknown as IssueCommentPayload;
}

/**
 * A `workflow_run` completed, of the workflow named "Cooperage review relay" by default: the
 * unprivileged run a review starts. `pullRequests` is what GitHub lists in `workflow_run.pull_requests`,
 * which stays empty when the head is in a fork (`headRepository`).
 */
export function workflowRunPayload(options: {
  repository: PayloadRepository;
  headSha: string;
  headBranch: string;
  headRepository?: string;
  pullRequests?: { number: number; headSha?: string; headRef?: string; baseSha: string; baseRef?: string }[];
  name?: string;
  path?: string;
  event?: string;
  conclusion?: 'success' | 'failure' | 'cancelled' | 'skipped' | 'neutral' | 'timed_out' | 'action_required' | 'stale';
  runId?: number;
  createdAt?: string;
  sender?: string | PayloadUser;
  origins?: Origins;
}): WorkflowRunPayload {
  const payload = example('workflow_run', 'completed');
  const template = payload.workflow_run as Json;
  // The example's entry of workflow_run.pull_requests, from the example that has one.
  const pullTemplate = examplesOf('workflow_run').flatMap((e) => (e.workflow_run as { pull_requests: Json[] }).pull_requests)[0];
  const repository = repositoryLike(payload.repository as Json, options.repository, options.origins);
  const headRepository =
    options.headRepository === undefined
      ? repository
      : repositoryLike(template.head_repository as Json, { fullName: options.headRepository }, options.origins, true);
  const api = `${(options.origins?.api ?? 'https://api.github.com').replace(/\/$/, '')}/repos/${options.repository.fullName}`;
  const web = `${(options.origins?.web ?? 'https://github.com').replace(/\/$/, '')}/${options.repository.fullName}`;
  const runId = options.runId ?? idOf(`${options.repository.fullName}@${options.headSha}`);
  const name = options.name ?? 'Cooperage review relay';
  const path = options.path ?? '.github/workflows/review-relay.yml';
  const workflow = payload.workflow as Json;
  const workflowId = idOf(`${options.repository.fullName}:${path}`);
  const createdAt = options.createdAt ?? String(template.created_at);
  const sender = userLike(payload.sender as Json, options.sender ?? String((repository.owner as Json).login), options.origins);
  const repoRef = { id: repository.id, url: repository.url, name: repository.name };
  const pullRequests =
    options.headRepository !== undefined && options.headRepository !== options.repository.fullName
      ? []
      : (options.pullRequests ?? []).map((pr) => ({
          ...pullTemplate,
          url: `${api}/pulls/${pr.number}`,
          id: idOf(`${options.repository.fullName}#${pr.number}`),
          number: pr.number,
          head: { ref: pr.headRef ?? options.headBranch, sha: pr.headSha ?? options.headSha, repo: repoRef },
          base: { ref: pr.baseRef ?? options.repository.defaultBranch ?? 'main', sha: pr.baseSha, repo: repoRef },
        }));
  Object.assign(payload, {
    repository,
    sender,
    workflow: {
      ...workflow,
      id: workflowId,
      name,
      path,
      node_id: nodeId('Workflow', workflowId),
      url: `${api}/actions/workflows/${workflowId}`,
      html_url: `${web}/blob/${options.repository.defaultBranch ?? 'main'}/${path}`,
      badge_url: `${web}/workflows/${encodeURIComponent(name)}/badge.svg`,
    },
    workflow_run: {
      ...template,
      name,
      path,
      display_title: name,
      id: runId,
      node_id: nodeId('WorkflowRun', runId),
      url: `${api}/actions/runs/${runId}`,
      html_url: `${web}/actions/runs/${runId}`,
      artifacts_url: `${api}/actions/runs/${runId}/artifacts`,
      cancel_url: `${api}/actions/runs/${runId}/cancel`,
      jobs_url: `${api}/actions/runs/${runId}/jobs`,
      logs_url: `${api}/actions/runs/${runId}/logs`,
      rerun_url: `${api}/actions/runs/${runId}/rerun`,
      check_suite_url: `${api}/check-suites/${runId + 1}`,
      workflow_id: workflowId,
      workflow_url: `${api}/actions/workflows/${workflowId}`,
      event: options.event ?? 'pull_request_review',
      status: 'completed',
      conclusion: options.conclusion ?? 'success',
      head_branch: options.headBranch,
      head_sha: options.headSha,
      head_commit: { ...(template.head_commit as Json), id: options.headSha },
      head_repository: headRepository,
      repository,
      pull_requests: pullRequests,
      created_at: createdAt,
      run_started_at: createdAt,
      updated_at: createdAt,
      actor: sender,
      triggering_actor: sender,
    },
  });
  return payload as unknown as WorkflowRunPayload;
}

/** A `workflow_dispatch` of `workflow` on `ref` (the default branch unless given). */
export function workflowDispatchPayload(options: {
  repository: PayloadRepository;
  ref?: string;
  inputs?: Record<string, unknown>;
  workflow?: string;
  sender?: string | PayloadUser;
  origins?: Origins;
}): WorkflowDispatchPayload {
  const payload = example('workflow_dispatch');
  const repository = repositoryLike(payload.repository as Json, options.repository, options.origins);
  Object.assign(payload, {
    inputs: options.inputs ?? {},
    ref: options.ref ?? `refs/heads/${options.repository.defaultBranch ?? 'main'}`,
    repository,
    sender: userLike(payload.sender as Json, options.sender ?? String((repository.owner as Json).login), options.origins),
    workflow: options.workflow ?? '.github/workflows/cooperage.yml',
  });
  return payload as unknown as WorkflowDispatchPayload;
}

/** A `schedule` run's payload, as GitHub Actions writes it to GITHUB_EVENT_PATH; with the repository when `repository` is given. */
export function schedulePayload(
  options: { cron?: string; repository?: PayloadRepository; sender?: string | PayloadUser; origins?: Origins } = {},
): SchedulePayload {
  const payload: SchedulePayload = { schedule: options.cron ?? '*/15 * * * *' };
  if (options.repository === undefined) return payload;
  // Its repository and sender are shaped as in every other event; workflow_dispatch's example lends them.
  const template = example('workflow_dispatch');
  const repository = repositoryLike(template.repository as Json, options.repository, options.origins);
  return { ...payload, repository, sender: userLike(template.sender as Json, options.sender ?? String((repository.owner as Json).login), options.origins) };
}

/** A commit as a push event lists it. */
export interface PushCommit {
  id: string;
  message: string;
  /** The clock of the example by default. */
  timestamp?: string;
  author: { name: string; email: string; username?: string };
  /** The author by default. */
  committer?: { name: string; email: string; username?: string };
  treeId?: string;
  added?: string[];
  removed?: string[];
  modified?: string[];
}

const ZERO = '0'.repeat(40);

/**
 * A `push` of `ref` (refs/heads/BRANCH) from `before` to `after`: all zeros for a branch created or
 * deleted. `commits` are the ones pushed, oldest first; the last is the head commit. The pusher is an
 * account's login (its noreply address is made up) or a name and address as git has them.
 */
export function pushPayload(options: {
  repository: PayloadRepository;
  before: string;
  after: string;
  ref: string;
  commits?: PushCommit[];
  pusher: string | { name: string; email: string };
  sender?: string | PayloadUser;
  forced?: boolean;
  origins?: Origins;
}): PushPayload {
  const payload = example('push');
  // The commit of the example that has one, as a template.
  const commitTemplate = examplesOf('push').flatMap((e) => e.commits as Json[])[0] ?? {};
  // The example is older than the topics and visibility GitHub sends today.
  const repository: Json = {
    topics: [],
    visibility: options.repository.private === true ? 'private' : 'public',
    ...repositoryLike(payload.repository as Json, options.repository, options.origins),
  };
  const web = `${(options.origins?.web ?? 'https://github.com').replace(/\/$/, '')}/${options.repository.fullName}`;
  const pusherLogin = typeof options.pusher === 'string' ? options.pusher : undefined;
  const pusher =
    typeof options.pusher === 'string' ? { name: options.pusher, email: `${idOf(options.pusher)}+${options.pusher}@users.noreply.github.com` } : options.pusher;
  const commits = (options.commits ?? []).map((c) => ({
    ...commitTemplate,
    id: c.id,
    tree_id: c.treeId ?? String(commitTemplate.tree_id),
    distinct: true,
    message: c.message,
    timestamp: c.timestamp ?? String(commitTemplate.timestamp),
    url: `${web}/commit/${c.id}`,
    author: c.author,
    committer: c.committer ?? c.author,
    added: c.added ?? [],
    removed: c.removed ?? [],
    modified: c.modified ?? [],
  }));
  Object.assign(payload, {
    ref: options.ref,
    before: options.before,
    after: options.after,
    created: options.before === ZERO,
    deleted: options.after === ZERO,
    forced: options.forced ?? false,
    base_ref: null,
    compare: `${web}/compare/${options.before.slice(0, 12)}...${options.after.slice(0, 12)}`,
    commits,
    head_commit: options.after === ZERO ? null : (commits.at(-1) ?? null),
    repository,
    pusher,
    sender: userLike(payload.sender as Json, options.sender ?? pusherLogin ?? String((repository.owner as Json).login), options.origins),
  });
  return payload as unknown as PushPayload;
}
