// What coop says when a command cannot do its work: core's errors in words that name commands and flags, and the one place an error becomes an exit code.
import { CoopError, type ErrorCode, type ErrorData, type ValidationResult } from '@cooperage/core';
import type { IO } from './io.ts';

/** An error already in the CLI's words (a usage error, a refusal of a command): said as it is. */
export class CliError<C extends ErrorCode = ErrorCode> extends CoopError<C> {
  override readonly name: string = 'CliError';
}

/** The state fell short: the command has printed why, and exits 1. */
export class InvalidState extends Error {
  override readonly name = 'InvalidState';
  constructor(readonly result: ValidationResult) {
    super('the state does not validate');
  }
}

/** What a command knows of where an error arose: its own name, and the flag that named what could not be read. */
export interface Context {
  command?: string;
  flag?: string;
}

/** The codes of errors the CLI raises itself, already in its words. */
type CliCode = 'usage' | 'internal' | 'value.untracked' | 'init.exists' | 'payout.pending' | 'payout.nothing-due';

/** Says one code's error from its data, the command's context, and core's default message. */
type Wording<C extends ErrorCode> = (data: ErrorData[C], context: Context, message: string) => string;

const REPO = "pass the project's folder with --repo DIR";

/** Why a command needs a git repository, in the sentence that says it is not in one. */
const needsGit: Record<string, string> = {
  check: 'so --head (and --base) cannot be read',
  tally: 'so --head (and --base) cannot be read',
  audit: 'and the audit reads the history',
};

/**
 * Every error core raises, in the CLI's words. Core's own message names no flag; here the words name
 * `--repo DIR`, `--ref`, `--base`, `--head`, `--since` and the commands that help. A new code in core
 * must be worded here before the CLI compiles.
 */
const sentences: { [C in Exclude<ErrorCode, CliCode>]: Wording<C> } = {
  'source.missing': ({ root }) => `There is no folder ${root}. ${capital(REPO)}.`,
  'source.not-a-folder': ({ root }) => `${root} is not a folder. ${capital(REPO)}.`,
  'state.missing': ({ label }) => `There is no governance/ folder in ${endSentence(label)} Run \`coop init\` to create one, or ${REPO}.`,
  'git.not-a-repository': ({ dir }, { command, flag }, message) => {
    if (command !== undefined)
      return `coop ${command}: ${dir} is not inside a git repository, ${needsGit[command] ?? 'and this command reads commits'}. Run it in a clone of the project, or pass its folder with --repo DIR.`;
    if (flag !== undefined)
      return `${dir} is not inside a git repository, so --${flag} cannot be read. Run it in a clone, or leave --${flag} out to read the working tree.`;
    return message;
  },
  'git.unknown-ref': ({ ref, top }, { command, flag }) =>
    `${command !== undefined ? `coop ${command}: ` : ''}${flag !== undefined ? `--${flag} ` : ''}"${ref}" is not a commit in ${top}. Name a branch, a tag or a commit id (git log --oneline lists them).`,
  'git.missing-object': (_data, _context, message) => message,
  'git.wrong-object': (_data, _context, message) => message,
  'git.shallow': (_data, _context, message) => message,
  'check.base-missing': ({ base }) =>
    `The base, ${base}, has no governance/ folder, so there are no rules to judge a pull request by. A project's first governance/ (coop init) is committed directly, not judged; otherwise pass the right --base, or the project's folder with --repo DIR.`,
  'check.base-constitution': ({ base, problem }) => {
    const why =
      problem === undefined
        ? 'There is no governance/constitution.yaml.'
        : `${problem.file}:${problem.line}:${problem.column} ${problem.code}: ${problem.message}`;
    return `The base, ${base}, has no valid constitution. ${why} The policy that judges a pull request is read from its base, so fix the constitution there first (coop validate --ref on the base), or pass the right --base.`;
  },
  'audit.since-off-history': ({ since, commit, ref }) =>
    `--since ${since} (${commit.slice(0, 7)}) is not on the first-parent history of ${ref}, so the audit cannot start after it. Pass a commit of the governed branch itself, such as ${ref}~10.`,
  'audit.no-genesis': ({ ref, since, unfounded }) => {
    const where = since === undefined ? `the first-parent history of ${ref}` : `the commits after --since ${since}`;
    if (unfounded === true)
      return `No commit in ${where} has both governance/constitution.yaml and a member under governance/members/, so no one has founded the collective yet and there is no governance history to audit. Add the founders in one commit: it is the genesis.`;
    return `No commit in ${where} has governance/constitution.yaml, so there is no governance history to audit. Commit the state \`coop init\` writes, or pass the governed branch with --ref.`;
  },
  'tally.time': (_data, _context, message) => message,
};

/** What the CLI says of an error: its own sentence for a CLI error, else core's code and data in the CLI's words. */
export function sentence(error: CoopError, context: Context = {}): string {
  if (error instanceof CliError || !Object.hasOwn(sentences, error.code)) return error.message;
  const wording = sentences[error.code as Exclude<ErrorCode, CliCode>] as Wording<ErrorCode>;
  return wording(error.data, context, error.message);
}

/** Whether an error is core's or the CLI's, its code one of the registered ones (`instanceof` alone types the code as any). */
function isCoop(error: unknown): error is CoopError {
  return error instanceof CoopError;
}

/**
 * A core error met by a command, in the words of that command (`coop check: --head "x" is not a
 * commit`): the same code and data. Anything else is given back as it is.
 */
export function inCommand(error: unknown, context: Context): unknown {
  return isCoop(error) && !(error instanceof CliError) ? new CliError(error.code, sentence(error, context), error.data) : error;
}

/**
 * Says why a command stopped, on stderr (and as `{ok: false, error: {code, message}}` on stdout under
 * --json), and gives the exit it means. A state that fell short was said by the command: exit 1. An
 * error of the call or the environment: exit 2. Anything else is a bug in Cooperage, and says so: it
 * exits 2 as well, since 1 and 3 are verdicts on the state or the decision, which a bug cannot give;
 * its code `internal` tells it apart. The stack is shown only under COOP_DEBUG=1.
 */
export function failed(error: unknown, io: IO, json: boolean): 'shortfall' | 'usage' {
  if (error instanceof InvalidState) return 'shortfall';
  if (isCoop(error)) {
    const message = sentence(error);
    if (json) io.stdout(`${JSON.stringify({ ok: false, error: { code: error.code, message } }, null, 2)}\n`);
    io.stderr(`${message}\n`);
    return 'usage';
  }
  const debug = io.env.COOP_DEBUG !== undefined && io.env.COOP_DEBUG !== '' && io.env.COOP_DEBUG !== '0';
  const what = error instanceof Error ? error.message : String(error);
  const message = `Internal error: ${endSentence(what || 'something failed')} This is a bug in Cooperage, not a mistake in the command or the files; please report it with the command you ran and this message${debug ? '' : ' (COOP_DEBUG=1 shows where it happened)'}.`;
  if (json) io.stdout(`${JSON.stringify({ ok: false, error: { code: 'internal', message } }, null, 2)}\n`);
  io.stderr(`coop: ${message}\n`);
  if (debug && error instanceof Error && error.stack !== undefined) io.stderr(`${error.stack}\n`);
  return 'usage';
}

/** A phrase as the end of a sentence: with its own full stop, or one added. */
function endSentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

function capital(text: string): string {
  return `${text[0]?.toUpperCase() ?? ''}${text.slice(1)}`;
}
