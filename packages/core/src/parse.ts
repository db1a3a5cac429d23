// Turns the bytes of a governance file into data, with one meaning: YAML 1.2 core, as the `yaml` library reads it.
//
// js-yaml is several times faster than `yaml`, so it reads files first, with a schema built here to
// resolve plain scalars exactly as YAML 1.2 core does. A file that uses a construct js-yaml reads more
// leniently (see needsReference), that js-yaml cannot read, whose value it shares between places, or
// that nests too deep, is read by `yaml` instead: the reference, which also gives positions. A
// differential test holds the two to the same values wherever the fast reading validates.
import jsYaml from 'js-yaml';
import * as yaml from 'yaml';
import type { Problem } from './diagnostics.ts';

/** No governance file nests this deep; deeper input is refused before it can exhaust the stack. */
export const MAX_DEPTH = 64;
/** The most alias expansions a file may make (the `yaml` library's default). */
export const MAX_ALIAS_COUNT = 100;

export type ParseResult = { ok: true; value: unknown } | { ok: false; problem: Problem };

const core12 = [
  new jsYaml.Type('tag:yaml.org,2002:null', {
    kind: 'scalar',
    resolve: (s: string) => /^(?:~|[Nn]ull|NULL)?$/.test(s),
    construct: () => null,
  }),
  new jsYaml.Type('tag:yaml.org,2002:bool', {
    kind: 'scalar',
    resolve: (s: string) => /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(s),
    construct: (s: string) => s[0] === 't' || s[0] === 'T',
  }),
  new jsYaml.Type('tag:yaml.org,2002:int', {
    kind: 'scalar',
    resolve: (s: string) => /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/.test(s),
    construct: (s: string) =>
      s.startsWith('0o') ? parseInt(s.slice(2), 8) : s.startsWith('0x') ? parseInt(s.slice(2), 16) : parseInt(s, 10),
  }),
  new jsYaml.Type('tag:yaml.org,2002:float', {
    kind: 'scalar',
    resolve: (s: string) =>
      /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(s) ||
      /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(s) ||
      /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(s),
    construct: (s: string) => {
      const tail = s.slice(-3).toLowerCase();
      if (tail === 'nan') return NaN;
      if (tail === 'inf') return s[0] === '-' ? -Infinity : Infinity;
      return parseFloat(s);
    },
  }),
];

/** js-yaml set up to mean what YAML 1.2 core means: no timestamps, no merge keys, no 1.1 booleans. */
const CORE_1_2 = jsYaml.FAILSAFE_SCHEMA.extend({ implicit: core12 });

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Decodes UTF-8 text, refusing binary content and invalid encodings. */
export function decodeText(file: string, bytes: Uint8Array): { ok: true; text: string } | { ok: false; problem: Problem } {
  if (bytes.includes(0)) {
    return { ok: false, problem: { file, code: 'file.binary', message: 'This is a binary file, not YAML text. Remove it from governance/ or replace it with a YAML file.', line: 1, column: 1 } };
  }
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    return { ok: false, problem: { file, code: 'file.encoding', message: 'This file is not valid UTF-8. Save it as UTF-8 text.', line: 1, column: 1 } };
  }
  return { ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}

/** Parses one YAML document into plain data. */
export function parseYaml(file: string, text: string): ParseResult {
  if (needsReference(text)) return parseCanonical(file, text);
  let value: unknown;
  try {
    value = jsYaml.load(text, { schema: CORE_1_2, filename: file, json: false });
  } catch {
    return parseCanonical(file, text);
  }
  return isPlainTree(value) ? { ok: true, value: value ?? null } : parseCanonical(file, text);
}

const NEEDS_REFERENCE = /(?:^|[\s,[{])[&!]\S|[\]}]\s*:(?:[ \t\r\n]|$)|^%|^(?:---|\.\.\.)\S|(?:^|[\s,[{])\?(?:[ \t\r\n]|$)|^[ ]*\t/m;

/**
 * Whether the text has a construct js-yaml forgives where YAML 1.2 does not, or reads differently:
 * directives, markers glued to text, explicit `?` keys, tab indentation, comments glued to a closing
 * bracket or quote, collections as keys, and flow collections or quoted scalars that span lines.
 * Such files are rare in governance; the reference reads them.
 */
function needsReference(text: string): boolean {
  if (NEEDS_REFERENCE.test(text)) return true;
  let depth = 0;
  let lineStart = 0;
  while (lineStart < text.length) {
    let end = text.indexOf('\n', lineStart);
    if (end === -1) end = text.length;
    for (let i = lineStart; i < end; i++) {
      const c = text[i];
      if (c === '[' || c === '{') depth++;
      else if ((c === ']' || c === '}') && depth > 0) depth--;
      else if ((c === '"' || c === "'") && startsScalar(text, lineStart, i)) {
        const close = closingQuote(text, i, end);
        if (close === -1) return true;
        i = close;
      } else if (c === '#' && i > lineStart && text[i - 1] !== ' ' && text[i - 1] !== '\t') {
        // `#` glued to text is part of a plain scalar in YAML, but js-yaml may take it as a comment.
        if (text[i - 1] === ']' || text[i - 1] === '}' || text[i - 1] === '"' || text[i - 1] === "'") return true;
      }
    }
    if (depth > 0) return true;
    lineStart = end + 1;
  }
  return false;
}

/** A quote starts a quoted scalar when only indentation or an indicator (`:`, `-`, `[`, `{`, `,`, `?`) precedes it. */
function startsScalar(text: string, lineStart: number, i: number): boolean {
  for (let j = i - 1; j >= lineStart; j--) {
    const c = text[j];
    if (c === ' ' || c === '\t') continue;
    return c === ':' || c === '-' || c === '[' || c === '{' || c === ',' || c === '?';
  }
  return true;
}

/** The index of the quote that closes the scalar opened at `open`, on the same line; -1 if none. */
function closingQuote(text: string, open: number, end: number): number {
  const quote = text[open];
  for (let i = open + 1; i < end; i++) {
    if (quote === '"' && text[i] === '\\') i++;
    else if (text[i] === quote) {
      if (quote === "'" && text[i + 1] === "'") i++;
      else return i;
    }
  }
  return -1;
}

/** Longer implicit keys are an error in YAML 1.2; js-yaml accepts them. */
const MAX_KEY_LENGTH = 1024;

/**
 * True when no object is reached twice (no aliased collections), nothing nests too deep, and no key
 * could have come from a null or over-long key, which js-yaml reads differently.
 */
function isPlainTree(root: unknown): boolean {
  const seen = new Set<object>();
  const stack: [unknown, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_DEPTH || seen.has(value)) return false;
    seen.add(value);
    if (!Array.isArray(value)) {
      for (const key of Object.keys(value)) {
        if (key === 'null' || key === '' || key.length > MAX_KEY_LENGTH) return false;
      }
    }
    for (const child of Array.isArray(value) ? value : Object.values(value)) {
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
    }
  }
  return true;
}

/** The reference reading, with the `yaml` library; also the source of every parse error's position. */
export function parseCanonical(file: string, text: string): ParseResult {
  const fail = (code: string, message: string, offset = 0): ParseResult => {
    const { line, column } = positionAt(text, offset);
    return { ok: false, problem: { file, code, message, line, column } };
  };
  const tooDeep = `This file nests more than ${MAX_DEPTH} levels deep. Governance files never need to: flatten it.`;
  const deepFlow = tooDeepFlow(text) ?? tooDeepChain(text);
  if (deepFlow !== undefined) return fail('yaml.too-deep', tooDeep, deepFlow);
  let doc;
  try {
    // resolveKnownTags: false refuses YAML 1.1 types (!!binary, !!set, !!omap, !!timestamp) like any other tag.
    const docs = yaml.parseAllDocuments(text, { uniqueKeys: true, merge: false, strict: true, prettyErrors: false, resolveKnownTags: false });
    if (Array.isArray(docs) && docs.length > 1) {
      return fail('yaml.multiple-documents', 'This file holds more than one YAML document. Keep one document per file: remove the extra `---`.', docs[1]!.range[0]);
    }
    doc = Array.isArray(docs) ? docs[0] : undefined;
  } catch (error) {
    if (error instanceof RangeError) return fail('yaml.too-deep', 'This file nests too deep to read. Flatten it.');
    throw error;
  }
  if (doc === undefined) return { ok: true, value: null };
  if (doc.directives?.yaml.explicit || /^%TAG/m.test(text)) {
    return fail('yaml.directive', 'YAML directives (%YAML, %TAG) are not used in governance files, which are always YAML 1.2. Remove the directive line.');
  }
  const error = doc.errors[0];
  // The composer turns a stack overflow on deep block nesting into this error.
  if (error?.code === 'RESOURCE_EXHAUSTION') return fail('yaml.too-deep', tooDeep, error.pos[0]);
  if (error !== undefined) {
    const code = error.code === 'DUPLICATE_KEY' ? 'yaml.duplicate-key' : 'yaml.syntax';
    return fail(code, `${firstSentence(error.message)} ${syntaxHint(error.code, error.message)}`, error.pos[0]);
  }
  const warning = doc.warnings[0];
  if (warning !== undefined) {
    const hint = warning.code === 'TAG_RESOLVE_FAILED' ? ' Tags are not used in governance files: remove it.' : ' Fix it.';
    return fail('yaml.unsupported', firstSentence(warning.message) + hint, warning.pos[0]);
  }
  const deepNode = tooDeepNode(doc.contents);
  if (deepNode !== undefined) return fail('yaml.too-deep', tooDeep, deepNode);
  const badKey = findBadKey(doc.contents);
  if (badKey !== undefined) {
    return fail('yaml.key', 'Keys in governance files are plain names; this one is empty, null or a list or map. Write the key as a name.', badKey);
  }
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) ?? null };
  } catch (error) {
    if (error instanceof ReferenceError || /alias/i.test(String(error))) {
      return fail('yaml.alias-limit', `This file expands aliases more than ${MAX_ALIAS_COUNT} times, as a resource exhaustion attack would. Write the values out instead of using anchors and aliases.`);
    }
    if (error instanceof RangeError) return fail('yaml.too-deep', 'This file nests too deep to read. Flatten it.');
    throw error;
  }
}

/** The offset of the first key that is not a non-null scalar, if any. */
function findBadKey(root: unknown): number | undefined {
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (yaml.isMap(node)) {
      for (const pair of node.items) {
        const key = pair.key;
        if (!yaml.isScalar(key) || key.value === null || key.value === '') {
          return (key as { range?: number[] } | null)?.range?.[0] ?? (pair.value as { range?: number[] } | null)?.range?.[0] ?? 0;
        }
        stack.push(pair.value);
      }
    } else if (yaml.isSeq(node)) {
      stack.push(...node.items);
    }
  }
  return undefined;
}

/**
 * The offset of the first flow collection (`[`, `{`) nested more than MAX_DEPTH deep, found before
 * any recursive parser sees the text: a megabyte of brackets would exhaust the stack.
 */
function tooDeepFlow(text: string): number | undefined {
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
function tooDeepChain(text: string): number | undefined {
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

/** The offset of the first collection, block or flow, nested more than MAX_DEPTH deep (aliases are not followed). */
function tooDeepNode(root: unknown): number | undefined {
  const stack: [unknown, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (!yaml.isCollection(node)) continue;
    if (depth > MAX_DEPTH) return node.range?.[0] ?? 0;
    for (const item of node.items) stack.push([yaml.isPair(item) ? item.value : item, depth + 1]);
  }
  return undefined;
}

/** The 1-based line and column of an offset, counting lines as the `yaml` library's LineCounter does. */
function positionAt(text: string, offset: number): { line: number; column: number } {
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
  { code: 'MULTILINE_IMPLICIT_KEY', hint: 'A key and its value go on one line, with a colon and a space after the key: `name: Ana`. Check this line for a missing colon.' },
  { code: 'BLOCK_AS_IMPLICIT_KEY', message: /sequence/, hint: 'Start every `- ` item of a list at the same column, indented under its key.' },
  { code: 'BLOCK_AS_IMPLICIT_KEY', hint: 'A value with `: ` in it goes in quotes: `what: "Budget: Q4"`. A map inside another starts on the next line, indented under a key with nothing after its colon; the keys of one map start at the same column.' },
  { code: 'BAD_INDENT', message: /Flow sequence/, hint: 'Close the list with `]` on the same line, as in `emails: [ana@example.org]`.' },
  { code: 'BAD_INDENT', message: /Flow map/, hint: 'Close the map with `}` on the same line, as in `dating: { stage: 2, since: 2026-09-01 }`.' },
  { code: 'BAD_INDENT', message: /sequence items/, hint: 'Start every `- ` item of a list at the same column.' },
  { code: 'BAD_INDENT', message: /mapping items/, hint: 'Start every key of a map at the same column, indented with spaces: a file\'s own keys at the left edge, the keys of a list item just after its `- `.' },
  { code: 'BAD_INDENT', hint: 'Indent with spaces, each level two further than the key it belongs to.' },
  { code: 'TAB_AS_INDENT', hint: 'Indent with spaces, not tabs (two spaces a level); most editors can be set to insert spaces in .yaml files.' },
  { code: 'MISSING_CHAR', message: /quote/, hint: 'Close the quote on the same line: `name: "Ana Costa"`. A quote inside the text is written `\\"` between double quotes, or `\'\'` between single ones.' },
  { code: 'MISSING_CHAR', message: /without - indicator/, hint: 'Line up the keys of a list item with its first key, just after the `- `; a new item starts with `- `.' },
  { code: 'MISSING_CHAR', message: /followed by map values/, hint: 'Put a colon and a space after the key, then its value: `tier: member`.' },
  { code: 'MISSING_CHAR', message: /Comments/, hint: 'Put a space before `#`, or quote the text that holds it: `what: "Fixed issue #12"`.' },
  { code: 'MISSING_CHAR', message: /Missing space after :/, hint: 'Put a space after the colon: `{ stage: 2 }`.' },
  { code: 'MISSING_CHAR', message: /Missing ,/, hint: 'Separate the items inside `[ ]` or `{ }` with commas: `[ana@example.org, ana@example.com]`.' },
  { code: 'BAD_SCALAR_START', hint: 'Put a value that starts with this character in quotes: `github: "@ana"`.' },
  { code: 'BAD_DQ_ESCAPE', hint: 'Between double quotes a backslash starts an escape: write `\\\\` for a backslash, or use single quotes.' },
  { code: 'UNEXPECTED_TOKEN', message: /Block scalar header/, hint: 'Only `-`, `+` or a digit may follow `|` or `>` on its line; the text starts on the next line, indented.' },
  { code: 'UNEXPECTED_TOKEN', message: /,/, hint: 'Remove the extra comma: the items inside `[ ]` or `{ }` are separated by one comma each.' },
  { code: 'UNEXPECTED_TOKEN', message: /flow-(seq|map)-end/, hint: 'Brackets go in pairs: close every `[` with one `]` and every `{` with one `}`.' },
  { code: 'UNEXPECTED_TOKEN', message: /map-value-ind/, hint: 'A colon needs a key before it on its line: `key: value`.' },
  { code: 'UNEXPECTED_TOKEN', message: /at node end/, hint: 'Something follows the value where the line should end: quote the whole value when it holds quotes (`title: \'The "care" rate\'`), and start the file\'s own keys at the left edge.' },
  { code: 'BAD_ALIAS', message: /Alias/, hint: 'List items start with `- `, not `* ` (a `*` starts an alias, which governance files do not use); put a value that starts with `*` in quotes.' },
  { code: 'BAD_ALIAS', hint: 'Put a value that starts with `&` or `*` in quotes: `what: "& more"`.' },
  { code: 'BLOCK_IN_FLOW', hint: 'Inside `[ ]` or `{ }` items are separated by commas, not written on lines of their own with `-` or `key:`; write the list or map in one of the two styles.' },
];

const SYNTAX_HINT = 'Fix the YAML syntax here: each key as `key: value`, each list item as `- item`, indented with spaces.';

/** The hint for a syntax error of the `yaml` library, by its code and message. */
export function syntaxHint(code: yaml.ErrorCode, message: string): string {
  return SYNTAX_HINTS.find((h) => h.code === code && (h.message === undefined || h.message.test(message)))?.hint ?? SYNTAX_HINT;
}

function firstSentence(message: string): string {
  const line = message.split('\n')[0]!.trim().replace(/ at line \d+, column \d+:?$/, '');
  return /[.!?]$/.test(line) ? line : `${line}.`;
}
