// The kinds of change a pull request can make to a governance state (docs/governance.md, "Change kinds").

export const changeKinds = [
  'constitution.change',
  'member.add',
  'member.remove',
  'member.tier',
  'member.update',
  'commitment.add',
  'commitment.update',
  'commitment.remove',
  'contribution.add',
  'contribution.update',
  'contribution.remove',
  'proposal.add',
  'proposal.update',
  'proposal.remove',
  'decision.add',
  'decision.update',
  'decision.remove',
  'path.change',
] as const;

export type ChangeKind = (typeof changeKinds)[number];
