// Every file is judged in well under a second, whatever it holds: the slowest inputs known, each at the length where it costs most.
import { describe, expect, it } from 'vitest';
import { MAX_REFERENCE_LENGTH, parseCanonical, parseYaml, type ParseResult } from './parse.ts';
import { MAX_SCHEMA_PROBLEMS } from './index.ts';
import { MAX_FILE_BYTES, memorySource } from '../common/index.ts';
import { validateSource } from './validate.ts';

/**
 * The budget of one file, in CPU time of this process: a second, where these inputs take a tenth to
 * a third of it on a quiet two-core machine. CPU time, not the clock, so that other work on a busy
 * machine does not count; the quadratic behaviour this guards against took 3 s for 20,000 keys.
 */
const BUDGET_MS = 1000;

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** The CPU time `run` takes, after a first run on a tenth of the input has compiled the code it uses. */
function timed<T>(run: (text: string) => T, text: string): { ms: number; result: T } {
  run(text.slice(0, text.length / 10));
  const started = cpuMs();
  const result = run(text);
  return { ms: cpuMs() - started, result };
}

/** `unit(i)` repeated after `head` for as long as the text stays within `length`. */
function fill(length: number, head: string, unit: (i: number) => string, tail = ''): string {
  const parts = [head];
  let size = head.length + tail.length;
  for (let i = 0; ; i++) {
    const next = unit(i);
    if (size + next.length > length) break;
    parts.push(next);
    size += next.length;
  }
  return parts.join('') + tail;
}

const nested = (levels: number) => `- ${'['.repeat(levels)}${']'.repeat(levels)}\n`;
const chain = (levels: number) => `${'- '.repeat(levels)}x\n`;

/** Inputs the reference reads (each has an anchor, an error or a construct only it reads), as long as it reads them. */
const referenceInputs: Record<string, (length: number) => string> = {
  'a flat map': (n) => fill(n, 'a: &x 1\n', (i) => `k${i}: v\n`),
  'a flat map of repeated keys': (n) => fill(n, '', () => 'k: v\n'),
  'a flow list of digits': (n) => fill(n, '[&x 1', () => ',1', ']\n'),
  'lists of flow lists': (n) => fill(n, '- &x a\n', () => '- [a, b, c]\n'),
  'flow lists nested 63 deep on every line': (n) => fill(n, '- &x a\n', () => nested(63)),
  'block lists chained 30 deep on every line': (n) => fill(n, '- &x a\n', () => chain(30)),
  'maps nested 60 deep, again and again': (n) =>
    fill(n, 'a: &x 1\n', (i) => `k${i}:\n${Array.from({ length: 60 }, (_, d) => `${' '.repeat(d + 1)}a:\n`).join('')}${' '.repeat(61)}x\n`),
  'many anchors': (n) => fill(n, '', (i) => `- &a${i} x\n`),
  'many aliases': (n) => fill(n, '- &a x\n', () => '- *a\n'),
  'stray brackets': (n) => fill(n, 'a: 1\n', () => ']'),
  'empty flow entries': (n) => fill(n, '[', () => ',', ']\n'),
  'an error on the last line': (n) => fill(n, '', (i) => `k${i}: v\n`, 'x: [\n'),
  'blank lines with spaces after a block header': (n) => fill(n, 'a: |\n', () => ' \n', '  x\n'),
};

/** Inputs the fast reading takes, as long as a file may be. */
const fastInputs: Record<string, (length: number) => string> = {
  'a flat map': (n) => fill(n, '', (i) => `k${i}: v\n`),
  'a flow list of digits': (n) => fill(n, '[1', () => ',1', ']\n'),
  'flow lists nested 63 deep on every line': (n) => fill(n, '', () => nested(63)),
  'block lists chained 30 deep on every line': (n) => fill(n, '', () => chain(30)),
  'maps nested 60 deep, again and again': (n) =>
    fill(n, '', (i) => `k${i}:\n${Array.from({ length: 60 }, (_, d) => `${' '.repeat(d + 1)}a:\n`).join('')}${' '.repeat(61)}x\n`),
  'one long line': (n) => `a: ${'x'.repeat(n - 5)}\n`,
  'one long quoted line of escapes': (n) => `a: "${'\\t'.repeat((n - 6) / 2)}"\n`,
  comments: (n) => fill(n, '', () => '# [ { " \n'),
  votes: (n) => fill(n, 'votes:\n', (i) => `  - voter: m${i}\n    vote: yes\n    at: 2026-11-03T10:00:00Z\n    url: https://example.org/pull/12#review-${i}\n`),
  // Longer than the reference reads and not plain: refused at the construct or the error.
  'an anchor in a flat map': (n) => fill(n, 'a: &x 1\n', (i) => `k${i}: v\n`),
  'an error on the last line': (n) => fill(n, '', (i) => `k${i}: v\n`, 'x: [\n'),
  'a repeated key on the last line': (n) => fill(n, '', (i) => `k${i}: v\n`, 'k0: again\n'),
};

describe(`each file is judged in under ${BUDGET_MS} ms of CPU time`, () => {
  it.each(Object.entries(referenceInputs))(`read by the reference, ${MAX_REFERENCE_LENGTH / 1024} KiB of %s`, (_, make) => {
    const text = make(MAX_REFERENCE_LENGTH);
    expect(text.length).toBeGreaterThan(MAX_REFERENCE_LENGTH * 0.9);
    const { ms, result } = timed((t) => parseYaml('t.yaml', t), text);
    expect(result).toEqual(parseCanonical('t.yaml', text));
    expect(ms).toBeLessThan(BUDGET_MS);
  });

  it.each(Object.entries(fastInputs))(`read by the project, ${MAX_FILE_BYTES / 1024} KiB of %s`, (_, make) => {
    const text = make(MAX_FILE_BYTES);
    expect(text.length).toBeGreaterThan(MAX_FILE_BYTES * 0.9);
    const { ms } = timed((t) => parseYaml('t.yaml', t), text);
    expect(ms).toBeLessThan(BUDGET_MS);
  });

  it('checked against its schema, with an error for every one of its 30,000 keys', async () => {
    const constitution =
      'tiers:\n  - { id: member, label: Member, rights: [vote, propose] }\ndecisions:\n  consent: { method: consent, min_yes: 1 }\npolicy:\n  - { change: "*.*", rule: consent }\ndefault: consent\n';
    const member = fill(MAX_FILE_BYTES, 'name: Dan Reis\ntier: member\nsince: 2026-01-01\n', (i) => `k${i}: v\n`);
    const validate = (text: string) => validateSource(memorySource({ 'governance/constitution.yaml': constitution, 'governance/members/dan.yaml': text }));
    await validate(member.slice(0, member.length / 10));
    // The least of two: CPU time is the whole process's, and a collection of an earlier test's
    // garbage, or its leftover work between this one's awaits, can land in one of them.
    let least = Infinity;
    let result: Awaited<ReturnType<typeof validate>> | undefined;
    for (let round = 0; round < 2; round++) {
      const started = cpuMs();
      result = await validate(member);
      least = Math.min(least, cpuMs() - started);
    }
    expect(least).toBeLessThan(BUDGET_MS);
    if (result === undefined) throw new Error('validated twice');
    expect(result.errors).toHaveLength(MAX_SCHEMA_PROBLEMS + 1);
    expect(result.errors.filter((d) => d.code === 'schema.many')).toHaveLength(1);
  });
});

describe('the reference reads in linear time', () => {
  /** The least CPU time of three readings of a flat map of `keys` keys with an anchor. */
  const flatMap = (keys: number): number => {
    const text = `a: &x 1\n${Array.from({ length: keys }, (_, i) => `k${i}: v\n`).join('')}`;
    const times: number[] = [];
    for (let round = 0; round < 3; round++) times.push(timed((t): ParseResult => parseCanonical('t.yaml', t), text).ms);
    return Math.min(...times);
  };

  it('a map of 20,000 keys costs about four times one of 5,000, not sixteen', () => {
    const small = flatMap(5_000);
    const large = flatMap(20_000);
    expect(large).toBeLessThan(BUDGET_MS);
    expect(large / Math.max(small, 1)).toBeLessThan(8);
  });
});
