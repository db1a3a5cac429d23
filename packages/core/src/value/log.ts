// Logging one piece of work: checks the request, appends the entry to the person's monthly file keeping its text, and validates the result.
import { isMap, isSeq, parseDocument, stringify } from 'yaml';
import type { LogCode } from '../common/index.ts';
import type { Problem } from '../common/index.ts';
import type { ContributionEntry, Contributions } from '../generated/types.ts';
import { parseYaml } from '../load/index.ts';
import { checkSchema } from '../load/index.ts';
import { GOVERNANCE, streamsOf, type State } from '../common/index.ts';
import { type LoadResult } from '../load/index.ts';
import { validateState, type ValidationResult } from '../load/index.ts';
import { didYouMean } from '../common/index.ts';
import { isDate, monthOf } from './calendar.ts';

/** The most hours one entry, or one person's entries of one day, may count. */
export const MAX_HOURS_A_DAY = 24;
/** The most credits one entry may give (the schema's limit). */
export const MAX_CREDITS = 1_000_000;

export interface LogRequest {
  member: string;
  stream: string;
  hours?: number;
  credits?: number;
  what: string;
  /** YYYY-MM-DD. */
  date: string;
  link?: string;
}

/** Which part of the request a problem is about: the CLI names the flag. */
export type LogField = 'member' | 'stream' | 'hours' | 'credits' | 'what' | 'date' | 'link';

export interface LogIssue {
  /** The part of the request at fault; absent when the fault is in the state (a broken file). */
  field?: LogField;
  /** A stable code (codes.ts). */
  code: LogCode;
  /** What is wrong and how to fix it, without naming the flag. */
  message: string;
}

export type LogPlan =
  | { ok: false; issues: LogIssue[] }
  | {
      ok: true;
      /** The monthly file, relative to the repository folder. */
      file: string;
      /** Its whole new text. */
      text: string;
      created: boolean;
      entry: ContributionEntry;
      /** The state as it would be with the entry: write only when it is ok. */
      validation: ValidationResult;
    };

const SCHEMA_LINE = '# yaml-language-server: $schema=https://cooperage.dev/schemas/contributions.schema.json\n';

/** Checks a request against the state: the person, the stream, the amounts, the date. */
export function checkLogRequest(state: State, request: LogRequest, today: string): LogIssue[] {
  const issues: LogIssue[] = [];
  const issue = (field: LogField, code: LogCode, message: string) => issues.push({ field, code, message });
  if (!state.members.has(request.member)) {
    const handles = [...state.members.keys()].sort();
    issue(
      'member',
      'log.member',
      `"${request.member}" is not a member: there is no governance/members/${request.member}.yaml. Use one of: ${handles.join(', ') || '(nobody yet)'}.`,
    );
  }
  const streams = Object.keys(streamsOf(state));
  if (streams.length === 0) {
    issue(
      'stream',
      'log.no-value',
      'This constitution tracks no value, so there is no stream to log work in. Add `value: { streams: ... }` to governance/constitution.yaml first.',
    );
  } else if (!streams.includes(request.stream)) {
    issue(
      'stream',
      'log.stream',
      `"${request.stream}" is not one of the constitution's streams.${didYouMean(request.stream, streams)} Use one of: ${streams.join(', ')}.`,
    );
  }
  if (request.hours === undefined && request.credits === undefined) {
    issue('hours', 'log.amount', "Say how much work it was: give hours (converted at the stream's rate) or credits.");
  }
  if (request.hours !== undefined && !(Number.isFinite(request.hours) && request.hours > 0 && request.hours <= MAX_HOURS_A_DAY)) {
    issue('hours', 'log.hours', `${request.hours} is not a number of hours one entry can count: give more than 0 and at most ${MAX_HOURS_A_DAY}, such as 2.5.`);
  }
  if (request.credits !== undefined && !(Number.isFinite(request.credits) && request.credits >= 0 && request.credits <= MAX_CREDITS)) {
    issue(
      'credits',
      'log.credits',
      `${request.credits} is not a number of credits one entry can give: give 0 or more and at most ${MAX_CREDITS.toLocaleString('en')}, such as 120.`,
    );
  }
  if (request.what.trim() === '') issue('what', 'log.what', 'Say in a line what the work was.');
  if (!isDate(request.date)) {
    issue('date', 'log.date', `"${request.date}" is not a day: write it YYYY-MM-DD, such as ${today}.`);
  } else if (request.date > today) {
    issue('date', 'log.future', `${request.date} is after today (${today}): log work once it is done.`);
  }
  if (request.link !== undefined && !/^https?:\/\/\S+$/.test(request.link)) {
    issue('link', 'log.link', `"${request.link}" is not a link: give one starting with https:// (or http://), without spaces.`);
  }
  if (issues.length > 0) return issues;
  const existing = state.contributions.get(`${monthOf(request.date)}/${request.member}`)?.value.entries ?? [];
  const entry = entryOf(request);
  const twin = existing.findIndex((e) => JSON.stringify(entryOf({ ...e, member: request.member })) === JSON.stringify(entry));
  if (twin !== -1) {
    issue(
      'what',
      'log.duplicate',
      `The same entry is already logged (entry ${twin + 1} of governance/contributions/${monthOf(request.date)}/${request.member}.yaml). If this is more work, say what makes it different.`,
    );
  }
  if (request.hours === undefined) return issues;
  // Hours of the same day, this entry included, cannot pass a day's length.
  const sameDay = existing.filter((e) => e.date === request.date).reduce((sum, e) => sum + (e.hours ?? 0), 0);
  if (sameDay + request.hours > MAX_HOURS_A_DAY) {
    issue(
      'hours',
      'log.day-too-long',
      `${request.member} already logged ${sameDay} hours on ${request.date}; ${request.hours} more would make ${sameDay + request.hours}, more than a day's ${MAX_HOURS_A_DAY}. Check the date and the hours.`,
    );
  }
  return issues;
}

/** The entry a request adds, its fields in the order the schema lists them. */
export function entryOf(request: LogRequest): ContributionEntry {
  return {
    date: request.date,
    stream: request.stream,
    ...(request.hours !== undefined ? { hours: request.hours } : {}),
    ...(request.credits !== undefined ? { credits: request.credits } : {}),
    what: request.what.trim(),
    ...(request.link !== undefined ? { link: request.link } : {}),
  };
}

/**
 * Appends an entry to a monthly file's text, or writes a new file when there is none. The existing
 * text is kept byte for byte (its comments, quoting and layout): the entry is written as a new item
 * at the end of the `entries` list, indented like the items before it. Only when the list cannot be
 * extended that way (a flow list such as `entries: []`) is the file rewritten through the `yaml`
 * library's document, which keeps comments but may re-space flow collections.
 */
export function appendEntry(text: string | undefined, entry: ContributionEntry): string {
  if (text === undefined || text.trim() === '') return `${SCHEMA_LINE}entries:\n${indent(item(entry), 2)}`;
  const expected = [...entriesOf(text), entry];
  const spliced = splice(text, entry);
  if (spliced !== undefined && sameEntries(spliced, expected)) return spliced;
  const doc = parseDocument(text);
  if (isMap(doc.contents) && isSeq(doc.contents.get('entries', true))) doc.addIn(['entries'], doc.createNode(entry));
  else doc.set('entries', doc.createNode(expected));
  const rewritten = doc.toString({ lineWidth: 0, flowCollectionPadding: false });
  if (!sameEntries(rewritten, expected)) throw new Error('appending a contribution entry changed the entries before it');
  return rewritten;
}

function splice(text: string, entry: ContributionEntry): string | undefined {
  const doc = parseDocument(text);
  if (doc.errors.length > 0 || !isMap(doc.contents)) return undefined;
  const seq = doc.contents.get('entries', true);
  if (!isSeq(seq) || seq.flow || seq.items.length === 0 || seq.range == null) return undefined;
  const [start, end] = seq.range;
  const column = start - (text.lastIndexOf('\n', start - 1) + 1);
  // Only whitespace may precede the first `-` on its line, or the items would not line up.
  if (text.slice(start - column, start).trim() !== '') return undefined;
  const before = text.slice(0, end);
  const glue = before.endsWith('\n') ? '' : '\n';
  return `${before}${glue}${indent(item(entry), column)}${text.slice(end)}`;
}

function item(entry: ContributionEntry): string {
  return stringify([entry], { lineWidth: 0 });
}

function indent(block: string, column: number): string {
  const pad = ' '.repeat(column);
  return block
    .split('\n')
    .map((line) => (line === '' ? line : pad + line))
    .join('\n');
}

function entriesOf(text: string): unknown[] {
  const parsed = parseYaml('contributions', text);
  const value = parsed.ok ? (parsed.value as Partial<Contributions> | null) : null;
  return Array.isArray(value?.entries) ? value.entries : [];
}

function sameEntries(text: string, expected: unknown[]): boolean {
  const parsed = parseYaml('contributions', text);
  return parsed.ok && JSON.stringify((parsed.value as Partial<Contributions> | null)?.entries) === JSON.stringify(expected);
}

/**
 * Plans a `coop log`: checks the request, appends the entry to the right monthly file, and validates
 * the whole state as it would be. Nothing is written here; the caller writes `text` to `file` only
 * when `validation.ok`.
 */
export function planLog(loaded: LoadResult, request: LogRequest, today: string): LogPlan {
  const issues = checkLogRequest(loaded.state, request, today);
  if (issues.length > 0) return { ok: false, issues };
  const month = monthOf(request.date);
  const key = `${month}/${request.member}`;
  const file = `${GOVERNANCE}/contributions/${month}/${request.member}.yaml`;
  if (loaded.state.broken.has(file)) {
    return {
      ok: false,
      issues: [
        {
          code: 'log.broken-file',
          message: `${file} does not read as a contributions file; nothing can be added to it until it does. Run \`coop validate\` and fix it first.`,
        },
      ],
    };
  }
  const before = loaded.texts.get(file);
  const entry = entryOf(request);
  const text = appendEntry(before, entry);

  const state: State = { ...loaded.state, contributions: new Map(loaded.state.contributions), broken: new Set(loaded.state.broken) };
  const texts = new Map(loaded.texts).set(file, text);
  const problems: Problem[] = loaded.problems.filter((p) => p.file !== file);
  const parsed = parseYaml(file, text);
  const fileProblems = parsed.ok ? checkSchema('contributions', file, parsed.value) : [parsed.problem];
  problems.push(...fileProblems);
  if (parsed.ok && fileProblems.length === 0) {
    state.contributions.set(key, { file, text, value: parsed.value as Contributions });
    state.broken.delete(file);
  } else {
    state.contributions.delete(key);
    state.broken.add(file);
  }
  return { ok: true, file, text, created: before === undefined, entry, validation: validateState(state, problems, texts) };
}
