// Finds the line and column of a value in a YAML file, from a path of keys and indexes.
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { DataPath } from './diagnostics.ts';

export interface Position {
  line: number;
  column: number;
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
    let node: unknown = this.doc.contents;
    let offset = nodeStart(node) ?? 0;
    for (let i = 0; i < path.length; i++) {
      const step = path[i];
      const last = i === path.length - 1;
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && keyOf(p.key) === String(step));
        if (pair === undefined) break;
        if (last && at === 'key') {
          offset = nodeStart(pair.key) ?? offset;
          break;
        }
        node = pair.value;
        offset = nodeStart(node) ?? nodeStart(pair.key) ?? offset;
      } else if (isSeq(node) && typeof step === 'number') {
        const item = node.items[step];
        if (item === undefined) break;
        node = item;
        offset = nodeStart(node) ?? offset;
      } else {
        break;
      }
    }
    const pos = this.lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  }
}

function keyOf(key: unknown): string | undefined {
  return isScalar(key) ? String(key.value) : undefined;
}

function nodeStart(node: unknown): number | undefined {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return range?.[0];
}
