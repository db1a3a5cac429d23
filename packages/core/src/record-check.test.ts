// How a record's listed changes are paired with what its commits changed: multisets of kind and subject.
import { describe, expect, it } from 'vitest';
import type { RecordedChange } from './generated/types.ts';
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

describe('matchChanges', () => {
  const cases: { name: string; listed: RecordedChange[]; made: CommittedChange[]; claimed: string[]; omitted: string[] }[] = [
    {
      name: 'the same changes in another order',
      listed: [{ kind: 'member.add', subject: 'dan' }, { kind: 'contribution.add', subject: 'ana', file: ana1 }],
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
      listed: [{ kind: 'contribution.add', subject: 'ana' }, { kind: 'contribution.add', subject: 'ana', file: ana2 }],
      made: [real('contribution.add', 'ana', ana1), real('contribution.add', 'ana', ana2)],
      claimed: [],
      omitted: [],
    },
    {
      name: 'changes with no subject match by kind, and by file or path when one is given',
      listed: [{ kind: 'constitution.change', file: 'governance/constitution.yaml' }, { kind: 'path.change', subject: 'LICENSE' }],
      made: [real('constitution.change', undefined, 'governance/constitution.yaml'), real('path.change', undefined, 'LICENSE')],
      claimed: [],
      omitted: [],
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
