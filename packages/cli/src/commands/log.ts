// coop log: appends one piece of work to a person's monthly contributions file, keeping its text, after validating the result.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import {
  dateOf,
  entryCredits,
  formatAmount,
  MAX_CREDITS,
  MAX_HOURS_A_DAY,
  planLog,
  streamsOf,
  workingTreeSource,
  type LogIssue,
  type LogRequest,
} from '@cooperage/core';
import { UsageError, commonOptions, parse } from '../args.ts';
import { amountFlag, dateFlag } from '../flags.ts';
import { paint, type IO } from '../io.ts';
import { loadValid, reportInvalid, requireValue } from '../valid-state.ts';

export const logHelp = `Usage: coop log --member H --stream S (--hours N | --credits N) --what TEXT
                [--date YYYY-MM-DD] [--link URL] [--repo DIR] [--json]

Appends one entry to governance/contributions/<YYYY-MM>/<H>.yaml, creating the
file if needed. The file's comments and layout are kept; the whole state is
validated as it would be, and nothing is written unless it is valid.

Options:
  --member H      whose work it is: a handle under governance/members/
  --stream S      one of the constitution's value streams (livelihood, love, care)
  --hours N       hours worked, more than 0 and at most ${MAX_HOURS_A_DAY}; converted to credits
                  at the stream's credits_per_hour
  --credits N     credits given directly (a fixed fee, a word rate); when an entry
                  gives both, its credits count and its hours only say how long
  --what TEXT     what the work was, in a line
  --date DAY      the day of the work (default: today, UTC); not in the future
  --link URL      a link to the work (a pull request, a document)
  --repo DIR      the project's folder (default: .)
  --json          print {ok, file, created, entry, credits} as JSON on stdout
  -h, --help      show this help

Exit codes: 0 logged, 1 the state (or the state with this entry) does not
validate, 2 a bad flag.
`;

const FLAGS: Record<NonNullable<LogIssue['field']>, string> = {
  member: 'member',
  stream: 'stream',
  hours: 'hours',
  credits: 'credits',
  what: 'what',
  date: 'date',
  link: 'link',
};

export async function logCommand(argv: string[], io: IO): Promise<number> {
  const { values } = parse('log', argv, {
    ...commonOptions,
    member: { type: 'string' },
    stream: { type: 'string' },
    hours: { type: 'string' },
    credits: { type: 'string' },
    what: { type: 'string' },
    date: { type: 'string' },
    link: { type: 'string' },
  });
  if (values.help) {
    io.stdout(logHelp);
    return 0;
  }
  for (const flag of ['member', 'stream', 'what'] as const) {
    if (values[flag] === undefined) throw new UsageError(`coop log: --${flag} is missing. See \`coop log --help\`.`);
  }
  if (values.hours === undefined && values.credits === undefined)
    throw new UsageError('coop log: say how much work it was with --hours N or --credits N. See `coop log --help`.');
  const today = dateOf(io.now());
  const request: LogRequest = {
    member: values.member!,
    stream: values.stream!,
    what: values.what!,
    date: values.date === undefined ? today : dateFlag('log', 'date', values.date),
    ...(values.hours !== undefined
      ? {
          hours: amountFlag('log', 'hours', values.hours, {
            min: 0,
            above: true,
            max: MAX_HOURS_A_DAY,
            unit: 'hours',
            example: '2.5',
            what: 'the hours worked',
          }),
        }
      : {}),
    ...(values.credits !== undefined
      ? { credits: amountFlag('log', 'credits', values.credits, { min: 0, max: MAX_CREDITS, unit: 'credits', example: '120', what: 'the credits earned' }) }
      : {}),
    ...(values.link !== undefined ? { link: values.link } : {}),
  };

  const dir = resolve(io.cwd, values.repo);
  const { loaded } = await loadValid(io, 'log', workingTreeSource(dir, `the working tree at ${values.repo}`), values.json);
  requireValue('log', loaded.state);
  const plan = planLog(loaded, request, today);
  if (!plan.ok) {
    const [first, ...rest] = plan.issues.map((i) => (i.field ? `--${FLAGS[i.field]}: ${i.message}` : i.message));
    throw new UsageError(`coop log: ${first}${rest.map((m) => `\ncoop log: ${m}`).join('')}\nNothing was written.`);
  }
  if (!plan.validation.ok) {
    reportInvalid(io, 'log', plan.validation, values.json, `with this entry ${plan.file} would not validate (above). Nothing was written.`);
    return 1;
  }
  const target = join(dir, plan.file);
  mkdirSync(dirname(target), { recursive: true });
  // Write beside the file, then rename over it: a reader never sees half a file.
  const temp = `${target}.coop-log-${process.pid}`;
  writeFileSync(temp, plan.text);
  renameSync(temp, target);

  const rates = streamsOf(loaded.state);
  const credits = entryCredits(plan.entry, rates);
  if (values.json) {
    io.stdout(`${JSON.stringify({ ok: true, file: plan.file, created: plan.created, entry: plan.entry, credits }, null, 2)}\n`);
    return 0;
  }
  const p = paint(io);
  const amount =
    plan.entry.credits !== undefined ? `${formatAmount(plan.entry.credits)} credits` : `${plan.entry.hours} hours (${formatAmount(credits)} credits)`;
  io.stdout(
    `${p.green('✓')} Logged ${amount} of ${plan.entry.stream} for ${request.member} on ${plan.entry.date} in ${plan.file}${plan.created ? ' (new file)' : ''}.\n`,
  );
  io.stdout("Commit it and open a pull request; the constitution's policy says what it needs.\n");
  return 0;
}
