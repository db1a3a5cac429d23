// What both readings of a YAML file find in its text before they parse it, and the words they share:
// limits, line breaks, nesting that would exhaust a parser, positions, and hints for syntax errors.
import type * as yaml from 'yaml';
import type { Problem } from '../common/index.ts';

/** No governance file nests this deep; deeper input is refused before it can exhaust the stack. */
export const MAX_DEPTH = 64;
/** The most alias expansions a file may make (the `yaml` library's default). */
export const MAX_ALIAS_COUNT = 100;

export type ParseResult = { ok: true; value: unknown } | { ok: false; problem: Problem };

export const TOO_DEEP = `This file nests more than ${MAX_DEPTH} levels deep. Governance files never need to: flatten it.`;
export const BAD_KEY = 'Keys in governance files are plain names; this one is empty, null or a list or map. Write the key as a name.';

/** The offset of the first carriage return not followed by a line feed, if any; CRLF line ends are fine. */
export function loneCarriageReturn(text: string): number | undefined {
  for (let i = text.indexOf('\r'); i !== -1; i = text.indexOf('\r', i + 1)) {
    if (text.charCodeAt(i + 1) !== 10) return i;
  }
  return undefined;
}

/**
 * A carriage return alone ends a line for js-yaml and for some editors, and is text or part of a
 * comment for others: what follows it could be read as a key by one and hidden by another.
 */
export function loneCarriageReturnProblem(file: string, text: string, offset: number): ParseResult {
  const { line, column } = positionAt(text, offset);
  const message =
    'This line holds a carriage return (CR) with no line feed after it, which YAML readers take differently: as the end of a line, or as text. Save the file with LF or CRLF line endings.';
  return { ok: false, problem: { file, code: 'yaml.line-break', message, line, column } };
}

/**
 * The offset of the first flow collection (`[`, `{`) nested more than MAX_DEPTH deep, found before
 * any recursive parser sees the text: a megabyte of brackets would exhaust the stack.
 */
export function tooDeepFlow(text: string): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 91 || c === 123) {
      if (++depth > MAX_DEPTH) return i;
    } else if ((c === 93 || c === 125) && depth > 0) depth--;
  }
  return undefined;
}

/**
 * The offset of the first block indicator (`-`, `?`, `:`) chained more than MAX_DEPTH times on one
 * line, as in `- - - x`: each costs two bytes a level, and a megabyte of them makes the `yaml`
 * library's parser crawl and then run out of memory.
 */
export function tooDeepChain(text: string): number | undefined {
  let chain = 0;
  let inPrefix = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      chain = 0;
      inPrefix = true;
    } else if (inPrefix && c !== 32 && c !== 9) {
      const next = text.charCodeAt(i + 1);
      if ((c === 45 || c === 63 || c === 58) && (next === 32 || next === 9)) {
        if (++chain > MAX_DEPTH) return i;
      } else {
        inPrefix = false;
      }
    }
  }
  return undefined;
}

/** The 1-based line and column of an offset, counting lines as the `yaml` library's LineCounter does. */
export function positionAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

/**
 * What to do about a syntax error the `yaml` library found, in the words of governance files. Its
 * codes are broad (MISSING_CHAR is a missing quote, colon, comma or dash), so the first entry whose
 * code and message match says it.
 */
const SYNTAX_HINTS: readonly { code: yaml.ErrorCode; message?: RegExp; hint: string }[] = [
  { code: 'DUPLICATE_KEY', hint: 'Each key may appear once in a map: remove or merge the repeated one.' },
  { code: 'MULTILINE_IMPLICIT_KEY', message: /flow sequence/, hint: 'Inside `[ ]`, keep each `key: value` on one line.' },
  {
    code: 'MULTILINE_IMPLICIT_KEY',
    hint: 'A key and its value go on one line, with a colon and a space after the key: `name: Ana`. Check this line for a missing colon.',
  },
  { code: 'BLOCK_AS_IMPLICIT_KEY', message: /sequence/, hint: 'Start every `- ` item of a list at the same column, indented under its key.' },
  {
    code: 'BLOCK_AS_IMPLICIT_KEY',
    hint: 'A value with `: ` in it goes in quotes: `what: "Budget: Q4"`. A map inside another starts on the next line, indented under a key with nothing after its colon; the keys of one map start at the same column.',
  },
  { code: 'BAD_INDENT', message: /Flow sequence/, hint: 'Close the list with `]` on the same line, as in `emails: [ana@example.org]`.' },
  { code: 'BAD_INDENT', message: /Flow map/, hint: 'Close the map with `}` on the same line, as in `dating: { stage: 2, since: 2026-09-01 }`.' },
  { code: 'BAD_INDENT', message: /sequence items/, hint: 'Start every `- ` item of a list at the same column.' },
  {
    code: 'BAD_INDENT',
    message: /mapping items/,
    hint: "Start every key of a map at the same column, indented with spaces: a file's own keys at the left edge, the keys of a list item just after its `- `.",
  },
  { code: 'BAD_INDENT', hint: 'Indent with spaces, each level two further than the key it belongs to.' },
  { code: 'TAB_AS_INDENT', hint: 'Indent with spaces, not tabs (two spaces a level); most editors can be set to insert spaces in .yaml files.' },
  {
    code: 'MISSING_CHAR',
    message: /quote/,
    hint: 'Close the quote on the same line: `name: "Ana Costa"`. A quote inside the text is written `\\"` between double quotes, or `\'\'` between single ones.',
  },
  {
    code: 'MISSING_CHAR',
    message: /without - indicator/,
    hint: 'Line up the keys of a list item with its first key, just after the `- `; a new item starts with `- `.',
  },
  { code: 'MISSING_CHAR', message: /followed by map values/, hint: 'Put a colon and a space after the key, then its value: `tier: member`.' },
  { code: 'MISSING_CHAR', message: /Comments/, hint: 'Put a space before `#`, or quote the text that holds it: `what: "Fixed issue #12"`.' },
  { code: 'MISSING_CHAR', message: /Missing space after :/, hint: 'Put a space after the colon: `{ stage: 2 }`.' },
  { code: 'MISSING_CHAR', message: /Missing ,/, hint: 'Separate the items inside `[ ]` or `{ }` with commas: `[ana@example.org, ana@example.com]`.' },
  { code: 'BAD_SCALAR_START', hint: 'Put a value that starts with this character in quotes: `github: "@ana"`.' },
  { code: 'BAD_DQ_ESCAPE', hint: 'Between double quotes a backslash starts an escape: write `\\\\` for a backslash, or use single quotes.' },
  {
    code: 'UNEXPECTED_TOKEN',
    message: /Block scalar header/,
    hint: 'Only `-`, `+` or a digit may follow `|` or `>` on its line; the text starts on the next line, indented.',
  },
  { code: 'UNEXPECTED_TOKEN', message: /,/, hint: 'Remove the extra comma: the items inside `[ ]` or `{ }` are separated by one comma each.' },
  { code: 'UNEXPECTED_TOKEN', message: /flow-(seq|map)-end/, hint: 'Brackets go in pairs: close every `[` with one `]` and every `{` with one `}`.' },
  { code: 'UNEXPECTED_TOKEN', message: /map-value-ind/, hint: 'A colon needs a key before it on its line: `key: value`.' },
  {
    code: 'UNEXPECTED_TOKEN',
    message: /at node end/,
    hint: "Something follows the value where the line should end: quote the whole value when it holds quotes (`title: 'The \"care\" rate'`), and start the file's own keys at the left edge.",
  },
  {
    code: 'BAD_ALIAS',
    message: /Alias/,
    hint: 'List items start with `- `, not `* ` (a `*` starts an alias, which governance files do not use); put a value that starts with `*` in quotes.',
  },
  { code: 'BAD_ALIAS', hint: 'Put a value that starts with `&` or `*` in quotes: `what: "& more"`.' },
  {
    code: 'BLOCK_IN_FLOW',
    hint: 'Inside `[ ]` or `{ }` items are separated by commas, not written on lines of their own with `-` or `key:`; write the list or map in one of the two styles.',
  },
];

export const SYNTAX_HINT = 'Fix the YAML syntax here: each key as `key: value`, each list item as `- item`, indented with spaces.';

/** The hint for a syntax error of the `yaml` library, by its code and message. */
export function syntaxHint(code: yaml.ErrorCode, message: string): string {
  return SYNTAX_HINTS.find((h) => h.code === code && (h.message === undefined || h.message.test(message)))?.hint ?? SYNTAX_HINT;
}

export function firstSentence(message: string): string {
  const line = message
    .split('\n')[0]!
    .trim()
    .replace(/ at line \d+, column \d+:?$/, '');
  return /[.!?]$/.test(line) ? line : `${line}.`;
}
