// Parses a command's flags with node:util, turning every mistake into a usage error.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { didYouMean } from '@cooperage/core';
import { CliError } from './errors.ts';

/** A mistake in the call: unknown flag, missing value. Exits 2. */
export class UsageError extends CliError<'usage'> {
  override readonly name = 'UsageError';
  constructor(message: string) {
    super('usage', message, {});
  }
}

export const commonOptions = {
  repo: { type: 'string', default: '.' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export function parse<T extends NonNullable<ParseArgsConfig['options']>>(command: string, argv: string[], options: T, allowPositionals = false) {
  const args = negativeValues(argv, options);
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (error) {
    throw new UsageError(`coop ${command}: ${usageProblem(error, options)} See \`coop ${command} --help\`.`);
  }
}

/**
 * `--pool -5`: parseArgs takes a value that starts with a dash for an option and refuses it. A
 * negative number after an option that takes a value is that value (`--pool=-5`), so that the
 * command can say what is wrong with it in its own words.
 */
function negativeValues(argv: readonly string[], options: NonNullable<ParseArgsConfig['options']>): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const next = argv[i + 1];
    const name = arg.startsWith('--') && !arg.includes('=') ? arg.slice(2) : undefined;
    if (name !== undefined && Object.hasOwn(options, name) && options[name]!.type === 'string' && next !== undefined && /^-(\d|\.\d)/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else {
      out.push(arg);
    }
  }
  return out;
}

/** What parseArgs refused, as a sentence in the project's words, with the nearest option when there is one. */
function usageProblem(error: unknown, options: NonNullable<ParseArgsConfig['options']>): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: string }).code;
  const names = Object.entries(options).flatMap(([name, o]) => [`--${name}`, ...(o.short ? [`-${o.short}`] : [])]);
  const quoted = /'([^']*)'/.exec(message)?.[1] ?? '';
  const option = quoted.replace(/ <value>$/, '');
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `there is no option ${option}.${didYouMean(option, names)}`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `"${option}" is not an option, and this command takes no other words.${didYouMean(`--${option}`, names)}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (/does not take an argument/.test(message)) return `${option} takes no value: give it alone.`;
      if (/ambiguous/.test(message))
        return `${option} needs a value, and the next word starts with a dash. Give the value after it, or write ${option}=VALUE for a value that starts with a dash.`;
      return `${option} needs a value after it.`;
    default:
      return /[.!?]$/.test(message) ? message : `${message}.`;
  }
}
