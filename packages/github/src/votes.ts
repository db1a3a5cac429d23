// A pull request's votes from its GitHub reviews and issue comments (REST shapes): what counts, what is set aside and why, in time order.
import { choices, type Choice } from '@cooperage/core';
import type { ForgeVote, SetAside, VotesRead } from './forge.ts';

/** What a pull request review from GitHub's REST API holds that votes are read from. */
export interface GitHubReview {
  id: number;
  /** Null when the account was deleted. */
  user: { login: string; type: string } | null;
  /** APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED or PENDING. */
  state: string;
  body?: string | null;
  /** Absent while the review is pending. */
  submitted_at?: string | null;
  commit_id: string;
  html_url: string;
}

/** What an issue comment on a pull request from GitHub's REST API holds that votes are read from. */
export interface GitHubComment {
  id: number;
  user: { login: string; type: string } | null;
  body?: string;
  created_at: string;
  updated_at: string;
  html_url: string;
}

export interface VotesOptions {
  /** The hidden marker of the gate's own comment: a comment holding it is never a vote. */
  marker?: string;
}

/** What the first line of a comment says: a vote (with what follows it as the reason), or a `/vote` that cannot be read and how to write it. */
export type VoteCommand = { vote: Choice; reason?: string } | { unreadable: string };

/** A reason is cut to this many characters: the comment and the record carry it, not the whole discussion. */
const REASON_LIMIT = 300;

/** An edit this long after posting is an edit, not GitHub writing both times a moment apart. */
const EDIT_GRACE_MS = 1000;

const HOW = 'write `/vote yes`, `/vote no`, `/vote abstain` or `/vote block <reason>` as the first line of a new comment.';

/**
 * Reads a `/vote` command from the first non-blank line of `text`; undefined when that line is not
 * one. The line may start with up to three spaces (four, or a tab, make a Markdown code block, which
 * like a `>` quote shows an example rather than casting a vote). `/vote` is read in any case and may
 * take a colon (`/Vote: YES`); the choice is one of the four words in any case, ended by a space,
 * the line's end or one of `. , : ; !`. There are no synonyms: `/vote approve` or `/vote +1` is
 * unreadable, with how to write it. What follows the choice, to the end of its paragraph (or the
 * next paragraph when nothing follows it on its line), is the reason.
 */
export function parseVoteCommand(text: string): VoteCommand | undefined {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const first = lines.findIndex((line) => line.trim() !== '');
  if (first < 0) return undefined;
  const line = lines[first]!;
  // `/voted` or `/votes` is a word of its own, not the command.
  const command = /^ {0,3}\/vote(?![\p{L}\p{N}_])(.*)$/iu.exec(line);
  if (command === null) return undefined;
  const shown = /^\/vote\s*:?\s*\S*/i.exec(line.trim())![0].replace(/`/g, "'").slice(0, 40);
  const after = command[1]!.replace(/^\s*:?\s*/, '');
  if (after === '') return { unreadable: `\`${shown}\` without a choice is not a vote: ${HOW}` };
  const word = /^\p{L}+/u.exec(after)?.[0];
  const next = word === undefined ? undefined : after[word.length];
  const choice = word?.toLowerCase() as Choice | undefined;
  // `/vote yes?` asks rather than votes; `/vote yes-ish` is not yes.
  if (choice === undefined || !choices.includes(choice) || (next !== undefined && !/[\s.,:;!]/.test(next))) {
    return { unreadable: `\`${shown}\` is not a vote: ${HOW}` };
  }
  const rest = [after.slice(word!.length), ...lines.slice(first + 1)].join('\n').replace(/^[\s.,:;!\-–—]+/, '');
  const reason = reasonOf(rest);
  return reason === undefined ? { vote: choice } : { vote: choice, reason };
}

/** The first paragraph of `text` on one line, cut to REASON_LIMIT characters; undefined when empty. */
function reasonOf(text: string): string | undefined {
  const normal = text.replace(/\r\n?/g, '\n').trim();
  const paragraph = normal.split(/\n[ \t]*\n/)[0]!;
  const flat = paragraph.replace(/\s+/g, ' ').trim();
  if (flat === '') return undefined;
  const chars = [...flat];
  if (chars.length <= REASON_LIMIT) return flat;
  const cut = chars.slice(0, REASON_LIMIT - 1).join('');
  return `${cut.trimEnd()}…`;
}

/** One thing that looked like a vote, placed in time: reviews before comments at the same instant, then by id. */
interface Entry {
  login: string;
  ms: number;
  rank: 0 | 1;
  id: number;
  vote?: ForgeVote;
  aside?: SetAside;
  /** A dismissed review: the voter's votes before it are withdrawn with it. */
  withdraws?: boolean;
}

/**
 * Every vote cast on a pull request and everything set aside, from its reviews and issue comments,
 * each list in time order. Every vote is returned: core counts each voter's latest, so a voter who
 * approves and then comments `/vote no` has voted no. A dismissed review does not count and takes
 * with it that voter's votes before it, so that dismissing someone's latest review never brings back
 * one they had replaced. A set-aside is dropped once the same login has voted after it: its hint has
 * been followed. Logins are kept as GitHub writes them.
 */
export function votesFrom(reviews: readonly GitHubReview[], comments: readonly GitHubComment[], options: VotesOptions = {}): VotesRead {
  const entries: Entry[] = [];
  const place = (login: string, at: string, rank: 0 | 1, id: number, what: Pick<Entry, 'vote' | 'aside' | 'withdraws'>) =>
    entries.push({ login: login.toLowerCase(), ms: instant(at), rank, id, ...what });
  const aside = (login: string, what: SetAside['what'], reason: string, url: string, at: string): SetAside => ({ login, what, reason, url, at });

  for (const review of reviews) {
    const at = review.submitted_at;
    if (review.user === null || at === undefined || at === null || at === '') continue;
    const { login, type } = review.user;
    const body = review.body ?? '';
    const where = { source: 'review' as const, url: review.html_url, ...(review.commit_id ? { commit: review.commit_id } : {}) };
    let vote: ForgeVote | undefined;
    let unreadable: string | undefined;
    if (review.state === 'APPROVED' || review.state === 'CHANGES_REQUESTED') {
      const choice: Choice = review.state === 'APPROVED' ? 'yes' : 'block';
      // The review's state is the vote, as GitHub shows it; a `/vote` in its body gives the reason only when it agrees.
      const command = parseVoteCommand(body);
      const reason = command !== undefined && 'vote' in command && command.vote === choice ? command.reason : reasonOf(body);
      vote = { voter: login, vote: choice, at, ...(reason === undefined ? {} : { reason }), ...where };
    } else if (review.state === 'COMMENTED') {
      // A review left as Comment is not a vote (DESIGN section 5). A `/vote` in one is answered with a
      // hint: GitHub keeps no trace of edits to a review's text, so it cannot count as a comment would.
      if (parseVoteCommand(body) === undefined) continue;
      unreadable = IN_REVIEW;
    } else if (review.state !== 'DISMISSED') continue;

    if (type === 'Bot') place(login, at, 0, review.id, { aside: aside(login, 'bot', BOT, review.html_url, at) });
    else if (review.state === 'DISMISSED')
      place(login, at, 0, review.id, { aside: aside(login, 'dismissed', DISMISSED, review.html_url, at), withdraws: true });
    else if (unreadable !== undefined) place(login, at, 0, review.id, { aside: aside(login, 'unreadable', unreadable, review.html_url, at) });
    else place(login, at, 0, review.id, { vote: vote! });
  }

  const marker = options.marker;
  for (const comment of comments) {
    const body = comment.body ?? '';
    if (comment.user === null || (marker !== undefined && marker !== '' && body.includes(marker))) continue;
    const command = parseVoteCommand(body);
    if (command === undefined) continue;
    const { login, type } = comment.user;
    const at = comment.created_at;
    const url = comment.html_url;
    if (type === 'Bot') place(login, at, 1, comment.id, { aside: aside(login, 'bot', BOT, url, at) });
    else if (instant(comment.updated_at) - instant(at) > EDIT_GRACE_MS)
      // Placed at the edit: a vote cast after the edit is the new comment it asks for.
      place(login, comment.updated_at, 1, comment.id, { aside: aside(login, 'edited', EDITED, url, comment.updated_at) });
    else if ('unreadable' in command) place(login, at, 1, comment.id, { aside: aside(login, 'unreadable', command.unreadable, url, at) });
    else
      place(login, at, 1, comment.id, {
        vote: { voter: login, vote: command.vote, at, ...(command.reason === undefined ? {} : { reason: command.reason }), source: 'comment', url },
      });
  }

  entries.sort((a, b) => compareInstants(a.ms, b.ms) || a.rank - b.rank || a.id - b.id);
  const withdrawnUpTo = new Map<string, number>();
  entries.forEach((e, i) => {
    if (e.withdraws) withdrawnUpTo.set(e.login, i);
  });
  const lastVote = new Map<string, number>();
  const votes: ForgeVote[] = [];
  entries.forEach((e, i) => {
    if (e.vote === undefined || i < (withdrawnUpTo.get(e.login) ?? -1)) return;
    votes.push(e.vote);
    lastVote.set(e.login, i);
  });
  const setAside = entries.filter((e, i) => e.aside !== undefined && !(i < (lastVote.get(e.login) ?? -1))).map((e) => e.aside!);
  return { votes, setAside };
}

const BOT = 'a bot’s vote does not count: only members vote, from their own accounts.';
const DISMISSED = 'this review was dismissed, so it does not count, nor does any vote cast before it: review again or post a new `/vote` comment.';
const IN_REVIEW =
  'a `/vote` in a review left as Comment does not count, since GitHub keeps no trace of edits to a review: approve or request changes, or post the `/vote` as a comment of its own.';
const EDITED = 'edited votes do not count, since an edit would rewrite a vote after the fact: post a new `/vote` comment.';

/** Milliseconds since the epoch; a time that cannot be read sorts last, and core says why it does not count. */
function instant(at: string): number {
  const ms = Date.parse(at);
  return Number.isNaN(ms) ? Number.POSITIVE_INFINITY : ms;
}

function compareInstants(a: number, b: number): number {
  return a === b ? 0 : a < b ? -1 : 1;
}
