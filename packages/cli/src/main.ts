// The coop command: dispatches to a command, and turns errors into messages and exit codes.
import { didYouMean, nearest } from '@cooperage/core';
import { UsageError } from './args.ts';
import { failed } from './errors.ts';
import type { IO } from './io.ts';

/** Exit codes of every command (README.md, "Commands"; each command's in docs/commands/). */
export const EXIT = { ok: 0, shortfall: 1, usage: 2, pending: 3 } as const;

type Run = (argv: string[], io: IO) => Promise<number>;
/** A command's module is loaded only when it runs, so start-up reads only what it needs. */
type Command = { summary: string; load: () => Promise<Run> };

const commands: Record<string, Command> = {
  validate: { summary: 'check the governance state and explain every error', load: () => import('./commands/validate.ts').then((m) => m.validateCommand) },
  init: { summary: 'scaffold governance/ from a preset (disco, radial, minimal)', load: () => import('./commands/init.ts').then((m) => m.initCommand) },
  report: {
    summary: 'value, commitments, the continuum, proposals and decisions (text, json, html)',
    load: () => import('./commands/report.ts').then((m) => m.reportCommand),
  },
  log: { summary: 'log a piece of work in a contributions file', load: () => import('./commands/log.ts').then((m) => m.logCommand) },
  payout: { summary: "distribute a month's pool to its credits, and propose it", load: () => import('./commands/payout.ts').then((m) => m.payoutCommand) },
  check: { summary: 'judge a pull request: its changes and the rules they need', load: () => import('./commands/check.ts').then((m) => m.checkCommand) },
  tally: { summary: 'decide a pull request from its votes under every rule it needs', load: () => import('./commands/tally.ts').then((m) => m.tallyCommand) },
  record: {
    summary: "write a merged pull request's decision record, tallied again at its base",
    load: () => import('./commands/record.ts').then((m) => m.recordCommand),
  },
  audit: {
    summary: 'prove the history: every change decided by a record that re-tallies',
    load: () => import('./commands/audit.ts').then((m) => m.auditCommand),
  },
  doctor: {
    summary: "check the repository's setup: files, ruleset, workflows, members",
    load: () => import('./commands/doctor.ts').then((m) => m.doctorCommand),
  },
};

export const mainHelp = () => `Usage: coop <command> [options]

Cooperage: git-native governance for cooperatively run libre software projects.
The governance state (members, commitments, contributions, proposals, decisions)
lives as YAML under governance/ in the project's repository.

Commands:
${Object.entries(commands)
  .map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`)
  .join('\n')}

Every command takes --json, and every one but init takes --repo DIR (default .);
init takes the folder to write as its DIR.
Exit codes: 0 success, 1 the state or the decision falls short, 2 usage or
environment error, 3 pending.
Run \`coop <command> --help\` for a command's options.
`;

export async function main(argv: string[], io: IO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(mainHelp());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version') {
    io.stdout('coop 0.1.0\n');
    return EXIT.ok;
  }
  const command = commands[name];
  const json = rest.includes('--json');
  try {
    if (command === undefined) throw new UsageError(unknownCommand(name));
    const run = await command.load();
    return await run(rest, io);
  } catch (error) {
    return EXIT[failed(error, io, json)];
  }
}

/** What to say of a first word that is no command: the nearest command, or that options follow a command. */
function unknownCommand(name: string): string {
  const names = Object.keys(commands);
  if (name.startsWith('-')) {
    const option = nearest(name, ['--json', '--repo', '--help']) ?? name;
    return `coop: ${name} is not an option of coop itself: options follow a command, as in \`coop validate ${option}\`. The commands are ${names.join(', ')}; see \`coop --help\`.`;
  }
  return `coop: there is no command "${name}".${didYouMean(name, names)} The commands are ${names.join(', ')}; see \`coop --help\`.`;
}
