// The registry of codes is complete and documented: every code the sources emit is in it, every code in it is emitted, and docs/codes.md is its table.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { codes, codesTable, isRegistered, type CodeFamily } from './codes.ts';
import { changeKinds } from './kinds.ts';
import { presets } from '../presets/index.ts';
import { semanticRules } from '../rules/index.ts';
import { memorySource } from './source.ts';
import { validateSource } from '../load/index.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../../..');

/** Every source file of core and the CLI, tests and generated code left out. */
function sources(): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'generated') walk(path);
      } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && entry.name !== 'codes.ts') {
        out.push({ file: relative(root, path), text: readFileSync(path, 'utf8') });
      }
    }
  };
  walk(join(root, 'packages/core/src'));
  walk(join(root, 'packages/cli/src'));
  return out;
}

/**
 * Quoted strings shaped like a code (`schema.required`, `git.unknown-ref`) that are not one: the
 * kinds of change, file names, git's configuration keys, and the kind an audit violation gives a
 * commit that leaves a file broken (its code is audit.file-invalid).
 */
const notCodes = new Set<string>([...changeKinds, 'user.name', 'user.email', 'remote.origin.url', 'file.invalid']);
const FILE_NAME = /\.(ya?ml|json|ts|js|mjs|md|html|png|txt)$/;

describe('the registry of codes', () => {
  const files = sources();

  it('holds every code the sources emit', () => {
    const unregistered: string[] = [];
    for (const { file, text } of files) {
      for (const match of text.matchAll(/(['"])([a-z]+(?:\.[a-z][a-z0-9-]*)+)\1/g)) {
        const literal = match[2]!;
        if (notCodes.has(literal) || FILE_NAME.test(literal) || isRegistered(literal)) continue;
        // coop doctor's findings name their check (`check: 'files.state'`): a stable id of its JSON, not a code.
        if (text.slice(Math.max(0, (match.index ?? 0) - 7), match.index).endsWith('check: ')) continue;
        unregistered.push(`${file}: ${literal}`);
      }
    }
    expect(unregistered).toEqual([]);
  });

  it('holds no code that nothing emits', () => {
    const all = files.map((f) => f.text).join('\n');
    const rule = files.find((f) => f.file.endsWith('rules/constitution-reference.ts'))!.text;
    const stale = Object.keys(codes).filter((code) => {
      const [top, sub] = code.split('/');
      if (sub !== undefined) return !rule.includes(`subcode: '${sub}'`);
      return !all.includes(`'${top}'`);
    });
    expect(stale).toEqual([]);
  });

  it('has every semantic rule under its id, as a problem in files', () => {
    for (const rule of semanticRules) expect(codes[rule.id]?.family, rule.id).toBe<CodeFamily>('diagnostic');
  });

  it("gives constitution.reference's reports their sub-codes, the code staying constitution.reference", async () => {
    const constitution = parse(presets.minimal.constitution) as { default: string; tiers: unknown[]; policy: unknown[] };
    constitution.default = 'nobody';
    constitution.tiers.push(constitution.tiers[0]);
    constitution.policy.push({ change: 'member.flies', rule: 'none' });
    const result = await validateSource(memorySource({ 'governance/constitution.yaml': stringify(constitution) }));
    const reference = result.errors.filter((d) => d.code === 'constitution.reference');
    expect(reference.map((d) => d.subcode).sort()).toEqual(['duplicate-tier', 'unknown-change-kind', 'unknown-rule']);
    for (const d of reference) expect(codes[`constitution.reference/${d.subcode}` as keyof typeof codes]).toBeDefined();
    expect(result.errors.filter((d) => d.code !== 'constitution.reference' && d.subcode !== undefined)).toEqual([]);
  });

  it('says of every code what it means and how to fix it, each in a sentence', () => {
    for (const [code, entry] of Object.entries(codes)) {
      expect(entry.means, code).toMatch(/^[A-Za-z`'].*[.)]$/);
      expect(entry.fix, code).toMatch(/^[A-Za-z`'].*[.)]$/);
    }
  });

  it('names codes in one style: lowercase words, a dot, and a sub-code after a slash', () => {
    for (const code of Object.keys(codes)) expect(code).toMatch(/^[a-z]+(\.[a-z][a-z-]*)?(\/[a-z][a-z-]*)?$/);
  });

  it("keeps core's errors free of the CLI's words: no flag, no command (the CLI says those)", () => {
    const worded: string[] = [];
    for (const { file, text } of files.filter((f) => f.file.startsWith('packages/core/'))) {
      for (const match of text.matchAll(/new (?:Coop|Source)Error\(/g)) {
        let depth = 0;
        let end = match.index + match[0].length - 1;
        for (; end < text.length; end++) {
          if (text[end] === '(') depth++;
          else if (text[end] === ')' && --depth === 0) break;
        }
        const call = text.slice(match.index, end + 1);
        if (/--(repo|ref|base|head|since)\b|coop (init|validate)/.test(call)) worded.push(`${file}: ${call.slice(0, 80)}…`);
      }
    }
    expect(worded).toEqual([]);
  });

  it('is documented: docs/codes.md is codesTable()', async () => {
    await expect(codesTable()).toMatchFileSnapshot(join(root, 'docs/codes.md'));
  });
});
