// Calendar arithmetic on the plain date strings of governance files (YYYY-MM-DD, YYYY-MM, YYYY-Qn).

/** Whether a YYYY-MM-DD string names a day that exists (no 2026-02-30). */
export function isRealDate(date: string): boolean {
  const match = /^([0-9]{4})-([0-9]{2})-([0-9]{2})/.exec(date);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Whether a YYYY-MM-DDTHH:MM:SS(.fff)Z string names a real moment. */
export function isRealInstant(instant: string): boolean {
  const match = /^([0-9]{4}-[0-9]{2}-[0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})/.exec(instant);
  return match !== null && isRealDate(match[1]!) && Number(match[2]) < 24 && Number(match[3]) < 60 && Number(match[4]) < 60;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** 2026-11-03 → 2026-Q4 */
export function quarterOf(date: string): string {
  return `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
}
