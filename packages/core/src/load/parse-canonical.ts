// The reference reading of a YAML file, with the `yaml` library: what a governance file means, and
// where each of its errors is.
import * as yaml from 'yaml';
import {
  BAD_KEY,
  MAX_ALIAS_COUNT,
  MAX_DEPTH,
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
      return fail(
        'yaml.multiple-documents',
        'This file holds more than one YAML document. Keep one document per file: remove the extra `---`.',
        docs[1]!.range[0],
      );
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
      return fail(
        'yaml.alias-limit',
        `This file expands aliases more than ${MAX_ALIAS_COUNT} times, as a resource exhaustion attack would. Write the values out instead of using anchors and aliases.`,
      );
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

/** The offset of the first collection, block or flow, nested more than MAX_DEPTH deep (aliases are not followed). */
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
