// coop report: value, commitments, the continuum, open proposals and decisions, as text, JSON or a self-contained HTML page.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { buildReport, didYouMean, renderHtml, renderText } from '@cooperage/core';
import { UsageError, commonOptions, parse } from '../args.ts';
import { periodFlag } from '../flags.ts';
import { paint, type IO } from '../io.ts';
import { plural } from '../format.ts';
import { openSource } from '../open.ts';
import { loadValid } from '../valid-state.ts';

export const reportHelp = `Usage: coop report [--from DATE] [--to DATE] [--format text|json|html] [--out DIR]
                   [--ref REF] [--repo DIR] [--json]

Reports on the governance state: credits per stream per month and each
person's historical, paid (divested) and owed (invested) credits; commitment
fulfilment per quarter against pledges and tier minimums; where everyone stands
on the continuum and the moves the lifecycle suggests (never made
automatically); open proposals (those no decision record names yet); and the
decisions recorded in the period.

--format html writes one self-contained page (no scripts, fonts or network)
with pictures of the membership, the credits and the commitments, ready to
publish.

Options:
  --from DATE     first month of the period, YYYY-MM or YYYY-MM-DD (default: the
                  first month anyone logged work); the report counts whole months
  --to DATE       last month of the period (default: this month)
  --format F      text (default), json or html
  --out DIR       write report.txt, report.json or report.html into DIR instead
                  of printing it
  --ref REF       report on a git ref (read from the object store) instead of the
                  working tree
  --repo DIR      the project's folder (default: .)
  --json          the same as --format json; with --out, print {ok, file} as JSON
  -h, --help      show this help

Exit codes: 0 done, 1 the state does not validate, 2 usage or environment error.
`;

const FORMATS = ['text', 'json', 'html'] as const;
type Format = (typeof FORMATS)[number];
const EXTENSION: Record<Format, string> = { text: 'txt', json: 'json', html: 'html' };

export async function reportCommand(argv: string[], io: IO): Promise<number> {
  const { values } = parse('report', argv, {
    ...commonOptions,
    from: { type: 'string' },
    to: { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' },
    ref: { type: 'string' },
  });
  if (values.help) {
    io.stdout(reportHelp);
    return 0;
  }
  if (values.format !== undefined && !(FORMATS as readonly string[]).includes(values.format)) {
    throw new UsageError(`coop report: --format "${values.format}" is not a format.${didYouMean(values.format, FORMATS)} Use one of: ${FORMATS.join(', ')}.`);
  }
  // With --out, --json answers {ok, file} about the file written, whatever its format.
  if (values.json && values.format !== undefined && values.format !== 'json' && values.out === undefined) {
    throw new UsageError(
      `coop report: --json and --format ${values.format} disagree. Give one of them, or --out DIR to write the ${values.format} report and answer JSON about it.`,
    );
  }
  const format: Format = (values.format as Format | undefined) ?? (values.json ? 'json' : 'text');
  const from = values.from === undefined ? undefined : periodFlag('report', 'from', values.from);
  const to = values.to === undefined ? undefined : periodFlag('report', 'to', values.to);
  if (from !== undefined && to !== undefined && from > to) {
    throw new UsageError(`coop report: --from ${values.from} is after --to ${values.to}. Swap them.`);
  }

  const source = await openSource(io, values.repo, values.ref, 'report');
  const {
    loaded: { state },
  } = await loadValid(io, 'report', source, format === 'json' && values.out === undefined, values.ref === undefined ? 1 : 16);
  const report = buildReport(state, { now: io.now(), ...(from ? { from } : {}), ...(to ? { to } : {}) });
  const output = format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : format === 'html' ? renderHtml(report) : renderText(report);
  if (values.out === undefined) {
    io.stdout(output);
    return 0;
  }
  const dir = resolve(io.cwd, values.out);
  const file = join(dir, `report.${EXTENSION[format]}`);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, output);
  } catch (error) {
    const code = (error as { code?: string }).code;
    const why =
      code === 'EEXIST' || code === 'ENOTDIR'
        ? 'is a file, or inside one, not a folder'
        : code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
          ? 'is not a folder you may write in'
          : `cannot be written (${code ?? String(error)})`;
    throw new UsageError(`coop report: --out ${values.out} ${why}. Give a folder for the report, such as --out site.`);
  }
  const near = relative(io.cwd, file);
  const shown = near === '' || near.startsWith('..') ? file : near;
  if (values.json) io.stdout(`${JSON.stringify({ ok: true, file: shown }, null, 2)}\n`);
  else
    io.stdout(
      `${paint(io).green('✓')} Wrote ${shown} (${plural(report.months.length, 'month')}, ${plural(report.continuum.people.length, 'person', 'people')}).\n`,
    );
  return 0;
}
