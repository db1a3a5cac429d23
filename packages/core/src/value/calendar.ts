// Months, quarters and days between plain dates, as value tracking counts them (UTC calendar, no time zones).
import { daysInMonth, isRealDate, quarterOf } from '../common/index.ts';

export const MONTH = /^([0-9]{4})-(0[1-9]|1[0-2])$/;
export const DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
export const QUARTER = /^([0-9]{4})-Q([1-4])$/;

/** Whether a YYYY-MM string names a month. */
export function isMonth(month: string): boolean {
  return MONTH.test(month);
}

/** Whether a YYYY-MM-DD string names a day that exists. */
export function isDate(date: string): boolean {
  return DATE.test(date) && isRealDate(date);
}

/** 2026-11-03 → 2026-11 */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}

/** The month after (or, with a negative step, before) a month. */
export function addMonths(month: string, step: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + step;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Every month from `from` to `to`, both included; empty when `to` is before `from`. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) months.push(m);
  return months;
}

/** The first and last day of a month. */
export function monthBounds(month: string): { first: string; last: string } {
  const days = daysInMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7)));
  return { first: `${month}-01`, last: `${month}-${String(days).padStart(2, '0')}` };
}

export { quarterOf };

/** 2026-11 → 2026-Q4 */
export function quarterOfMonth(month: string): string {
  return quarterOf(`${month}-01`);
}

/** The three months of a quarter. */
export function quarterMonths(quarter: string): string[] {
  const first = `${quarter.slice(0, 4)}-${String((Number(quarter.slice(6)) - 1) * 3 + 1).padStart(2, '0')}`;
  return [first, addMonths(first, 1), addMonths(first, 2)];
}

/** The first and last day of a quarter. */
export function quarterBounds(quarter: string): { first: string; last: string } {
  const months = quarterMonths(quarter);
  return { first: monthBounds(months[0]!).first, last: monthBounds(months[2]!).last };
}

/** Every quarter that overlaps the days from `from` to `to`. */
export function quartersBetween(from: string, to: string): string[] {
  const quarters: string[] = [];
  for (let q = quarterOf(from); q <= quarterOf(to); q = quarterOfMonth(addMonths(quarterMonths(q)[2]!, 1))) quarters.push(q);
  return quarters;
}

/** Whole days from one date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The UTC date of an instant, as YYYY-MM-DD. */
export function dateOf(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}
