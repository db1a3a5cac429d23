// Appending a contribution keeps the file's text, and a log is checked and validated before anything would be written.
import { describe, expect, it } from 'vitest';
import { filesOf } from '../../../../test/support/value-state.ts';
import { parseYaml } from '../load/index.ts';
import { memorySource } from '../common/index.ts';
import { loadState } from '../load/index.ts';
import { appendEntry, planLog, type LogRequest } from './log.ts';
import type { ContributionEntry } from '../generated/types.ts';

const entry: ContributionEntry = { date: '2026-11-27', stream: 'care', hours: 2, what: 'Call: membership "SENE"', link: 'https://example.org/p/1' };

/** Whether `out` is `before` with something inserted at one place, and nothing else changed. */
function keeps(before: string, out: string): boolean {
  let i = 0;
  while (i < before.length && before[i] === out[i]) i++;
  return out.length > before.length && out.endsWith(before.slice(i));
}

const entries = (text: string) => (parseYaml('x.yaml', text) as { ok: true; value: { entries: unknown[] } }).value.entries;

describe('appendEntry', () => {
  it.each([
    [
      'comments, flow maps and quoting kept byte for byte',
      '# My work in November\nentries:\n  - { date: 2026-11-03, stream: love, hours: 1, what: "Docs" }   # quick\n  # more to come\n',
    ],
    ['items at the margin', 'entries:\n- date: 2026-11-03\n  stream: love\n  hours: 1\n  what: Docs\n'],
    ['no newline at the end', 'entries:\n  - date: 2026-11-03\n    stream: love\n    credits: 10\n    what: Docs'],
    ['a comment after the list', 'entries:\n    - date: 2026-11-03\n      stream: love\n      hours: 1\n      what: Docs\n\n# end of November\n'],
  ])('appends after the last item: %s', (_, text) => {
    const out = appendEntry(text, entry);
    expect(keeps(text.endsWith('\n') ? text : `${text}\n`, out)).toBe(true);
    expect(entries(out)).toEqual([...entries(text), entry]);
  });

  it('keeps a trailing comment after the new entry', () => {
    const out = appendEntry('entries:\n  - { date: 2026-11-03, stream: love, hours: 1, what: Docs }\n# end\n', entry);
    expect(out.endsWith('# end\n')).toBe(true);
    expect(out).toContain('  - date: 2026-11-27\n    stream: care\n    hours: 2\n');
  });

  it('rewrites an empty flow list through the document, keeping its comments', () => {
    const out = appendEntry('# Nothing yet\nentries: []\n', entry);
    expect(out).toContain('# Nothing yet');
    expect(entries(out)).toEqual([entry]);
  });

  it('writes a new file with a schema line when there is none', () => {
    const out = appendEntry(undefined, entry);
    expect(out.split('\n')[0]).toMatch(/^# yaml-language-server: \$schema=.*contributions\.schema\.json$/);
    expect(entries(out)).toEqual([entry]);
  });
});

async function plan(request: Partial<LogRequest>, more: Record<string, string | null> = {}) {
  const loaded = await loadState(memorySource(filesOf(more)));
  return planLog(loaded, { member: 'ana', stream: 'care', hours: 2, what: 'Calls', date: '2026-11-03', ...request }, '2026-11-28');
}

describe('planLog', () => {
  it('plans a new monthly file, validated', async () => {
    const p = await plan({});
    expect(p).toMatchObject({
      ok: true,
      file: 'governance/contributions/2026-11/ana.yaml',
      created: true,
      entry: { date: '2026-11-03', stream: 'care', hours: 2, what: 'Calls' },
    });
    expect(p.ok && p.validation.ok).toBe(true);
  });

  it('plans an append to an existing file', async () => {
    const p = await plan({ date: '2026-10-20' });
    expect(p.ok && p.created).toBe(false);
    expect(p.ok && entries(p.text)).toHaveLength(3);
  });

  it.each([
    [
      'a member who does not exist',
      { member: 'zed' },
      'member',
      /"zed" is not a member: there is no governance\/members\/zed\.yaml\. Use one of: ana, bob, dan, dee, dot/,
    ],
    ['a stream that does not exist', { stream: 'beer' }, 'stream', /"beer" is not one of the constitution's streams\. Use one of: livelihood, love, care/],
    ['negative hours', { hours: -3 }, 'hours', /-3 is not a number of hours one entry can count: give more than 0 and at most 24/],
    ['absurd hours', { hours: 30 }, 'hours', /30 is not a number of hours/],
    ['no hours or credits', { hours: undefined }, 'hours', /give hours .* or credits/],
    ['absurd credits', { hours: undefined, credits: 5e6 }, 'credits', /at most 1,000,000/],
    ['a day that does not exist', { date: '2026-02-30' }, 'date', /"2026-02-30" is not a day/],
    ['a day in the future', { date: '2026-12-01' }, 'date', /is after today \(2026-11-28\)/],
    [
      'more than 24 hours in a day',
      { date: '2026-10-05', member: 'ana', stream: 'livelihood', hours: 15 },
      'hours',
      /already logged 10 hours on 2026-10-05; 15 more would make 25/,
    ],
    [
      'the same entry twice',
      { date: '2026-10-06', stream: 'love', hours: undefined, credits: 100, what: 'Translation' },
      'what',
      /The same entry is already logged \(entry 2 of governance\/contributions\/2026-10\/ana\.yaml\)/,
    ],
    ['a link that is not one', { link: 'example.org' }, 'link', /"example\.org" is not a link/],
    ['an empty what', { what: '  ' }, 'what', /Say in a line what the work was/],
  ])('refuses %s', async (_, request, field, message) => {
    const p = await plan(request);
    expect(p.ok).toBe(false);
    if (p.ok) return;
    expect(p.issues.map((i) => i.field)).toContain(field);
    expect(p.issues.find((i) => i.field === field)?.message).toMatch(message);
  });

  it('refuses to add to a monthly file that does not read', async () => {
    const p = await plan({ date: '2026-10-20' }, { 'contributions/2026-10/ana.yaml': 'entries: [\n' });
    expect(p).toMatchObject({ ok: false, issues: [{ code: 'log.broken-file' }] });
  });

  it('validates the state as it would be: an entry for a member whose file is gone is refused', async () => {
    // A contributions file of someone without a member file makes the state invalid whatever is logged.
    const p = await plan({}, { 'contributions/2026-10/ghost.yaml': 'entries:\n  - { date: 2026-10-01, stream: love, hours: 1, what: x }\n' });
    expect(p.ok && p.validation.ok).toBe(false);
    expect(p.ok && p.validation.errors.map((e) => e.file)).toContain('governance/contributions/2026-10/ghost.yaml');
  });
});
