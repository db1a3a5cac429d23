// Parses a command's flags with node:util, turning every mistake into a usage error.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CoopError } from '@cooperage/core';

/** A mistake in the call: unknown flag, missing value. Exits 2. */
export class UsageError extends CoopError {
  override readonly name = 'UsageError';
  constructor(message: string) {
    super('usage', message);
  }
}

export const commonOptions = {
  repo: { type: 'string', default: '.' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export function parse<T extends NonNullable<ParseArgsConfig['options']>>(command: string, argv: string[], options: T, allowPositionals = false) {
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true });
  } catch (error) {
    const message = (error as Error).message.replace(/\. To specify a positional argument.*$/s, '.');
    throw new UsageError(`coop ${command}: ${message} See \`coop ${command} --help\`.`);
  }
}

/** An ISO date or time given on the command line, checked. */
export function parseInstant(command: string, flag: string, value: string): Date {
  const date = new Date(value);
  if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}/.test(value) || Number.isNaN(date.getTime())) {
    throw new UsageError(`coop ${command}: --${flag} "${value}" is not a date or time. Write it as ISO 8601, such as 2026-11-20T10:00:00Z.`);
  }
  return date;
}
