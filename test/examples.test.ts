// The bundled examples validate, through the library and through the built coop command.
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateSource, workingTreeSource } from '../packages/core/src/index.ts';

const root = join(import.meta.dirname, '..');
const coop = join(root, 'packages/cli/bin/coop.js');

describe.each([
  ['disco-coop', { members: 9, tiers: ['member', 'dater', 'contributor', 'supporter'] }],
  ['radial-libre', { members: 11, tiers: ['core', 'member', 'contributor', 'friend'] }],
])('examples/%s', (name, expected) => {
  it('validates with no errors and no warnings, every tier peopled', async () => {
    const result = await validateSource(workingTreeSource(join(root, 'examples', name)));
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.stats.members).toBe(expected.members);
    for (const tier of expected.tiers) expect(result.stats.tiers[tier], tier).toBeGreaterThan(0);
  });

  it('validates through the built command, as the README runs it', () => {
    const out = execFileSync('node', [coop, 'validate', '--repo', join(root, 'examples', name), '--json'], { encoding: 'utf8' });
    expect(JSON.parse(out)).toMatchObject({ ok: true, errors: [], stats: { members: expected.members } });
  });
});

describe('examples/disco-coop', () => {
  it('has a year of contributions in all three streams, daters in different stages, and mentors', async () => {
    const { state } = await validateSource(workingTreeSource(join(root, 'examples/disco-coop')));
    const months = new Set([...state.contributions.keys()].map((k) => k.slice(0, 7)));
    expect(months.size).toBeGreaterThanOrEqual(12);
    const streams = new Set([...state.contributions.values()].flatMap((d) => d.value.entries.map((e) => e.stream)));
    expect([...streams].sort()).toEqual(['care', 'livelihood', 'love']);
    const stages = new Set([...state.members.values()].filter((m) => m.value.tier === 'dater').map((m) => m.value.dating?.stage));
    expect(stages.size).toBeGreaterThanOrEqual(2);
    expect([...state.members.values()].some((m) => m.value.mentor !== undefined)).toBe(true);
    expect([...state.members.values()].some((m) => Object.values(m.value.circles ?? {}).includes('steward'))).toBe(true);
  });
});

describe('the built coop command', () => {
  it('prints no stack trace for a user error, and exits 2', () => {
    const run = spawnSync('node', [coop, 'validate', '--repo', join(root, 'no-such-folder')], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/There is no folder/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
