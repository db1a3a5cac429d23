// The README stays short, and every relative link in the README, CONTRIBUTING.md and docs/ leads to a file.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mainHelp } from '../packages/cli/src/main.ts';

const root = join(import.meta.dirname, '..');

function markdownUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return markdownUnder(path);
    return e.isFile() && e.name.endsWith('.md') ? [path] : [];
  });
}

const documents = ['README.md', 'CONTRIBUTING.md', ...(existsSync(join(root, 'docs')) ? markdownUnder(join(root, 'docs')).map((p) => relative(root, p)) : [])];

/** The link targets of a Markdown text, outside fenced code blocks and code spans, each with its line. */
function linksOf(text: string): { target: string; line: number }[] {
  const links: { target: string; line: number }[] = [];
  let fence: string | undefined;
  text.split('\n').forEach((raw, index) => {
    const opening = /^\s*(`{3,}|~{3,})/.exec(raw);
    if (opening) {
      if (fence === undefined) fence = opening[1]![0]!;
      else if (opening[1]![0] === fence) fence = undefined;
      return;
    }
    if (fence !== undefined) return;
    const line = raw.replace(/(`+)[^`]*?\1/g, '');
    for (const m of line.matchAll(/\]\(\s*<?([^)\s>]*)>?(?:\s+"[^"]*")?\s*\)/g)) links.push({ target: m[1]!, line: index + 1 });
    const definition = /^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/.exec(line);
    if (definition) links.push({ target: definition[1]!, line: index + 1 });
    for (const m of line.matchAll(/\b(?:href|src)="([^"]*)"/g)) links.push({ target: m[1]!, line: index + 1 });
  });
  return links;
}

/** What is wrong with one relative link of `file`, or undefined when it leads to a file. */
function problemOf(file: string, target: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return undefined; // https:, mailto: — not a relative link
  if (target === '') return 'is empty';
  if (target.includes('#')) return 'has an anchor: headings change, so link to the file and name the section in words';
  if (target.startsWith('/')) return 'is absolute: write it relative to the file';
  const path = resolve(root, dirname(file), decodeURIComponent(target));
  if (!existsSync(path)) return `leads to ${relative(root, path)}, which does not exist`;
  if (!statSync(path).isFile()) return `leads to ${relative(root, path)}, which is a folder: link to a file in it`;
  return undefined;
}

describe('the README', () => {
  it('is under 8 KB', () => {
    const bytes = readFileSync(join(root, 'README.md')).byteLength;
    expect(bytes, `README.md is ${bytes} bytes`).toBeLessThan(8 * 1024);
  });

  it('starts with the first commands of a fresh clone', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    const commands = firstBlock
      .split('\n')
      .map((l) => l.replace(/#.*$/, '').trim())
      .filter(Boolean);
    expect(commands).toEqual(['npm ci && npm run demo', 'npm test']);
  });

  it('links every command to its page in docs/commands/', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const commands = [...mainHelp().matchAll(/^ {2}([a-z]+) {2,}/gm)].map((m) => m[1]!);
    expect(commands.length).toBeGreaterThan(0);
    for (const command of commands) expect(readme, command).toContain(`(docs/commands/${command}.md)`);
  });
});

describe('relative links', () => {
  it.each(documents)('in %s lead to files, without anchors', (file) => {
    const text = readFileSync(join(root, file), 'utf8');
    const problems = linksOf(text).flatMap(({ target, line }) => {
      const problem = problemOf(file, target);
      return problem === undefined ? [] : [`${file}:${line}: the link ${target} ${problem}.`];
    });
    expect(problems).toEqual([]);
  });

  it('are found where Markdown has them, and not in code', () => {
    const text = [
      '[a](one.md) and [b](two.md "title")',
      '`[c](not-this.md)`',
      '```',
      '[d](nor-this.md)',
      '```',
      '[e]: three.md',
      '<a href="four.md">x</a>',
    ].join('\n');
    expect(linksOf(text).map((l) => l.target)).toEqual(['one.md', 'two.md', 'three.md', 'four.md']);
  });
});
