// The report API: the report's data, and its text and HTML renderings (pure functions returning strings).
export { buildReport } from './build.ts';
export type { DecisionLine, OpenProposal, PersonValue, ReportData, ReportOptions, ValueSection } from './build.ts';
export { renderText, textTable } from './text.ts';
export { renderHtml } from './html.ts';
export { changeLabel, changeSentence, forbiddenCode, requirementSentence } from './sentences.ts';
