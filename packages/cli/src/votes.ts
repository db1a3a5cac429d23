// Reads the votes file of coop tally and coop record: a JSON array of {voter, vote, at}, every mistake named by file and entry, or by line and column.
import { choices, instantProblem, parseInstant, type Choice, type Vote } from '@cooperage/core';
import { UsageError } from './args.ts';

const EXAMPLE = '[{"voter": "AnaCosta", "vote": "yes", "at": "2026-11-20T10:00:00Z"}]';

/**
 * The votes of a file's text. Entries are counted from 1. A vote is read ignoring case and spaces
 * around it ("Yes" is yes); `reason`, `source` and `url` are kept when given, for the tally's output
 * and the record.
 */
export function readVotes(file: string, text: string, command = 'tally'): Vote[] {
  const json = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    const { offset, problem } = syntaxError(json);
    const { line, column } = position(json, offset);
    throw new UsageError(`coop ${command}: ${file}:${line}:${column}: not JSON: ${problem}. Give the votes as a JSON array, such as ${EXAMPLE}.`);
  }
  if (!Array.isArray(data)) throw new UsageError(`coop ${command}: ${file}: must be a JSON array of votes, such as ${EXAMPLE}.`);
  return data.map((entry: unknown, i): Vote => {
    const at = `coop ${command}: ${file}: entry ${i + 1}:`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry))
      throw new UsageError(`${at} must be an object {voter, vote, at}, such as ${EXAMPLE.slice(1, -1)}.`);
    const { voter, vote, at: time, reason, source, url } = entry as Record<string, unknown>;
    if (typeof voter !== 'string' || voter.trim() === '') throw new UsageError(`${at} "voter" must be the voter's forge login, a non-empty string.`);
    const choice = typeof vote === 'string' ? vote.trim().toLowerCase() : undefined;
    if (choice === undefined || !(choices as readonly string[]).includes(choice)) {
      throw new UsageError(`${at} "vote" must be yes, no, abstain or block${vote === undefined ? ', and is missing' : `, not ${JSON.stringify(vote)}`}.`);
    }
    if (typeof time !== 'string') {
      throw new UsageError(
        `${at} "at" must be when the vote was cast, ISO 8601 with Z or an offset, such as 2026-11-20T10:00:00Z${time === undefined ? ', and is missing' : `, not ${JSON.stringify(time)}`}.`,
      );
    }
    const read = parseInstant(time);
    if (!read.ok) throw new UsageError(`${at} "at" is ${JSON.stringify(time)}, which ${instantProblem(time, read.reason)}.`);
    return {
      voter: voter.trim(),
      vote: choice as Choice,
      at: time,
      ...optionalText(at, 'reason', reason, 'what the voter said, such as the reason for a block'),
      ...optionalText(at, 'source', source, 'where the vote was cast, such as review or comment'),
      ...optionalText(at, 'url', url, 'a link to the vote'),
    };
  });
}

/** An optional text field of a vote: kept trimmed when given, left out when empty or null. */
function optionalText(at: string, field: 'reason' | 'source' | 'url', value: unknown, what: string): Partial<Vote> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'string') throw new UsageError(`${at} "${field}" must be text, ${what}, not ${JSON.stringify(value)}.`);
  const trimmed = value.trim();
  return trimmed === '' ? {} : { [field]: trimmed };
}

/** 1-based line and column of an offset. */
function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
}

/** Where the JSON of a file stops being JSON, and why: thrown inside syntaxError, caught there. */
class JsonSyntax extends Error {
  constructor(
    readonly offset: number,
    readonly problem: string,
  ) {
    super(problem);
  }
}

/**
 * Where a text JSON.parse refused goes wrong, and what was expected there. Node's own message gives no
 * position for some mistakes ("Unexpected token ']'"), so the text is scanned here.
 */
export function syntaxError(text: string): { offset: number; problem: string } {
  let i = 0;
  const fail = (problem: string): never => {
    throw new JsonSyntax(i, problem);
  };
  const found = () => (i >= text.length ? 'the end of the file' : JSON.stringify(text[i]));
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const string = () => {
    i++;
    while (i < text.length && text[i] !== '"') {
      const c = text[i]!;
      if (c < ' ') fail('a line break or control character inside a string: close the string first, or write \\n');
      if (c === '\\') {
        i++;
        if (text[i] === 'u' ? !/^u[0-9a-fA-F]{4}$/.test(text.slice(i, i + 5)) : !'"\\/bfnrt'.includes(text[i] ?? 'x'))
          fail('a backslash that starts no escape: write \\\\ for a backslash');
      }
      i++;
    }
    if (i >= text.length) fail('a string that is never closed: add the closing "');
    i++;
  };
  const value = (): void => {
    space();
    const c = text[i];
    if (c === '{') {
      i++;
      space();
      if (text[i] === '}') return void i++;
      for (;;) {
        space();
        if (text[i] !== '"') fail(`expected a key in double quotes, found ${found()}`);
        string();
        space();
        if (text[i] !== ':') fail(`expected : after the key, found ${found()}`);
        i++;
        value();
        space();
        if (text[i] === '}') return void i++;
        if (text[i] !== ',') fail(`expected , or } after a value, found ${found()}`);
        i++;
        space();
        if (text[i] === '}') fail('a comma before }: JSON allows no trailing comma');
      }
    }
    if (c === '[') {
      i++;
      space();
      if (text[i] === ']') return void i++;
      for (;;) {
        value();
        space();
        if (text[i] === ']') return void i++;
        if (text[i] !== ',') fail(`expected , or ] after a value, found ${found()}`);
        i++;
        space();
        if (text[i] === ']') fail('a comma before ]: JSON allows no trailing comma');
      }
    }
    if (c === '"') return string();
    const literal = /^(true|false|null|-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?)/.exec(text.slice(i));
    if (literal === null) fail(c === "'" ? 'a single quote: JSON strings take double quotes' : `expected a value, found ${found()}`);
    i += literal![0].length;
  };
  try {
    value();
    space();
    if (i < text.length) fail(`more after the end of the JSON value, found ${found()}`);
  } catch (error) {
    if (error instanceof JsonSyntax) return { offset: error.offset, problem: error.problem };
    throw error;
  }
  return { offset: 0, problem: 'not readable as JSON' };
}
