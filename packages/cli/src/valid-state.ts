// Loads the state a value command works on and refuses to go on when it does not validate.
import { loadState, validateState, valueOf, type LoadResult, type Source, type State, type ValidationResult } from '@cooperage/core';
import { CliError, InvalidState } from './errors.ts';
import { formatDiagnostic, plural } from './format.ts';
import { paint, type IO } from './io.ts';

/** Loads and validates; throws InvalidState after printing the errors when there are any (the command then exits 1). */
export async function loadValid(
  io: IO,
  command: string,
  source: Source,
  json: boolean,
  concurrency = 1,
): Promise<{ loaded: LoadResult; result: ValidationResult }> {
  const loaded = await loadState(source, { concurrency });
  const result = validateState(loaded.state, loaded.problems, loaded.texts, { now: io.now() });
  if (!result.ok) {
    reportInvalid(
      io,
      command,
      result,
      json,
      `${source.label} has ${plural(result.errors.length, 'error')}; fix ${result.errors.length === 1 ? 'it' : 'them'} first (\`coop validate\` explains each). Nothing was written.`,
    );
    throw new InvalidState(result);
  }
  return { loaded, result };
}

/** Prints the errors of a state, then what they mean for the command. */
export function reportInvalid(io: IO, command: string, result: ValidationResult, json: boolean, summary: string): void {
  if (json) {
    io.stdout(`${JSON.stringify({ ok: false, errors: result.errors, warnings: result.warnings }, null, 2)}\n`);
  }
  const p = paint(io);
  for (const d of result.errors) io.stderr(`${formatDiagnostic(d, 'error', result.texts.get(d.file), p)}\n`);
  io.stderr(`coop ${command}: ${summary}\n`);
}

/** The constitution must track value for log and payout. */
export function requireValue(command: string, state: State): void {
  if (valueOf(state) === undefined) {
    throw new CliError(
      'value.untracked',
      `coop ${command}: this constitution tracks no value (governance/constitution.yaml has no \`value:\`). Add value streams to it by pull request first; the disco preset has an example.`,
      {},
    );
  }
}
