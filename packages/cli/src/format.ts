// Presents diagnostics the way a compiler does: file:line:column, the code, the message, a frame that underlines the value.
import type { Diagnostic } from '@cooperage/core';
import type { Paint } from './io.ts';

/** Formats one diagnostic, with a frame of the source line when the text is known. */
export function formatDiagnostic(d: Diagnostic, severity: 'error' | 'warning', text: string | undefined, p: Paint): string {
  const label = severity === 'error' ? p.red(p.bold('error')) : p.yellow(p.bold('warning'));
  const head = `${p.bold(`${d.file}:${d.line}:${d.column}`)} ${label} ${p.dim(d.code)}: ${d.message}`;
  const frame = text === undefined ? '' : codeFrame(text, d.line, d.column, p, { line: d.endLine, column: d.endColumn });
  return frame === '' ? `${head}\n` : `${head}\n${frame}\n`;
}

/**
 * The line before, the line itself and carets under the value: from the column to `end` (the line
 * and column just after it), or to the end of the line when the value goes on past it; one caret for
 * a point.
 */
export function codeFrame(text: string, line: number, column: number, p: Paint, end?: { line: number; column: number }): string {
  const lines = text.split(/\r?\n/);
  if (line < 1 || line > lines.length || (lines.length === 1 && lines[0] === '')) return '';
  const first = Math.max(1, line - 1);
  const width = String(Math.min(lines.length, line + 1)).length;
  const out: string[] = [];
  for (let n = first; n <= Math.min(lines.length, line + 1); n++) {
    const source = truncate(lines[n - 1]!.replace(/\t/g, ' '));
    const gutter = `${n === line ? '>' : ' '} ${String(n).padStart(width)} |`;
    out.push(`${n === line ? p.bold(gutter) : p.dim(gutter)}${source ? ` ${source}` : ''}`);
    if (n === line) {
      // A value that goes on past this line is underlined to its end; without an end, a point.
      const to = end === undefined ? column + 1 : end.line > line ? undefined : end.column;
      out.push(`${p.dim(`  ${' '.repeat(width)} |`)} ${' '.repeat(Math.max(0, Math.min(column, 200) - 1))}${p.red('^'.repeat(underline(source, column, to)))}`);
    }
  }
  return out.join('\n');
}

/** How many carets: from `column` to `to` (exclusive), or to the end of the line's text; at least one, within what is shown. */
function underline(shown: string, column: number, to: number | undefined): number {
  const stop = Math.min(to ?? shown.trimEnd().length + 1, 201);
  return Math.max(1, stop - Math.min(column, 200));
}

function truncate(line: string): string {
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
