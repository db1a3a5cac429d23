// Tests of tallyPullRequest: which rules are tallied for judged changes, under which constitution, with whom aside.
import { describe, expect, it } from 'vitest';
import { tallyPullRequest, type PullRequestVotes } from './pull-request.ts';
import type { Constitution, Rule } from '../generated/types.ts';
import type { JudgedChange, Ruling } from '../change/index.ts';
import type { Roll } from './roll.ts';

const unanimous: Rule = { method: 'unanimous', voters: ['member'] };
const supermajority: Rule = { method: 'majority', threshold: 0.6667, quorum: 0.6667, voters: ['member'], description: 'Two thirds.' };
const constitution = (decisions: Record<string, Rule>): Constitution => ({
  tiers: [{ id: 'member', label: 'Member', rights: ['vote'] }],
  decisions,
  policy: [],
  default: 'supermajority',
});
const base = constitution({ unanimous, supermajority });
const roll: Roll = { tiers: base.tiers, members: ['ana', 'bob', 'carol'].map((handle) => ({ handle, tier: 'member', login: handle })) };

function change(kind: JudgedChange['kind'], rulings: Pick<Ruling, 'under' | 'rule'>[], extra: Partial<JudgedChange> = {}): JudgedChange {
  return {
    kind,
    file: 'governance/x.yaml',
    line: 1,
    column: 1,
    self: false,
    requires: rulings.map((r) => r.rule).filter((r) => r !== 'none' && r !== 'forbidden'),
    forbidden: rulings.some((r) => r.rule === 'forbidden'),
    rulings: rulings.map((r) => ({ ...r, by: 'policy' as const, policy: 0 })),
    ...extra,
  };
}

const OPENED = '2026-11-01T00:00:00Z';
const input = (changes: JudgedChange[], more: Partial<PullRequestVotes> = {}): PullRequestVotes => ({
  changes,
  headValid: true,
  base,
  roll,
  votes: [],
  opened: OPENED,
  now: '2026-11-10T00:00:00Z',
  ...more,
});
const yes = (...voters: string[]) => voters.map((voter) => ({ voter, vote: 'yes' as const, at: '2026-11-02T00:00:00Z' }));

describe('tallyPullRequest', () => {
  it('tallies each rule once for all the changes needing it, with their subjects aside', () => {
    const d = tallyPullRequest(
      input(
        [
          change('member.remove', [{ under: 'base', rule: 'unanimous' }], { subject: 'carol', standsAside: ['carol'] }),
          change('member.add', [{ under: 'base', rule: 'unanimous' }], { subject: 'dan', login: 'DanK' }),
          change('contribution.add', [{ under: 'base', rule: 'none' }]),
        ],
        { votes: [...yes('ana', 'bob'), { voter: 'dank', vote: 'no', at: '2026-11-02T00:00:00Z' }] },
      ),
    );
    expect(d.outcome).toBe('passed');
    expect(d.rules).toHaveLength(1);
    expect(d.rules[0]!.tally).toMatchObject({ rule: 'unanimous', eligible: 2, aside: ['carol'], yes: 2 });
    expect(d.rules[0]!.changes.map((c) => c.kind)).toEqual(['member.remove', 'member.add']);
    expect(d.ignored).toEqual([{ voter: 'dank', reason: expect.stringContaining('this pull request itself adds them') }]);
  });

  it('tallies a constitution change once when the head rule is the same word for word, descriptions aside', () => {
    const head = constitution({ unanimous, supermajority: { ...supermajority, description: 'Changed words.' } });
    const d = tallyPullRequest(
      input(
        [
          change('constitution.change', [
            { under: 'base', rule: 'supermajority' },
            { under: 'head', rule: 'supermajority' },
          ]),
        ],
        { head, votes: yes('ana', 'bob') },
      ),
    );
    expect(d.rules.map((r) => [r.tally.rule, r.under])).toEqual([['supermajority', ['base', 'head']]]);
    expect(d.outcome).toBe('passed');
  });

  it('tallies the head rule on its own, on the base roll, when it differs, and fails unless both pass', () => {
    const head = constitution({ unanimous, supermajority: { ...supermajority, threshold: 1, quorum: 1 } });
    const d = tallyPullRequest(
      input(
        [
          change('constitution.change', [
            { under: 'base', rule: 'supermajority' },
            { under: 'head', rule: 'supermajority' },
          ]),
        ],
        { head, votes: yes('ana', 'bob') },
      ),
    );
    expect(d.rules.map((r) => [r.tally.rule, r.under, r.tally.outcome])).toEqual([
      ['supermajority', ['base'], 'passed'],
      ['supermajority', ['head'], 'pending'],
    ]);
    expect(d.outcome).toBe('pending');
  });

  it('fails whatever the votes when the head is invalid or a change is forbidden', () => {
    const forbidden = tallyPullRequest(input([change('decision.add', [{ under: 'base', rule: 'forbidden' }], { pr: 7 })]));
    expect(forbidden).toMatchObject({
      outcome: 'failed',
      rules: [],
      reasons: [expect.stringMatching(/^A change is forbidden \(decision\.add in governance\/x\.yaml\)/)],
    });
    const invalid = tallyPullRequest(
      input([change('member.add', [{ under: 'base', rule: 'unanimous' }])], { headValid: false, votes: yes('ana', 'bob', 'carol') }),
    );
    expect(invalid).toMatchObject({ outcome: 'failed', reasons: [expect.stringContaining('The state this pull request would give is not valid')] });
    expect(invalid.rules[0]!.tally.outcome).toBe('passed');
  });

  it('passes with no vote when no change needs one', () => {
    expect(tallyPullRequest(input([change('contribution.add', [{ under: 'base', rule: 'none' }])]))).toMatchObject({
      outcome: 'passed',
      rules: [],
      reasons: ['No change needs a vote.'],
    });
  });

  it('passes changed and credits through to every tally', () => {
    const weighted: Rule = { method: 'credit-weighted', voters: ['member'], reset_on_change: true };
    const d = tallyPullRequest(
      input([change('proposal.add', [{ under: 'base', rule: 'weighted' }])], {
        base: constitution({ weighted }),
        credits: new Map([
          ['ana', 10],
          ['bob', 30],
        ]),
        changed: '2026-11-03T00:00:00Z',
        votes: [
          { voter: 'bob', vote: 'no', at: '2026-11-02T00:00:00Z' },
          { voter: 'ana', vote: 'yes', at: '2026-11-04T00:00:00Z' },
        ],
      }),
    );
    expect(d.rules[0]!.tally).toMatchObject({ outcome: 'passed', weights: { yes: 10, no: 0, eligible: 40 } });
    expect(d.ignored).toEqual([{ voter: 'bob', reason: expect.stringContaining('before the last change') }]);
  });
});
