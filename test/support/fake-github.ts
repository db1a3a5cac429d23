// A loopback fake of the part of GitHub's API the gate and the record action use (pull requests, reviews, comments, issue events, commit statuses, issues, refs, commits and their signatures, GraphQL's createCommitOnBranch), for offline tests of the forge layer.
//
// Longer than 400 lines on purpose: it is one server, and every shape it serves carries the fields
// GitHub's OpenAPI description requires (test/fake-github.test.ts holds it to that description).
// As GitHub does, it pages with absolute `link` headers, gives ETags and answers 304 (which costs no
// rate limit), sends x-ratelimit-* headers, wants a token, and answers GitHub's error JSON for anything
// it does not serve. A repository linked to a bare repository (`fake.repo(name, { git })`, a
// FakeRemote's folder) has that repository's branches and commits, read live with git: the refs API,
// createCommitOnBranch and fake.merge() write to it, commits are read from it, and a ruleset
// (`fake.protect`) guards its protected branch against the API as GitHub's does.
// For coop doctor it serves a repository's settings as tests set them: its rulesets and the rules in
// force on a branch (`fake.ruleset`, and fake.protect's as GitHub would list it), Actions' permissions
// (`fake.actionsPermissions`), its workflows (`fake.workflow`), and users by login (`fake.addUser`).
// A ruleset set with fake.ruleset is served, not enforced.
// It does not fake: unauthenticated reads of public repositories (GitHub allows them; here they are
// 401), permissions (every token may do everything, unless a failure is injected), the
// /repositories/{id} form of GitHub's `link` URLs, media types (diff, patch, full bodies), the
// mergeability GitHub computes (always null, "unknown"), a commit's `stats` and `files`, issue
// assignees, milestones and `labeled` events, rules of a ruleset other than one required status and
// deletion, GraphQL beyond createCommitOnBranch (no schema: only the fields of its payload below), and
// secondary rate limits of its own (only injected ones). In a repository not linked to git, which
// commits exist is not known (any full commit id does), and what needs history (a fast-forward,
// a commit, a merge) is refused with an error saying so.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { components } from '@octokit/openapi-types';

export type Json = Record<string, unknown>;
/** What the fake serves, in the types octokit gives GitHub's answers. */
export type PullRequestJson = components['schemas']['pull-request'];
export type IssueCommentJson = components['schemas']['issue-comment'];
export type StatusJson = components['schemas']['status'];
export type IssueJson = components['schemas']['issue'];
export type CommitJson = components['schemas']['commit'];
export type GitRefJson = components['schemas']['git-ref'];
export type UserType = 'User' | 'Bot' | 'Organization';
export type ReviewState = 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED' | 'PENDING';
export type CommitState = 'error' | 'failure' | 'pending' | 'success';
export type AuthorAssociation = 'COLLABORATOR' | 'CONTRIBUTOR' | 'FIRST_TIMER' | 'FIRST_TIME_CONTRIBUTOR' | 'MANNEQUIN' | 'MEMBER' | 'NONE' | 'OWNER';

export interface FakeGitHubOptions {
  /** Now, as an ISO time, for what the API writes (comments, statuses); the real clock by default. */
  clock?: () => string;
  /** The login every token acts as, unless `tokens` names it: `github-actions[bot]` (a Bot) by default. */
  user?: string;
  /** Token → login. When given, any other token is answered 401 "Bad credentials". */
  tokens?: Record<string, string>;
  /** Where html_url links point: https://github.example by default. */
  webOrigin?: string;
  /** The primary rate limit of each token's user: 5000 an hour by default, `remaining` to start lower. */
  rateLimit?: { limit?: number; remaining?: number };
}

/** A failure the fake answers in place of the next `times` requests that match. */
export interface FailureSpec {
  method?: string;
  /** A string is the exact path without the query; a RegExp is tried on the path with its query. */
  path?: RegExp | string;
  status: 500 | 502 | 503 | 403 | 429;
  /** 1 by default. */
  times?: number;
  /** Seconds: the `retry-after` header, and for a primary rate limit when `x-ratelimit-reset` falls. */
  retryAfter?: number;
  /** A secondary rate limit (403 or 429 with GitHub's message and `retry-after`), not the primary one. */
  secondary?: true;
  /** A 403 with this message and the rate limit untouched: a permission refused, such as "Resource not accessible by integration". */
  message?: string;
}

export interface RecordedRequest {
  method: string;
  /** The path with its query, as requested. */
  path: string;
  pathname: string;
  status: number;
  headers: { authorization?: string; accept?: string; 'content-type'?: string; 'if-none-match'?: string; 'user-agent'?: string };
  /** The parsed JSON body of a write. */
  body?: unknown;
}

export interface RequestFilter {
  method?: string;
  /** As in FailureSpec. */
  path?: RegExp | string;
  status?: number;
}

export interface PullRequestSpec {
  number?: number;
  title: string;
  body?: string | null;
  author: string;
  /** `repo`: a fork's OWNER/NAME, when the branch is not in the repository itself. */
  head: { sha: string; ref: string; repo?: string };
  base: { ref: string; sha: string };
  draft?: boolean;
  createdAt?: string;
  mergeCommitSha?: string;
  labels?: string[];
}

export interface RepoOptions {
  /** The bare repository's HEAD when `git` is given, else main. */
  defaultBranch?: string;
  private?: boolean;
  /** Branch → commit; in a linked repository, written to its refs/heads. */
  branches?: Record<string, string>;
  /** A bare repository's folder (a FakeRemote's `dir`) whose branches and commits the repository has. */
  git?: string;
}

/** A ruleset on one branch: a required status check, set by github-actions[bot], and no deletion. */
export interface RulesetSpec {
  requiredStatus: string;
  /** Logins that may bypass it. */
  bypass?: string[];
}

/** A ruleset as the rulesets API serves it; served, not enforced (only fake.protect guards a branch). */
export interface RulesetJsonSpec {
  name?: string;
  /** active by default. */
  enforcement?: 'active' | 'evaluate' | 'disabled';
  /** The branches it targets (conditions.ref_name.include): ~DEFAULT_BRANCH by default; ~ALL, or refs/heads/ patterns with * and **. */
  include?: string[];
  exclude?: string[];
  /** Its rules as GitHub writes them: `{ type: 'deletion' }`, `{ type: 'required_status_checks', parameters: {...} }`. */
  rules: { type: string; parameters?: Json }[];
  bypass?: {
    actor_id: number | null;
    actor_type: 'Integration' | 'OrganizationAdmin' | 'RepositoryRole' | 'Team' | 'DeployKey' | 'User';
    bypass_mode?: 'always' | 'pull_request' | 'exempt';
  }[];
}

/** A repository's Actions settings; what is not given keeps its value (at first: enabled, all actions, a read-only token). */
export interface ActionsSettings {
  enabled?: boolean;
  allowedActions?: 'all' | 'local_only' | 'selected';
  shaPinningRequired?: boolean;
  /** What `selected` allows: GitHub's own actions by default, no pattern. */
  selected?: { githubOwnedAllowed?: boolean; verifiedAllowed?: boolean; patternsAllowed?: string[] };
  defaultWorkflowPermissions?: 'read' | 'write';
  canApprovePullRequestReviews?: boolean;
}

/** A workflow as Actions knows it: its file's path in the repository and its `name:`. */
export interface WorkflowSpec {
  path: string;
  name: string;
  /** active by default. */
  state?: 'active' | 'deleted' | 'disabled_fork' | 'disabled_inactivity' | 'disabled_manually';
}

export interface MergeSpec {
  method: 'merge' | 'squash' | 'rebase';
  /** merged_at and the commits' time: the clock by default. */
  at?: string;
  /** merged_by: the repository's owner by default. */
  by?: string;
}

export interface MergeResult {
  /** The base branch before and after. */
  before: string;
  after: string;
  /** The commits GitHub made on the base branch, oldest first. */
  commits: string[];
}

export interface IssueSpec {
  title: string;
  body?: string | null;
  author: string;
  labels?: string[];
  createdAt?: string;
}

/** A change to a pull request; `at` (the clock by default) becomes its updated_at, `actor` the one who made it. */
export interface PullRequestPatch {
  title?: string;
  body?: string | null;
  draft?: boolean;
  state?: 'open' | 'closed';
  merged?: boolean;
  headSha?: string;
  baseSha?: string;
  mergeCommitSha?: string | null;
  at?: string;
  actor?: string;
}

export interface ReviewSpec {
  user: string;
  state: ReviewState;
  body?: string;
  /** The head when reviewed: the pull request's head by default. */
  commitId?: string;
  /** The clock by default; a PENDING review has none. */
  submittedAt?: string;
}

export interface FakeGitHub {
  /** The API's root, http://127.0.0.1:PORT: octokit's `baseUrl`. */
  readonly url: string;
  readonly webOrigin: string;
  /** Every request answered, oldest first. */
  readonly requests: readonly RecordedRequest[];
  count(filter?: RequestFilter): number;
  clearRequests(): void;
  fail(spec: FailureSpec): void;
  close(): Promise<void>;
  repo(fullName: string, options?: RepoOptions): void;
  /** Guards `branch` against the API (refs, createCommitOnBranch), not against fake.merge() or a push. */
  protect(repo: string, branch: string, ruleset: RulesetSpec): void;
  /** A ruleset the rulesets API serves. Returns its id. */
  ruleset(repo: string, spec: RulesetJsonSpec): number;
  actionsPermissions(repo: string, settings: ActionsSettings): void;
  /** A workflow, or a change to the one at its path. Returns its id. */
  workflow(repo: string, spec: WorkflowSpec): number;
  addUser(login: string, options?: { type?: UserType; id?: number; association?: AuthorAssociation }): void;
  /** Returns its number. */
  openPullRequest(repo: string, spec: PullRequestSpec): number;
  setPullRequest(repo: string, number: number, patch: PullRequestPatch): void;
  /** Returns the review's id. */
  addReview(repo: string, number: number, spec: ReviewSpec): number;
  dismissReview(repo: string, number: number, reviewId: number, options?: { message?: string; at?: string; actor?: string }): void;
  /** Returns the comment's id. */
  addComment(repo: string, number: number, spec: { user: string; body: string; createdAt?: string; updatedAt?: string }): number;
  editComment(id: number, body: string, at?: string): void;
  /** Returns the event's id. */
  addIssueEvent(repo: string, number: number, spec: { event: string; createdAt?: string; actor?: string; commitId?: string }): number;
  /** A status someone else set. Returns its id. */
  addStatus(
    repo: string,
    sha: string,
    spec: { state: CommitState; context?: string; description?: string; targetUrl?: string; creator?: string; createdAt?: string },
  ): number;
  /** The statuses set on a commit, oldest first, as the API serves them. */
  statuses(repo: string, sha: string): StatusJson[];
  /** A pull request's comments, oldest first, as the API serves them. */
  comments(repo: string, number: number): IssueCommentJson[];
  /** A pull request as GET /repos/{owner}/{repo}/pulls/{pull_number} serves it. */
  pullRequest(repo: string, number: number): PullRequestJson;
  /**
   * Merges an open pull request of a linked repository as GitHub's merge button does, without the
   * ruleset; throws when its head is not in the repository or conflicts with its base.
   */
  merge(repo: string, number: number, spec: MergeSpec): MergeResult;
  /** Returns its number, shared with pull requests. */
  openIssue(repo: string, spec: IssueSpec): number;
  /** The repository's issues (not its pull requests), by number, as GET /repos/{owner}/{repo}/issues/{issue_number} serves them. */
  issues(repo: string): IssueJson[];
}

interface User {
  login: string;
  id: number;
  type: UserType;
  association?: AuthorAssociation;
}

interface Repo {
  id: number;
  owner: string;
  name: string;
  fullName: string;
  defaultBranch: string;
  private: boolean;
  fork: boolean;
  createdAt: string;
  /** The branches of a repository not linked to git. */
  branches: Map<string, string>;
  /** The bare repository a linked repository reads and writes. */
  git: string | undefined;
  rulesets: Map<string, RulesetSpec>;
  /** The rulesets the API serves, by id: fake.ruleset's, and fake.protect's as GitHub would list them. */
  served: Map<number, ServedRuleset>;
  /** The id of fake.protect's served ruleset, by branch. */
  protectedIds: Map<string, number>;
  actions: Required<Omit<ActionsSettings, 'selected'>> & { selected: Required<NonNullable<ActionsSettings['selected']>> };
  workflows: Workflow[];
  pulls: Map<number, Pull>;
  issues: Map<number, Issue>;
  labels: Map<string, Label>;
  nextNumber: number;
  statuses: Status[];
}

interface ServedRuleset {
  id: number;
  spec: RulesetJsonSpec;
  createdAt: string;
}

interface Workflow {
  id: number;
  path: string;
  name: string;
  state: NonNullable<WorkflowSpec['state']>;
  createdAt: string;
  updatedAt: string;
}

interface Label {
  id: number;
  name: string;
  color: string;
}

interface Issue {
  id: number;
  number: number;
  repo: Repo;
  title: string;
  body: string | null;
  author: string;
  labels: string[];
  state: 'open' | 'closed';
  stateReason: 'completed' | 'reopened' | 'not_planned' | null;
  closedAt: string | null;
  closedBy: string | null;
  createdAt: string;
  updatedAt: string;
  comments: Comment[];
  events: IssueEvent[];
}

/** What comments and issue events hang on: an issue or a pull request. */
type Thread = Issue | Pull;

interface Pull {
  id: number;
  number: number;
  repo: Repo;
  title: string;
  body: string | null;
  author: string;
  head: { sha: string; ref: string; repo: Repo };
  base: { sha: string; ref: string };
  /** Every head it had, so that a commit pushed earlier still finds it. */
  heads: string[];
  draft: boolean;
  state: 'open' | 'closed';
  merged: boolean;
  mergedAt: string | null;
  mergedBy: string | null;
  closedAt: string | null;
  mergeCommitSha: string | null;
  createdAt: string;
  updatedAt: string;
  labels: string[];
  /** The commits a merge made on the base branch (fake.merge), which GitHub associates with it. */
  landed: string[];
  reviews: Review[];
  comments: Comment[];
  events: IssueEvent[];
}

interface Review {
  id: number;
  user: string;
  state: ReviewState;
  body: string;
  commitId: string;
  submittedAt: string | undefined;
}

interface Comment {
  id: number;
  thread: Thread;
  user: string;
  body: string;
  createdAt: string;
  updatedAt: string;
}

interface IssueEvent {
  id: number;
  event: string;
  actor: string;
  createdAt: string;
  commitId: string | null;
  extra?: Json;
}

interface Status {
  id: number;
  sha: string;
  state: CommitState;
  context: string;
  description: string | null;
  targetUrl: string | null;
  creator: string;
  createdAt: string;
}

interface Reply {
  status: number;
  json?: unknown;
  headers?: Record<string, string>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Json = {},
  ) {
    super(message);
  }
}

const DOCS = 'https://docs.github.com/rest';
const BOT = 'github-actions[bot]';
const STATES: readonly CommitState[] = ['error', 'failure', 'pending', 'success'];
const SECONDARY = 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.';
const REASONS: Record<number, string> = { 500: 'Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable' };

/** The `*_url` templates of a user and of a repository: name, then the path under its own URL. */
const USER_LINKS =
  'followers:/followers following:/following{/other_user} gists:/gists{/gist_id} starred:/starred{/owner}{/repo} subscriptions:/subscriptions organizations:/orgs repos:/repos events:/events{/privacy} received_events:/received_events';
const REPO_LINKS =
  'archive:/{archive_format}{/ref} assignees:/assignees{/user} blobs:/git/blobs{/sha} branches:/branches{/branch} collaborators:/collaborators{/collaborator} comments:/comments{/number} commits:/commits{/sha} compare:/compare/{base}...{head} contents:/contents/{+path} contributors:/contributors deployments:/deployments downloads:/downloads events:/events forks:/forks git_commits:/git/commits{/sha} git_refs:/git/refs{/sha} git_tags:/git/tags{/sha} hooks:/hooks issue_comment:/issues/comments{/number} issue_events:/issues/events{/number} issues:/issues{/number} keys:/keys{/key_id} labels:/labels{/name} languages:/languages merges:/merges milestones:/milestones{/number} notifications:/notifications{?since,all,participating} pulls:/pulls{/number} releases:/releases{/id} stargazers:/stargazers statuses:/statuses/{sha} subscribers:/subscribers subscription:/subscription tags:/tags teams:/teams trees:/git/trees{/sha}';

function links(base: string, table: string): Json {
  return Object.fromEntries(table.split(' ').map((entry) => [`${entry.slice(0, entry.indexOf(':'))}_url`, base + entry.slice(entry.indexOf(':') + 1)]));
}

/** GitHub writes times to the second, in UTC. */
function iso(time: string | number | Date): string {
  return new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function nodeId(prefix: string, id: number): string {
  return `${prefix}_kwDO${Buffer.from(String(id)).toString('base64url')}`;
}

function matches(pattern: RegExp | string | undefined, pathname: string, path: string): boolean {
  if (pattern === undefined) return true;
  return typeof pattern === 'string' ? pattern === pathname : pattern.test(path);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

// Git, as the fake reads and writes a linked repository: plumbing only, without the user's configuration.
const GIT_ENV = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };

function git(dir: string, args: string[], options: { input?: string | Buffer; env?: Record<string, string> } = {}): string {
  return execFileSync('git', args, {
    cwd: dir,
    encoding: 'utf8',
    env: { ...GIT_ENV, ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
    ...(options.input !== undefined ? { input: options.input } : {}),
  }).replace(/\n$/, '');
}

/** What git prints, or undefined when it exits 1 (no such ref, not an ancestor, a conflict); any other failure is git's own. */
function gitIf(dir: string, args: string[]): string | undefined {
  try {
    return git(dir, args);
  } catch (error) {
    if ((error as { status?: number }).status === 1) return undefined;
    throw error;
  }
}

/** A full commit id: what a commit or a ref names, or undefined. */
function revParse(dir: string, name: string): string | undefined {
  return gitIf(dir, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${name}^{commit}`]);
}

/** Who wrote or committed a commit, and when (an ISO time). */
interface Signer {
  name: string;
  email: string;
  date: string;
}

/** GitHub's own identity, the committer of what it makes (the web-flow user). */
const GITHUB_SIGNER = { name: 'GitHub', email: 'noreply@github.com' };

interface GitCommit {
  tree: string;
  parents: string[];
  author: Signer;
  committer: Signer;
  message: string;
  /** The armoured signature in its gpgsig header, and the object without it: what was signed. */
  signature: string | null;
  payload: string;
}

function gitIdentity(signer: Signer): string {
  return `${signer.name} <${signer.email}> ${Math.floor(Date.parse(signer.date) / 1000)} +0000`;
}

/**
 * Writes a commit object. A signed one carries a gpgsig header as GitHub's web-flow signatures do; the
 * signature is made up (nothing can check it), so the fake remembers which commits it signed.
 */
function writeCommit(dir: string, commit: { tree: string; parents: string[]; author: Signer; committer: Signer; message: string }, signed: boolean): string {
  const headers = [
    `tree ${commit.tree}`,
    ...commit.parents.map((p) => `parent ${p}`),
    `author ${gitIdentity(commit.author)}`,
    `committer ${gitIdentity(commit.committer)}`,
  ];
  const message = commit.message.endsWith('\n') ? commit.message : `${commit.message}\n`;
  if (signed) {
    const digest = createHash('sha256')
      .update(`${headers.join('\n')}\n\n${message}`)
      .digest('base64');
    const armour = ['-----BEGIN PGP SIGNATURE-----', '', `wsBcBAABCAAQBQJ${digest}`, '=FAKE', '-----END PGP SIGNATURE-----'];
    headers.push(`gpgsig ${armour.join('\n ')}`);
  }
  return git(dir, ['hash-object', '-t', 'commit', '-w', '--stdin'], { input: `${headers.join('\n')}\n\n${message}` });
}

function readCommit(dir: string, sha: string): GitCommit {
  const text = git(dir, ['cat-file', 'commit', sha]) + '\n';
  const split = text.indexOf('\n\n');
  const headerLines = text.slice(0, split).split('\n');
  const message = text.slice(split + 2).replace(/\n$/, '');
  const headers: [string, string][] = [];
  for (const line of headerLines) {
    const last = headers.at(-1);
    if (line.startsWith(' ') && last !== undefined) last[1] += `\n${line.slice(1)}`;
    else headers.push([line.slice(0, line.indexOf(' ')), line.slice(line.indexOf(' ') + 1)]);
  }
  const signer = (value: string): Signer => {
    const m = /^(.*) <(.*)> (\d+) [+-]\d{4}$/.exec(value);
    return { name: m?.[1] ?? value, email: m?.[2] ?? '', date: iso(Number(m?.[3] ?? 0) * 1000) };
  };
  const one = (name: string) => headers.find(([key]) => key === name)?.[1] ?? '';
  const signature = headers.find(([key]) => key === 'gpgsig')?.[1] ?? null;
  const unsigned = headers.filter(([key]) => key !== 'gpgsig').map(([key, value]) => `${key} ${value.split('\n').join('\n ')}`);
  return {
    tree: one('tree'),
    parents: headers.filter(([key]) => key === 'parent').map(([, value]) => value),
    author: signer(one('author')),
    committer: signer(one('committer')),
    message,
    signature,
    payload: `${unsigned.join('\n')}\n\n${message}\n`,
  };
}

/**
 * GitHub's answer when a ruleset refuses a change, through REST (422) or GraphQL (HTTP 200, an error
 * of type UNPROCESSABLE): "Repository rule violations found", then each rule broken, each followed by
 * a blank line. GitHub's documentation does not give it; the wording is the one API clients quote:
 * a 422 "Repository rule violations found" on a ref update (Mic92/gitea-mq#91,
 * renovatebot/renovate#44819), "Repository rule violations found Changes must be made through a pull
 * request. - https://docs.github.com/rest/git/refs#update-a-reference" (satisfactory-factories/application#67),
 * a required status as git pushes print it (GH013: `Required status check "X" is expected.`; "is
 * pending." and "is failing." once a status of its context is set), and "Cannot delete this branch"
 * for a deletion. Through GraphQL a ruleset's refusal carries the same message, not classic
 * protection's type BRANCH_PROTECTION_RULE_VIOLATION (Thinkmill/keystatic#1559 and #1598, whose fix
 * matches the message); its type is not quoted anywhere found, and UNPROCESSABLE is the fake's guess.
 */
function ruleViolations(...rules: string[]): string {
  return `Repository rule violations found\n\n${rules.map((rule) => `${rule}\n\n`).join('')}`;
}

/** Starts the fake on 127.0.0.1 on a port the system picks; it never keeps the process alive, and `close()` stops it. */
export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const fake = new FakeGitHubServer(options);
  await fake.listen();
  return fake;
}

/** A route's match: the repository's owner and name, and the number, id or ref after them, decoded. */
interface Where {
  owner: string;
  repo: string;
  arg: string;
}
type Handler = (where: Where, call: Call) => Reply;
interface Call {
  url: URL;
  login: string;
  body: unknown;
}

/** A login's hour of one rate limit: GitHub counts REST (core) and GraphQL apart. */
interface Bucket {
  login: string;
  resource: 'core' | 'graphql';
  used: number;
  reset: number;
}

class FakeGitHubServer implements FakeGitHub {
  url = '';
  readonly webOrigin: string;
  readonly requests: RecordedRequest[] = [];
  // GitHub keeps a connection open for a long idle time; Node's default of 5 s would close a client's
  // kept-alive connection while a slow test step runs, and the client's next request on it would meet
  // ECONNRESET. close() ends every connection anyway.
  readonly #server = Object.assign(
    createServer((req, res) => void this.#serve(req, res).catch(() => res.destroy())),
    { keepAliveTimeout: 120_000 },
  );
  readonly #clock: () => string;
  readonly #tokens: Record<string, string> | undefined;
  readonly #defaultUser: string;
  readonly #limit: number;
  /** What the first hour has used when the fake starts. */
  readonly #startUsed: number;
  readonly #buckets = new Map<string, Bucket>();
  readonly #failures: (FailureSpec & { left: number })[] = [];
  readonly #users = new Map<string, User>();
  readonly #repos = new Map<string, Repo>();
  readonly #comments = new Map<number, Comment>();
  /** The commits GitHub signed: made through createCommitOnBranch, or a merge's merge or squash commit. */
  readonly #signed = new Set<string>();
  #ids = {
    user: 9000,
    repo: 700000,
    issue: 1000000,
    pull: 2000000,
    review: 3000000,
    comment: 4000000,
    event: 5000000,
    status: 6000000,
    label: 7000000,
    ruleset: 8000,
    workflow: 9000000,
  };
  readonly #routes: { method: string; pattern: RegExp; docs: string; handle: Handler }[];

  constructor(options: FakeGitHubOptions) {
    this.webOrigin = (options.webOrigin ?? 'https://github.example').replace(/\/$/, '');
    this.#clock = options.clock ?? (() => new Date().toISOString());
    this.#tokens = options.tokens;
    this.#defaultUser = options.user ?? BOT;
    this.#limit = options.rateLimit?.limit ?? 5000;
    this.#startUsed = this.#limit - (options.rateLimit?.remaining ?? this.#limit);
    this.addUser(BOT, { type: 'Bot', id: 41898282 });
    // GitHub's own account, the committer of the commits it makes and signs.
    this.addUser('web-flow', { id: 19864447 });
    this.addUser(this.#defaultUser);
    for (const login of Object.values(this.#tokens ?? {})) this.addUser(login);
    // The operations served: method and path under /repos/{owner}/{repo}, the page of GitHub's
    // documentation its errors point to, and the handler.
    const route = (what: string, docs: string, handle: Handler) => {
      const [method, path] = what.split(' ') as [string, string];
      return { method, pattern: new RegExp(`^/repos/([^/]+)/([^/]+)${path}$`), docs, handle };
    };
    this.#routes = [
      route('GET ', 'repos/repos#get-a-repository', (m) => ({ status: 200, json: this.#repoJson(this.#repo(m), 'full') })),
      route('GET /pulls', 'pulls/pulls#list-pull-requests', (m, c) => this.#listPulls(this.#repo(m), c.url)),
      route('GET /pulls/(\\d+)', 'pulls/pulls#get-a-pull-request', (m) => ({ status: 200, json: this.#pullJson(this.#pull(m), true) })),
      route('GET /pulls/(\\d+)/reviews', 'pulls/reviews#list-reviews-for-a-pull-request', (m, c) => this.#listReviews(this.#pull(m), c)),
      route('GET /issues', 'issues/issues#list-repository-issues', (m, c) => this.#listIssues(this.#repo(m), c.url)),
      route('POST /issues', 'issues/issues#create-an-issue', (m, c) => this.#createIssue(this.#repo(m), c)),
      route('GET /issues/(\\d+)', 'issues/issues#get-an-issue', (m) => ({ status: 200, json: this.#issueJson(this.#thread(m)) })),
      route('PATCH /issues/(\\d+)', 'issues/issues#update-an-issue', (m, c) => this.#updateIssue(this.#thread(m), c)),
      route('GET /issues/(\\d+)/comments', 'issues/comments#list-issue-comments', (m, c) => this.#listComments(this.#thread(m), c.url)),
      route('POST /issues/(\\d+)/comments', 'issues/comments#create-an-issue-comment', (m, c) => this.#createComment(this.#thread(m), c)),
      route('PATCH /issues/comments/(\\d+)', 'issues/comments#update-an-issue-comment', (m, c) => this.#updateComment(this.#repo(m), Number(m.arg), c)),
      route('GET /issues/(\\d+)/events', 'issues/events#list-issue-events', (m, c) => this.#listEvents(this.#thread(m), c.url)),
      route('POST /statuses/([^/]+)', 'commits/statuses#create-a-commit-status', (m, c) => this.#createStatus(this.#repo(m), m.arg, c)),
      route('GET /commits/([^/]+)/status', 'commits/statuses#get-the-combined-status-for-a-specific-reference', (m, c) =>
        this.#combinedStatus(this.#repo(m), m.arg, c.url),
      ),
      route('GET /commits/([^/]+)/statuses', 'commits/statuses#list-commit-statuses-for-a-reference', (m, c) =>
        this.#listStatuses(this.#repo(m), m.arg, c.url),
      ),
      route('GET /commits/([^/]+)/pulls', 'commits/commits#list-pull-requests-associated-with-a-commit', (m, c) =>
        this.#commitPulls(this.#repo(m), m.arg, c.url),
      ),
      route('GET /commits/([^/]+)', 'commits/commits#get-a-commit', (m) => this.#getCommit(this.#repo(m), m.arg)),
      // A ref's name may hold slashes, escaped (%2F, as octokit sends it) or not.
      route('GET /git/ref/(.+)', 'git/refs#get-a-reference', (m) => this.#getRef(this.#repo(m), m.arg)),
      route('POST /git/refs', 'git/refs#create-a-reference', (m, c) => this.#createRef(this.#repo(m), c)),
      route('PATCH /git/refs/(.+)', 'git/refs#update-a-reference', (m, c) => this.#updateRef(this.#repo(m), m.arg, c)),
      route('DELETE /git/refs/(.+)', 'git/refs#delete-a-reference', (m, c) => this.#deleteRef(this.#repo(m), m.arg, c)),
      route('GET /rules/branches/(.+)', 'repos/rules#get-rules-for-a-branch', (m, c) => this.#branchRules(this.#repo(m), m.arg, c.url)),
      route('GET /rulesets', 'repos/rules#get-all-repository-rulesets', (m, c) =>
        this.#page(
          c.url,
          [...this.#repo(m).served.values()].map((r) => this.#rulesetJson(this.#repo(m), r, false)),
        ),
      ),
      route('GET /rulesets/(\\d+)', 'repos/rules#get-a-repository-ruleset', (m) => {
        const repo = this.#repo(m);
        const ruleset = repo.served.get(Number(m.arg));
        if (ruleset === undefined) throw new HttpError(404, 'Not Found');
        return { status: 200, json: this.#rulesetJson(repo, ruleset, true) };
      }),
      route('GET /actions/permissions', 'actions/permissions#get-github-actions-permissions-for-a-repository', (m) => {
        const repo = this.#repo(m);
        const a = repo.actions;
        return {
          status: 200,
          json: {
            enabled: a.enabled,
            ...(a.enabled ? { allowed_actions: a.allowedActions, sha_pinning_required: a.shaPinningRequired } : {}),
            ...(a.enabled && a.allowedActions === 'selected' ? { selected_actions_url: `${this.#api(repo)}/actions/permissions/selected-actions` } : {}),
          },
        };
      }),
      route('GET /actions/permissions/selected-actions', 'actions/permissions#get-allowed-actions-and-reusable-workflows-for-a-repository', (m) => {
        const s = this.#repo(m).actions.selected;
        return {
          status: 200,
          json: { github_owned_allowed: s.githubOwnedAllowed, verified_allowed: s.verifiedAllowed, patterns_allowed: [...s.patternsAllowed] },
        };
      }),
      route('GET /actions/permissions/workflow', 'actions/permissions#get-default-workflow-permissions-for-a-repository', (m) => {
        const a = this.#repo(m).actions;
        return {
          status: 200,
          json: { default_workflow_permissions: a.defaultWorkflowPermissions, can_approve_pull_request_reviews: a.canApprovePullRequestReviews },
        };
      }),
      route('GET /actions/workflows', 'actions/workflows#list-repository-workflows', (m, c) => {
        const repo = this.#repo(m);
        const listed = repo.workflows.filter((w) => w.state !== 'deleted');
        const page = this.#page(
          c.url,
          listed.map((w) => this.#workflowJson(repo, w)),
        );
        return { ...page, json: { total_count: listed.length, workflows: page.json } };
      }),
      {
        method: 'GET',
        pattern: /^\/users\/([^/]+)$/,
        docs: 'users/users#get-a-user',
        handle: (m) => {
          const user = this.#users.get(m.owner.toLowerCase());
          if (user === undefined) throw new HttpError(404, 'Not Found');
          return { status: 200, json: this.#publicUserJson(user) };
        },
      },
      { method: 'POST', pattern: /^\/graphql$/, docs: 'https://docs.github.com/graphql', handle: (_m, c) => this.#graphql(c) },
    ];
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(0, '127.0.0.1', () => resolve());
    });
    this.#server.unref();
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.#server.close(() => resolve());
      this.#server.closeAllConnections();
    });
  }

  count(filter: RequestFilter = {}): number {
    return this.requests.filter(
      (r) =>
        (filter.method === undefined || r.method === filter.method.toUpperCase()) &&
        matches(filter.path, r.pathname, r.path) &&
        (filter.status === undefined || r.status === filter.status),
    ).length;
  }

  clearRequests(): void {
    this.requests.length = 0;
  }

  fail(spec: FailureSpec): void {
    this.#failures.push({ ...spec, left: spec.times ?? 1 });
  }

  // The state, as tests set it.

  repo(fullName: string, options: RepoOptions = {}): void {
    const [owner, name] = fullName.split('/');
    if (owner === undefined || name === undefined) throw new Error(`${fullName} is not OWNER/NAME`);
    let repo = this.#repos.get(fullName.toLowerCase());
    if (repo === undefined) {
      if (!this.#users.has(owner.toLowerCase())) this.addUser(owner);
      repo = {
        id: ++this.#ids.repo,
        owner,
        name,
        fullName,
        defaultBranch: 'main',
        private: false,
        fork: false,
        createdAt: iso(this.#clock()),
        branches: new Map(),
        git: undefined,
        rulesets: new Map(),
        served: new Map(),
        protectedIds: new Map(),
        actions: {
          enabled: true,
          allowedActions: 'all',
          shaPinningRequired: false,
          selected: { githubOwnedAllowed: true, verifiedAllowed: false, patternsAllowed: [] },
          defaultWorkflowPermissions: 'read',
          canApprovePullRequestReviews: false,
        },
        workflows: [],
        pulls: new Map(),
        issues: new Map(),
        labels: new Map(),
        nextNumber: 1,
        statuses: [],
      };
      this.#repos.set(fullName.toLowerCase(), repo);
    }
    if (options.git !== undefined) {
      repo.git = options.git;
      repo.defaultBranch = gitIf(options.git, ['symbolic-ref', '--quiet', '--short', 'HEAD']) ?? repo.defaultBranch;
    }
    if (options.defaultBranch !== undefined) repo.defaultBranch = options.defaultBranch;
    if (options.private !== undefined) repo.private = options.private;
    for (const [branch, sha] of Object.entries(options.branches ?? {})) this.#setBranch(repo, branch, sha);
  }

  protect(repoName: string, branch: string, ruleset: RulesetSpec): void {
    const repo = this.#known(repoName);
    repo.rulesets.set(branch, { requiredStatus: ruleset.requiredStatus, bypass: [...(ruleset.bypass ?? [])] });
    // As GitHub would list the ruleset DESIGN section 9 asks for: the status from GitHub Actions, no
    // force push, no deletion, its bypass list by account.
    const id = repo.protectedIds.get(branch) ?? ++this.#ids.ruleset;
    repo.protectedIds.set(branch, id);
    repo.served.set(id, {
      id,
      createdAt: repo.served.get(id)?.createdAt ?? iso(this.#clock()),
      spec: {
        name: `Protect ${branch}`,
        include: [`refs/heads/${branch}`],
        rules: [
          {
            type: 'required_status_checks',
            parameters: { strict_required_status_checks_policy: false, required_status_checks: [{ context: ruleset.requiredStatus, integration_id: 15368 }] },
          },
          { type: 'non_fast_forward' },
          { type: 'deletion' },
        ],
        bypass: (ruleset.bypass ?? []).map((login) => {
          const user = this.#user(login);
          return { actor_id: user.id, actor_type: user.type === 'Bot' ? 'Integration' : 'User', bypass_mode: 'always' };
        }),
      },
    });
  }

  ruleset(repoName: string, spec: RulesetJsonSpec): number {
    const repo = this.#known(repoName);
    const id = ++this.#ids.ruleset;
    repo.served.set(id, { id, spec: structuredClone(spec), createdAt: iso(this.#clock()) });
    return id;
  }

  actionsPermissions(repoName: string, settings: ActionsSettings): void {
    const actions = this.#known(repoName).actions;
    const { selected, ...rest } = settings;
    Object.assign(actions, Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)));
    if (selected !== undefined) Object.assign(actions.selected, Object.fromEntries(Object.entries(selected).filter(([, v]) => v !== undefined)));
  }

  workflow(repoName: string, spec: WorkflowSpec): number {
    const repo = this.#known(repoName);
    const at = iso(this.#clock());
    const known = repo.workflows.find((w) => w.path === spec.path);
    if (known !== undefined) {
      known.name = spec.name;
      known.state = spec.state ?? known.state;
      known.updatedAt = at;
      return known.id;
    }
    const workflow: Workflow = { id: ++this.#ids.workflow, path: spec.path, name: spec.name, state: spec.state ?? 'active', createdAt: at, updatedAt: at };
    repo.workflows.push(workflow);
    return workflow.id;
  }

  addUser(login: string, options: { type?: UserType; id?: number; association?: AuthorAssociation } = {}): void {
    this.#addUser(login, options);
  }

  #addUser(login: string, options: { type?: UserType; id?: number; association?: AuthorAssociation }): User {
    const known = this.#users.get(login.toLowerCase());
    const user: User = {
      login,
      id: options.id ?? known?.id ?? ++this.#ids.user,
      type: options.type ?? known?.type ?? (login.endsWith('[bot]') ? 'Bot' : 'User'),
      ...((options.association ?? known?.association) ? { association: options.association ?? known?.association } : {}),
    };
    this.#users.set(login.toLowerCase(), user);
    return user;
  }

  openPullRequest(repoName: string, spec: PullRequestSpec): number {
    const repo = this.#known(repoName);
    const number = spec.number ?? repo.nextNumber;
    if (repo.pulls.has(number) || repo.issues.has(number)) throw new Error(`${repoName}#${number} exists already`);
    repo.nextNumber = Math.max(repo.nextNumber, number + 1);
    let headRepo = repo;
    if (spec.head.repo !== undefined && spec.head.repo.toLowerCase() !== repo.fullName.toLowerCase()) {
      this.repo(spec.head.repo);
      headRepo = this.#known(spec.head.repo);
      headRepo.fork = true;
    }
    this.#user(spec.author);
    const createdAt = iso(spec.createdAt ?? this.#clock());
    // A linked repository's branches are its bare repository's, which the test pushes.
    if (repo.git === undefined) repo.branches.set(spec.base.ref, spec.base.sha);
    if (headRepo.git === undefined) headRepo.branches.set(spec.head.ref, spec.head.sha);
    repo.pulls.set(number, {
      id: ++this.#ids.pull,
      number,
      repo,
      title: spec.title,
      body: spec.body ?? null,
      author: spec.author,
      head: { sha: spec.head.sha, ref: spec.head.ref, repo: headRepo },
      base: { ...spec.base },
      heads: [spec.head.sha],
      draft: spec.draft ?? false,
      state: 'open',
      merged: false,
      mergedAt: null,
      mergedBy: null,
      closedAt: null,
      mergeCommitSha: spec.mergeCommitSha ?? null,
      createdAt,
      updatedAt: createdAt,
      labels: (spec.labels ?? []).map((name) => this.#label(repo, name).name),
      landed: [],
      reviews: [],
      comments: [],
      events: [],
    });
    return number;
  }

  setPullRequest(repoName: string, number: number, patch: PullRequestPatch): void {
    const pull = this.#known(repoName, number);
    const at = iso(patch.at ?? this.#clock());
    const actor = patch.actor ?? pull.author;
    // GitHub records these changes as issue events; so does the fake.
    const event = (name: string, commitId: string | null = null) => pull.events.push({ id: ++this.#ids.event, event: name, actor, createdAt: at, commitId });
    if (patch.title !== undefined) pull.title = patch.title;
    if (patch.body !== undefined) pull.body = patch.body;
    if (patch.mergeCommitSha !== undefined) pull.mergeCommitSha = patch.mergeCommitSha;
    if (patch.baseSha !== undefined) {
      pull.base.sha = patch.baseSha;
      if (pull.repo.git === undefined) pull.repo.branches.set(pull.base.ref, patch.baseSha);
    }
    if (patch.headSha !== undefined && patch.headSha !== pull.head.sha) {
      pull.head.sha = patch.headSha;
      pull.heads.push(patch.headSha);
      if (pull.head.repo.git === undefined) pull.head.repo.branches.set(pull.head.ref, patch.headSha);
    }
    if (patch.draft !== undefined && patch.draft !== pull.draft) {
      pull.draft = patch.draft;
      event(patch.draft ? 'convert_to_draft' : 'ready_for_review');
    }
    if (patch.merged === true && !pull.merged) {
      pull.merged = true;
      pull.mergedAt = at;
      pull.mergedBy = patch.actor ?? pull.repo.owner;
      event('merged', pull.mergeCommitSha);
      patch = { ...patch, state: 'closed' };
    }
    if (patch.state !== undefined && patch.state !== pull.state) {
      pull.state = patch.state;
      pull.closedAt = patch.state === 'closed' ? at : null;
      event(patch.state === 'closed' ? 'closed' : 'reopened');
    }
    pull.updatedAt = at;
  }

  addReview(repoName: string, number: number, spec: ReviewSpec): number {
    const pull = this.#known(repoName, number);
    this.#user(spec.user);
    const submittedAt = spec.state === 'PENDING' ? undefined : iso(spec.submittedAt ?? this.#clock());
    const review: Review = {
      id: ++this.#ids.review,
      user: spec.user,
      state: spec.state,
      body: spec.body ?? '',
      commitId: spec.commitId ?? pull.head.sha,
      submittedAt,
    };
    pull.reviews.push(review);
    if (submittedAt !== undefined) this.#touch(pull, submittedAt);
    return review.id;
  }

  dismissReview(repoName: string, number: number, reviewId: number, options: { message?: string; at?: string; actor?: string } = {}): void {
    const pull = this.#known(repoName, number);
    const review = pull.reviews.find((r) => r.id === reviewId);
    if (review === undefined) throw new Error(`no review ${reviewId} on ${repoName}#${number}`);
    const at = iso(options.at ?? this.#clock());
    pull.events.push({
      id: ++this.#ids.event,
      event: 'review_dismissed',
      actor: options.actor ?? pull.repo.owner,
      createdAt: at,
      commitId: null,
      extra: {
        dismissed_review: {
          state: review.state.toLowerCase(),
          review_id: review.id,
          dismissal_message: options.message ?? null,
          dismissal_commit_id: pull.head.sha,
        },
      },
    });
    review.state = 'DISMISSED';
    this.#touch(pull, at);
  }

  addComment(repoName: string, number: number, spec: { user: string; body: string; createdAt?: string; updatedAt?: string }): number {
    const thread = this.#knownThread(repoName, number);
    this.#user(spec.user);
    const createdAt = iso(spec.createdAt ?? this.#clock());
    const comment: Comment = { id: ++this.#ids.comment, thread, user: spec.user, body: spec.body, createdAt, updatedAt: iso(spec.updatedAt ?? createdAt) };
    thread.comments.push(comment);
    this.#comments.set(comment.id, comment);
    this.#touch(thread, comment.updatedAt);
    return comment.id;
  }

  editComment(id: number, body: string, at?: string): void {
    const comment = this.#comments.get(id);
    if (comment === undefined) throw new Error(`no comment ${id}`);
    comment.body = body;
    comment.updatedAt = iso(at ?? this.#clock());
    this.#touch(comment.thread, comment.updatedAt);
  }

  addIssueEvent(repoName: string, number: number, spec: { event: string; createdAt?: string; actor?: string; commitId?: string }): number {
    const thread = this.#knownThread(repoName, number);
    const id = ++this.#ids.event;
    thread.events.push({
      id,
      event: spec.event,
      actor: spec.actor ?? thread.author,
      createdAt: iso(spec.createdAt ?? this.#clock()),
      commitId: spec.commitId ?? null,
    });
    return id;
  }

  addStatus(
    repoName: string,
    sha: string,
    spec: { state: CommitState; context?: string; description?: string; targetUrl?: string; creator?: string; createdAt?: string },
  ): number {
    const repo = this.#known(repoName);
    const creator = spec.creator ?? this.#defaultUser;
    this.#user(creator);
    const status: Status = {
      id: ++this.#ids.status,
      sha,
      state: spec.state,
      context: spec.context ?? 'default',
      description: spec.description ?? null,
      targetUrl: spec.targetUrl ?? null,
      creator,
      createdAt: iso(spec.createdAt ?? this.#clock()),
    };
    repo.statuses.push(status);
    return status.id;
  }

  statuses(repoName: string, sha: string): StatusJson[] {
    const repo = this.#known(repoName);
    return repo.statuses.filter((s) => s.sha === sha).map((s) => this.#statusJson(repo, s) as unknown as StatusJson);
  }

  comments(repoName: string, number: number): IssueCommentJson[] {
    return this.#knownThread(repoName, number).comments.map((c) => this.#commentJson(c) as unknown as IssueCommentJson);
  }

  pullRequest(repoName: string, number: number): PullRequestJson {
    return this.#pullJson(this.#known(repoName, number), true) as unknown as PullRequestJson;
  }

  openIssue(repoName: string, spec: IssueSpec): number {
    const repo = this.#known(repoName);
    this.#user(spec.author);
    return this.#newIssue(repo, { ...spec, createdAt: iso(spec.createdAt ?? this.#clock()) }).number;
  }

  issues(repoName: string): IssueJson[] {
    const repo = this.#known(repoName);
    return [...repo.issues.values()].sort((a, b) => a.number - b.number).map((i) => this.#issueJson(i) as unknown as IssueJson);
  }

  merge(repoName: string, number: number, spec: MergeSpec): MergeResult {
    const pull = this.#known(repoName, number);
    const repo = pull.repo;
    const dir = this.#gitOf(repo, 'merge a pull request');
    if (pull.state !== 'open') throw new Error(`${repoName}#${number} is ${pull.merged ? 'merged' : 'closed'} already`);
    const before = revParse(dir, `refs/heads/${pull.base.ref}`);
    if (before === undefined) throw new Error(`${repoName} has no branch ${pull.base.ref} to merge #${number} into`);
    const head = pull.head.sha;
    if (revParse(dir, head) !== head) throw new Error(`${repoName}#${number}'s head ${head} is not in ${dir}: push it (pushBranch or updatePullRefs) first`);
    const at = iso(spec.at ?? this.#clock());
    const by = spec.by ?? repo.owner;
    const merger = { ...this.#signer(by), date: at };
    const github = { ...GITHUB_SIGNER, date: at };
    const conflict = () => new Error(`${repoName}#${number} conflicts with ${pull.base.ref}: GitHub would not ${spec.method} it`);
    let commits: string[];
    if (spec.method === 'rebase') {
      commits = this.#rebase(dir, before, head, merger, conflict);
    } else {
      const tree = gitIf(dir, ['merge-tree', '--write-tree', '--no-messages', before, head])?.split('\n', 1)[0];
      if (tree === undefined) throw conflict();
      // GitHub makes and signs merge and squash commits itself (its web-flow key).
      const commit =
        spec.method === 'merge'
          ? {
              tree,
              parents: [before, head],
              author: merger,
              committer: github,
              message: `Merge pull request #${number} from ${pull.head.repo.owner}/${pull.head.ref}\n\n${pull.title}`,
            }
          : {
              tree,
              parents: [before],
              author: { ...this.#signer(pull.author), date: at },
              committer: github,
              message: `${pull.title} (#${number})\n\n${git(dir, ['log', '--reverse', '--format=* %B', `${before}..${head}`]).trim()}`,
            };
      const sha = writeCommit(dir, commit, true);
      this.#signed.add(sha);
      commits = [sha];
    }
    const after = commits.at(-1) ?? before;
    git(dir, ['update-ref', `refs/heads/${pull.base.ref}`, after, before]);
    pull.landed.push(...commits);
    this.setPullRequest(repoName, number, { merged: true, mergeCommitSha: after, at, actor: by });
    return { before, after, commits };
  }

  /**
   * Each commit of `before..head`, oldest first, replayed onto the last, with its author and message;
   * `merger` commits them. A cherry-pick in a temporary worktree: merge-tree, which needs none,
   * takes --merge-base only from git 2.40. GitHub does not sign these: its documentation on
   * commit signature verification says a rebase merge's commits are made from the originals' data
   * and content, so it "didn't truly create" them and cannot sign them.
   */
  #rebase(dir: string, before: string, head: string, merger: Signer, conflict: () => Error): string[] {
    const picks = git(dir, ['rev-list', '--reverse', '--parents', `${before}..${head}`])
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => line.split(' '));
    if (picks.some((ids) => ids.length > 2)) throw new Error(`${head} holds merge commits, which the fake does not rebase`);
    const worktree = mkdtempSync(join(tmpdir(), 'fake-github-rebase-'));
    const env = { GIT_COMMITTER_NAME: merger.name, GIT_COMMITTER_EMAIL: merger.email, GIT_COMMITTER_DATE: merger.date };
    const commits: string[] = [];
    try {
      git(dir, ['worktree', 'add', '--quiet', '--detach', worktree, before]);
      for (const [commit = ''] of picks) {
        try {
          git(worktree, ['cherry-pick', '--allow-empty', '--keep-redundant-commits', commit], { env });
        } catch {
          throw conflict();
        }
        commits.push(git(worktree, ['rev-parse', 'HEAD']));
      }
    } finally {
      gitIf(dir, ['worktree', 'remove', '--force', worktree]);
      rmSync(worktree, { recursive: true, force: true });
      gitIf(dir, ['worktree', 'prune']);
    }
    return commits;
  }

  // Serving.

  async #serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', this.url);
    const text = await readBody(req);
    let body: unknown;
    let reply: Reply;
    try {
      body = text === '' ? undefined : (JSON.parse(text) as unknown);
      reply = this.#answer(method, url, req.headers, body);
    } catch (error) {
      reply =
        error instanceof SyntaxError
          ? { status: 400, json: { message: 'Problems parsing JSON', documentation_url: DOCS, status: '400' } }
          : { status: 500, json: { message: String(error), documentation_url: DOCS, status: '500' } };
    }
    const h = req.headers;
    const headers: RecordedRequest['headers'] = {};
    for (const name of ['authorization', 'accept', 'content-type', 'if-none-match', 'user-agent'] as const) {
      const value = h[name];
      if (typeof value === 'string') headers[name] = value;
    }
    this.requests.push({
      method,
      path: url.pathname + url.search,
      pathname: url.pathname,
      status: reply.status,
      headers,
      ...(body !== undefined ? { body } : {}),
    });
    const out: Record<string, string> = {
      'x-github-api-version-selected': '2022-11-28',
      'x-github-request-id': `FAKE:${this.requests.length}`,
      ...reply.headers,
    };
    if (reply.json === undefined || reply.status === 304) {
      res.writeHead(reply.status, out).end();
      return;
    }
    const json = JSON.stringify(reply.json);
    res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8', 'x-github-media-type': 'github.v3; format=json', ...out }).end(json);
  }

  #answer(method: string, url: URL, headers: IncomingHttpHeaders, body: unknown): Reply {
    const failure = this.#failures.find(
      (f) => f.left > 0 && (f.method === undefined || f.method.toUpperCase() === method) && matches(f.path, url.pathname, url.pathname + url.search),
    );
    const resource = url.pathname === '/graphql' ? 'graphql' : 'core';
    if (failure !== undefined) {
      failure.left--;
      return this.#failure(failure, this.#bucket(this.#loginOf(headers) ?? this.#defaultUser, resource));
    }
    if (headers.authorization === undefined) return error(401, 'Requires authentication', DOCS);
    const login = this.#loginOf(headers);
    if (login === undefined) return error(401, 'Bad credentials', DOCS);
    const bucket = this.#bucket(login, resource);
    const limits = () => this.#limitHeaders(bucket);
    if (bucket.used >= this.#limit) {
      const user = this.#user(login);
      return error(403, `API rate limit exceeded for user ID ${user.id}.`, 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api', limits());
    }
    let reply: Reply;
    let docs = DOCS;
    try {
      const route = this.#routes.find((r) => r.method === method && r.pattern.test(url.pathname));
      const [, owner = '', repo = '', arg = ''] = route?.pattern.exec(url.pathname)?.map(decodeURIComponent) ?? [];
      if (route === undefined) throw new HttpError(404, 'Not Found');
      docs = route.docs.startsWith('https:') ? route.docs : `${DOCS}/${route.docs}`;
      reply = route.handle({ owner, repo, arg }, { url, login, body });
    } catch (thrown) {
      if (!(thrown instanceof HttpError)) throw thrown;
      bucket.used++;
      return error(thrown.status, thrown.message, docs, limits(), thrown.extra);
    }
    if (method === 'GET' && reply.status === 200) {
      const etag = `W/"${createHash('sha256').update(JSON.stringify(reply.json)).digest('hex')}"`;
      reply.headers = { ...reply.headers, etag, vary: 'Accept, Authorization, Cookie, X-GitHub-OTP', 'cache-control': 'private, max-age=60, s-maxage=60' };
      const wanted = (headers['if-none-match'] ?? '').split(',').map((t) => t.trim().replace(/^W\//, ''));
      // A conditional request answered 304 does not count against the rate limit.
      if (wanted.includes(etag.replace(/^W\//, '')) || wanted.includes('*')) return { status: 304, headers: { etag, ...limits() } };
    }
    bucket.used++;
    reply.headers = { ...reply.headers, ...limits() };
    return reply;
  }

  #failure(failure: FailureSpec, bucket: Bucket): Reply {
    const after: Record<string, string> = failure.retryAfter !== undefined ? { 'retry-after': String(failure.retryAfter) } : {};
    if (failure.status >= 500) return error(failure.status, REASONS[failure.status] ?? 'Server Error', DOCS, after);
    if (failure.secondary) {
      return error(
        failure.status,
        `${SECONDARY} If you reach out to GitHub Support for help, please include the request ID FAKE:${this.requests.length + 1}.`,
        'https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
        { ...this.#limitHeaders(bucket), 'retry-after': String(failure.retryAfter ?? 60) },
      );
    }
    if (failure.message !== undefined) return error(failure.status, failure.message, DOCS, this.#limitHeaders(bucket));
    const reset = Math.ceil(Date.now() / 1000) + (failure.retryAfter ?? 60);
    return error(
      failure.status,
      `API rate limit exceeded for user ID ${this.#user(bucket.login).id}.`,
      'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-the-primary-rate-limit',
      { ...this.#limitHeaders(bucket), 'x-ratelimit-remaining': '0', 'x-ratelimit-used': String(this.#limit), 'x-ratelimit-reset': String(reset), ...after },
    );
  }

  #loginOf(headers: IncomingHttpHeaders): string | undefined {
    const token = /^(?:token|bearer)\s+(\S+)$/i.exec(headers.authorization ?? '')?.[1];
    if (token === undefined) return undefined;
    if (this.#tokens === undefined) return this.#defaultUser;
    return this.#tokens[token];
  }

  #bucket(login: string, resource: Bucket['resource']): Bucket {
    const now = Math.floor(Date.now() / 1000);
    const key = `${resource}:${login}`;
    let bucket = this.#buckets.get(key);
    if (bucket === undefined || bucket.reset <= now) {
      bucket = { login, resource, used: bucket === undefined ? this.#startUsed : 0, reset: now + 3600 };
      this.#buckets.set(key, bucket);
    }
    return bucket;
  }

  #limitHeaders(bucket: Bucket): Record<string, string> {
    return {
      'x-ratelimit-limit': String(this.#limit),
      'x-ratelimit-remaining': String(Math.max(0, this.#limit - bucket.used)),
      'x-ratelimit-reset': String(bucket.reset),
      'x-ratelimit-used': String(bucket.used),
      'x-ratelimit-resource': bucket.resource,
    };
  }

  /** One page of `items`, with GitHub's `link` header: per_page 30 by default and at most 100. */
  #page(url: URL, items: unknown[], perPageDefault = 30): Reply {
    const perPageAsked = Number.parseInt(url.searchParams.get('per_page') ?? '', 10);
    const perPage = Number.isNaN(perPageAsked) || perPageAsked < 1 ? perPageDefault : Math.min(perPageAsked, 100);
    const pageAsked = Number.parseInt(url.searchParams.get('page') ?? '', 10);
    const page = Number.isNaN(pageAsked) || pageAsked < 1 ? 1 : pageAsked;
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const to = (n: number) => {
      const link = new URL(url.pathname + url.search, this.url);
      link.searchParams.set('page', String(n));
      return link.href;
    };
    const links: string[] = [];
    if (page > 1) links.push(`<${to(Math.min(page - 1, last))}>; rel="prev"`);
    if (page < last) links.push(`<${to(page + 1)}>; rel="next"`, `<${to(last)}>; rel="last"`);
    if (page > 1) links.push(`<${to(1)}>; rel="first"`);
    return { status: 200, json: items.slice((page - 1) * perPage, page * perPage), headers: links.length > 0 ? { link: links.join(', ') } : {} };
  }

  #listPulls(repo: Repo, url: URL): Reply {
    const state = url.searchParams.get('state') ?? 'open';
    if (!['open', 'closed', 'all'].includes(state)) throw validation('PullRequest', 'state', 'invalid');
    const base = url.searchParams.get('base');
    const head = url.searchParams.get('head');
    const sort = url.searchParams.get('sort') ?? 'created';
    const direction = url.searchParams.get('direction') ?? (sort === 'created' ? 'desc' : 'asc');
    const key = (p: Pull) => (sort === 'updated' ? p.updatedAt : p.createdAt) + String(p.number).padStart(9, '0');
    const pulls = [...repo.pulls.values()]
      .filter(
        (p) =>
          (state === 'all' || p.state === state) && (base === null || p.base.ref === base) && (head === null || `${p.head.repo.owner}:${p.head.ref}` === head),
      )
      .sort((a, b) => (key(a) < key(b) ? -1 : 1) * (direction === 'desc' ? -1 : 1));
    return this.#page(
      url,
      pulls.map((p) => this.#pullJson(p, false)),
    );
  }

  /** A pending review is seen only by its author. */
  #listReviews(pull: Pull, call: Call): Reply {
    const reviews = pull.reviews.filter((r) => r.state !== 'PENDING' || r.user === call.login);
    return this.#page(
      call.url,
      reviews.map((r) => this.#reviewJson(pull, r)),
    );
  }

  #listComments(thread: Thread, url: URL): Reply {
    const since = url.searchParams.get('since');
    const comments = thread.comments.filter((x) => since === null || Date.parse(x.updatedAt) >= Date.parse(since));
    return this.#page(
      url,
      comments.map((x) => this.#commentJson(x)),
    );
  }

  #listEvents(thread: Thread, url: URL): Reply {
    return this.#page(
      url,
      thread.events.map((e) => this.#eventJson(thread.repo, e)),
    );
  }

  #createComment(thread: Thread, call: Call): Reply {
    const body = bodyText(call.body);
    const at = iso(this.#clock());
    const comment: Comment = { id: ++this.#ids.comment, thread, user: call.login, body, createdAt: at, updatedAt: at };
    thread.comments.push(comment);
    this.#comments.set(comment.id, comment);
    this.#touch(thread, at);
    const json = this.#commentJson(comment);
    return { status: 201, json, headers: { location: String(json.url) } };
  }

  #updateComment(repo: Repo, id: number, call: Call): Reply {
    const comment = this.#comments.get(id);
    if (comment === undefined || comment.thread.repo !== repo) throw new HttpError(404, 'Not Found');
    comment.body = bodyText(call.body);
    comment.updatedAt = iso(this.#clock());
    this.#touch(comment.thread, comment.updatedAt);
    return { status: 200, json: this.#commentJson(comment) };
  }

  #createStatus(repo: Repo, ref: string, call: Call): Reply {
    const input = (call.body ?? {}) as Json;
    if (input.state === undefined) throw new HttpError(422, 'Invalid request.\n\n"state" wasn\'t supplied.');
    if (!STATES.includes(input.state as CommitState)) {
      throw new HttpError(422, `Invalid request.\n\nFor 'properties/state', ${JSON.stringify(input.state)} is not one of ${JSON.stringify(STATES)}.`);
    }
    const description = typeof input.description === 'string' ? input.description : null;
    if (description !== null && description.length > 140)
      throw validation('Status', 'description', 'custom', 'description is too long (maximum is 140 characters)');
    const sha = this.#resolve(repo, ref, 422);
    const context = typeof input.context === 'string' ? input.context : 'default';
    if (repo.statuses.filter((s) => s.sha === sha && s.context === context).length >= 1000) {
      throw validation('Status', 'context', 'custom', 'This SHA and context has reached the maximum number of statuses.');
    }
    const status: Status = {
      id: ++this.#ids.status,
      sha,
      state: input.state as CommitState,
      context,
      description,
      targetUrl: typeof input.target_url === 'string' ? input.target_url : null,
      creator: call.login,
      createdAt: iso(this.#clock()),
    };
    repo.statuses.push(status);
    const json = this.#statusJson(repo, status);
    return { status: 201, json, headers: { location: String(json.url) } };
  }

  /** Every status of a commit, the latest first. */
  #listStatuses(repo: Repo, ref: string, url: URL): Reply {
    const sha = this.#resolve(repo, ref, 404);
    const list = repo.statuses.filter((s) => s.sha === sha).reverse();
    return this.#page(
      url,
      list.map((s) => this.#statusJson(repo, s)),
    );
  }

  #combinedStatus(repo: Repo, ref: string, url: URL): Reply {
    const sha = this.#resolve(repo, ref, 404);
    // The latest status of each context, the latest first.
    const latest = new Map<string, Status>();
    for (const s of repo.statuses) if (s.sha === sha) latest.set(s.context, s);
    const statuses = [...latest.values()].sort((a, b) => b.id - a.id);
    const states = new Set(statuses.map((s) => s.state));
    const state = statuses.length === 0 || states.has('pending') ? 'pending' : states.has('error') || states.has('failure') ? 'failure' : 'success';
    const page = this.#page(
      url,
      statuses.map((s) => {
        const { creator: _creator, ...simple } = this.#statusJson(repo, s);
        return simple;
      }),
      100,
    );
    const api = this.#api(repo);
    return {
      ...page,
      json: {
        state,
        statuses: page.json,
        sha,
        total_count: statuses.length,
        repository: this.#repoJson(repo, 'minimal'),
        commit_url: `${api}/commits/${sha}`,
        url: `${api}/commits/${sha}/status`,
      },
    };
  }

  /** GitHub lists the merged pull request that brought a commit to the default branch, or else the open ones that hold it. */
  #commitPulls(repo: Repo, ref: string, url: URL): Reply {
    const sha = this.#resolve(repo, ref, 422);
    const pulls = [...repo.pulls.values()].filter(
      (p) => (p.merged && (p.mergeCommitSha === sha || p.heads.includes(sha) || p.landed.includes(sha))) || (p.state === 'open' && p.heads.includes(sha)),
    );
    return this.#page(
      url,
      pulls.map((p) => this.#pullJson(p, false)),
    );
  }

  #getCommit(repo: Repo, ref: string): Reply {
    const dir = this.#gitOf(repo, 'serve a commit');
    return { status: 200, json: this.#commitJson(repo, dir, this.#resolve(repo, ref, 422)) };
  }

  // Refs. GitHub's messages for the refs API: "Reference already exists", "Object does not exist",
  // "Update is not a fast forward", "Reference does not exist" (each a 422), and a ruleset's refusal.

  /** `heads/BRANCH` or `tags/TAG` → its commit, or undefined. */
  #refTip(repo: Repo, ref: string): string | undefined {
    if (repo.git !== undefined) return gitIf(repo.git, ['rev-parse', '--verify', '--quiet', '--end-of-options', `refs/${ref}`]);
    return ref.startsWith('heads/') ? repo.branches.get(ref.slice('heads/'.length)) : undefined;
  }

  #setBranch(repo: Repo, branch: string, sha: string | null, was?: string): void {
    if (repo.git === undefined) {
      if (sha === null) repo.branches.delete(branch);
      else repo.branches.set(branch, sha);
    } else if (sha === null) git(repo.git, ['update-ref', '-d', `refs/heads/${branch}`, ...(was !== undefined ? [was] : [])]);
    else git(repo.git, ['update-ref', `refs/heads/${branch}`, sha, ...(was !== undefined ? [was] : [])]);
  }

  /** Whether `sha` is a commit the repository holds (any full id, in one not linked to git). */
  #holds(repo: Repo, sha: string): boolean {
    if (!/^[0-9a-f]{40}$/i.test(sha)) return false;
    return repo.git === undefined || revParse(repo.git, sha) === sha.toLowerCase();
  }

  /**
   * Why the ruleset on `branch` refuses to move it to `sha` for `login`, or undefined: the required
   * status's latest state on `sha` set by github-actions[bot] (a status another account set is not the
   * one the ruleset expects, and GitHub keeps waiting for it).
   */
  #refusal(repo: Repo, branch: string, sha: string, login: string): string | undefined {
    const ruleset = repo.rulesets.get(branch);
    if (ruleset === undefined || ruleset.bypass?.some((b) => b.toLowerCase() === login.toLowerCase())) return undefined;
    const latest = repo.statuses.filter((s) => s.sha === sha && s.context === ruleset.requiredStatus && s.creator.toLowerCase() === BOT).at(-1);
    if (latest?.state === 'success') return undefined;
    const state = latest === undefined ? 'is expected' : latest.state === 'pending' ? 'is pending' : 'is failing';
    return ruleViolations(`Required status check "${ruleset.requiredStatus}" ${state}.`);
  }

  #getRef(repo: Repo, ref: string): Reply {
    const sha = this.#refTip(repo, ref);
    if (sha === undefined) throw new HttpError(404, 'Not Found');
    return { status: 200, json: this.#refJson(repo, `refs/${ref}`, sha) };
  }

  #createRef(repo: Repo, call: Call): Reply {
    const input = (call.body ?? {}) as Json;
    for (const field of ['ref', 'sha']) if (typeof input[field] !== 'string') throw new HttpError(422, `Invalid request.\n\n"${field}" wasn't supplied.`);
    const ref = String(input.ref);
    const sha = String(input.sha).toLowerCase();
    // GitHub's documentation: a ref not starting with refs and holding two slashes is refused.
    if (!/^refs\/[^/]+\/.+/.test(ref)) throw new HttpError(422, 'Reference name is not valid');
    if (this.#refTip(repo, ref.slice('refs/'.length)) !== undefined) throw new HttpError(422, 'Reference already exists');
    if (!this.#holds(repo, sha)) throw new HttpError(422, 'Object does not exist');
    const branch = ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : undefined;
    const refused = branch === undefined ? undefined : this.#refusal(repo, branch, sha, call.login);
    if (refused !== undefined) throw new HttpError(422, refused);
    if (branch !== undefined) this.#setBranch(repo, branch, sha);
    else git(this.#gitOf(repo, 'create a tag'), ['update-ref', ref, sha, '']);
    const json = this.#refJson(repo, ref, sha);
    return { status: 201, json, headers: { location: String(json.url) } };
  }

  #updateRef(repo: Repo, ref: string, call: Call): Reply {
    const input = (call.body ?? {}) as Json;
    if (typeof input.sha !== 'string') throw new HttpError(422, 'Invalid request.\n\n"sha" wasn\'t supplied.');
    const sha = input.sha.toLowerCase();
    const tip = this.#refTip(repo, ref);
    if (tip === undefined || !ref.startsWith('heads/')) throw new HttpError(422, 'Reference does not exist');
    if (!this.#holds(repo, sha)) throw new HttpError(422, 'Object does not exist');
    if (input.force !== true && tip !== sha) {
      const dir = this.#gitOf(repo, 'tell a fast-forward');
      if (gitIf(dir, ['merge-base', '--is-ancestor', tip, sha]) === undefined) throw new HttpError(422, 'Update is not a fast forward');
    }
    const branch = ref.slice('heads/'.length);
    const refused = this.#refusal(repo, branch, sha, call.login);
    if (refused !== undefined) throw new HttpError(422, refused);
    this.#setBranch(repo, branch, sha, tip);
    return { status: 200, json: this.#refJson(repo, `refs/${ref}`, sha) };
  }

  #deleteRef(repo: Repo, ref: string, call: Call): Reply {
    const tip = this.#refTip(repo, ref);
    if (tip === undefined || !ref.startsWith('heads/')) throw new HttpError(422, 'Reference does not exist');
    const branch = ref.slice('heads/'.length);
    const ruleset = repo.rulesets.get(branch);
    if (ruleset !== undefined && !ruleset.bypass?.some((b) => b.toLowerCase() === call.login.toLowerCase())) {
      throw new HttpError(422, ruleViolations('Cannot delete this branch'));
    }
    this.#setBranch(repo, branch, null, tip);
    return { status: 204 };
  }

  // GraphQL: createCommitOnBranch, the one mutation served.

  #graphql(call: Call): Reply {
    const { query, variables } = (call.body ?? {}) as { query?: unknown; variables?: Record<string, unknown> };
    if (typeof query !== 'string') return { status: 200, json: { errors: [{ message: 'A query attribute must be specified and must be a string.' }] } };
    const found = /createCommitOnBranch\s*\(\s*input\s*:\s*\$(\w+)\s*\)\s*\{/.exec(query);
    if (found === null) return { status: 200, json: { errors: [{ message: 'The fake GitHub serves only createCommitOnBranch(input: $input) of GraphQL' }] } };
    const before = query.slice(0, found.index);
    const locations = [{ line: before.split('\n').length, column: found.index - before.lastIndexOf('\n') }];
    let selections: Selection[];
    try {
      selections = parseSelections(tokenize(query.slice(found.index + found[0].length - 1)), { at: 0 });
    } catch {
      return { status: 200, json: { errors: [{ message: 'Parse error in the query', locations }] } };
    }
    const variable = found[1] ?? 'input';
    const input = (variables?.[variable] ?? null) as CommitInput | null;
    const missing = [
      ['branch', input?.branch?.branchName !== undefined && input.branch.repositoryNameWithOwner !== undefined],
      ['message', typeof input?.message?.headline === 'string'],
      ['expectedHeadOid', typeof input?.expectedHeadOid === 'string'],
    ].find(([, given]) => !given)?.[0];
    if (missing !== undefined || input === null) {
      const message = `Variable $${variable} of type CreateCommitOnBranchInput! was provided invalid value for ${String(missing ?? 'branch')} (Expected value to not be null)`;
      return { status: 200, json: { errors: [{ message, locations: [{ line: 1, column: 1 }] }] } };
    }
    // GitHub checks the selection against its schema before it runs anything.
    const shape = project(this.#commitPayload(undefined, '', '0'.repeat(40), null), 'CreateCommitOnBranchPayload', selections);
    if (shape.errors.length > 0) return { status: 200, json: { errors: shape.errors.map((message) => ({ message, locations })) } };
    const refuse = (type: string, message: string): Reply => ({
      status: 200,
      json: { data: { createCommitOnBranch: null }, errors: [{ type, path: ['createCommitOnBranch'], locations, message }] },
    });
    const { branch, message, expectedHeadOid, fileChanges, clientMutationId } = input;
    const repo = this.#repos.get(String(branch.repositoryNameWithOwner).toLowerCase());
    if (repo === undefined) return refuse('NOT_FOUND', `Could not resolve to a Repository with the name '${String(branch.repositoryNameWithOwner)}'.`);
    const dir = this.#gitOf(repo, 'make a commit');
    const name = String(branch.branchName).replace(/^refs\/heads\//, '');
    const tip = revParse(dir, `refs/heads/${name}`);
    // Not checked against GitHub: its type for a missing branch is NOT_FOUND, the wording the fake's.
    if (tip === undefined) return refuse('NOT_FOUND', `Could not resolve to a Ref named "refs/heads/${name}".`);
    if (expectedHeadOid.toLowerCase() !== tip)
      return refuse('STALE_DATA', `Expected branch to point to "${expectedHeadOid}" but it did not. Pull and try again.`);
    const at = iso(this.#clock());
    const tree = writeTree(dir, readCommit(dir, tip).tree, fileChanges ?? {});
    const text = message.body ? `${message.headline}\n\n${message.body}` : message.headline;
    // GitHub authors the commit as the token's account and commits and signs it as itself (web-flow):
    // peter-evans/create-pull-request#1609 and ad-m/github-push-action#35 show the committer of a
    // commit made with a GITHUB_TOKEN is "GitHub <noreply@github.com>".
    const sha = writeCommit(
      dir,
      { tree, parents: [tip], author: { ...this.#signer(call.login), date: at }, committer: { ...GITHUB_SIGNER, date: at }, message: text },
      true,
    );
    const refused = this.#refusal(repo, name, sha, call.login);
    if (refused !== undefined) return refuse('UNPROCESSABLE', refused);
    git(dir, ['update-ref', `refs/heads/${name}`, sha, tip]);
    this.#signed.add(sha);
    const payload = project(this.#commitPayload(repo, name, sha, clientMutationId ?? null), 'CreateCommitOnBranchPayload', selections);
    return { status: 200, json: { data: { createCommitOnBranch: payload.value } } };
  }

  /** What createCommitOnBranch can answer, with each object's GraphQL type. */
  #commitPayload(repo: Repo | undefined, branch: string, sha: string, clientMutationId: string | null): GraphqlObject {
    const commit = repo?.git === undefined ? undefined : readCommit(repo.git, sha);
    const web = repo === undefined ? this.webOrigin : `${this.webOrigin}/${repo.fullName}`;
    const [headline = '', ...rest] = (commit?.message ?? '').split('\n');
    return {
      __typename: 'CreateCommitOnBranchPayload',
      clientMutationId,
      commit: {
        __typename: 'Commit',
        id: nodeIdOf('C', sha),
        oid: sha,
        abbreviatedOid: sha.slice(0, 7),
        url: `${web}/commit/${sha}`,
        commitUrl: `${web}/commit/${sha}`,
        resourcePath: `${web.slice(this.webOrigin.length)}/commit/${sha}`,
        message: commit?.message ?? '',
        messageHeadline: headline,
        messageBody: rest.join('\n').trim(),
        committedDate: commit?.committer.date ?? '',
        authoredDate: commit?.author.date ?? '',
        tree: { __typename: 'Tree', oid: commit?.tree ?? '' },
        signature: {
          __typename: 'GpgSignature',
          isValid: true,
          state: 'VALID',
          wasSignedByGitHub: true,
          signature: commit?.signature ?? '',
          payload: commit?.payload ?? '',
        },
      },
      ref: {
        __typename: 'Ref',
        id: nodeIdOf('REF', `${repo?.id ?? 0}:refs/heads/${branch}`),
        name: branch,
        prefix: 'refs/heads/',
        target: { __typename: 'Commit', oid: sha },
      },
    };
  }

  // Issues, which share their numbers with pull requests; GitHub lists both, a pull request with `pull_request`.

  #listIssues(repo: Repo, url: URL): Reply {
    const state = url.searchParams.get('state') ?? 'open';
    if (!['open', 'closed', 'all'].includes(state)) throw validation('Issue', 'state', 'invalid');
    const wanted = (url.searchParams.get('labels') ?? '')
      .split(',')
      .map((name) => name.trim().toLowerCase())
      .filter((name) => name !== '');
    const since = url.searchParams.get('since');
    const sort = url.searchParams.get('sort') ?? 'created';
    const direction = url.searchParams.get('direction') ?? 'desc';
    const key = (t: Thread) =>
      (sort === 'updated' ? t.updatedAt : sort === 'comments' ? String(t.comments.length).padStart(9, '0') : t.createdAt) + String(t.number).padStart(9, '0');
    const threads = [...repo.issues.values(), ...repo.pulls.values()]
      .filter(
        (t) =>
          (state === 'all' || t.state === state) &&
          wanted.every((name) => t.labels.some((label) => label.toLowerCase() === name)) &&
          (since === null || Date.parse(t.updatedAt) >= Date.parse(since)),
      )
      .sort((a, b) => (key(a) < key(b) ? -1 : 1) * (direction === 'desc' ? -1 : 1));
    return this.#page(
      url,
      threads.map((t) => this.#issueJson(t)),
    );
  }

  #createIssue(repo: Repo, call: Call): Reply {
    const input = (call.body ?? {}) as Json;
    // GitHub takes a number for a title too.
    const title = typeof input.title === 'string' || typeof input.title === 'number' ? String(input.title) : '';
    if (title === '') throw validation('Issue', 'title', 'missing_field');
    const issue = this.#newIssue(repo, {
      title,
      body: typeof input.body === 'string' ? input.body : null,
      author: call.login,
      labels: labelNames(input.labels),
      createdAt: iso(this.#clock()),
    });
    const json = this.#issueJson(issue);
    return { status: 201, json, headers: { location: String(json.url) } };
  }

  #newIssue(repo: Repo, spec: IssueSpec & { createdAt: string }): Issue {
    const number = repo.nextNumber++;
    const issue: Issue = {
      id: ++this.#ids.issue,
      number,
      repo,
      title: spec.title,
      body: spec.body ?? null,
      author: spec.author,
      labels: (spec.labels ?? []).map((name) => this.#label(repo, name).name),
      state: 'open',
      stateReason: null,
      closedAt: null,
      closedBy: null,
      createdAt: spec.createdAt,
      updatedAt: spec.createdAt,
      comments: [],
      events: [],
    };
    repo.issues.set(number, issue);
    return issue;
  }

  /** Title, body, state and labels (replaced), of an issue or of a pull request. */
  #updateIssue(thread: Thread, call: Call): Reply {
    const input = (call.body ?? {}) as Json;
    if (input.state !== undefined && input.state !== 'open' && input.state !== 'closed') throw validation('Issue', 'state', 'invalid');
    const at = iso(this.#clock());
    if (input.labels !== undefined) thread.labels = labelNames(input.labels).map((name) => this.#label(thread.repo, name).name);
    if ('head' in thread) {
      this.setPullRequest(thread.repo.fullName, thread.number, {
        ...(typeof input.title === 'string' ? { title: input.title } : {}),
        ...(input.body !== undefined ? { body: typeof input.body === 'string' ? input.body : null } : {}),
        ...(input.state !== undefined ? { state: input.state } : {}),
        at,
        actor: call.login,
      });
    } else {
      if (typeof input.title === 'string') thread.title = input.title;
      if (input.body !== undefined) thread.body = typeof input.body === 'string' ? input.body : null;
      if (input.state !== undefined && input.state !== thread.state) {
        const closed = input.state === 'closed';
        thread.state = closed ? 'closed' : 'open';
        thread.closedAt = closed ? at : null;
        thread.closedBy = closed ? call.login : null;
        thread.stateReason = closed ? ((input.state_reason as Issue['stateReason'] | undefined) ?? 'completed') : 'reopened';
        thread.events.push({ id: ++this.#ids.event, event: closed ? 'closed' : 'reopened', actor: call.login, createdAt: at, commitId: null });
      }
      thread.updatedAt = at;
    }
    return { status: 200, json: this.#issueJson(thread) };
  }

  /**
   * A ref as a commit id: a branch (or heads/BRANCH), or a commit's id or a unique prefix of it (7
   * digits at least). In a repository not linked to git, the commits known are the ones the fake was
   * told of, and any full id is one.
   */
  #resolve(repo: Repo, ref: string, status: 404 | 422): string {
    const name = decodeURIComponent(ref).replace(/^(?:refs\/)?heads\//, '');
    if (repo.git !== undefined) {
      const found = revParse(repo.git, `refs/heads/${name}`) ?? (/^[0-9a-f]{7,40}$/i.test(name) ? revParse(repo.git, name.toLowerCase()) : undefined);
      if (found !== undefined) return found;
      throw new HttpError(status, `No commit found for SHA: ${name}`);
    }
    const branch = repo.branches.get(name);
    if (branch !== undefined) return branch;
    if (/^[0-9a-f]{40}$/i.test(name)) return name.toLowerCase();
    if (/^[0-9a-f]{7,39}$/i.test(name)) {
      const known = new Set([
        ...repo.branches.values(),
        ...[...repo.pulls.values()].flatMap((p) => [...p.heads, p.base.sha]),
        ...repo.statuses.map((s) => s.sha),
      ]);
      const [found, ...others] = [...known].filter((sha) => sha.startsWith(name.toLowerCase()));
      if (found !== undefined && others.length === 0) return found;
    }
    throw new HttpError(status, `No commit found for SHA: ${name}`);
  }

  // Lookups.

  #repo(m: Where): Repo {
    const repo = this.#repos.get(`${m.owner}/${m.repo}`.toLowerCase());
    if (repo === undefined) throw new HttpError(404, 'Not Found');
    return repo;
  }

  #pull(m: Where): Pull {
    const pull = this.#repo(m).pulls.get(Number(m.arg));
    if (pull === undefined) throw new HttpError(404, 'Not Found');
    return pull;
  }

  /** An issue or a pull request. */
  #thread(m: Where): Thread {
    const repo = this.#repo(m);
    const thread = repo.pulls.get(Number(m.arg)) ?? repo.issues.get(Number(m.arg));
    if (thread === undefined) throw new HttpError(404, 'Not Found');
    return thread;
  }

  #knownThread(repoName: string, number: number): Thread {
    const repo = this.#known(repoName);
    const thread = repo.pulls.get(number) ?? repo.issues.get(number);
    if (thread === undefined) throw new Error(`no issue or pull request ${repoName}#${number}`);
    return thread;
  }

  /** The bare repository of a linked repository; what needs one and has none is the test's mistake, said as such. */
  #gitOf(repo: Repo, what: string): string {
    if (repo.git === undefined)
      throw new Error(`the fake cannot ${what} in ${repo.fullName}: link it to a bare repository with fake.repo('${repo.fullName}', { git })`);
    return repo.git;
  }

  /** An account as the author of a commit GitHub makes: its login and its noreply address. */
  #signer(login: string): { name: string; email: string } {
    const user = this.#user(login);
    return { name: user.login, email: `${user.id}+${user.login}@users.noreply.github.com` };
  }

  /** The account a commit's address belongs to, as GitHub links it: a noreply address, or GitHub's own. */
  #accountOf(email: string): Json | null {
    if (email.toLowerCase() === GITHUB_SIGNER.email) return this.#userJson('web-flow');
    const login = /^(?:\d+\+)?([^@]+)@users\.noreply\.github\.com$/i.exec(email)?.[1];
    const user = login === undefined ? undefined : this.#users.get(login.toLowerCase());
    return user === undefined ? null : this.#userJson(user.login);
  }

  /** A repository's label, made on first use as GitHub makes one an issue names. */
  #label(repo: Repo, name: string): Label {
    let label = repo.labels.get(name.toLowerCase());
    if (label === undefined) {
      label = { id: ++this.#ids.label, name, color: 'ededed' };
      repo.labels.set(name.toLowerCase(), label);
    }
    return label;
  }

  #known(repoName: string): Repo;
  #known(repoName: string, number: number): Pull;
  #known(repoName: string, number?: number): Repo | Pull {
    const repo = this.#repos.get(repoName.toLowerCase());
    if (repo === undefined) throw new Error(`no repository ${repoName}: call fake.repo('${repoName}') first`);
    if (number === undefined) return repo;
    const pull = repo.pulls.get(number);
    if (pull === undefined) throw new Error(`no pull request ${repoName}#${number}`);
    return pull;
  }

  #user(login: string): User {
    return this.#users.get(login.toLowerCase()) ?? this.#addUser(login, {});
  }

  /** GitHub moves an issue's or a pull request's updated_at with every comment and review. */
  #touch(thread: Thread, at: string): void {
    if (Date.parse(at) > Date.parse(thread.updatedAt)) thread.updatedAt = at;
  }

  // Shapes, as GitHub serves them: the fields its OpenAPI description requires, and the ones the gate reads.

  #api(repo: Repo): string {
    return `${this.url}/repos/${repo.fullName}`;
  }

  #userJson(login: string): Json {
    const user = this.#user(login);
    const api = `${this.url}/users/${encodeURIComponent(user.login)}`;
    return {
      login: user.login,
      id: user.id,
      node_id: nodeId(user.type === 'Bot' ? 'BOT' : user.type === 'Organization' ? 'O' : 'U', user.id),
      avatar_url: `https://avatars.githubusercontent.example/u/${user.id}?v=4`,
      gravatar_id: '',
      url: api,
      html_url: user.type === 'Bot' ? `${this.webOrigin}/apps/${encodeURIComponent(user.login.replace(/\[bot\]$/, ''))}` : `${this.webOrigin}/${user.login}`,
      ...links(api, USER_LINKS),
      type: user.type,
      user_view_type: 'public',
      site_admin: false,
    };
  }

  /** A user as GET /users/{username} serves it to someone else: the public profile. */
  #publicUserJson(user: User): Json {
    const at = '2020-01-01T00:00:00Z';
    return {
      ...this.#userJson(user.login),
      name: null,
      company: null,
      blog: '',
      location: null,
      email: null,
      hireable: null,
      bio: null,
      twitter_username: null,
      public_repos: [...this.#repos.values()].filter((r) => r.owner.toLowerCase() === user.login.toLowerCase() && !r.private).length,
      public_gists: 0,
      followers: 0,
      following: 0,
      created_at: at,
      updated_at: at,
    };
  }

  /** A ruleset as GitHub serves it: in full by its id, without its rules, conditions and bypass list in the list of all. */
  #rulesetJson(repo: Repo, ruleset: ServedRuleset, full: boolean): Json {
    const api = `${this.#api(repo)}/rulesets/${ruleset.id}`;
    const summary: Json = {
      id: ruleset.id,
      name: ruleset.spec.name ?? `Ruleset ${ruleset.id}`,
      target: 'branch',
      source_type: 'Repository',
      source: repo.fullName,
      enforcement: ruleset.spec.enforcement ?? 'active',
      node_id: nodeId('RRS', ruleset.id),
      _links: { self: { href: api }, html: { href: `${this.webOrigin}/${repo.fullName}/rules/${ruleset.id}` } },
      created_at: ruleset.createdAt,
      updated_at: ruleset.createdAt,
    };
    if (!full) return summary;
    return {
      ...summary,
      bypass_actors: (ruleset.spec.bypass ?? []).map((b) => ({ actor_id: b.actor_id, actor_type: b.actor_type, bypass_mode: b.bypass_mode ?? 'always' })),
      current_user_can_bypass: 'never',
      conditions: { ref_name: { include: ruleset.spec.include ?? ['~DEFAULT_BRANCH'], exclude: ruleset.spec.exclude ?? [] } },
      rules: ruleset.spec.rules.map((r) => ({ ...r })),
    };
  }

  /** The rules of every active ruleset whose conditions take the branch, each with its ruleset. */
  #branchRules(repo: Repo, branch: string, url: URL): Reply {
    const ref = `refs/heads/${branch}`;
    const takes = (pattern: string) =>
      pattern === '~ALL' ||
      (pattern === '~DEFAULT_BRANCH' && branch === repo.defaultBranch) ||
      new RegExp(
        `^${pattern
          .split(/(\*\*|\*)/)
          .map((part) => (part === '**' ? '.*' : part === '*' ? '[^/]*' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
          .join('')}$`,
      ).test(pattern.startsWith('refs/') ? ref : branch);
    const rules = [...repo.served.values()]
      .filter((r) => (r.spec.enforcement ?? 'active') === 'active')
      .filter((r) => (r.spec.include ?? ['~DEFAULT_BRANCH']).some(takes) && !(r.spec.exclude ?? []).some(takes))
      .flatMap((r) => r.spec.rules.map((rule) => ({ ...rule, ruleset_source_type: 'Repository', ruleset_source: repo.fullName, ruleset_id: r.id })));
    return this.#page(url, rules);
  }

  #workflowJson(repo: Repo, w: Workflow): Json {
    const file = w.path.split('/').pop() ?? w.path;
    return {
      id: w.id,
      node_id: nodeId('W', w.id),
      name: w.name,
      path: w.path,
      state: w.state,
      created_at: w.createdAt,
      updated_at: w.updatedAt,
      url: `${this.#api(repo)}/actions/workflows/${w.id}`,
      html_url: `${this.webOrigin}/${repo.fullName}/blob/${repo.defaultBranch}/${w.path}`,
      badge_url: `${this.webOrigin}/${repo.fullName}/workflows/${encodeURIComponent(file)}/badge.svg`,
    };
  }

  #association(repo: Repo, login: string): AuthorAssociation {
    if (login.toLowerCase() === repo.owner.toLowerCase()) return 'OWNER';
    return this.#user(login).association ?? 'NONE';
  }

  #repoJson(repo: Repo, kind: 'minimal' | 'repository' | 'full'): Json {
    const api = this.#api(repo);
    const web = `${this.webOrigin}/${repo.fullName}`;
    const minimal: Json = {
      id: repo.id,
      node_id: nodeId('R', repo.id),
      name: repo.name,
      full_name: repo.fullName,
      owner: this.#userJson(repo.owner),
      private: repo.private,
      html_url: web,
      description: null,
      fork: repo.fork,
      url: api,
      ...links(api, REPO_LINKS),
    };
    if (kind === 'minimal') return minimal;
    const host = new URL(this.webOrigin).host;
    const open = [...repo.pulls.values()].filter((p) => p.state === 'open').length;
    const repository: Json = {
      ...minimal,
      created_at: repo.createdAt,
      updated_at: repo.createdAt,
      pushed_at: repo.createdAt,
      git_url: `git://${host}/${repo.fullName}.git`,
      ssh_url: `git@${host}:${repo.fullName}.git`,
      clone_url: `${web}.git`,
      svn_url: web,
      homepage: null,
      size: 0,
      stargazers_count: 0,
      watchers_count: 0,
      language: null,
      has_issues: true,
      has_projects: true,
      has_downloads: true,
      has_wiki: true,
      has_pages: false,
      has_discussions: false,
      forks_count: 0,
      mirror_url: null,
      archived: false,
      disabled: false,
      open_issues_count: open,
      license: null,
      allow_forking: true,
      is_template: false,
      web_commit_signoff_required: false,
      topics: [],
      visibility: repo.private ? 'private' : 'public',
      forks: 0,
      open_issues: open,
      watchers: 0,
      default_branch: repo.defaultBranch,
    };
    if (kind === 'repository') return repository;
    return { ...repository, network_count: 0, subscribers_count: 0 };
  }

  #pullJson(pull: Pull, full: boolean): Json {
    const repo = pull.repo;
    const api = this.#api(repo);
    const web = `${this.webOrigin}/${repo.fullName}/pull/${pull.number}`;
    const side = (ref: string, sha: string, of: Repo) => ({
      label: `${of.owner}:${ref}`,
      ref,
      sha,
      user: this.#userJson(of.owner),
      repo: this.#repoJson(of, 'repository'),
    });
    const links = {
      self: { href: `${api}/pulls/${pull.number}` },
      html: { href: web },
      issue: { href: `${api}/issues/${pull.number}` },
      comments: { href: `${api}/issues/${pull.number}/comments` },
      review_comments: { href: `${api}/pulls/${pull.number}/comments` },
      review_comment: { href: `${api}/pulls/comments{/number}` },
      commits: { href: `${api}/pulls/${pull.number}/commits` },
      statuses: { href: `${api}/statuses/${pull.head.sha}` },
    };
    const simple: Json = {
      url: links.self.href,
      id: pull.id,
      node_id: nodeId('PR', pull.id),
      html_url: web,
      diff_url: `${web}.diff`,
      patch_url: `${web}.patch`,
      issue_url: links.issue.href,
      number: pull.number,
      state: pull.state,
      locked: false,
      title: pull.title,
      user: this.#userJson(pull.author),
      body: pull.body,
      created_at: pull.createdAt,
      updated_at: pull.updatedAt,
      closed_at: pull.closedAt,
      merged_at: pull.mergedAt,
      merge_commit_sha: pull.mergeCommitSha,
      assignee: null,
      assignees: [],
      requested_reviewers: [],
      requested_teams: [],
      labels: pull.labels.map((name) => this.#labelJson(repo, name)),
      milestone: null,
      draft: pull.draft,
      commits_url: links.commits.href,
      review_comments_url: links.review_comments.href,
      review_comment_url: links.review_comment.href,
      comments_url: links.comments.href,
      statuses_url: links.statuses.href,
      head: side(pull.head.ref, pull.head.sha, pull.head.repo),
      base: side(pull.base.ref, pull.base.sha, repo),
      _links: links,
      author_association: this.#association(repo, pull.author),
      auto_merge: null,
      active_lock_reason: null,
    };
    if (!full) return simple;
    // GitHub works out mergeability in the background: the first read of a pull request says null.
    return {
      ...simple,
      merged: pull.merged,
      mergeable: null,
      rebaseable: null,
      mergeable_state: 'unknown',
      merged_by: pull.mergedBy === null ? null : this.#userJson(pull.mergedBy),
      comments: pull.comments.length,
      review_comments: 0,
      maintainer_can_modify: false,
      commits: 1,
      additions: 0,
      deletions: 0,
      changed_files: 0,
    };
  }

  #reviewJson(pull: Pull, review: Review): Json {
    const api = this.#api(pull.repo);
    const html = `${this.webOrigin}/${pull.repo.fullName}/pull/${pull.number}#pullrequestreview-${review.id}`;
    return {
      id: review.id,
      node_id: nodeId('PRR', review.id),
      user: this.#userJson(review.user),
      body: review.body,
      state: review.state,
      html_url: html,
      pull_request_url: `${api}/pulls/${pull.number}`,
      author_association: this.#association(pull.repo, review.user),
      _links: { html: { href: html }, pull_request: { href: `${api}/pulls/${pull.number}` } },
      ...(review.submittedAt !== undefined ? { submitted_at: review.submittedAt } : {}),
      commit_id: review.commitId,
    };
  }

  #commentJson(comment: Comment): Json {
    const { thread } = comment;
    const api = this.#api(thread.repo);
    const url = `${api}/issues/comments/${comment.id}`;
    return {
      url,
      html_url: `${this.#threadWeb(thread)}#issuecomment-${comment.id}`,
      issue_url: `${api}/issues/${thread.number}`,
      id: comment.id,
      node_id: nodeId('IC', comment.id),
      user: this.#userJson(comment.user),
      created_at: comment.createdAt,
      updated_at: comment.updatedAt,
      author_association: this.#association(thread.repo, comment.user),
      body: comment.body,
      reactions: { url: `${url}/reactions`, total_count: 0, '+1': 0, '-1': 0, laugh: 0, hooray: 0, confused: 0, heart: 0, rocket: 0, eyes: 0 },
      performed_via_github_app: null,
    };
  }

  #threadWeb(thread: Thread): string {
    return `${this.webOrigin}/${thread.repo.fullName}/${'head' in thread ? 'pull' : 'issues'}/${thread.number}`;
  }

  #labelJson(repo: Repo, name: string): Json {
    const label = this.#label(repo, name);
    return {
      id: label.id,
      node_id: nodeId('LA', label.id),
      url: `${this.#api(repo)}/labels/${encodeURIComponent(label.name)}`,
      name: label.name,
      description: null,
      color: label.color,
      default: false,
    };
  }

  /** An issue, or a pull request as the issues API serves it. */
  #issueJson(thread: Thread): Json {
    const { repo } = thread;
    const api = this.#api(repo);
    const url = `${api}/issues/${thread.number}`;
    const web = this.#threadWeb(thread);
    const pull = 'head' in thread ? thread : undefined;
    const closedBy = pull !== undefined ? (pull.mergedBy ?? null) : (thread as Issue).closedBy;
    return {
      id: pull !== undefined ? pull.id + 500000 : thread.id,
      node_id: nodeId(pull !== undefined ? 'PR' : 'I', thread.id),
      url,
      repository_url: api,
      labels_url: `${url}/labels{/name}`,
      comments_url: `${url}/comments`,
      events_url: `${url}/events`,
      html_url: web,
      number: thread.number,
      state: thread.state,
      state_reason: pull !== undefined ? null : (thread as Issue).stateReason,
      title: thread.title,
      body: thread.body,
      user: this.#userJson(thread.author),
      labels: thread.labels.map((name) => this.#labelJson(repo, name)),
      assignee: null,
      assignees: [],
      milestone: null,
      locked: false,
      active_lock_reason: null,
      comments: thread.comments.length,
      ...(pull !== undefined
        ? {
            draft: pull.draft,
            pull_request: { url: `${api}/pulls/${pull.number}`, html_url: web, diff_url: `${web}.diff`, patch_url: `${web}.patch`, merged_at: pull.mergedAt },
          }
        : {}),
      closed_at: thread.closedAt,
      created_at: thread.createdAt,
      updated_at: thread.updatedAt,
      closed_by: closedBy === null ? null : this.#userJson(closedBy),
      author_association: this.#association(repo, thread.author),
      reactions: { url: `${url}/reactions`, total_count: 0, '+1': 0, '-1': 0, laugh: 0, hooray: 0, confused: 0, heart: 0, rocket: 0, eyes: 0 },
      timeline_url: `${url}/timeline`,
      performed_via_github_app: null,
    };
  }

  #refJson(repo: Repo, ref: string, sha: string): Json {
    const api = this.#api(repo);
    return {
      ref,
      node_id: nodeIdOf('REF', `${repo.id}:${ref}`),
      url: `${api}/git/${ref}`,
      object: { sha, type: 'commit', url: `${api}/git/commits/${sha}` },
    };
  }

  /**
   * A commit as GET /repos/{owner}/{repo}/commits/{ref} serves it, without `stats` and `files`. Its
   * signature is verified when GitHub made it; one the fake did not make is signed with a key GitHub
   * does not know, or not at all.
   */
  #commitJson(repo: Repo, dir: string, sha: string): Json {
    const commit = readCommit(dir, sha);
    const api = this.#api(repo);
    const web = `${this.webOrigin}/${repo.fullName}`;
    const verification = this.#signed.has(sha)
      ? { verified: true, reason: 'valid', signature: commit.signature, payload: commit.payload, verified_at: commit.committer.date }
      : commit.signature !== null
        ? { verified: false, reason: 'unknown_key', signature: commit.signature, payload: commit.payload, verified_at: null }
        : { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null };
    return {
      url: `${api}/commits/${sha}`,
      sha,
      node_id: nodeIdOf('C', sha),
      html_url: `${web}/commit/${sha}`,
      comments_url: `${api}/commits/${sha}/comments`,
      commit: {
        url: `${api}/git/commits/${sha}`,
        author: commit.author,
        committer: commit.committer,
        message: commit.message,
        comment_count: 0,
        tree: { sha: commit.tree, url: `${api}/git/trees/${commit.tree}` },
        verification,
      },
      author: this.#accountOf(commit.author.email),
      committer: this.#accountOf(commit.committer.email),
      parents: commit.parents.map((p) => ({ sha: p, url: `${api}/commits/${p}`, html_url: `${web}/commit/${p}` })),
    };
  }

  #eventJson(repo: Repo, event: IssueEvent): Json {
    return {
      id: event.id,
      node_id: nodeId('E', event.id),
      url: `${this.#api(repo)}/issues/events/${event.id}`,
      actor: this.#userJson(event.actor),
      event: event.event,
      commit_id: event.commitId,
      commit_url: event.commitId === null ? null : `${this.#api(repo)}/commits/${event.commitId}`,
      created_at: event.createdAt,
      performed_via_github_app: null,
      ...event.extra,
    };
  }

  #statusJson(repo: Repo, status: Status): Json {
    const creator = this.#userJson(status.creator);
    return {
      url: `${this.#api(repo)}/statuses/${status.sha}`,
      avatar_url: creator.avatar_url,
      id: status.id,
      node_id: nodeId('SC', status.id),
      state: status.state,
      description: status.description,
      target_url: status.targetUrl,
      context: status.context,
      created_at: status.createdAt,
      updated_at: status.createdAt,
      creator,
    };
  }
}

function error(status: number, message: string, documentationUrl: string, headers: Record<string, string> = {}, extra: Json = {}): Reply {
  return { status, headers, json: { message, documentation_url: documentationUrl, ...extra, status: String(status) } };
}

function validation(resource: string, field: string, code: string, message?: string): HttpError {
  return new HttpError(422, 'Validation Failed', { errors: [{ resource, field, code, ...(message !== undefined ? { message } : {}) }] });
}

/** The `body` of a comment written through the API, as GitHub checks it. */
function bodyText(input: unknown): string {
  const body = (input as Json | undefined)?.body;
  if (body === undefined) throw new HttpError(422, 'Invalid request.\n\n"body" wasn\'t supplied.');
  if (typeof body !== 'string') throw new HttpError(422, `Invalid request.\n\nFor 'properties/body', ${JSON.stringify(body)} is not a string.`);
  if (body.length > 65536) throw validation('IssueComment', 'data', 'unprocessable', 'Body is too long (maximum is 65536 characters)');
  return body;
}

/** The labels an issue is written with: names, or objects with a name. */
function labelNames(input: unknown): string[] {
  if (!Array.isArray(input)) return [];
  return input.map((l) => (typeof l === 'string' ? l : typeof (l as Json).name === 'string' ? String((l as Json).name) : '')).filter((name) => name !== '');
}

/** A node id for what GitHub names by text rather than by number (a commit, a ref). */
function nodeIdOf(prefix: string, text: string): string {
  return `${prefix}_kwDO${createHash('sha1').update(text).digest('base64url').slice(0, 20)}`;
}

/** createCommitOnBranch's input, as far as the fake reads it. */
interface CommitInput {
  branch: { repositoryNameWithOwner?: string; branchName?: string };
  message: { headline: string; body?: string };
  expectedHeadOid: string;
  fileChanges?: FileChanges;
  clientMutationId?: string;
}

interface FileChanges {
  additions?: { path: string; contents: string }[];
  deletions?: { path: string }[];
}

/** `tree` with the deletions, then the additions (base64), applied: in a temporary index, as GitHub's own commit would have it. */
function writeTree(dir: string, tree: string, changes: FileChanges): string {
  const scratch = mkdtempSync(join(tmpdir(), 'fake-github-index-'));
  const env = { GIT_INDEX_FILE: join(scratch, 'index') };
  try {
    git(dir, ['read-tree', tree], { env });
    const entries = [
      // Mode 0 takes a path out of the index.
      ...(changes.deletions ?? []).map((d) => `0 ${'0'.repeat(40)}\t${d.path}`),
      ...(changes.additions ?? []).map((a) => `100644 ${git(dir, ['hash-object', '-w', '--stdin'], { input: Buffer.from(a.contents, 'base64') })}\t${a.path}`),
    ];
    if (entries.length > 0) git(dir, ['update-index', '--index-info'], { env, input: `${entries.join('\n')}\n` });
    return git(dir, ['write-tree'], { env });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

// GraphQL, as little of it as createCommitOnBranch's answer needs: a selection set (fields, aliases,
// nested selections, inline fragments; arguments skipped) and the payload projected on it.

type GraphqlObject = { __typename: string } & { [field: string]: unknown };
interface Selection {
  key: string;
  field: string;
  selections: Selection[] | undefined;
}

function tokenize(text: string): string[] {
  return text.replace(/#[^\n]*/g, '').match(/\.\.\.|[A-Za-z_][A-Za-z0-9_]*|"(?:[^"\\]|\\.)*"|[{}():$!,=[\]]|\S/g) ?? [];
}

/** The selection set at `tokens[cursor.at]`, a `{`, up to its `}`. */
function parseSelections(tokens: string[], cursor: { at: number }): Selection[] {
  if (tokens[cursor.at] !== '{') throw new Error('a selection set starts with {');
  cursor.at++;
  const selections: Selection[] = [];
  while (tokens[cursor.at] !== '}') {
    const token = tokens[cursor.at++];
    if (token === undefined) throw new Error('a selection set ends with }');
    if (token === ',') continue;
    if (token === '...') {
      if (tokens[cursor.at] === 'on') cursor.at += 2;
      selections.push(...parseSelections(tokens, cursor));
      continue;
    }
    const key = token;
    let field = token;
    if (tokens[cursor.at] === ':') {
      field = tokens[cursor.at + 1] ?? '';
      cursor.at += 2;
    }
    if (tokens[cursor.at] === '(') {
      for (let depth = 0; ; cursor.at++) {
        if (tokens[cursor.at] === '(') depth++;
        if (tokens[cursor.at] === ')' && --depth === 0) break;
        if (tokens[cursor.at] === undefined) throw new Error('arguments end with )');
      }
      cursor.at++;
    }
    selections.push({ key, field, selections: tokens[cursor.at] === '{' ? parseSelections(tokens, cursor) : undefined });
  }
  cursor.at++;
  return selections;
}

/** `value` cut to `selections`, with GitHub's error for a field its type does not have. */
function project(value: GraphqlObject, type: string, selections: Selection[]): { value: Json; errors: string[] } {
  const out: Json = {};
  const errors: string[] = [];
  for (const { key, field, selections: nested } of selections) {
    if (field === '__typename') {
      out[key] = value.__typename;
      continue;
    }
    if (!(field in value)) {
      errors.push(`Field '${field}' doesn't exist on type '${type}'`);
      continue;
    }
    const inner = value[field];
    if (inner !== null && typeof inner === 'object') {
      const object = inner as GraphqlObject;
      if (nested === undefined)
        errors.push(`Field must have selections (field '${field}' returns ${object.__typename} but has no selections. Did you mean '${field} { ... }'?)`);
      else {
        const projected = project(object, object.__typename, nested);
        out[key] = projected.value;
        errors.push(...projected.errors);
      }
    } else out[key] = inner;
  }
  return { value: out, errors };
}
