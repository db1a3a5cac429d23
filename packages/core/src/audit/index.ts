// The audit of a governed branch's history.
export { audit } from './audit.ts';
export type { AuditOptions, AuditProgress, AuditResult, Ratified, Violation } from './audit.ts';
export { decisionRecord, recordDifferences, renderRecord } from './record.ts';
export type { DecisionRecordData, NotRecorded, RecordInput } from './record.ts';
