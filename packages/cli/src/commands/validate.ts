// coop validate: checks a governance state and reports every problem like a compiler.
import { validateSource, type ValidationStats } from '@cooperage/core';
import { commonOptions, parse } from '../args.ts';
import { formatDiagnostic, plural } from '../format.ts';
import { paint, type IO } from '../io.ts';
import { openSource } from '../open.ts';

export const validateHelp = `Usage: coop validate [--ref REF] [--repo DIR] [--json]

Checks the governance state under DIR/governance/: every file against its schema,
then the rules a schema cannot express (tiers, streams, circles and mentors exist,
dates are real, commitment periods do not overlap, ...). Every problem names its
file, line and column, says what is wrong and how to fix it.

Options:
  --ref REF    read the state at a git ref (branch, tag, commit, HEAD~1) from the
               object store instead of the working tree; no checkout is made
  --repo DIR   the project's folder (default: .); may be a folder inside a larger
               git repository
  --json       print {ok, errors, warnings, stats} as JSON on stdout
  -h, --help   show this help

Exit codes: 0 valid, 1 the state has errors, 2 usage or environment error.
`;

export async function validateCommand(argv: string[], io: IO): Promise<number> {
  const { values } = parse('validate', argv, { ...commonOptions, ref: { type: 'string' } });
  if (values.help) {
    io.stdout(validateHelp);
    return 0;
  }
  const source = await openSource(io, values.repo, values.ref, 'validate');
  const result = await validateSource(source, { concurrency: values.ref === undefined ? 1 : 16, now: io.now() });
  if (values.json) {
    io.stdout(`${JSON.stringify({ ok: result.ok, errors: result.errors, warnings: result.warnings, stats: result.stats }, null, 2)}\n`);
    return result.ok ? 0 : 1;
  }
  const p = paint(io);
  for (const d of result.errors) io.stdout(formatDiagnostic(d, 'error', result.texts.get(d.file), p) + '\n');
  for (const d of result.warnings) io.stdout(formatDiagnostic(d, 'warning', result.texts.get(d.file), p) + '\n');
  const counts = summary(result.stats);
  if (result.ok) {
    const warned = result.warnings.length > 0 ? `, ${plural(result.warnings.length, 'warning')}` : '';
    io.stdout(`${p.green('✓')} ${source.label}: valid${warned}. ${counts}\n`);
    return 0;
  }
  io.stdout(
    `${p.red('✗')} ${source.label}: ${plural(result.errors.length, 'error')}${result.warnings.length > 0 ? `, ${plural(result.warnings.length, 'warning')}` : ''} in ${plural(result.stats.files, 'file')} read.\n`,
  );
  return 1;
}

function summary(stats: ValidationStats): string {
  const tiers = Object.entries(stats.tiers)
    .filter(([, n]) => n > 0)
    .map(([tier, n]) => `${n} ${tier}`)
    .join(', ');
  const parts = [
    `${plural(stats.members, 'person', 'people')}${tiers ? ` (${tiers})` : ''}`,
    plural(stats.commitments, 'commitment'),
    `${plural(stats.entries, 'contribution')} in ${plural(stats.contributions, 'monthly file')}`,
    plural(stats.proposals, 'proposal'),
    plural(stats.decisions, 'decision record'),
  ];
  return `${parts.join(', ')}.`;
}
