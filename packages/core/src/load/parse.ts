// Turns the bytes of a governance file into data, with one meaning: YAML 1.2 core, as the `yaml` library reads it.
//
// js-yaml is several times faster than `yaml`, so it reads files first, with a schema built here to
// resolve plain scalars exactly as YAML 1.2 core does. A file that uses a construct js-yaml reads
// differently (see needsReference), that js-yaml cannot read, whose value it shares between places,
// or that nests too deep, is read by `yaml` instead: the reference, which also gives positions, up to
// MAX_REFERENCE_LENGTH. Where YAML readers part ways on the text itself (a carriage return alone),
// both readings refuse it. The YAML test suite and a differential test hold the two to one meaning.
import jsYaml from 'js-yaml';
import type { Problem } from '../common/index.ts';
import { needsReference } from './needs-reference.ts';
import { parseCanonical } from './parse-canonical.ts';
import {
  BAD_KEY,
  MAX_DEPTH,
  SYNTAX_HINT,
  TOO_DEEP,
  firstSentence,
  loneCarriageReturn,
  loneCarriageReturnProblem,
  positionAt,
  syntaxHint,
  tooDeepChain,
  tooDeepFlow,
  type ParseResult,
} from './yaml-text.ts';

export { MAX_ALIAS_COUNT, MAX_DEPTH, syntaxHint, type ParseResult } from './yaml-text.ts';
export { parseCanonical } from './parse-canonical.ts';

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
    construct: (s: string) => (s.startsWith('0o') ? parseInt(s.slice(2), 8) : s.startsWith('0x') ? parseInt(s.slice(2), 16) : parseInt(s, 10)),
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
    return {
      ok: false,
      problem: {
        file,
        code: 'file.binary',
        message: 'This is a binary file, not YAML text. Remove it from governance/ or replace it with a YAML file.',
        line: 1,
        column: 1,
      },
    };
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
type Declined = { why: 'construct'; offset: number } | { why: 'error'; offset: number; reason: string } | { why: 'too-deep'; offset?: number } | { why: 'key' };

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
