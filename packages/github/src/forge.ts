// What the gate needs from a forge, in the forge's neutral words: pull requests, votes, one status and one comment.
// GitHub implements it (github.ts); a Forgejo adapter can follow. Nothing of GitHub's shapes is here.
import type { Choice, Vote } from '@cooperage/core';

/** A pull request as the gate reads it. */
export interface PullRequest {
  number: number;
  title: string;
  /** The author's forge login. */
  author: string;
  /** Whether the author is a bot account. */
  authorIsBot: boolean;
  state: 'open' | 'closed';
  merged: boolean;
  /** A draft is not open for votes. */
  draft: boolean;
  /** The commit at the tip of the pull request's branch, where the status goes. */
  headSha: string;
  /** The branch it would merge into. */
  baseRef: string;
  /** When it was opened (ISO 8601, UTC). */
  createdAt: string;
  /** When it last changed in any way, as the forge counts it. */
  updatedAt: string;
  /** Its page, for links in the comment. */
  url: string;
  /** When it was merged (ISO 8601, UTC), for a merged pull request. */
  mergedAt?: string;
  /** The commit its merge made on the base branch: the merge commit, the squash commit, or the last commit rebased. */
  mergeCommitSha?: string;
}

/** A vote as cast on the forge: a review or a `/vote` comment, with where it was cast. */
export interface ForgeVote extends Vote {
  vote: Choice;
  source: 'review' | 'comment';
  url: string;
  /** The commit the pull request's head was at when the vote was cast, when the forge knows it (reviews). */
  commit?: string;
}

/** Something that looked like a vote and does not count, with why, said to the person who cast it. */
export interface SetAside {
  login: string;
  /** What it was: an edited `/vote` comment, a dismissed review, a bot's vote, an unreadable `/vote`. */
  what: 'edited' | 'dismissed' | 'bot' | 'unreadable';
  reason: string;
  url: string;
  at: string;
}

/** Every vote of a pull request, read to the last page, and what was set aside. */
export interface VotesRead {
  votes: ForgeVote[];
  setAside: SetAside[];
}

export type StatusState = 'success' | 'failure' | 'pending';

/** The decision status as it stands on a commit. */
export interface Status {
  state: StatusState | 'error';
  description: string;
  targetUrl?: string;
  /** When the forge last set it (read back only). */
  updatedAt?: string;
}

/** The comment that explains where a pull request's decision stands, found by its hidden marker. */
export interface Comment {
  id: number;
  body: string;
  url: string;
}

/** A commit made by the forge: its id, and whether the forge signed it. */
export interface MadeCommit {
  sha: string;
  url: string;
}

/** Whether the forge vouches for a commit's signature, and its word for why (GitHub's verification reason: valid, unsigned, ...). */
export interface Signature {
  verified: boolean;
  reason: string;
}

/** An issue, as the record action keeps its one audit issue. */
export interface Issue {
  number: number;
  title: string;
  body: string;
  url: string;
}

export interface Forge {
  /** The repository, as OWNER/NAME, for words and links. */
  readonly repository: string;
  /** How many requests this forge client has made so far (each page counts, a 304 too). */
  readonly requests: number;
  pullRequest(number: number): Promise<PullRequest>;
  /** Every open pull request into `baseRef`, to the last page. */
  openPullRequests(baseRef: string): Promise<PullRequest[]>;
  /** The open pull requests whose head is `sha` (how the review relay's run is matched). */
  pullRequestsWithHead(sha: string, baseRef: string): Promise<PullRequest[]>;
  /** When the pull request was opened, or last left draft if it was ever a draft. */
  openedAt(pr: PullRequest): Promise<string>;
  votes(pr: PullRequest): Promise<VotesRead>;
  /** The status named `context` on a commit, if any. */
  status(sha: string, context: string): Promise<Status | undefined>;
  setStatus(sha: string, context: string, status: Status): Promise<void>;
  /** The comment holding `marker`, if there is one. */
  findComment(number: number, marker: string): Promise<Comment | undefined>;
  /** Writes the comment: a new one, or the existing one edited in place (when its body differs). */
  writeComment(number: number, body: string, existing: Comment | undefined): Promise<Comment>;

  /** The merged pull requests into `baseRef` that brought commit `sha` there (a merge, a squash, or one of the commits of a rebase). */
  mergedPullRequestsOf(sha: string, baseRef: string): Promise<PullRequest[]>;
  /** The commit a branch is at, or undefined when there is no such branch. */
  branchTip(branch: string): Promise<string | undefined>;
  /** Makes a new branch at `sha`. */
  createBranch(branch: string, sha: string): Promise<void>;
  /**
   * Moves `branch` forward to `sha`, a commit that descends from its tip. `moved` when the branch is no
   * longer an ancestor of `sha` (someone pushed meanwhile); `refused` when a rule of the forge refuses it,
   * with the forge's words.
   */
  fastForward(branch: string, sha: string): Promise<{ ok: true } | { ok: false; why: 'moved' | 'refused'; message: string }>;
  deleteBranch(branch: string): Promise<void>;
  /**
   * Commits `files` (path → text) on `branch`, whose tip must be `expectedTip`, as the forge itself, so
   * that the forge signs it. `moved` when the branch is no longer at `expectedTip`; `refused` when a rule
   * of the forge refuses the commit on that branch.
   */
  commitFiles(input: {
    branch: string;
    expectedTip: string;
    headline: string;
    body: string;
    files: Record<string, string>;
  }): Promise<({ ok: true } & MadeCommit) | { ok: false; why: 'moved' | 'refused'; message: string }>;
  /** Whether the forge verified the signature of commit `sha`. */
  signature(sha: string): Promise<Signature>;
  /** The open issue carrying `label`, the oldest if there are several. */
  findIssue(label: string): Promise<Issue | undefined>;
  /** Opens an issue with `label`, or edits `existing` in place (title and body, when they differ). */
  writeIssue(label: string, title: string, body: string, existing: Issue | undefined): Promise<Issue>;
}
