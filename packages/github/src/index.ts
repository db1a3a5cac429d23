// The public face of @cooperage/github: the forge interface, GitHub's implementation, and the gate.
export type { Comment, Forge, ForgeVote, Issue, MadeCommit, PullRequest, SetAside, Signature, Status, StatusState, VotesRead } from './forge.ts';
export { GitHubForge } from './github.ts';
export type { GitHubOptions } from './github.ts';
export { CONTEXT, runGate } from './gate.ts';
export type { GateEvent, GateOptions, GateResult, Judged } from './gate.ts';
export { gitCommand } from './git.ts';
export type { Git, GitOptions, MergeRef } from './git.ts';
export { MARKER, decidesAt, explain, readMemory, statusLine } from './comment.ts';
export { commentSentence } from './words.ts';
export { checkCommits, nothingToDecide } from './judge.ts';
export { gateEvent } from './events.ts';
export type { EventPayload } from './events.ts';
export { parseVoteCommand, votesFrom } from './votes.ts';
export type { GitHubComment, GitHubReview, VoteCommand, VotesOptions } from './votes.ts';
export { AUDIT_LABEL, RecordError, runRecord } from './record.ts';
export type { RecordOptions, RecordResult, Recorded } from './record.ts';
export { auditOnForge } from './audit.ts';
export type { ForgeAuditOptions, ForgeFinding, ForgeRecord } from './audit.ts';
export { DECISION_CONTEXT, GITHUB_ACTIONS_APP, allowedBy, checkSetup } from './doctor.ts';
export type {
  ActionsPermissions,
  BranchRule,
  DoctorArea,
  DoctorFinding,
  DoctorSeverity,
  ForgeWorkflow,
  Ruleset,
  SelectedActions,
  SetupForge,
  SetupInput,
  WorkflowPermissions,
} from './doctor.ts';
