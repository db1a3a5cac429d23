// Reading the value flags of log, payout and report: months, days and amounts, each refused with the flag named.
import { dayProblem, isDate, isMonth } from '@cooperage/core';
import { UsageError } from './args.ts';

/** A YYYY-MM month. */
export function monthFlag(command: string, flag: string, value: string): string {
  if (!isMonth(value)) throw new UsageError(`coop ${command}: --${flag} "${value}" is not a month: write it YYYY-MM, such as 2026-11.`);
  return value;
}

/** A YYYY-MM-DD day that exists. */
export function dateFlag(command: string, flag: string, value: string): string {
  if (!isDate(value)) {
    if (/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(value)) throw new UsageError(`coop ${command}: --${flag} "${value}" ${dayProblem(value)}.`);
    throw new UsageError(`coop ${command}: --${flag} "${value}" is not a day: write it YYYY-MM-DD, such as 2026-11-03.`);
  }
  return value;
}

/** A month given as YYYY-MM or as a day YYYY-MM-DD (the month it falls in). */
export function periodFlag(command: string, flag: string, value: string): string {
  if (isMonth(value)) return value;
  if (isDate(value)) return value.slice(0, 7);
  throw new UsageError(
    `coop ${command}: --${flag} "${value}" is not a month or a day: write YYYY-MM or YYYY-MM-DD, such as 2026-01. The report counts whole months.`,
  );
}

/**
 * A plain decimal number such as 2.5 or 4000.50, from `min` (or above it, when `above`) up to `max`.
 * `unit` says what the number counts and `what` what it is, for the messages.
 */
export function amountFlag(
  command: string,
  flag: string,
  value: string,
  limits: { min: number; above?: boolean; max: number; unit: string; example: string; what: string },
): number {
  const fix = `give ${limits.above ? 'more than' : 'at least'} ${limits.min} and at most ${limits.max.toLocaleString('en')} ${limits.unit}, such as ${limits.example}`;
  if (limits.min >= 0 && /^-\s*([0-9]|\.[0-9])/.test(value.trim())) {
    // A negative amount is no amount of money, hours or credits at all.
    const least = limits.above ? `more than ${limits.min}` : `${limits.min} or more`;
    throw new UsageError(
      `coop ${command}: --${flag} ${value.trim()} is not an amount: give ${limits.what}, ${least}, such as ${limits.example.split(' or ')[0]}.`,
    );
  }
  if (!/^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$/.test(value.trim())) {
    const comma = /^[0-9.]*,[0-9]+$/.test(value.trim()) ? ` Write decimals with a point (${value.trim().replace(',', '.')}), and no thousands separators.` : '';
    throw new UsageError(`coop ${command}: --${flag} "${value}" is not a number: ${fix}.${comma}`);
  }
  const n = Number(value);
  if (!Number.isFinite(n) || (limits.above ? n <= limits.min : n < limits.min) || n > limits.max) {
    throw new UsageError(`coop ${command}: --${flag} ${value} is out of range: ${fix}.`);
  }
  return n;
}
