// The template repository a collective adopts Cooperage from: what coop init --forge github writes, with no one in it yet, and the pages for its members.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { runCoop } from './support/io.ts';

const root = join(import.meta.dirname, '..');
const template = join(root, 'examples/template');
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Every file under `dir`, by its path there. */
function files(dir: string): string[] {
  const out: string[] = [];
  const walk = (at: string) => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(relative(dir, path));
    }
  };
  walk(dir);
  return out.sort();
}

it('holds what coop init --forge github writes, byte for byte, without the founders, and the pages for its members', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'coop-template-'));
  dirs.push(dir);
  const init = await runCoop(['init', dir, '--preset', 'disco', '--forge', 'github', '--branch', 'main', '--founder', 'ana, Ana Costa, AnaCosta']);
  expect(init.code).toBe(0);
  const written = files(dir).filter((f) => !f.startsWith('governance/members/'));
  for (const file of written) expect(readFileSync(join(template, file), 'utf8'), file).toBe(readFileSync(join(dir, file), 'utf8'));
  const extra = files(template).filter((f) => !written.includes(f));
  expect(extra).toEqual(['.github/CODEOWNERS', '.github/pull_request_template.md', 'README.md', 'governance/members/.gitkeep']);
});

it('validates with no one in it: the founders come in the founding commit', async () => {
  const run = await runCoop(['validate', '--repo', template, '--json']);
  expect(run.code).toBe(0);
  expect(JSON.parse(run.stdout)).toMatchObject({ ok: true, stats: { members: 0 } });
});

it('tells its members how to found, join, propose and vote, and where decisions are recorded', () => {
  const readme = readFileSync(join(template, 'README.md'), 'utf8');
  for (const heading of ['## Founding', '## How to join', '## How to propose', '## How to vote', '## Where decisions are recorded'])
    expect(readme).toContain(heading);
  expect(readme).toContain('gh api -X POST repos/OWNER/NAME/rulesets --input .github/rulesets/cooperage-decision.json');
  expect(readFileSync(join(template, '.github/pull_request_template.md'), 'utf8')).toMatch(/\/vote yes, \/vote no, \/vote abstain or \/vote block <reason>/);
});
