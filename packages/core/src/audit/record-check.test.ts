// How a record's listed changes are paired with what its commits changed: multisets of kind and subject, proposals by the name the record gives them.
import { describe, expect, it } from 'vitest';
import type { RecordedChange } from '../generated/types.ts';
import { matchChanges, type CommittedChange } from './record-check.ts';

const real = (kind: CommittedChange['kind'], subject: string | undefined, file: string): CommittedChange => ({
  kind,
  ...(subject !== undefined ? { subject } : {}),
  file,
  line: 1,
  column: 1,
  commit: 'c0ffee',
});

const ana1 = 'governance/contributions/2026-01/ana.yaml';
const ana2 = 'governance/contributions/2026-02/ana.yaml';
const proposal = (key: string) => `governance/proposals/${key}.yaml`;
const p1 = proposal('0001-payout-2026-11');
const p2 = proposal('0002-care-rate');
const p3 = proposal('0003-new-logo');
const p4 = proposal('0004-ratify-a-push');
const p5 = proposal('0005-budget');

describe('matchChanges', () => {
  const cases: { name: string; listed: RecordedChange[]; made: CommittedChange[]; claimed: string[]; omitted: string[] }[] = [
    {
      name: 'the same changes in another order',
      listed: [
        { kind: 'member.add', subject: 'dan' },
        { kind: 'contribution.add', subject: 'ana', file: ana1 },
      ],
      made: [real('contribution.add', 'ana', ana1), real('member.add', 'dan', 'governance/members/dan.yaml')],
      claimed: [],
      omitted: [],
    },
    {
      name: 'counts each change: two entries logged, one listed',
      listed: [{ kind: 'contribution.add', subject: 'ana' }],
      made: [real('contribution.add', 'ana', ana1), real('contribution.add', 'ana', ana1)],
      claimed: [],
      omitted: ['contribution.add ana'],
    },
    {
      name: 'a kind the commit did not make, for the right person',
      listed: [{ kind: 'member.tier', subject: 'dan' }],
      made: [real('member.update', 'dan', 'governance/members/dan.yaml')],
      claimed: ['member.tier dan'],
      omitted: ['member.update dan'],
    },
    {
      name: 'the right kind for someone else',
      listed: [{ kind: 'member.add', subject: 'zoe' }],
      made: [real('member.add', 'dan', 'governance/members/dan.yaml')],
      claimed: ['member.add zoe'],
      omitted: ['member.add dan'],
    },
    {
      name: 'entries naming their file pair with that file first',
      listed: [
        { kind: 'contribution.add', subject: 'ana' },
        { kind: 'contribution.add', subject: 'ana', file: ana2 },
      ],
      made: [real('contribution.add', 'ana', ana1), real('contribution.add', 'ana', ana2)],
      claimed: [],
      omitted: [],
    },
    {
      name: 'changes with no subject match by kind, and by file or path when one is given',
      listed: [
        { kind: 'constitution.change', file: 'governance/constitution.yaml' },
        { kind: 'path.change', subject: 'LICENSE' },
      ],
      made: [real('constitution.change', undefined, 'governance/constitution.yaml'), real('path.change', undefined, 'LICENSE')],
      claimed: [],
      omitted: [],
    },
    {
      name: 'a proposal named by its file (as the record action writes it), its number, its key, or its file alone',
      listed: [
        { kind: 'proposal.add', subject: 'ana', file: p1 },
        { kind: 'proposal.add', subject: '0002' },
        { kind: 'proposal.add', subject: '3' },
        { kind: 'proposal.add', subject: '0004-ratify-a-push' },
        { kind: 'proposal.update', file: p5 },
      ],
      made: [
        real('proposal.add', 'ana', p1),
        real('proposal.add', 'ana', p2),
        real('proposal.add', 'ana', p3),
        real('proposal.add', 'bob', p4),
        real('proposal.update', 'ana', p5),
      ],
      claimed: [],
      omitted: [],
    },
    {
      name: 'a proposal named by its author alone is no name, and a number of another proposal is not this one',
      listed: [
        { kind: 'proposal.add', subject: 'ana' },
        { kind: 'proposal.add', subject: '0003' },
      ],
      made: [real('proposal.add', 'ana', p1), real('proposal.add', 'ana', p2)],
      claimed: ['proposal.add 0003', 'proposal.add ana'],
      omitted: ['proposal.add ana', 'proposal.add ana'],
    },
    {
      name: 'the file decides which proposal an entry names, whatever its subject; the kind must match',
      listed: [
        { kind: 'proposal.add', subject: 'bob', file: p1 },
        { kind: 'proposal.remove', subject: '0002' },
      ],
      made: [real('proposal.add', 'ana', p1), real('proposal.update', 'ana', p2)],
      claimed: ['proposal.remove 0002'],
      omitted: ['proposal.update ana'],
    },
    {
      name: 'nothing listed, nothing made',
      listed: [],
      made: [],
      claimed: [],
      omitted: [],
    },
  ];
  it.each(cases)('$name', ({ listed, made, claimed, omitted }) => {
    const result = matchChanges(listed, made);
    expect(result.claimed.map((c) => `${c.kind} ${c.subject}`).sort()).toEqual(claimed);
    expect(result.omitted.map((c) => `${c.kind} ${c.subject}`).sort()).toEqual(omitted);
  });
});
