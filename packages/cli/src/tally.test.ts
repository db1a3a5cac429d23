// coop tally end to end, in-process, on real git repositories scaffolded by coop init --preset disco.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoPullRequest } from '../../../test/support/disco-repo.ts';
import { runCoop } from '../../../test/support/io.ts';
import type { TestRepo } from '../../../test/support/repo.ts';

const member = (name: string) => `name: ${name}\ntier: member\nsince: 2026-02-01\n`;
/** Members besides the founder ana (forge login AnaCosta). */
const others = { bob: member('Bob'), carol: member('Carol') };

/** The disco cooperative of ana (login AnaCosta) and `members` on main; then `edits` committed on branch pr. */
const pullRequest = (edits: Record<string, string | null>, members: Record<string, string> = others) =>
  discoPullRequest(Object.fromEntries(Object.entries(members).map(([handle, text]) => [`governance/members/${handle}.yaml`, text])), edits);

const OPENED = '2026-11-18T09:00:00Z';
const day = (n: number) => new Date(Date.parse(OPENED) + n * 86_400_000).toISOString().replace('.000Z', 'Z');

async function tally(repo: TestRepo, votes: unknown, now: string, extra: string[] = []) {
  const file = join(repo.dir, 'votes.json');
  writeFileSync(file, typeof votes === 'string' ? votes : JSON.stringify(votes));
  return runCoop([
    'tally',
    '--repo',
    repo.dir,
    '--base',
    'main',
    '--head',
    'pr',
    '--author',
    'AnaCosta',
    '--votes',
    file,
    '--opened',
    OPENED,
    '--now',
    now,
    ...extra,
  ]);
}

interface Out {
  outcome: string;
  decides_at: string | null;
  rules: {
    rule: string;
    under: string[];
    outcome: string;
    yes: number;
    no: number;
    abstain: number;
    block: number;
    eligible: number;
    participation: number;
    reasons: string[];
    decides_at: string | null;
    waiting: string[];
    aside: string[];
  }[];
  ignored: { voter: string; reason: string }[];
}
const json = (stdout: string) => JSON.parse(stdout) as Out;

const dan = { 'governance/members/dan.yaml': 'name: Dan\ntier: member\nsince: 2026-11-18\ngithub: DanK\n' };

describe('coop tally', () => {
  it('admits a member by unanimity: pending while someone has not voted, passed once all said yes after min_days', async () => {
    const repo = await pullRequest(dan);
    const early = await tally(
      repo,
      [
        { voter: 'anacosta', vote: 'yes', at: day(0.5) },
        { voter: 'bob', vote: 'yes', at: day(1) },
      ],
      day(1.5),
      ['--json'],
    );
    expect(early.code).toBe(3);
    expect(early.stderr).toBe('');
    const out = json(early.stdout);
    expect(Object.keys(out).slice(0, 4)).toEqual(['outcome', 'decides_at', 'reasons', 'rules']);
    expect(out).toMatchObject({ outcome: 'pending', decides_at: null, ignored: [] });
    expect(out.rules).toEqual([
      expect.objectContaining({
        rule: 'unanimous',
        under: ['base'],
        outcome: 'pending',
        yes: 2,
        no: 0,
        abstain: 0,
        block: 0,
        eligible: 3,
        participation: 2 / 3,
        decides_at: null,
        waiting: ['carol'],
      }),
    ]);

    const human = await tally(
      repo,
      [
        { voter: 'AnaCosta', vote: 'yes', at: day(0.5) },
        { voter: 'bob', vote: 'yes', at: day(1) },
      ],
      day(1.5),
    );
    expect(human.code).toBe(3);
    expect(human.stdout).toContain('\nunanimous: pending\n');
    expect(human.stdout).toMatch(/For +member\.add dan/);
    expect(human.stdout).toMatch(/Votes +2 yes, 0 no, 0 abstain, 0 block; 2 of 3 eligible voters voted \(66\.7%\)/);
    expect(human.stdout).toMatch(/Needs +every eligible voter's yes: 2 of 3 so far/);
    expect(human.stdout).toMatch(/Not voted +carol/);
    expect(human.stdout).toContain('no decision before 2026-11-21T09:00:00Z (1 day 12 hours left)');
    expect(human.stdout).toContain('Pending: waiting for votes.');

    const all = [
      { voter: 'AnaCosta', vote: 'yes', at: day(0.5) },
      { voter: 'bob', vote: 'yes', at: day(1) },
      { voter: 'carol', vote: 'yes', at: day(2) },
    ];
    const before = json((await tally(repo, all, day(2.5), ['--json'])).stdout);
    expect(before).toMatchObject({ outcome: 'pending', decides_at: day(3), rules: [expect.objectContaining({ decides_at: day(3) })] });
    const passed = await tally(repo, all, day(3), ['--json']);
    expect(passed.code).toBe(0);
    expect(json(passed.stdout)).toMatchObject({ outcome: 'passed', decides_at: null, rules: [expect.objectContaining({ outcome: 'passed', yes: 3 })] });
  });

  it('removes a member with the subject standing aside: their vote is ignored and not awaited', async () => {
    const repo = await pullRequest({ 'governance/members/carol.yaml': null });
    const run = await tally(
      repo,
      [
        { voter: 'AnaCosta', vote: 'yes', at: day(1) },
        { voter: 'bob', vote: 'yes', at: day(1) },
        { voter: 'carol', vote: 'block', at: day(2) },
      ],
      day(4),
      ['--json'],
    );
    expect(run.code).toBe(0);
    const out = json(run.stdout);
    expect(out.outcome).toBe('passed');
    expect(out.rules).toEqual([expect.objectContaining({ rule: 'unanimous', eligible: 2, block: 0, aside: ['carol'], waiting: [] })]);
    expect(out.ignored).toEqual([{ voter: 'carol', reason: 'stands aside: the change concerns them' }]);

    const human = await tally(repo, [{ voter: 'AnaCosta', vote: 'yes', at: day(1) }], day(4));
    expect(human.code).toBe(3);
    expect(human.stdout).toMatch(/Aside +carol: the change concerns them/);
    expect(human.stdout).toMatch(/Not voted +bob\n/);
  });

  it('fails a constitution change that passes under the head rules but not under the base rules', async () => {
    const members = { bob: member('Bob'), carol: member('Carol'), dan: member('Dan'), eli: member('Eli') };
    const repo = await pullRequest({}, members);
    const constitution = repo.git('show', 'main:governance/constitution.yaml');
    const lowered = constitution.replace(
      '    threshold: 0.6667\n    quorum: 0.6667\n    min_days: 7',
      '    threshold: 0.5\n    quorum: 0.6667\n    min_days: 7',
    );
    expect(lowered).not.toBe(constitution);
    repo.git('checkout', '-q', 'pr');
    repo.write({ 'governance/constitution.yaml': `${lowered}\n` });
    repo.commit('lower the supermajority');
    repo.git('checkout', '-q', 'main');
    // Three of five say yes: 60%, a majority but not two thirds.
    const votes = ['AnaCosta', 'bob', 'carol']
      .map((voter) => ({ voter, vote: 'yes', at: day(1) }))
      .concat(['dan', 'eli'].map((voter) => ({ voter, vote: 'no', at: day(1) })));
    const run = await tally(repo, votes, day(8), ['--json']);
    expect(run.code).toBe(1);
    const out = json(run.stdout);
    expect(out.outcome).toBe('failed');
    expect(out.rules).toEqual([
      expect.objectContaining({ rule: 'supermajority', under: ['base'], outcome: 'failed', yes: 3, no: 2, eligible: 5 }),
      expect.objectContaining({ rule: 'supermajority', under: ['head'], outcome: 'passed', yes: 3, no: 2 }),
    ]);
    expect(out.rules[0]!.reasons.join(' ')).toContain('yes is 60% of yes and no, short of the 2/3 needed');

    // Four of five carry it under both.
    const more = votes.map((v) => (v.voter === 'dan' ? { ...v, vote: 'yes' } : v));
    expect((await tally(repo, more, day(8))).code).toBe(0);
  });

  it('ignores the vote of someone the pull request itself adds', async () => {
    const repo = await pullRequest({
      'governance/members/dan.yaml': 'name: Dan\ntier: dater\nsince: 2026-11-18\ngithub: DanK\ndating: { stage: 1, since: 2026-11-18 }\nmentor: ana\n',
    });
    const run = await tally(
      repo,
      [
        { voter: 'AnaCosta', vote: 'yes', at: day(1) },
        { voter: 'dank', vote: 'yes', at: day(1) },
      ],
      day(4),
      ['--json'],
    );
    expect(run.code).toBe(3);
    const out = json(run.stdout);
    expect(out.rules).toEqual([expect.objectContaining({ rule: 'consent', outcome: 'pending', yes: 1, eligible: 3 })]);
    expect(out.ignored).toEqual([{ voter: 'dank', reason: expect.stringContaining('this pull request itself adds them') }]);
    const human = await tally(repo, [{ voter: 'dank', vote: 'yes', at: day(1) }], day(4));
    expect(human.stdout).toMatch(/Ignored votes\n {2}dank: is not on the roll at the base: this pull request itself adds them/);
  });

  it('passes with no vote when no change needs one, and fails whatever the votes when a change is forbidden', async () => {
    const repo = await pullRequest({
      'governance/contributions/2026-11/ana.yaml': 'entries:\n  - { date: 2026-11-03, stream: care, hours: 2, what: Onboarding call }\n',
    });
    const none = await tally(repo, [], day(0));
    expect(none.code).toBe(0);
    expect(none.stdout).toContain('Nothing to decide');
    const forbidden = await pullRequest({ 'governance/decisions/7.yaml': 'pr: 7\n' });
    const run = await tally(forbidden, [], day(9), ['--json']);
    expect(run.code).toBe(1);
    expect(json(run.stdout)).toMatchObject({ outcome: 'failed', reasons: expect.arrayContaining([expect.stringContaining('forbidden')]) });
  });

  it('names the file and the entry of a bad vote, and requires its flags: exit 2', async () => {
    const repo = await pullRequest(dan);
    const bad = await tally(
      repo,
      [
        { voter: 'bob', vote: 'yes', at: day(1) },
        { voter: 'carol', vote: 'yes', at: day(1) },
        { voter: 'bob', vote: 'maybe', at: day(1) },
      ],
      day(4),
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^coop tally: .*votes\.json: entry 3: "vote" must be yes, no, abstain or block, not "maybe"/);
    for (const [votes, message] of [
      [
        '[{"voter": "bob", "vote": "yes", "at": "2026-11-20T10:00:00"}]',
        /entry 1: "at" is "2026-11-20T10:00:00", which has no time zone.*add Z for UTC or an offset/,
      ],
      [
        '[{"voter": "bob", "vote": "yes", "at": "2026-02-30T10:00:00Z"}]',
        /entry 1: "at" is "2026-02-30T10:00:00Z", which is not a real date: 2026-02 has 28 days\./,
      ],
      ['[{"voter": "bob", "vote": "yes", "reason": 7, "at": "2026-11-20T10:00:00Z"}]', /entry 1: "reason" must be text/],
      ['[{"vote": "yes", "at": "2026-11-20T10:00:00Z"}]', /entry 1: "voter" must be/],
      ['{"votes": []}', /votes\.json: must be a JSON array/],
      ['[{"voter": "bob",', /votes\.json:1:18: not JSON: expected a key in double quotes, found the end of the file\./],
      [
        '[\n  {"voter": "bob", "vote": "yes", "at": "2026-11-20T10:00:00Z"},\n]',
        /votes\.json:3:1: not JSON: a comma before \]: JSON allows no trailing comma\./,
      ],
      [
        '[\n  {"voter": "bob", "vote": "yes",\n   "at": "2026-11-20T10:00:00Z" "x": 1}]',
        /votes\.json:3:33: not JSON: expected , or \} after a value, found "\\""/,
      ],
    ] as const) {
      const run = await tally(repo, votes, day(4));
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(message);
    }
    const missing = await runCoop(['tally', '--repo', repo.dir, '--head', 'pr', '--author', 'AnaCosta', '--opened', OPENED]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--votes is required');
    const badTime = await tally(repo, [], 'tomorrow');
    expect(badTime.code).toBe(2);
    expect(badTime.stderr).toContain('--now "tomorrow" is not a time');
  });

  it('takes --opened, --changed and --now only as moments with a zone, and says which part is wrong', async () => {
    const repo = await pullRequest(dan);
    for (const [now, message] of [
      ['2026-11-20', 'coop tally: --now "2026-11-20" is a day without a time: give the time and its zone too, such as 2026-11-20T00:00:00Z.'],
      ['2026-11-20T10:00:00', 'coop tally: --now "2026-11-20T10:00:00" has no time zone'],
      ['2026-02-30T10:00:00Z', 'coop tally: --now "2026-02-30T10:00:00Z" is not a real date: 2026-02 has 28 days.'],
      ['2026-11-20T25:00:00Z', 'coop tally: --now "2026-11-20T25:00:00Z" is not a real time'],
    ]) {
      const run = await tally(repo, [], now!);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(message);
    }
    const changed = await tally(repo, [], day(4), ['--changed', '2026-11-19']);
    expect(changed.stderr).toContain('--changed "2026-11-19" is a day without a time');
    // An offset is the same moment in UTC.
    const offset = await tally(repo, [{ voter: 'AnaCosta', vote: 'yes', at: day(1) }], '2026-11-22T10:00:00+01:00', ['--json']);
    expect(offset.code).toBe(3);
    expect(json(offset.stdout).rules[0]!.decides_at).toBeNull();
  });

  it('shows each block with its reason, reads "Yes" as yes, and keeps the reason in the JSON votes', async () => {
    const repo = await pullRequest({
      'governance/members/dan.yaml': 'name: Dan\ntier: dater\nsince: 2026-11-18\ndating: { stage: 1, since: 2026-11-18 }\nmentor: ana\n',
    });
    const votes = [
      { voter: 'AnaCosta', vote: ' Yes ', at: day(1) },
      { voter: 'bob', vote: 'BLOCK', at: day(1), reason: 'Dan has not met the circle yet', source: 'comment', url: 'https://example.org/pr/3#c1' },
      { voter: 'carol', vote: 'block', at: day(1) },
    ];
    const run = await tally(repo, votes, day(4));
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/Against +bob blocks: Dan has not met the circle yet\n {13}carol blocks \(no reason given\)\n/);
    const out = JSON.parse((await tally(repo, votes, day(4), ['--json'])).stdout) as { rules: { votes: unknown[] }[] };
    expect(out.rules[0]!.votes).toEqual([
      { handle: 'ana', login: 'AnaCosta', vote: 'yes', at: day(1) },
      {
        handle: 'bob',
        login: 'bob',
        vote: 'block',
        at: day(1),
        reason: 'Dan has not met the circle yet',
        source: 'comment',
        url: 'https://example.org/pr/3#c1',
      },
      { handle: 'carol', login: 'carol', vote: 'block', at: day(1) },
    ]);
  });

  it('names a rule once, with its method when its name is another, and says what happens if nothing changes', async () => {
    const repo = await pullRequest(dan);
    // Carol says no before min_days: unanimity is headed for failure.
    const no = await tally(
      repo,
      [
        { voter: 'AnaCosta', vote: 'yes', at: day(1) },
        { voter: 'carol', vote: 'no', at: day(1) },
      ],
      day(2),
    );
    expect(no.code).toBe(3);
    expect(no.stdout).toContain('\nunanimous: pending\n');
    expect(no.stdout).toContain('Pending: on 2026-11-21 at 09:00 UTC it fails unless carol and bob vote yes.');

    const members = { bob: member('Bob'), carol: member('Carol'), dan: member('Dan'), eli: member('Eli') };
    const constitution = await pullRequest({}, members);
    const text = constitution.git('show', 'main:governance/constitution.yaml');
    constitution.git('checkout', '-q', 'pr');
    constitution.write({ 'governance/constitution.yaml': text.replace('# name: Our Cooperative', 'name: Our Cooperative') });
    constitution.commit('rename');
    constitution.git('checkout', '-q', 'main');
    const votes = [
      { voter: 'AnaCosta', vote: 'yes', at: day(1) },
      { voter: 'bob', vote: 'no', at: day(1) },
      { voter: 'carol', vote: 'no', at: day(1) },
    ];
    const run = await tally(constitution, votes, day(2));
    expect(run.code).toBe(3);
    expect(run.stdout).toContain('\nsupermajority — majority of 2/3, quorum 2/3: pending\n');
    // Two no of five: three more yes would carry it, and only two have not voted.
    expect(run.stdout).toContain('Pending: on 2026-11-25 at 09:00 UTC it fails unless someone who voted changes their vote to yes.');
    // Short of votes but still open to them: nothing to foretell.
    expect((await tally(constitution, votes.slice(0, 2), day(2))).stdout).toContain('Pending: waiting for votes.');

    // A lazy majority with one no and no yes fails at min_days unless one more says yes.
    const zed = await pullRequest({ 'governance/members/zed.yaml': 'name: Zed\ntier: contributor\nsince: 2026-11-18\n' });
    const lazy = await tally(zed, [{ voter: 'bob', vote: 'no', at: day(1) }], day(2));
    expect(lazy.stdout).toContain('\nlazy-majority: pending\n');
    expect(lazy.stdout).toContain('Pending: on 2026-11-21 at 09:00 UTC it fails unless 1 more member votes yes (not voted: ana, carol).');
    // A block before min_days: blocked then unless it is withdrawn.
    const block = await tally(zed, [{ voter: 'bob', vote: 'block', at: day(1), reason: 'we have not met Zed' }], day(2));
    expect(block.stdout).toContain('Pending: on 2026-11-21 at 09:00 UTC it is blocked unless bob withdraws the block.');
    expect(block.stdout).toMatch(/Against +bob blocks: we have not met Zed\n/);
  });

  it('reads a payout proposal as the distribution it proposes', async () => {
    const payout =
      'title: "Distribute 500 EUR to the credits of November 2026"\nauthor: ana\nsummary: The November pool.\npayout:\n  month: "2026-11"\n  pool: 500\n  currency: "EUR"\n  payments: []\n';
    const repo = await pullRequest({ 'governance/proposals/0001-payout-2026-11.yaml': payout });
    const run = await tally(repo, [{ voter: 'AnaCosta', vote: 'yes', at: day(1) }], day(4));
    expect(run.stdout).toMatch(/For +Distribute 500 EUR for 2026-11 \(proposal 0001\)\n/);
    expect(run.stdout).not.toContain('proposal.add ana');
    const check = await runCoop(['check', '--repo', repo.dir, '--base', 'main', '--head', 'pr', '--author', 'AnaCosta']);
    expect(check.stdout).toContain('ana proposes to distribute 500 EUR for 2026-11 (proposal 0001).');
  });
});
