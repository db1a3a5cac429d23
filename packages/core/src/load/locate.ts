// Finds the line and column of a value in a YAML file, from a path of keys and indexes.
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Pair, type YAMLMap } from 'yaml';
import type { DataPath } from '../common/index.ts';

export interface Position {
  line: number;
  column: number;
}

/** Where a value starts, and where it ends: the line and column just after its last character. */
export interface Span extends Position {
  endLine: number;
  endColumn: number;
}

/** A file's text, parsed for positions once and asked many times. */
export class PositionIndex {
  private readonly lineCounter = new LineCounter();
  private readonly doc;

  constructor(text: string) {
    this.doc = parseDocument(text, { lineCounter: this.lineCounter, uniqueKeys: false, keepSourceTokens: false });
  }

  /**
   * The position of the value at `path`, or of its key with `at: 'key'`. Where the path leaves the
   * document (a missing property), the deepest node it reached.
   */
  locate(path: DataPath, at: 'key' | 'value' = 'value'): Position {
    const { line, column } = this.span(path, at);
    return { line, column };
  }

  /**
   * Where the value at `path` (or its key) starts and ends, as its node's range gives them. Where the
   * path leaves the document, a point at the deepest node it reached: what is missing has no extent.
   */
  span(path: DataPath, at: 'key' | 'value' = 'value'): Span {
    let node: unknown = this.doc.contents;
    let range = rangeOf(node);
    let start = range?.[0] ?? 0;
    // The whole file is a point at its start, not the extent of its text.
    let end: number | undefined;
    for (let i = 0; i < path.length; i++) {
      const step = path[i];
      const last = i === path.length - 1;
      end = undefined;
      if (isMap(node)) {
        const pair = pairsByKey(node).get(String(step));
        if (pair === undefined) break;
        if (last && at === 'key') {
          range = rangeOf(pair.key);
          start = range?.[0] ?? start;
          end = range?.[1];
          break;
        }
        node = pair.value;
        range = rangeOf(node) ?? rangeOf(pair.key);
        start = range?.[0] ?? start;
        end = rangeOf(node)?.[1];
      } else if (isSeq(node) && typeof step === 'number') {
        const item = node.items[step];
        if (item === undefined) break;
        node = item;
        range = rangeOf(node);
        start = range?.[0] ?? start;
        end = range?.[1];
      } else {
        break;
      }
    }
    const from = this.lineCounter.linePos(start);
    const to = end === undefined || end <= start ? from : this.lineCounter.linePos(end);
    return { line: from.line, column: from.col, endLine: to.line, endColumn: to.col };
  }
}

const pairsOf = new WeakMap<YAMLMap, Map<string, Pair>>();

/**
 * A map's pairs by key, the first of each, made once per map: a file with an error for each of its
 * 30,000 keys would otherwise search the map once per error.
 */
function pairsByKey(map: YAMLMap): Map<string, Pair> {
  let pairs = pairsOf.get(map);
  if (pairs === undefined) {
    pairs = new Map();
    for (const pair of map.items) {
      const key = isPair(pair) ? keyOf(pair.key) : undefined;
      if (key !== undefined && !pairs.has(key)) pairs.set(key, pair);
    }
    pairsOf.set(map, pairs);
  }
  return pairs;
}

function keyOf(key: unknown): string | undefined {
  return isScalar(key) ? String(key.value) : undefined;
}

/** A node's range: where it starts, where its value ends, and where it ends with its comments. */
function rangeOf(node: unknown): [number, number, number] | undefined {
  return (node as { range?: [number, number, number] } | null)?.range ?? undefined;
}
