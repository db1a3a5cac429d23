// Turns the bytes of a governance file into data, with one meaning: YAML 1.2 core, as the `yaml` library reads it.
//
// js-yaml is several times faster than `yaml`, so it reads files first, with a schema built here to
// resolve plain scalars exactly as YAML 1.2 core does. A file that uses a construct js-yaml reads
// differently (see needsReference), that js-yaml cannot read, whose value it shares between places,
// or that nests too deep, is read by `yaml` instead: the reference, which also gives positions, up to
// MAX_REFERENCE_LENGTH. Where YAML readers part ways on the text itself (a carriage return alone),
// both readings refuse it. The YAML test suite and a differential test hold the two to one meaning.
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

/**
 * The longest text the reference reading is given. The `yaml` library reads dense YAML (a long flow
 * list, brackets nested deep on every line) at several microseconds a character: a file of this
 * length is judged in well under a second. A longer file (up to MAX_FILE_BYTES) is read only when the
 * fast reading takes it, which holds for plain YAML.
 */
export const MAX_REFERENCE_LENGTH = 32 * 1024;

/** Parses one YAML document into plain data. */
export function parseYaml(file: string, text: string): ParseResult {
  const fast = readFast(file, text);
  if ('ok' in fast) return fast;
  if (text.length <= MAX_REFERENCE_LENGTH) return parseCanonical(file, text);
  return notPlain(file, text, fast);
}

/**
 * The fast reading alone, with js-yaml: its answer where it gives one, undefined where it leaves the
 * file to the reference. Exported for the tests, which hold each reading to the other on its own.
 */
export function fastReading(file: string, text: string): ParseResult | undefined {
  const fast = readFast(file, text);
  return 'ok' in fast ? fast : undefined;
}

/** Why the fast reading leaves a file to the reference, and where when it knows. */
type Declined =
  | { why: 'construct'; offset: number }
  | { why: 'error'; offset: number; reason: string }
  | { why: 'too-deep'; offset?: number }
  | { why: 'key' };

/**
 * js-yaml counts every node, scalars too: a value MAX_DEPTH collections deep is at most MAX_DEPTH + 1
 * nodes deep, and it stops at the node after, where the reference finds a collection too deep.
 * (js-yaml 4.3 reads maxDepth; its types do not list it yet.)
 */
const FAST_OPTIONS = { schema: CORE_1_2, json: false, maxDepth: MAX_DEPTH + 1 } as jsYaml.LoadOptions;

function readFast(file: string, text: string): ParseResult | Declined {
  const cr = loneCarriageReturn(text);
  if (cr !== undefined) return loneCarriageReturnProblem(file, text, cr);
  const construct = needsReference(text);
  if (construct !== undefined) return { why: 'construct', offset: construct };
  let value: unknown;
  try {
    value = jsYaml.load(text, FAST_OPTIONS);
  } catch (error) {
    if (error instanceof RangeError) return { why: 'too-deep' };
    const { mark, reason = String(error) } = error as Partial<jsYaml.YAMLException>;
    if (reason.startsWith('nesting exceeded')) return { why: 'too-deep', offset: mark?.position };
    return { why: 'error', offset: mark?.position ?? 0, reason };
  }
  const problem = treeProblem(value);
  if (problem === undefined) return { ok: true, value: value ?? null };
  // A shared object comes from an alias, whose anchor needsReference has seen: not met in practice.
  return problem === 'shared' ? { why: 'construct', offset: 0 } : problem === 'key' ? { why: 'key' } : { why: 'too-deep' };
}

const TOO_DEEP = `This file nests more than ${MAX_DEPTH} levels deep. Governance files never need to: flatten it.`;
const BAD_KEY = 'Keys in governance files are plain names; this one is empty, null or a list or map. Write the key as a name.';

/**
 * A file too long for the reference that the fast reading does not take: refused, at the place the
 * fast reading stopped, in its words when it found an error.
 */
function notPlain(file: string, text: string, declined: Declined): ParseResult {
  const fail = (code: string, message: string, offset = 0): ParseResult => {
    const { line, column } = positionAt(text, offset);
    return { ok: false, problem: { file, code, message, line, column } };
  };
  // What the reference finds before it parses, it finds here alike.
  const deep = tooDeepFlow(text) ?? tooDeepChain(text);
  if (deep !== undefined) return fail('yaml.too-deep', TOO_DEEP, deep);
  const limit = `${MAX_REFERENCE_LENGTH / 1024} KiB`;
  switch (declined.why) {
    case 'error': {
      if (declined.reason.startsWith('duplicated mapping key')) {
        return fail('yaml.duplicate-key', `Map keys must be unique. ${syntaxHint('DUPLICATE_KEY', '')}`, declined.offset);
      }
      const reason = declined.reason.charAt(0).toUpperCase() + declined.reason.slice(1);
      return fail('yaml.syntax', `${firstSentence(reason)} ${SYNTAX_HINT}`, declined.offset);
    }
    case 'construct':
      return fail(
        'yaml.unsupported',
        `A file over ${limit} must be plain YAML, and this is not: it uses here what only smaller files may use (anchors, aliases and tags, directives, \`?\` keys, tabs as indentation, text after \`---\`, lists or maps as keys, lists, maps or quotes spanning lines, block text with an indentation indicator, a \`+\` or blank lines of spaces first). Write it plainly, or split the file.`,
        declined.offset,
      );
    case 'too-deep':
      return fail('yaml.too-deep', TOO_DEEP, declined.offset);
    case 'key':
      return fail('yaml.key', BAD_KEY);
  }
}

/** The offset of the first carriage return not followed by a line feed, if any; CRLF line ends are fine. */
function loneCarriageReturn(text: string): number | undefined {
  for (let i = text.indexOf('\r'); i !== -1; i = text.indexOf('\r', i + 1)) {
    if (text.charCodeAt(i + 1) !== 10) return i;
  }
  return undefined;
}

/**
 * A carriage return alone ends a line for js-yaml and for some editors, and is text or part of a
 * comment for others: what follows it could be read as a key by one and hidden by another.
 */
function loneCarriageReturnProblem(file: string, text: string, offset: number): ParseResult {
  const { line, column } = positionAt(text, offset);
  const message = 'This line holds a carriage return (CR) with no line feed after it, which YAML readers take differently: as the end of a line, or as text. Save the file with LF or CRLF line endings.';
  return { ok: false, problem: { file, code: 'yaml.line-break', message, line, column } };
}

/** Anchors and tags, explicit keys, collections as keys, directives, tab indentation, byte order marks. */
const NEEDS_REFERENCE = /(?:^|[\s,[{])(?:[&!]|\?(?:[ \t\r\n]|$))|[\]}]\s*:|^%|^[ ]*\t|\ufeff/gm;

/**
 * Where the text first has a construct js-yaml forgives where YAML 1.2 does not, or reads
 * differently: directives, tags and anchors, byte order marks, document markers with anything but a
 * comment after them, explicit `?` keys, tab indentation, comments glued to a closing bracket or
 * quote, collections as keys (`]:`, `}:`, or an entry of a flow map), flow collections or quoted
 * scalars that span lines, block scalars with an indentation indicator or keep chomping, and block
 * scalars whose leading blank lines hold spaces (js-yaml reads an empty text where YAML 1.2 wants an
 * indentation indicator). Such files are rare in governance; the reference reads them. One pass
 * over the text, and a pattern.
 */
function needsReference(text: string): number | undefined {
  NEEDS_REFERENCE.lastIndex = 0;
  for (let match; (match = NEEDS_REFERENCE.exec(text)) !== null; ) {
    // The match may start with the space or bracket before an indicator; the indicator is the place.
    const at = match.index + Math.max(0, match[0].search(/[&!?]/));
    // `&` then a space is text (`R & D`), unless it starts a node: an anchor with no name.
    if (text[at] !== '&' || !/^[ \t\r\n]?$/.test(text[at + 1] ?? '') || /^$|[-?:,[{]/.test(previousChar(text, text.lastIndexOf('\n', at) + 1, at))) return at;
  }
  // The flow collections open on this line, innermost last: `{` or `[`.
  const flow: string[] = [];
  let opened = 0;
  let lineStart = 0;
  // After a line that may be a block scalar's header, until the first line with text.
  let afterHeader = false;
  // The indentation of the last line with text when it ends in a key or entry with no value yet.
  let emptyValueIndent = -1;
  while (lineStart < text.length) {
    let end = text.indexOf('\n', lineStart);
    if (end === -1) end = text.length;
    if (text.charCodeAt(end - 1) === 13) end--;
    if (isMarker(text, lineStart) && !onlyComment(text, lineStart + 3, end)) return lineStart;
    // Where the line's content ends: before a comment or trailing spaces.
    let contentEnd = end;
    for (let i = lineStart; i < end; i++) {
      const c = text[i];
      if (c === '[' || c === '{') {
        // A collection as an entry of a flow map is a key, which js-yaml turns into text ("a,b").
        if (flow[flow.length - 1] === '{' && /[{,]/.test(previousChar(text, lineStart, i))) return i;
        if (flow.push(c) === 1) opened = i;
      } else if ((c === ']' || c === '}') && flow.length > 0) flow.pop();
      else if ((c === '"' || c === "'") && startsScalar(text, lineStart, i)) {
        const close = closingQuote(text, i, end);
        if (close === -1) return i;
        i = close;
      } else if (c === '#') {
        if (i === lineStart || text[i - 1] === ' ' || text[i - 1] === '\t') {
          contentEnd = i;
          break;
        }
        // `#` glued to text is part of a plain scalar in YAML, but js-yaml may take it as a comment.
        if (text[i - 1] === ']' || text[i - 1] === '}' || text[i - 1] === '"' || text[i - 1] === "'") return i;
      }
    }
    if (flow.length > 0) return opened;
    while (contentEnd > lineStart && (text[contentEnd - 1] === ' ' || text[contentEnd - 1] === '\t')) contentEnd--;
    let first = lineStart;
    while (first < end && (text[first] === ' ' || text[first] === '\t')) first++;
    if (contentEnd > lineStart) {
      const header = blockHeader(text, lineStart, contentEnd);
      // js-yaml and YAML 1.2 part ways on an explicit indentation indicator (`|2`) in many places,
      // and on keep chomping (`|+`) when the file ends in spaces.
      if (header === 'indicated') return lineStart;
      afterHeader = header === 'plain';
      // A list entry left empty (`- -`, `-`): js-yaml may take the next entry, less indented, as its own.
      if (emptyEntry(text, first, contentEnd)) return lineStart;
      emptyValueIndent = text[contentEnd - 1] === ':' ? first - lineStart : -1;
    } else if (afterHeader && end > lineStart) return lineStart;
    // A comment no further in than a key with no value yet, before that value: for `yaml` it ends
    // the key's map; js-yaml reads on.
    else if (first < end && text[first] === '#' && emptyValueIndent >= 0 && first - lineStart <= emptyValueIndent) return lineStart;
    lineStart = text.indexOf('\n', end) + 1 || text.length;
  }
  return undefined;
}

/** Whether a line starts with a document marker, `---` or `...`. */
function isMarker(text: string, lineStart: number): boolean {
  const c = text[lineStart];
  return (c === '-' || c === '.') && text[lineStart + 1] === c && text[lineStart + 2] === c;
}

/** Whether text[from, end) is nothing, or spaces and tabs, or a comment after them. */
function onlyComment(text: string, from: number, end: number): boolean {
  let i = from;
  while (i < end && (text[i] === ' ' || text[i] === '\t')) i++;
  return i === end || (i > from && text[i] === '#');
}

/**
 * Whether a line's content, without its comment, ends in a block scalar header: `|` or `>`, then at
 * most two indicators; 'indicated' when one of them is a digit (explicit indentation) or `+` (keep).
 */
function blockHeader(text: string, lineStart: number, contentEnd: number): 'plain' | 'indicated' | undefined {
  let i = contentEnd - 1;
  let indicated = false;
  for (let n = 0; n < 2 && i > lineStart && isIndicator(text.charCodeAt(i)); n++, i--) {
    if (text[i] !== '-') indicated = true;
  }
  if (text[i] !== '|' && text[i] !== '>') return undefined;
  if (i !== lineStart && text[i - 1] !== ' ' && text[i - 1] !== '\t') return undefined;
  return indicated ? 'indicated' : 'plain';
}

/** Whether a line's content, from its first character, is list entries ending in an empty one: `-`, `- -`. */
function emptyEntry(text: string, first: number, contentEnd: number): boolean {
  if (text[contentEnd - 1] !== '-') return false;
  for (let i = first; i < contentEnd - 1; i++) {
    if (text[i] === '-' ? text[i + 1] !== ' ' && text[i + 1] !== '\t' : text[i] !== ' ' && text[i] !== '\t') return false;
  }
  return true;
}

/** The last character before `i` on its line that is not a space or tab; '' if none. */
function previousChar(text: string, lineStart: number, i: number): string {
  for (let j = i - 1; j >= lineStart; j--) if (text[j] !== ' ' && text[j] !== '\t') return text[j]!;
  return '';
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

/** `-`, `+` or a digit: a block scalar's chomping or indentation indicator. */
function isIndicator(c: number): boolean {
  return c === 45 || c === 43 || (c >= 48 && c <= 57);
}

/** Longer implicit keys are an error in YAML 1.2; js-yaml accepts them. */
const MAX_KEY_LENGTH = 1024;

type TreeProblem = 'too-deep' | 'key' | 'shared';

/**
 * Why js-yaml's value may not be what the reference reads, if it may not: an object reached twice
 * (an aliased collection), nesting too deep, or a key that could have come from a null or over-long
 * key, which js-yaml reads differently.
 */
function treeProblem(root: unknown): TreeProblem | undefined {
  const seen = new Set<object>();
  const stack: [unknown, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_DEPTH) return 'too-deep';
    if (seen.has(value)) return 'shared';
    seen.add(value);
    if (!Array.isArray(value)) {
      for (const key of Object.keys(value)) {
        if (key === 'null' || key === '' || key.length > MAX_KEY_LENGTH) return 'key';
      }
    }
    for (const child of Array.isArray(value) ? value : Object.values(value)) {
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
    }
  }
  return undefined;
}

/** The reference reading, with the `yaml` library; also the source of every parse error's position. */
export function parseCanonical(file: string, text: string): ParseResult {
  const fail = (code: string, message: string, offset = 0): ParseResult => {
    const { line, column } = positionAt(text, offset);
    return { ok: false, problem: { file, code, message, line, column } };
  };
  const cr = loneCarriageReturn(text);
  if (cr !== undefined) return loneCarriageReturnProblem(file, text, cr);
  const deepFlow = tooDeepFlow(text) ?? tooDeepChain(text);
  if (deepFlow !== undefined) return fail('yaml.too-deep', TOO_DEEP, deepFlow);
  const directive = 'YAML directives (%YAML, %TAG) are not used in governance files, which are always YAML 1.2. Remove the directive line.';
  let doc;
  // The library makes an Error for every problem it meets; without their stack traces, a file of
  // 60,000 stray brackets takes a fifth of the time. Nothing here runs between setting and restoring.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    // resolveKnownTags: false refuses YAML 1.1 types (!!binary, !!set, !!omap, !!timestamp) like any other tag.
    // uniqueKeys: false, for the library compares each key with every other key of its map, which
    // takes minutes on a map of 70,000 keys; repeatedKey does the same check in one pass.
    const docs = yaml.parseAllDocuments(text, { uniqueKeys: false, merge: false, strict: true, prettyErrors: false, resolveKnownTags: false });
    if (docs.length > 1) {
      return fail('yaml.multiple-documents', 'This file holds more than one YAML document. Keep one document per file: remove the extra `---`.', docs[1]!.range[0]);
    }
    if ('empty' in docs) {
      // Without a document, a line that starts with `%` is a directive, which the library lets stand alone.
      if (/^%/m.test(text)) return fail('yaml.directive', directive);
      const error = docs.errors[0];
      if (error !== undefined) return fail('yaml.syntax', `${firstSentence(error.message)} ${syntaxHint(error.code, error.message)}`, error.pos[0]);
      return { ok: true, value: null };
    }
    doc = docs[0]!;
  } catch (error) {
    if (error instanceof RangeError) return fail('yaml.too-deep', 'This file nests too deep to read. Flatten it.');
    throw error;
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
  if (doc.directives?.yaml.explicit || /^%TAG/m.test(text)) return fail('yaml.directive', directive);
  const error = doc.errors[0];
  // The composer turns a stack overflow on deep block nesting into this error.
  if (error?.code === 'RESOURCE_EXHAUSTION') return fail('yaml.too-deep', TOO_DEEP, error.pos[0]);
  const repeated = repeatedKey(doc.contents);
  if (repeated !== undefined && (error === undefined || repeated <= error.pos[0])) {
    return fail('yaml.duplicate-key', `Map keys must be unique. ${syntaxHint('DUPLICATE_KEY', '')}`, repeated);
  }
  if (error !== undefined) {
    const code = error.code === 'DUPLICATE_KEY' ? 'yaml.duplicate-key' : 'yaml.syntax';
    return fail(code, `${firstSentence(error.message)} ${syntaxHint(error.code, error.message)}`, error.pos[0]);
  }
  const warning = doc.warnings[0];
  if (warning !== undefined) {
    const hint = warning.code === 'TAG_RESOLVE_FAILED' ? ' Tags are not used in governance files: remove it.' : ' Fix it.';
    return fail('yaml.unsupported', firstSentence(warning.message) + hint, warning.pos[0]);
  }
  const tagged = firstTag(doc.contents, text);
  if (tagged !== undefined) {
    return fail('yaml.unsupported', `This value has the tag ${tagged.tag}. Tags are not used in governance files: remove it.`, tagged.offset);
  }
  const deepNode = tooDeepNode(doc.contents);
  if (deepNode !== undefined) return fail('yaml.too-deep', TOO_DEEP, deepNode);
  const badKey = findBadKey(doc.contents);
  if (badKey !== undefined) {
    return fail('yaml.key', BAD_KEY, badKey);
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

/** Every node of a document, keys included, each once; aliases are not followed. */
function* nodesOf(root: unknown): Generator<yaml.Node> {
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!yaml.isNode(node)) continue;
    yield node;
    if (yaml.isMap(node)) {
      for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]!.value, node.items[i]!.key);
    } else if (yaml.isSeq(node)) {
      for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]);
    }
  }
}

/**
 * The offset of the first key that repeats a key of its map, if any. Keys are compared by the name
 * they take in plain data, so `1`, `01` and `"1"` are one key, as are `true` and `"true"`: the
 * reference would otherwise keep the last of them without a word.
 */
function repeatedKey(root: unknown): number | undefined {
  let first: number | undefined;
  for (const node of nodesOf(root)) {
    if (!yaml.isMap(node)) continue;
    const names = new Set<string>();
    for (const { key } of node.items) {
      if (!yaml.isScalar(key)) continue;
      const name = String(key.value);
      if (!names.has(name)) names.add(name);
      else if (first === undefined || key.range![0] < first) first = key.range![0];
    }
  }
  return first;
}

/**
 * The first node with an explicit tag (`!!str`, `!`), and where its tag is: the nearest word before
 * the node, past an anchor, when that word is the tag; else the node itself.
 */
function firstTag(root: unknown, text: string): { tag: string; offset: number } | undefined {
  if (!text.includes('!')) return undefined;
  let first: yaml.Node | undefined;
  for (const node of nodesOf(root)) {
    if (node.tag !== undefined && (first === undefined || node.range![0] < first.range![0])) first = node;
  }
  if (first === undefined) return undefined;
  const tag = first.tag!.startsWith('tag:yaml.org,2002:') ? `!!${first.tag!.slice(18)}` : first.tag!;
  // The word before the node, or before its anchor, starts with the tag (after `[`, `{` or `,` in a flow collection).
  let end = first.range![0];
  for (let words = 0; words < 2; words++) {
    while (end > 0 && /\s/.test(text[end - 1]!)) end--;
    let start = end;
    while (start > 0 && !/\s/.test(text[start - 1]!)) start--;
    const word = text.slice(start, end);
    const at = word.search(/(?:^|[,[{])[!&]/);
    if (at === -1) break;
    const offset = start + at + (word[at] === '!' || word[at] === '&' ? 0 : 1);
    if (text[offset] === '!') return { tag: `\`${/^!(?:<[^>]*>|[^\s,[\]{}]*)/.exec(text.slice(offset, end))![0]}\``, offset };
    end = offset;
  }
  return { tag: `\`${tag}\``, offset: first.range![0] };
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
      // One push at a time: spreading a list of 100,000 items overflows the stack.
      for (const item of node.items) stack.push(item);
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
