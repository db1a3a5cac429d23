// Calendar arithmetic on the plain date strings of governance files (YYYY-MM-DD, YYYY-MM, YYYY-Qn).

/** Whether a YYYY-MM-DD string names a day that exists (no 2026-02-30). */
export function isRealDate(date: string): boolean {
  const match = /^([0-9]{4})-([0-9]{2})-([0-9]{2})/.exec(date);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Why a YYYY-MM-DD day does not exist, said the same way everywhere ("is not a real date: 2026-02 has 28 days"). */
export function dayProblem(date: string): string {
  const month = Number(date.slice(5, 7));
  return month < 1 || month > 12
    ? 'is not a real date: months run 01 to 12'
    : `is not a real date: ${date.slice(0, 7)} has ${daysInMonth(Number(date.slice(0, 4)), month)} days`;
}

/** Whether a YYYY-MM-DDTHH:MM:SS(.fff)Z string names a real moment. */
export function isRealInstant(instant: string): boolean {
  const match = /^([0-9]{4}-[0-9]{2}-[0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})/.exec(instant);
  return match !== null && isRealDate(match[1]!) && Number(match[2]) < 24 && Number(match[3]) < 60 && Number(match[4]) < 60;
}

/** Why a text is not an instant: not ISO 8601 at all, a day without a time, a time without its zone, or a day or time that does not exist. */
export type InstantProblem = 'format' | 'day' | 'zone' | 'not-real';

const INSTANT_FORM = /^([0-9]{4}-[0-9]{2}-[0-9]{2})T([0-9]{2}):([0-9]{2})(?::([0-9]{2})(\.[0-9]+)?)?(Z|[+-]([0-9]{2}):([0-9]{2}))?$/;

/**
 * The one reading of a moment given as text (a flag, a vote's time, a tally's clock): ISO 8601 with a
 * date, a time (seconds optional) and `Z` or an offset, naming a moment that exists. A time without a
 * zone would mean something else on every machine, so it is refused, as is a day without a time.
 * `iso` is the moment in UTC.
 */
export function parseInstant(text: string): { ok: true; iso: string; ms: number } | { ok: false; reason: InstantProblem } {
  const match = INSTANT_FORM.exec(text);
  if (match === null) return { ok: false, reason: /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(text) ? 'day' : 'format' };
  const [, day, hours, minutes, seconds, , zone, zoneHours, zoneMinutes] = match;
  if (!isRealDate(day!) || Number(hours) > 23 || Number(minutes) > 59 || Number(seconds ?? 0) > 59) return { ok: false, reason: 'not-real' };
  if (zone === undefined) return { ok: false, reason: 'zone' };
  if (zoneHours !== undefined && (Number(zoneHours) > 23 || Number(zoneMinutes) > 59)) return { ok: false, reason: 'not-real' };
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) return { ok: false, reason: 'not-real' };
  return { ok: true, iso: new Date(ms).toISOString(), ms };
}

/** A moment as the tally and the records write it: ISO 8601 in UTC, without milliseconds when there are none. */
export function utcInstant(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/**
 * What is wrong with a text parseInstant refused and how to write it, to follow the text quoted:
 * `"2026-02-30T10:00:00Z" is not a real date: …`. No full stop, so the caller can end the sentence.
 */
export function instantProblem(text: string, reason: InstantProblem): string {
  switch (reason) {
    case 'format':
      return 'is not a time: write it as ISO 8601 with Z or an offset, such as 2026-11-20T10:00:00Z';
    case 'day':
      return `is a day without a time: give the time and its zone too, such as ${text}T00:00:00Z`;
    case 'zone':
      return `has no time zone, so it would mean another moment on every machine: add Z for UTC or an offset, such as ${text}Z or ${text}+01:00`;
    case 'not-real': {
      const day = /^[0-9]{4}-[0-9]{2}-[0-9]{2}/.exec(text)?.[0];
      return day === undefined || isRealDate(day) ? 'is not a real time: hours run 00 to 23, minutes and seconds 00 to 59' : dayProblem(day);
    }
  }
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** 2026-11-03 → 2026-Q4 */
export function quarterOf(date: string): string {
  return `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
}
