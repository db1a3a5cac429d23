// Tests of historical credits and of the roll read from a state.
import { describe, expect, it } from 'vitest';
import { historicalCredits } from './historical-credits.ts';
import { electorateOf, rollOf } from '../vote/index.ts';
import { memorySource } from '../common/index.ts';
import { loadState } from '../load/index.ts';

const constitution = `tiers:
  - { id: member, label: Member, rights: [vote] }
  - { id: dater, label: Dater, rights: [vote-advisory], stages: 3 }
decisions:
  majority: { method: majority }
policy: []
default: majority
value:
  streams:
    livelihood: { credits_per_hour: 25, paid: true }
    love: { credits_per_hour: 20 }
`;

async function state(files: Record<string, string>) {
  const { state } = await loadState(memorySource({ 'governance/constitution.yaml': constitution, ...files }));
  return state;
}

describe('historicalCredits', () => {
  it("sums credits, or hours at their stream's rate where no credits are given, across months, exactly", async () => {
    const s = await state({
      'governance/members/ana.yaml': 'name: Ana\ntier: member\nsince: 2026-01-01\ngithub: AnaCosta\n',
      'governance/members/bob.yaml': 'name: Bob\ntier: dater\nsince: 2026-01-01\ndating: { stage: 1, since: 2026-01-01 }\n',
      'governance/contributions/2026-10/ana.yaml':
        'entries:\n  - { date: 2026-10-02, stream: livelihood, hours: 2.5, what: a }\n  - { date: 2026-10-03, stream: love, credits: 0.1, what: b }\n',
      'governance/contributions/2026-11/ana.yaml': 'entries:\n  - { date: 2026-11-02, stream: love, hours: 1, credits: 0.2, what: c }\n',
      'governance/contributions/2026-11/bob.yaml': 'entries:\n  - { date: 2026-11-02, stream: nowhere, hours: 3, credits: 5, what: d }\n',
    });
    // ana: 2.5 × 25 + 0.1 + 0.2 = 62.8 (the entry with both counts its credits, as value tracking does);
    // bob: his credits count.
    expect(historicalCredits(s)).toEqual(
      new Map([
        ['ana', 62.8],
        ['bob', 5],
      ]),
    );
  });

  it('is empty without contributions', async () => {
    expect(historicalCredits(await state({}))).toEqual(new Map());
  });
});

describe('rollOf and electorateOf', () => {
  it('reads handles, tiers and logins, and who votes under a rule', async () => {
    const s = await state({
      'governance/members/ana.yaml': 'name: Ana\ntier: member\nsince: 2026-01-01\ngithub: AnaCosta\n',
      'governance/members/bob.yaml': 'name: Bob\ntier: member\nsince: 2026-01-01\n',
      'governance/members/eve.yaml': 'name: Eve\ntier: dater\nsince: 2026-01-01\ndating: { stage: 1, since: 2026-01-01 }\n',
    });
    const roll = rollOf(s);
    expect(roll.members).toEqual([
      { handle: 'ana', tier: 'member', login: 'AnaCosta' },
      { handle: 'bob', tier: 'member', login: 'bob' },
      { handle: 'eve', tier: 'dater', login: 'eve' },
    ]);
    const electorate = electorateOf({}, roll, ['bob']);
    expect(electorate.voterTiers).toEqual(['member', 'dater']);
    expect(electorate.eligible.map((m) => m.handle)).toEqual(['ana']);
    expect(electorate.advisory.map((m) => m.handle)).toEqual(['eve']);
    expect(electorate.aside.map((m) => m.handle)).toEqual(['bob']);
    expect(electorate.find('anacosta')?.handle).toBe('ana');
    expect(electorate.find('ana')).toBeUndefined();
  });

  it('gives each rule and each set of people standing aside its own electorate from one roll', () => {
    const roll = {
      tiers: [
        { id: 'member', rights: ['vote', 'propose'] as ('vote' | 'vote-advisory' | 'propose')[] },
        { id: 'dater', rights: ['vote-advisory'] as ('vote' | 'vote-advisory' | 'propose')[] },
        { id: 'supporter', rights: [] },
      ],
      members: [
        { handle: 'ana', tier: 'member', login: 'ana' },
        { handle: 'bob', tier: 'member', login: 'bob' },
        { handle: 'eve', tier: 'dater', login: 'eve' },
        { handle: 'sam', tier: 'supporter', login: 'sam' },
      ],
    };
    const handles = (members: readonly { handle: string }[]) => members.map((m) => m.handle);
    const everyone = electorateOf({}, roll);
    const bobAside = electorateOf({}, roll, ['bob', 'sam']);
    const membersOnly = electorateOf({ voters: ['member'] }, roll, ['ana']);
    expect([handles(everyone.eligible), handles(everyone.advisory), handles(everyone.aside)]).toEqual([['ana', 'bob'], ['eve'], []]);
    expect([handles(bobAside.eligible), handles(bobAside.advisory), handles(bobAside.aside)]).toEqual([['ana'], ['eve'], ['bob']]);
    expect([handles(membersOnly.eligible), handles(membersOnly.advisory), handles(membersOnly.aside)]).toEqual([['bob'], [], ['ana']]);
    expect(membersOnly.standing(roll.members[2]!)).toEqual({ kind: 'no-vote', tier: 'dater' });
    // Asked again, the first electorate is as it was.
    expect(handles(electorateOf({}, roll).eligible)).toEqual(['ana', 'bob']);
  });
});
