// Checks parsed files against the JSON Schemas in schemas/ and words each failure as a fix.
import type { ErrorObject } from 'ajv';
import type { DiagnosticCode } from '../common/index.ts';
import type { DataPath, Problem } from '../common/index.ts';
import * as validators from '../generated/validators.js';
import type { FileKind, GeneratedValidator } from '../generated/validators.js';

// The list of file kinds is scripts/schemas.mjs's, generated with the validators.
export { fileKinds } from '../generated/validators.js';
export type { FileKind } from '../generated/validators.js';

const compiled: Record<FileKind, GeneratedValidator> = validators;

/** Checks one value against its kind's schema; an empty list means it conforms. */
export function checkSchema(kind: FileKind, file: string, value: unknown): Problem[] {
  const validate = compiled[kind];
  if (validate(value)) return [];
  return explain(file, validate.errors ?? []);
}

/** Patterns of the schemas, said in words. */
const patternWords: Record<string, string> = {
  '^[0-9]{4}-[0-9]{2}-[0-9]{2}$': 'a date written YYYY-MM-DD, such as 2026-03-01',
  '^[a-z0-9][a-z0-9-]{0,38}$': 'a lowercase name of letters, digits and dashes (at most 39), such as ana or care-circle',
  '^[0-9]{4}-Q[1-4]$': 'a quarter written YYYY-Qn, such as 2026-Q4',
  '^[0-9a-f]{40}$': 'a full 40-character git commit id',
  '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?Z$': 'a UTC time written YYYY-MM-DDTHH:MM:SSZ, such as 2026-11-20T10:00:00Z',
  '^[^@\\s]+@[^@\\s]+$': 'an e-mail address',
  '^https?://\\S+$': 'a link starting with https:// (or http://), without spaces',
  '^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$': 'a forge login: letters, digits and single dashes, at most 39',
  '^[a-z*]+(\\.[a-z*]+)?$': 'a change kind such as member.add, or a glob such as commitment.*',
  '^[1-9][0-9]?$': 'a stage number such as 1, 2 or 3',
  '^[0-9]{4}-(0[1-9]|1[0-2])$': 'a month written YYYY-MM, such as 2026-11',
};

/**
 * The most schema problems said of one file. A file with more is broken throughout (a list indented
 * as a map, 30,000 unknown keys): the first ones show what is wrong, and each one more costs time to
 * word and to place, which a file of many thousands would make seconds.
 */
export const MAX_SCHEMA_PROBLEMS = 100;

function explain(file: string, errors: ErrorObject[]): Problem[] {
  // An anyOf that failed speaks for its branches: keep its one message, drop theirs. (The same
  // schema path fails once for each value it applies to: a set, not a search per error.)
  const anyOfs = new Set(errors.filter((e) => e.keyword === 'anyOf').map((e) => e.schemaPath));
  const underAnyOf = (schemaPath: string) => {
    for (let i = schemaPath.lastIndexOf('/'); i > 0; i = schemaPath.lastIndexOf('/', i - 1)) {
      if (anyOfs.has(schemaPath.slice(0, i))) return true;
    }
    return false;
  };
  const seen = new Set<string>();
  const problems: Problem[] = [];
  for (const error of errors) {
    if (error.keyword === 'if' || (anyOfs.size > 0 && underAnyOf(error.schemaPath))) continue;
    // propertyNames reports once for the name and once for the key; keep the named one.
    if (error.keyword === 'pattern' && error.propertyName !== undefined) continue;
    const problem = describe(file, error);
    const key = `${problem.path?.join('/')}|${problem.at}|${problem.message}`;
    if (seen.has(key)) continue;
    if (problems.length === MAX_SCHEMA_PROBLEMS) {
      problems.push({
        file,
        code: 'schema.many',
        message: `This file has more problems than the ${MAX_SCHEMA_PROBLEMS} listed; the rest are not. Fix these, then check the file again.`,
        line: 1,
        column: 1,
      });
      break;
    }
    seen.add(key);
    problems.push(problem);
  }
  return problems;
}

function describe(file: string, e: ErrorObject): Problem {
  const path = toPath(e.instancePath);
  const where = path.length === 0 ? 'The file' : `\`${pathText(path)}\``;
  const hint = typeof e.parentSchema?.description === 'string' ? ` ${e.parentSchema.description}` : '';
  const problem = (code: Extract<DiagnosticCode, `schema.${string}`>, message: string, at: 'key' | 'value' = 'value', p: DataPath = path): Problem => ({
    file,
    code,
    message,
    path: p,
    at,
  });
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required': {
      const missing = String(params.missingProperty);
      if (e.schemaPath.endsWith('/then/required') && missing === 'credits') {
        return problem('schema.required', `${where} says neither hours nor credits. Add \`hours:\` (converted at the stream's rate) or \`credits:\`.`);
      }
      if (e.schemaPath.endsWith('/else/required') && missing === 'change') {
        return problem('schema.required', `${where} matches nothing. Add \`change:\` (a change kind such as member.add) or \`paths:\` (globs of other files).`);
      }
      const description = (e.parentSchema?.properties as Record<string, { description?: string }> | undefined)?.[missing]?.description;
      return problem('schema.required', `${where} lacks \`${missing}\`. Add \`${missing}:\`${description ? ` (${lowerFirst(description)})` : ''}.`);
    }
    case 'additionalProperties': {
      const extra = String(params.additionalProperty);
      const known = Object.keys((e.parentSchema?.properties as object | undefined) ?? {});
      const closest = nearest(extra, known);
      const fix = closest ? `Did you mean \`${closest}\`? ` : '';
      return problem(
        'schema.unknown-property',
        `\`${extra}\` is not a property ${path.length === 0 ? 'of this file' : `of ${where}`}. ${fix}Remove it or use one of: ${known.join(', ')}.`,
        'key',
        [...path, extra],
      );
    }
    case 'propertyNames': {
      const name = String(params.propertyName);
      return problem('schema.name', `\`${name}\` is not a valid name here: it must be ${patternWords['^[a-z0-9][a-z0-9-]{0,38}$']}. Rename it.`, 'key', [
        ...path,
        name,
      ]);
    }
    case 'type':
      return problem('schema.type', `${where} must be ${article(String(params.type))}, not ${typeName(e.data)}.${hint}`);
    case 'enum':
      return problem(
        'schema.enum',
        `${where} is ${shown(e.data)}, which is not allowed. Use one of: ${(params.allowedValues as unknown[]).map((v) => String(v)).join(', ')}.`,
      );
    case 'const':
      return problem('schema.const', `${where} must be ${JSON.stringify(params.allowedValue)}.`);
    case 'pattern': {
      const words = patternWords[String(params.pattern)] ?? `text matching ${String(params.pattern)}`;
      return problem('schema.pattern', `${where} is ${shown(e.data)}; it must be ${words}.`);
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const words = { minimum: 'at least', maximum: 'at most', exclusiveMinimum: 'more than', exclusiveMaximum: 'less than' }[e.keyword];
      return problem('schema.range', `${where} is ${String(e.data)}; it must be ${words} ${String(params.limit)}.`);
    }
    case 'minLength':
      return problem('schema.empty', `${where} is empty. Write something here.${hint}`);
    case 'maxLength':
      return problem('schema.too-long', `${where} is longer than ${String(params.limit)} characters. Shorten it.`);
    case 'minItems':
      return problem('schema.too-few', `${where} needs at least ${String(params.limit)} item${params.limit === 1 ? '' : 's'}.${hint}`);
    case 'uniqueItems':
      return problem(
        'schema.duplicate',
        `${where} lists the same item twice (items ${Number(params.j) + 1} and ${Number(params.i) + 1}). Remove one.`,
        'value',
        [...path, Number(params.i)],
      );
    case 'minProperties':
      return problem('schema.too-few', `${where} is empty. ${hint.trim() || 'Fill it in or remove it.'}`);
    case 'anyOf':
      return problem('schema.type', `${where} is not valid here.${hint}`);
    case 'not':
      if (e.schemaPath.endsWith('/then/not')) {
        return problem('schema.conflict', `${where} has both \`change:\` and \`paths:\`. A policy entry matches one or the other: split it in two.`);
      }
      return problem('schema.invalid', `${where} is not allowed here.${hint}`);
    default:
      return problem('schema.invalid', `${where} ${e.message ?? 'is not valid'}.${hint}`);
  }
}

/** ['entries', 0, 'hours'] → entries[0].hours */
export function pathText(path: DataPath): string {
  return path.map((step, i) => (typeof step === 'number' ? `[${step}]` : i === 0 ? step : `.${step}`)).join('');
}

/** `/periods/0/pledge` → ['periods', 0, 'pledge'] (JSON Pointer, with ~1 and ~0 unescaped). */
function toPath(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^(0|[1-9][0-9]*)$/.test(s) ? Number(s) : s));
}

/** A value as a message quotes it: as written for short ones, cut short for long ones (a message is one line). */
function shown(value: unknown): string {
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 60 ? `${json.slice(0, 60)}…` : json;
}

function typeName(value: unknown): string {
  if (value === null) return 'empty (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'string') return `the text ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)}`;
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- no object is left (TypeScript still types it {}): a number or a boolean, said as written
  return `${typeof value} ${String(value)}`;
}

function article(type: string): string {
  const words: Record<string, string> = {
    object: 'a map (key: value lines)',
    array: 'a list (lines starting with -)',
    string: 'text',
    number: 'a number',
    integer: 'a whole number',
    boolean: 'true or false',
    null: 'empty',
  };
  return type
    .split(',')
    .map((t) => words[t] ?? t)
    .join(' or ');
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1).replace(/\.$/, '');
}

/** The known name a typo most likely meant, if one is close. */
export function nearest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}
