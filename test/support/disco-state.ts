// A small, valid governance state on the disco preset, as files, for tests that judge changes to it.
import { presets } from '../../packages/core/src/presets/index.ts';

/** A 40-hex commit id made of one digit: not all digits, which YAML would read as a number. */
export const sha = (digit: string) => `a${digit}`.repeat(20);

/** A decision record the record action could have written. */
export const decisionRecord = (pr: number) => `pr: ${pr}
title: Admit carol as dater
author: AnaCosta
base: ${sha('1')}
head: ${sha('2')}
commits: [${sha('3')}]
changes: [{ kind: member.add, subject: carol }]
rules: [consent]
opened: 2026-11-18T09:00:00Z
eligible: [ana, bob]
votes:
  - { voter: ana, vote: yes, at: 2026-11-20T10:00:00Z, source: review }
  - { voter: bob, vote: yes, at: 2026-11-20T11:30:00Z, source: comment, url: https://example.org/c/1 }
outcome: passed
decided_at: 2026-11-21T10:00:00Z
`;

/**
 * ana (member, forge login AnaCosta), bob (member), carol (dater, mentored by ana) and eve (supporter),
 * with commitments, two months of contributions, a proposal and a decision record. Paths are relative
 * to the repository folder.
 */
export function discoFiles(): Record<string, string> {
  return {
    'governance/constitution.yaml': presets.disco.constitution,
    'governance/members/ana.yaml':
      '# The founder.\nname: Ana Costa\ntier: member\nsince: 2024-03-01\ngithub: AnaCosta\ncircles: { care: steward, tech: member }\n',
    'governance/members/bob.yaml': 'name: Bob Okafor\ntier: member\nsince: 2025-01-10\n',
    'governance/members/carol.yaml': 'name: Carol Lindqvist\ntier: dater\nsince: 2026-09-01\ndating: { stage: 1, since: 2026-09-01 }\nmentor: ana\n',
    'governance/members/eve.yaml': 'name: Eve Moreau\ntier: supporter\nsince: 2026-05-01\n',
    'governance/commitments/ana.yaml':
      'statement: I keep our books.\nperiods:\n  - quarter: 2026-Q4\n    pledge: { love: { credits: 400 }, care: { hours: 20 } }\n    signed: 2026-10-01\n',
    'governance/commitments/bob.yaml':
      'statement: I look after our servers.\nperiods:\n  - quarter: 2026-Q4\n    pledge: { love: { credits: 400 } }\n    signed: 2026-10-02\n',
    'governance/contributions/2026-10/ana.yaml':
      'entries:\n  - date: 2026-10-02\n    stream: care\n    hours: 2\n    what: Assembly notes\n  - date: 2026-10-09\n    stream: love\n    credits: 100\n    what: Docs page\n',
    'governance/contributions/2026-11/ana.yaml':
      'entries:\n  - date: 2026-11-03\n    stream: care\n    hours: 2.5\n    what: Onboarding call with carol\n  - date: 2026-11-05\n    stream: livelihood\n    hours: 6\n    what: Client brochure\n  - date: 2026-11-12\n    stream: love\n    hours: 3\n    what: Reviewed a pull request\n',
    'governance/contributions/2026-11/bob.yaml': 'entries:\n  - date: 2026-11-04\n    stream: livelihood\n    credits: 500\n    what: Server migration\n',
    'governance/proposals/0001-care-rate.yaml': 'title: Raise the care rate\nauthor: ana\ndecision: consent\nsummary: Care work is under-valued.\n',
    'governance/decisions/42.yaml': decisionRecord(42),
    LICENSE: 'AGPL-3.0-or-later\n',
    '.github/workflows/coop.yml': 'on: pull_request\n',
    'README.md': 'A cooperative.\n',
  };
}
