// A loopback fake of the part of GitHub's REST API the gate uses (pull requests, reviews, comments, issue events, commit statuses), for offline tests of the forge layer.
//
// Longer than 400 lines on purpose: it is one server, and every shape it serves carries the fields
// GitHub's OpenAPI description requires (test/fake-github.test.ts holds it to that description).
// As GitHub does, it pages with absolute `link` headers, gives ETags and answers 304 (which costs no
// rate limit), sends x-ratelimit-* headers, wants a token, and answers GitHub's error JSON for anything
// it does not serve. It does not fake: unauthenticated reads of public repositories (GitHub allows
// them; here they are 401), permissions (every token may do everything, unless a failure is injected),
// the /repositories/{id} form of GitHub's `link` URLs, media types (diff, patch, full bodies), the
// mergeability GitHub computes (always null, "unknown"), which commits exist (any full commit id does),
// and secondary rate limits of its own (only injected ones).
import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { components } from '@octokit/openapi-types';

export type Json = Record<string, unknown>;
/** What the fake serves, in the types octokit gives GitHub's answers. */
export type PullRequestJson = components['schemas']['pull-request'];
export type IssueCommentJson = components['schemas']['issue-comment'];
export type StatusJson = components['schemas']['status'];
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
  repo(fullName: string, options?: { defaultBranch?: string; private?: boolean; branches?: Record<string, string> }): void;
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
  branches: Map<string, string>;
  pulls: Map<number, Pull>;
  nextNumber: number;
  statuses: Status[];
}

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
  pull: Pull;
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

class FakeGitHubServer implements FakeGitHub {
  url = '';
  readonly webOrigin: string;
  readonly requests: RecordedRequest[] = [];
  readonly #server = createServer((req, res) => void this.#serve(req, res).catch(() => res.destroy()));
  readonly #clock: () => string;
  readonly #tokens: Record<string, string> | undefined;
  readonly #defaultUser: string;
  readonly #limit: number;
  /** What the first hour has used when the fake starts. */
  readonly #startUsed: number;
  readonly #buckets = new Map<string, { used: number; reset: number }>();
  readonly #failures: (FailureSpec & { left: number })[] = [];
  readonly #users = new Map<string, User>();
  readonly #repos = new Map<string, Repo>();
  readonly #comments = new Map<number, Comment>();
  #ids = { user: 9000, repo: 700000, pull: 2000000, review: 3000000, comment: 4000000, event: 5000000, status: 6000000 };
  readonly #routes: { method: string; pattern: RegExp; docs: string; handle: Handler }[];

  constructor(options: FakeGitHubOptions) {
    this.webOrigin = (options.webOrigin ?? 'https://github.example').replace(/\/$/, '');
    this.#clock = options.clock ?? (() => new Date().toISOString());
    this.#tokens = options.tokens;
    this.#defaultUser = options.user ?? BOT;
    this.#limit = options.rateLimit?.limit ?? 5000;
    this.#startUsed = this.#limit - (options.rateLimit?.remaining ?? this.#limit);
    this.addUser(BOT, { type: 'Bot', id: 41898282 });
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
      route('GET /issues/(\\d+)/comments', 'issues/comments#list-issue-comments', (m, c) => this.#listComments(this.#pull(m), c.url)),
      route('POST /issues/(\\d+)/comments', 'issues/comments#create-an-issue-comment', (m, c) => this.#createComment(this.#pull(m), c)),
      route('PATCH /issues/comments/(\\d+)', 'issues/comments#update-an-issue-comment', (m, c) => this.#updateComment(this.#repo(m), Number(m.arg), c)),
      route('GET /issues/(\\d+)/events', 'issues/events#list-issue-events', (m, c) => this.#listEvents(this.#pull(m), c.url)),
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

  repo(fullName: string, options: { defaultBranch?: string; private?: boolean; branches?: Record<string, string> } = {}): void {
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
        pulls: new Map(),
        nextNumber: 1,
        statuses: [],
      };
      this.#repos.set(fullName.toLowerCase(), repo);
    }
    if (options.defaultBranch !== undefined) repo.defaultBranch = options.defaultBranch;
    if (options.private !== undefined) repo.private = options.private;
    for (const [branch, sha] of Object.entries(options.branches ?? {})) repo.branches.set(branch, sha);
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
    if (repo.pulls.has(number)) throw new Error(`${repoName}#${number} exists already`);
    repo.nextNumber = Math.max(repo.nextNumber, number + 1);
    let headRepo = repo;
    if (spec.head.repo !== undefined && spec.head.repo.toLowerCase() !== repo.fullName.toLowerCase()) {
      this.repo(spec.head.repo);
      headRepo = this.#known(spec.head.repo);
      headRepo.fork = true;
    }
    this.#user(spec.author);
    const createdAt = iso(spec.createdAt ?? this.#clock());
    repo.branches.set(spec.base.ref, spec.base.sha);
    headRepo.branches.set(spec.head.ref, spec.head.sha);
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
      pull.repo.branches.set(pull.base.ref, patch.baseSha);
    }
    if (patch.headSha !== undefined && patch.headSha !== pull.head.sha) {
      pull.head.sha = patch.headSha;
      pull.heads.push(patch.headSha);
      pull.head.repo.branches.set(pull.head.ref, patch.headSha);
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
    const pull = this.#known(repoName, number);
    this.#user(spec.user);
    const createdAt = iso(spec.createdAt ?? this.#clock());
    const comment: Comment = { id: ++this.#ids.comment, pull, user: spec.user, body: spec.body, createdAt, updatedAt: iso(spec.updatedAt ?? createdAt) };
    pull.comments.push(comment);
    this.#comments.set(comment.id, comment);
    this.#touch(pull, comment.updatedAt);
    return comment.id;
  }

  editComment(id: number, body: string, at?: string): void {
    const comment = this.#comments.get(id);
    if (comment === undefined) throw new Error(`no comment ${id}`);
    comment.body = body;
    comment.updatedAt = iso(at ?? this.#clock());
    this.#touch(comment.pull, comment.updatedAt);
  }

  addIssueEvent(repoName: string, number: number, spec: { event: string; createdAt?: string; actor?: string; commitId?: string }): number {
    const pull = this.#known(repoName, number);
    const id = ++this.#ids.event;
    pull.events.push({
      id,
      event: spec.event,
      actor: spec.actor ?? pull.author,
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
    return this.#known(repoName, number).comments.map((c) => this.#commentJson(c) as unknown as IssueCommentJson);
  }

  pullRequest(repoName: string, number: number): PullRequestJson {
    return this.#pullJson(this.#known(repoName, number), true) as unknown as PullRequestJson;
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
    if (failure !== undefined) {
      failure.left--;
      return this.#failure(failure, this.#loginOf(headers) ?? this.#defaultUser);
    }
    if (headers.authorization === undefined) return error(401, 'Requires authentication', DOCS);
    const login = this.#loginOf(headers);
    if (login === undefined) return error(401, 'Bad credentials', DOCS);
    const bucket = this.#bucket(login);
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
      docs = `${DOCS}/${route.docs}`;
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

  #failure(failure: FailureSpec, login: string): Reply {
    const bucket = this.#bucket(login);
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
      `API rate limit exceeded for user ID ${this.#user(login).id}.`,
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

  #bucket(login: string): { used: number; reset: number } {
    const now = Math.floor(Date.now() / 1000);
    let bucket = this.#buckets.get(login);
    if (bucket === undefined || bucket.reset <= now) {
      bucket = { used: bucket === undefined ? this.#startUsed : 0, reset: now + 3600 };
      this.#buckets.set(login, bucket);
    }
    return bucket;
  }

  #limitHeaders(bucket: { used: number; reset: number }): Record<string, string> {
    return {
      'x-ratelimit-limit': String(this.#limit),
      'x-ratelimit-remaining': String(Math.max(0, this.#limit - bucket.used)),
      'x-ratelimit-reset': String(bucket.reset),
      'x-ratelimit-used': String(bucket.used),
      'x-ratelimit-resource': 'core',
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

  #listComments(pull: Pull, url: URL): Reply {
    const since = url.searchParams.get('since');
    const comments = pull.comments.filter((x) => since === null || Date.parse(x.updatedAt) >= Date.parse(since));
    return this.#page(
      url,
      comments.map((x) => this.#commentJson(x)),
    );
  }

  #listEvents(pull: Pull, url: URL): Reply {
    return this.#page(
      url,
      pull.events.map((e) => this.#eventJson(pull.repo, e)),
    );
  }

  #createComment(pull: Pull, call: Call): Reply {
    const body = bodyText(call.body);
    const at = iso(this.#clock());
    const comment: Comment = { id: ++this.#ids.comment, pull, user: call.login, body, createdAt: at, updatedAt: at };
    pull.comments.push(comment);
    this.#comments.set(comment.id, comment);
    this.#touch(pull, at);
    const json = this.#commentJson(comment);
    return { status: 201, json, headers: { location: String(json.url) } };
  }

  #updateComment(repo: Repo, id: number, call: Call): Reply {
    const comment = this.#comments.get(id);
    if (comment === undefined || comment.pull.repo !== repo) throw new HttpError(404, 'Not Found');
    comment.body = bodyText(call.body);
    comment.updatedAt = iso(this.#clock());
    this.#touch(comment.pull, comment.updatedAt);
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
      (p) => (p.merged && (p.mergeCommitSha === sha || p.heads.includes(sha))) || (p.state === 'open' && p.heads.includes(sha)),
    );
    return this.#page(
      url,
      pulls.map((p) => this.#pullJson(p, false)),
    );
  }

  /** A ref as a commit id: a branch (or heads/BRANCH) the fake knows, a unique prefix of a known commit, or any full id. */
  #resolve(repo: Repo, ref: string, status: 404 | 422): string {
    const name = decodeURIComponent(ref).replace(/^(?:refs\/)?heads\//, '');
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

  /** GitHub moves a pull request's updated_at with every comment and review. */
  #touch(pull: Pull, at: string): void {
    if (Date.parse(at) > Date.parse(pull.updatedAt)) pull.updatedAt = at;
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
      labels: [],
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
    const { pull } = comment;
    const api = this.#api(pull.repo);
    const url = `${api}/issues/comments/${comment.id}`;
    return {
      url,
      html_url: `${this.webOrigin}/${pull.repo.fullName}/pull/${pull.number}#issuecomment-${comment.id}`,
      issue_url: `${api}/issues/${pull.number}`,
      id: comment.id,
      node_id: nodeId('IC', comment.id),
      user: this.#userJson(comment.user),
      created_at: comment.createdAt,
      updated_at: comment.updatedAt,
      author_association: this.#association(pull.repo, comment.user),
      body: comment.body,
      reactions: { url: `${url}/reactions`, total_count: 0, '+1': 0, '-1': 0, laugh: 0, hooray: 0, confused: 0, heart: 0, rocket: 0, eyes: 0 },
      performed_via_github_app: null,
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
