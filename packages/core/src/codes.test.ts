// The registry of codes is complete and documented: every code the sources emit is in it, every code in it is emitted, and docs/codes.md is its table.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { codes, codesTable, isRegistered, type CodeFamily } from './codes.ts';
import { changeKinds } from './kinds.ts';
import { semanticRules } from './rules/index.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');

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
const notCodes = new Set<string>([...changeKinds, 'user.name', 'user.email', 'file.invalid']);
const FILE_NAME = /\.(ya?ml|json|ts|js|mjs|md|html|png|txt)$/;

describe('the registry of codes', () => {
  const files = sources();

  it('holds every code the sources emit', () => {
    const unregistered: string[] = [];
    for (const { file, text } of files) {
      for (const match of text.matchAll(/(['"])([a-z]+(?:\.[a-z][a-z0-9-]*)+)\1/g)) {
        const literal = match[2]!;
        if (notCodes.has(literal) || FILE_NAME.test(literal) || isRegistered(literal)) continue;
        unregistered.push(`${file}: ${literal}`);
      }
    }
    expect(unregistered).toEqual([]);
  });

  it('holds no code that nothing emits', () => {
    const all = files.map((f) => f.text).join('\n');
    const rule = files.find((f) => f.file.endsWith('rules/constitution-consistent.ts'))!.text;
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

  it('says of every code what it means and how to fix it, each in a sentence', () => {
    for (const [code, entry] of Object.entries(codes)) {
      expect(entry.means, code).toMatch(/^[A-Za-z`'].*[.)]$/);
      expect(entry.fix, code).toMatch(/^[A-Za-z`'].*[.)]$/);
    }
  });

  it('names codes in one style: lowercase words, a dot, and a sub-code after a slash', () => {
    for (const code of Object.keys(codes)) expect(code).toMatch(/^[a-z]+(\.[a-z][a-z-]*)?(\/[a-z][a-z-]*)?$/);
  });

  it('is documented: docs/codes.md is codesTable()', async () => {
    await expect(codesTable()).toMatchFileSnapshot(join(root, 'docs/codes.md'));
  });
});
