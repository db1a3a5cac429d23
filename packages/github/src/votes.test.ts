// Tests of reading votes from GitHub: the `/vote` command in its spellings, and which reviews and comments count, in what order, and what is set aside.
import { describe, expect, it } from 'vitest';
import { tally, type Roll, type Rule } from '@cooperage/core';
import { parseVoteCommand, votesFrom, type GitHubComment, type GitHubReview, type VoteCommand } from './votes.ts';

const HOW = 'write `/vote yes`, `/vote no`, `/vote abstain` or `/vote block <reason>` as the first line of a new comment.';
const notAVote = (shown: string): { unreadable: string } => ({ unreadable: `\`${shown}\` is not a vote: ${HOW}` });
const noChoice = (shown: string): { unreadable: string } => ({ unreadable: `\`${shown}\` without a choice is not a vote: ${HOW}` });

describe('parseVoteCommand', () => {
  const cases: [string, string, VoteCommand | undefined][] = [
    // The four words, as DESIGN names them.
    ['yes', '/vote yes', { vote: 'yes' }],
    ['no', '/vote no', { vote: 'no' }],
    ['abstain', '/vote abstain', { vote: 'abstain' }],
    ['a block without a reason still blocks', '/vote block', { vote: 'block' }],
    // Forgiving of case, spacing and a colon.
    ['any case', '/Vote  YES', { vote: 'yes' }],
    ['mixed case', '/VOTE Abstain', { vote: 'abstain' }],
    ['up to three leading spaces', '   /vote no', { vote: 'no' }],
    ['a colon after /vote', '/vote: yes', { vote: 'yes' }],
    ['a colon without a space', '/vote:no', { vote: 'no' }],
    ['trailing spaces', '/vote yes   ', { vote: 'yes' }],
    ['a full stop after the choice', '/vote yes.', { vote: 'yes' }],
    ['an exclamation mark after the choice', '/vote yes!', { vote: 'yes' }],
    ['blank lines before the first line', '\n  \n/vote yes', { vote: 'yes' }],
    ['a byte order mark', '\uFEFF/vote abstain', { vote: 'abstain' }],
    // What follows the choice is the reason.
    ['a reason on the line', '/vote block the pool is not ours to spend yet', { vote: 'block', reason: 'the pool is not ours to spend yet' }],
    ['a reason after a colon', '/vote block: the pool is not ours', { vote: 'block', reason: 'the pool is not ours' }],
    ['a reason after a dash', '/vote block — the pool is not ours', { vote: 'block', reason: 'the pool is not ours' }],
    ['a reason after a comma', '/vote no, not before the audit', { vote: 'no', reason: 'not before the audit' }],
    ['a reason for yes is kept too', '/vote yes great work', { vote: 'yes', reason: 'great work' }],
    [
      'a reason running on to the end of its paragraph',
      '/vote block the pool\nis not ours\n\nMore on this at the meeting.',
      { vote: 'block', reason: 'the pool is not ours' },
    ],
    ['a reason in the next paragraph', '/vote block\n\nThe pool is not ours.\n\nP.S. see the minutes', { vote: 'block', reason: 'The pool is not ours.' }],
    ['Windows line ends', '/vote block\r\nthe pool\r\nis not ours\r\n\r\nlater', { vote: 'block', reason: 'the pool is not ours' }],
    ['old Mac line ends', '/vote no\rnot yet\r\rlater', { vote: 'no', reason: 'not yet' }],
    // Not a vote, and nothing to say about it.
    ['an empty comment', '', undefined],
    ['ordinary talk', 'Looks good to me', undefined],
    ['/vote further on the first line', 'I think we should /vote yes', undefined],
    ['/vote on a later line', 'Thanks!\n/vote yes', undefined],
    ['a quoted /vote', '> /vote yes', undefined],
    ['a quoted /vote with spaces', '  > /vote block', undefined],
    ['/vote as inline code', '`/vote yes`', undefined],
    ['/vote in a fenced code block', '```\n/vote yes\n```', undefined],
    ['/vote in an indented code block', '    /vote yes', undefined],
    ['/vote after a tab (a code block)', '\t/vote yes', undefined],
    ['another word that starts with /vote', '/voted yes yesterday', undefined],
    ['a plural', '/votes are open', undefined],
    ['vote without the slash', 'vote yes', undefined],
    // A /vote that cannot be read: said back with how to write it.
    ['an unknown word', '/vote maybe', notAVote('/vote maybe')],
    ['an unknown word with more after it', '/vote maybe later this week', notAVote('/vote maybe')],
    ['no choice', '/vote', noChoice('/vote')],
    ['no choice after a colon', '/vote:', noChoice('/vote:')],
    ['no choice, the reason on the next line', '/vote\nyes', noChoice('/vote')],
    ['approve is not a synonym', '/vote approve', notAVote('/vote approve')],
    ['+1 is not a vote', '/vote +1', notAVote('/vote +1')],
    ['lgtm is not a vote', '/vote LGTM', notAVote('/vote LGTM')],
    ['a question', '/vote yes?', notAVote('/vote yes?')],
    ['a word that starts like a choice', '/vote yes-ish', notAVote('/vote yes-ish')],
    ['two choices', '/vote yes/no', notAVote('/vote yes/no')],
    ['a dash instead of a space', '/vote-yes', notAVote('/vote-yes')],
    ['a choice in backticks, shown without breaking the comment', '/vote `yes`', notAVote("/vote 'yes'")],
    ['a word in another language', '/vote sí', notAVote('/vote sí')],
  ];
  it.each(cases)('%s: %j', (_name, text, expected) => {
    expect(parseVoteCommand(text)).toStrictEqual(expected);
  });

  it('cuts a long reason to 300 characters, ending it with an ellipsis', () => {
    const read = parseVoteCommand(`/vote block ${'word '.repeat(100)}`);
    expect(read).toMatchObject({ vote: 'block' });
    const reason = (read as { reason: string }).reason;
    expect([...reason].length).toBeLessThanOrEqual(300);
    expect(reason).toMatch(/^word word .*…$/);
  });
});

const ana = { login: 'AnaCosta', type: 'User' };
const bob = { login: 'bob', type: 'User' };
const bot = { login: 'renovate[bot]', type: 'Bot' };
const MARKER = '<!-- cooperage:decision -->';
/** 2026-12-01 at `hh:mm:ss`, as GitHub writes times. */
const t = (time: string) => `2026-12-01T${time}Z`;

let ids = 0;
function review(user: GitHubReview['user'], state: string, at: string | null, body = '', id = ++ids): GitHubReview {
  return { id, user, state, body, submitted_at: at, commit_id: `c0ffee${id}`, html_url: `https://github.com/o/r/pull/1#pullrequestreview-${id}` };
}
function comment(user: GitHubComment['user'], body: string, at: string, edited = at, id = ++ids): GitHubComment {
  return { id, user, body, created_at: at, updated_at: edited, html_url: `https://github.com/o/r/pull/1#issuecomment-${id}` };
}
const read = (reviews: GitHubReview[], comments: GitHubComment[] = []) => votesFrom(reviews, comments, { marker: MARKER });

describe('votesFrom: reviews', () => {
  it('reads an approval as yes and a request for changes as block, with its body’s first paragraph as the reason', () => {
    const approve = review(ana, 'APPROVED', t('10:00:00'), '');
    const change = review(bob, 'CHANGES_REQUESTED', t('11:00:00'), '  The pool is not ours\nto spend yet.\n\nDetails below…');
    expect(read([approve, change])).toStrictEqual({
      votes: [
        { voter: 'AnaCosta', vote: 'yes', at: t('10:00:00'), source: 'review', url: approve.html_url, commit: approve.commit_id },
        {
          voter: 'bob',
          vote: 'block',
          at: t('11:00:00'),
          reason: 'The pool is not ours to spend yet.',
          source: 'review',
          url: change.html_url,
          commit: change.commit_id,
        },
      ],
      setAside: [],
    });
  });

  it('cuts a long review body to 300 characters', () => {
    const { votes } = read([review(bob, 'CHANGES_REQUESTED', t('10:00:00'), 'x'.repeat(1000))]);
    expect(votes[0]!.reason).toBe(`${'x'.repeat(299)}…`);
  });

  it('takes the review’s state as the vote; a /vote in its body gives the reason when it agrees, and is kept whole when it does not', () => {
    const agrees = review(bob, 'CHANGES_REQUESTED', t('10:00:00'), '/vote block the pool is not ours');
    const disagrees = review(ana, 'APPROVED', t('10:00:00'), '/vote no not yet');
    expect(read([agrees, disagrees]).votes).toMatchObject([
      { voter: 'bob', vote: 'block', reason: 'the pool is not ours' },
      { voter: 'AnaCosta', vote: 'yes', reason: '/vote no not yet' },
    ]);
  });

  it('does not count a /vote in a commented review, and says how to vote instead', () => {
    const r = review(ana, 'COMMENTED', t('10:00:00'), '/vote abstain I wrote half of it');
    const read1 = read([r]);
    expect(read1.votes).toStrictEqual([]);
    expect(read1.setAside).toMatchObject([{ login: 'AnaCosta', what: 'unreadable', url: r.html_url }]);
    expect(read1.setAside[0]!.reason).toMatch(/review left as Comment does not count.*approve or request changes, or post the `\/vote` as a comment/);
  });

  it('does not count commented reviews without /vote, or pending reviews', () => {
    expect(
      read([
        review(ana, 'COMMENTED', t('10:00:00'), 'Nice.'),
        review(bob, 'PENDING', null, '/vote yes'),
        review(bob, 'COMMENTED', t('10:00:00'), null as unknown as string),
      ]),
    ).toStrictEqual({
      votes: [],
      setAside: [],
    });
  });

  it('sets aside a dismissed review, saying how to vote again', () => {
    const r = review(bob, 'DISMISSED', t('10:00:00'), 'The pool is not ours');
    expect(read([r])).toStrictEqual({
      votes: [],
      setAside: [
        {
          login: 'bob',
          what: 'dismissed',
          reason: 'this review was dismissed, so it does not count, nor does any vote cast before it: review again or post a new `/vote` comment.',
          url: r.html_url,
          at: t('10:00:00'),
        },
      ],
    });
  });

  it('does not bring back an earlier vote when a later review is dismissed', () => {
    // bob requested changes, changed his mind and approved; a push dismissed the stale approval.
    const { votes, setAside } = read(
      [review(bob, 'CHANGES_REQUESTED', t('10:00:00'), 'too costly'), review(bob, 'DISMISSED', t('11:00:00'))],
      [comment(bob, '/vote block still too costly', t('10:30:00'))],
    );
    expect(votes).toEqual([]);
    expect(setAside.map((s) => s.what)).toEqual(['dismissed']);
  });

  it('keeps a vote cast after a dismissed review, and drops the dismissal from what is set aside', () => {
    const { votes, setAside } = read(
      [review(ana, 'DISMISSED', t('10:00:00')), review(ana, 'APPROVED', t('12:00:00'))],
      [comment(ana, '/vote yes', t('11:00:00'))],
    );
    expect(votes.map((v) => [v.vote, v.source, v.at])).toEqual([
      ['yes', 'comment', t('11:00:00')],
      ['yes', 'review', t('12:00:00')],
    ]);
    expect(setAside).toEqual([]);
  });

  it('matches a dismissal to earlier votes whatever the case of the login', () => {
    const { votes } = read([review({ login: 'anacosta', type: 'User' }, 'DISMISSED', t('11:00:00'))], [comment(ana, '/vote block', t('10:00:00'))]);
    expect(votes).toEqual([]);
  });
});

describe('votesFrom: comments', () => {
  it('reads a /vote comment as a comment vote at the time it was posted, with its reason and no commit', () => {
    const c = comment(bob, '/vote block the pool is not ours', t('10:00:00'));
    expect(read([], [c]).votes).toStrictEqual([
      { voter: 'bob', vote: 'block', at: t('10:00:00'), reason: 'the pool is not ours', source: 'comment', url: c.html_url },
    ]);
  });

  it('does not count comments without a /vote first line, quoted or later ones, and says nothing of them', () => {
    const comments = [
      comment(ana, 'Looks good', t('10:00:00')),
      comment(ana, '> /vote yes\n\nI agree with this', t('10:01:00')),
      comment(bob, 'Agreed.\n/vote yes', t('10:02:00')),
    ];
    expect(read([], comments)).toStrictEqual({ votes: [], setAside: [] });
  });

  it('sets aside an unreadable /vote with how to write it', () => {
    const c = comment(ana, '/vote maybe', t('10:00:00'));
    expect(read([], [c])).toStrictEqual({
      votes: [],
      setAside: [{ login: 'AnaCosta', what: 'unreadable', reason: notAVote('/vote maybe').unreadable, url: c.html_url, at: t('10:00:00') }],
    });
  });

  it('sets aside a /vote comment edited after it was posted, at the time of the edit', () => {
    const c = comment(ana, '/vote no', t('10:00:00'), t('10:05:00'));
    expect(read([], [c])).toStrictEqual({
      votes: [],
      setAside: [
        {
          login: 'AnaCosta',
          what: 'edited',
          reason: 'edited votes do not count, since an edit would rewrite a vote after the fact: post a new `/vote` comment.',
          url: c.html_url,
          at: t('10:05:00'),
        },
      ],
    });
  });

  it('counts a /vote comment whose two times differ by a second at most: GitHub writes them apart, nobody edited it', () => {
    expect(read([], [comment(ana, '/vote yes', t('10:00:00'), t('10:00:01'))]).votes).toHaveLength(1);
    expect(read([], [comment(ana, '/vote yes', t('10:00:00'), t('10:00:02'))]).votes).toHaveLength(0);
  });

  it('says nothing of an edited comment that holds no /vote', () => {
    expect(read([], [comment(ana, 'typo fixed', t('10:00:00'), t('11:00:00'))])).toStrictEqual({ votes: [], setAside: [] });
  });

  it('keeps the earlier vote when a later /vote comment was edited, and says so', () => {
    const { votes, setAside } = read([], [comment(ana, '/vote yes', t('10:00:00')), comment(ana, '/vote no', t('11:00:00'), t('12:00:00'))]);
    expect(votes.map((v) => v.vote)).toEqual(['yes']);
    expect(setAside.map((s) => s.what)).toEqual(['edited']);
  });

  it('never reads the gate’s own comment as a vote, whoever wrote it', () => {
    const gate = comment(bot, `${MARKER}\n/vote yes`, t('10:00:00'));
    const quoted = comment(ana, `/vote yes\n${MARKER}`, t('10:01:00'));
    expect(read([], [gate, quoted])).toStrictEqual({ votes: [], setAside: [] });
  });

  it('treats an empty marker as no marker', () => {
    expect(votesFrom([], [comment(ana, '/vote yes', t('10:00:00'))], { marker: '' }).votes).toHaveLength(1);
  });
});

describe('votesFrom: who votes', () => {
  it('sets aside the votes of bots, in reviews and in comments', () => {
    const approve = review(bot, 'APPROVED', t('10:00:00'));
    const c = comment(bot, '/vote yes', t('10:01:00'));
    const reason = 'a bot’s vote does not count: only members vote, from their own accounts.';
    expect(read([approve], [c])).toStrictEqual({
      votes: [],
      setAside: [
        { login: 'renovate[bot]', what: 'bot', reason, url: approve.html_url, at: t('10:00:00') },
        { login: 'renovate[bot]', what: 'bot', reason, url: c.html_url, at: t('10:01:00') },
      ],
    });
  });

  it('says nothing of a bot’s ordinary comments and commented reviews', () => {
    expect(read([review(bot, 'COMMENTED', t('10:00:00'), 'Updated deps')], [comment(bot, 'Build passed', t('10:00:00'))])).toStrictEqual({
      votes: [],
      setAside: [],
    });
  });

  it('ignores silently whatever a deleted account left', () => {
    expect(
      read([review(null, 'APPROVED', t('10:00:00')), review(null, 'DISMISSED', t('10:00:00'))], [comment(null, '/vote maybe', t('10:00:00'))]),
    ).toStrictEqual({
      votes: [],
      setAside: [],
    });
  });

  it('keeps logins as GitHub writes them', () => {
    expect(read([review({ login: 'AnaCosta', type: 'User' }, 'APPROVED', t('10:00:00'))]).votes[0]!.voter).toBe('AnaCosta');
  });
});

describe('votesFrom: order and the latest vote', () => {
  it('returns every vote in time order, reviews and comments together, the same instant by id', () => {
    const { votes } = read(
      [review(bob, 'APPROVED', t('12:00:00'), '', 7), review(ana, 'APPROVED', t('10:00:00'), '', 9)],
      [comment(bob, '/vote no', t('11:00:00'), undefined, 3), comment(ana, '/vote abstain', t('11:00:00'), undefined, 2)],
    );
    expect(votes.map((v) => `${v.voter} ${v.vote} ${v.at}`)).toEqual([
      `AnaCosta yes ${t('10:00:00')}`,
      `AnaCosta abstain ${t('11:00:00')}`,
      `bob no ${t('11:00:00')}`,
      `bob yes ${t('12:00:00')}`,
    ]);
  });

  it('gives the same votes whatever order GitHub lists them in', () => {
    const reviews = [review(ana, 'APPROVED', t('10:00:00')), review(bob, 'CHANGES_REQUESTED', t('09:00:00'))];
    const comments = [comment(ana, '/vote no', t('11:00:00')), comment(bob, '/vote yes', t('08:00:00'))];
    expect(read([...reviews].reverse(), [...comments].reverse())).toStrictEqual(read(reviews, comments));
  });

  it('keeps both an approval and a later /vote no, so that the tally counts the no', () => {
    const { votes } = read([review(ana, 'APPROVED', t('10:00:00'))], [comment(ana, '/vote no not yet', t('11:00:00'))]);
    expect(votes.map((v) => v.vote)).toEqual(['yes', 'no']);
    const rule: Rule = { method: 'lazy-majority', min_days: 0, voters: ['member'] };
    const roll: Roll = { tiers: [{ id: 'member', rights: ['vote'] }], members: [{ handle: 'ana', tier: 'member', login: 'anacosta' }] };
    const result = tally({ name: 'r', rule, roll, votes, opened: t('09:00:00'), now: t('12:00:00') });
    expect(result.votes).toMatchObject([{ handle: 'ana', vote: 'no', reason: 'not yet', source: 'comment' }]);
  });

  it('drops an unreadable /vote from what is set aside once its author has voted after it, and keeps it otherwise', () => {
    const later = read([], [comment(ana, '/vote maybe', t('10:00:00')), comment({ login: 'anacosta', type: 'User' }, '/vote yes', t('10:05:00'))]);
    expect(later.setAside).toEqual([]);
    const earlier = read([review(ana, 'APPROVED', t('09:00:00'))], [comment(ana, '/vote maybe', t('10:00:00'))]);
    expect(earlier.setAside.map((s) => s.what)).toEqual(['unreadable']);
  });
});
