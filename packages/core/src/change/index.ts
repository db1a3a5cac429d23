// A pull request: its changes, the paths it touches, the rules they need, checking it; and how a record names a proposal.
export { authorHandle, checkPullRequest } from './check.ts';
export type { CheckOptions, CheckResult } from './check.ts';
export { compareChanges, diffStates, login } from './diff.ts';
export type { Change, EntryRef } from './diff.ts';
export { diffPaths, globToRegExp, governedBy, governedGlobs } from './paths.ts';
export { decide, directionOf, isSelf, matches, requiredRules } from './policy.ts';
export type { JudgedChange, Judgement, PolicyContext, Ruling } from './policy.ts';
export { namedProposal, namesProposal, proposalIndex, proposalKeyOf, proposalName } from './proposal-names.ts';
export type { ProposalIndex, ProposalName } from './proposal-names.ts';
