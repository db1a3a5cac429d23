// The one reading of instants: what it accepts, and what it says of what it refuses.
import { describe, expect, it } from 'vitest';
import { instantProblem, parseInstant, type InstantProblem } from './dates.ts';

describe('parseInstant', () => {
  it.each([
    ['2026-11-20T10:00:00Z', '2026-11-20T10:00:00.000Z'],
    ['2026-11-20T10:00Z', '2026-11-20T10:00:00.000Z'],
    ['2026-11-20T10:00:00.250Z', '2026-11-20T10:00:00.250Z'],
    ['2026-11-20T11:00:00+01:00', '2026-11-20T10:00:00.000Z'],
    ['2026-11-20T05:30:00-04:30', '2026-11-20T10:00:00.000Z'],
    ['2028-02-29T23:59:59Z', '2028-02-29T23:59:59.000Z'],
  ])('reads %s as %s', (text, iso) => {
    expect(parseInstant(text)).toEqual({ ok: true, iso, ms: Date.parse(iso) });
  });

  it.each<[string, InstantProblem, RegExp]>([
    ['tomorrow', 'format', /^is not a time: write it as ISO 8601 with Z or an offset, such as 2026-11-20T10:00:00Z$/],
    ['', 'format', /^is not a time/],
    ['2026-11-20 10:00:00Z', 'format', /^is not a time/],
    ['2026-11-20T10:00:00+0100', 'format', /^is not a time/],
    ['2026-11-20', 'day', /^is a day without a time: give the time and its zone too, such as 2026-11-20T00:00:00Z$/],
    ['2026-11-20T10:00:00', 'zone', /^has no time zone.*such as 2026-11-20T10:00:00Z or 2026-11-20T10:00:00\+01:00$/],
    ['2026-02-30T10:00:00Z', 'not-real', /^is not a real date: 2026-02 has 28 days$/],
    ['2026-13-01T10:00:00Z', 'not-real', /^is not a real date: months run 01 to 12$/],
    ['2026-11-20T24:00:00Z', 'not-real', /^is not a real time: hours run 00 to 23/],
    ['2026-11-20T10:60:00Z', 'not-real', /^is not a real time/],
    ['2026-11-20T10:00:00+25:00', 'not-real', /^is not a real time/],
  ])('refuses %j: %s', (text, reason, message) => {
    expect(parseInstant(text)).toEqual({ ok: false, reason });
    expect(instantProblem(text, reason)).toMatch(message);
  });
});
