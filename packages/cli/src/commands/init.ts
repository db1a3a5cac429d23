// coop init: scaffolds governance/ from a preset, with its founding members, and checks what it wrote.
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import {
  GOVERNANCE,
  HANDLE,
  isRealDate,
  memorySource,
  parseYaml,
  presetNames,
  presets,
  validateSource,
  type Constitution,
  type PresetName,
} from '@cooperage/core';
import { UsageError, parse } from '../args.ts';
import { CliError } from '../errors.ts';
import { formatDiagnostic } from '../format.ts';
import { defaultBranch, forgeFiles, forgeOf, forgeOnly, rulesetNext, writeNew } from '../init-forge.ts';
import { paint, type IO } from '../io.ts';

export const initHelp = `Usage: coop init [DIR] [--preset disco|radial|minimal] [--handle H] [--name NAME]
                 [--github LOGIN] [--founder "H, NAME[, LOGIN]"]... [--founders FILE]
                 [--since YYYY-MM-DD] [--forge github [--branch NAME]] [--json]

Writes DIR/governance/ (default DIR: .) with the preset's constitution and the
founding members, all in its innermost tier since the same day. It never
overwrites: if governance/ exists, it stops. Commit what it writes in one
commit: that commit is the genesis the audit starts from, and the only one
that may add people without a decision.

Presets:
  disco     DisCO: member > dater (3 stages) > contributor > supporter, value
            tracking in livelihood, love and care, commitments (the default)
  radial    a loose libre project: core > member > contributor > friend,
            lazy majority by default, no value tracking
  minimal   one tier, majority

One founder:
  --handle H       the founder's handle (lowercase letters, digits, dashes);
                   default: from git config user.email or user.name
  --name NAME      the founder's name; default: git config user.name
  --github LOGIN   the founder's forge login; default: the handle

Several founders (a cooperative whose rules need two yes votes needs at least
two members to decide anything):
  --founder "H, NAME, LOGIN"
                   one founder: handle, name and forge login, separated by
                   commas; the login may be left out (it is then the
                   handle). Repeat it for each founder.
  --founders FILE  a file with one founder a line, in the same form; blank
                   lines and lines starting with # are skipped:
                     # handle, name, forge login
                     ana, Ana Costa, AnaCosta
                     bob, Bob Silva
  --handle, --name and --github, when given with these, add one founder more;
  without any of them, git config is not read. Handles and logins must be
  unique (case-insensitively); a name may not contain a comma. On any mistake
  nothing is written.

On a forge:
  --forge github   also write what a repository on GitHub needs: the workflows
                   of the gate, the review relay, the records and the check in
                   .github/workflows/, and the default branch's ruleset in
                   .github/rulesets/cooperage-decision.json (create it with
                   gh api -X POST repos/OWNER/NAME/rulesets --input that file).
                   A file already there is kept, never overwritten; with
                   governance/ already there, only the missing files are written.
  --branch NAME    the default branch the record workflow runs on; default:
                   origin's HEAD, else the branch checked out, else main

Options:
  --since DATE     the date the founders entered their tier; default: today
  --json           print {ok, preset, dir, founders, files, kept} as JSON on stdout
  -h, --help       show this help
`;

const schemaBase = 'https://cooperage.dev/schemas';

export async function initCommand(argv: string[], io: IO): Promise<number> {
  const { values, positionals } = parse(
    'init',
    argv,
    {
      preset: { type: 'string', default: 'disco' },
      handle: { type: 'string' },
      name: { type: 'string' },
      github: { type: 'string' },
      founder: { type: 'string', multiple: true },
      founders: { type: 'string' },
      since: { type: 'string' },
      forge: { type: 'string' },
      branch: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    true,
  );
  if (values.help) {
    io.stdout(initHelp);
    return 0;
  }
  if (positionals.length > 1) throw new UsageError(`coop init: give one folder at most (got ${positionals.join(', ')}). See \`coop init --help\`.`);
  const preset = values.preset as PresetName;
  if (!presetNames.includes(preset)) throw new UsageError(`coop init: there is no preset "${values.preset}". Use one of: ${presetNames.join(', ')}.`);
  const dir = resolve(io.cwd, positionals[0] ?? '.');
  const target = join(dir, GOVERNANCE);
  const forge = forgeOf(values.forge, values.branch);
  if (forge !== undefined && (existsSync(target) || isLink(target))) {
    const ignored = (['founder', 'founders', 'handle', 'name', 'github', 'since'] as const).filter((f) => values[f] !== undefined).map((f) => `--${f}`);
    if (ignored.length > 0)
      io.stderr(
        `coop init: ${GOVERNANCE}/ is already there, so ${ignored.join(', ')} ${ignored.length === 1 ? 'has' : 'have'} no effect: add people by pull request.\n`,
      );
    return forgeOnly(io, dir, forge, values.json, values.branch);
  }
  if (existsSync(target) || isLink(target)) {
    throw new CliError(
      'init.exists',
      `${relative(io.cwd, target) || GOVERNANCE} already exists; coop init never overwrites it. Remove it first, or run coop validate to check it.`,
      {},
    );
  }

  const founders = foundersOf(values, dir, io.cwd);
  const since = values.since ?? io.now().toISOString().slice(0, 10);
  if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(since) || !isRealDate(since))
    throw new UsageError(`coop init: --since "${since}" is not a date. Write it as YYYY-MM-DD.`);
  const files = scaffold(preset, founders, since);

  // Check in memory first: nothing is written unless it validates.
  const check = await validateSource(memorySource(Object.fromEntries(Object.entries(files).map(([k, v]) => [`${GOVERNANCE}/${k}`, v]))));
  if (!check.ok) {
    const p = paint(io);
    for (const d of check.errors) io.stderr(formatDiagnostic(d, 'error', check.texts.get(d.file), p));
    throw new UsageError(
      `coop init: the founding ${founders.length === 1 ? 'member' : 'members'} given would not validate (above); nothing was written. Correct the flags.`,
    );
  }

  mkdirSync(dir, { recursive: true });
  const staging = join(dir, `.${GOVERNANCE}.init-${process.pid}`);
  try {
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(staging, path)), { recursive: true });
      writeFileSync(join(staging, path), content, { flag: 'wx' });
    }
    renameSync(staging, target);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }

  const onForge = forge === undefined ? { written: [], kept: [] } : writeNew(dir, forgeFiles(forge, values.branch ?? defaultBranch(dir)));
  const written = [...Object.keys(files).map((f) => `${GOVERNANCE}/${f}`), ...onForge.written];
  if (values.json) {
    io.stdout(
      `${JSON.stringify({ ok: true, preset, dir: relative(io.cwd, dir) || '.', founders: founders.map((f) => f.handle), files: written, kept: onForge.kept }, null, 2)}\n`,
    );
    return 0;
  }
  const p = paint(io);
  const who = founders.length === 1 ? `${founders[0]!.handle} as founding member` : `${andList(founders.map((f) => f.handle))} as founding members`;
  io.stdout(`${p.green('✓')} Wrote ${relative(io.cwd, target) || GOVERNANCE}/ from the ${preset} preset, with ${who}:\n`);
  for (const f of written.filter((f) => !f.endsWith('.gitkeep'))) io.stdout(`  ${f}\n`);
  for (const f of onForge.kept) io.stdout(`  ${f} (already there: kept as it is)\n`);
  io.stdout(
    forge === undefined
      ? `\nNext: read governance/constitution.yaml, adapt it, and commit it: that commit is the genesis\nthe audit starts from. Then add people under governance/members/ by pull request.\n`
      : `\nNext:\n  1. Read governance/constitution.yaml, adapt it, and commit everything written here in one\n     commit, pushed to the default branch: it is the genesis the audit starts from.\n${rulesetNext(dir)}  3. Then add people under governance/members/ by pull request.\n`,
  );
  return 0;
}

interface Founder {
  handle: string;
  name: string;
  github?: string;
}

/** A founder as given, and where: `--founder "…"`, `FILE:LINE` or the single-founder flags. */
interface GivenFounder extends Founder {
  where: string;
}

/** The forge login the schema accepts: letters, digits and single dashes, at most 39. */
const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;

/**
 * Every founder the flags give: the --founders file's lines, each --founder, and one from
 * --handle/--name/--github when any is given (from git config when nothing at all is). Every
 * mistake is gathered into one usage error, each naming its flag or its file and line.
 */
function foundersOf(values: { handle?: string; name?: string; github?: string; founder?: string[]; founders?: string }, dir: string, cwd: string): Founder[] {
  const problems: string[] = [];
  const given: GivenFounder[] = [];
  if (values.founders !== undefined) {
    const path = resolve(cwd, values.founders);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      const why =
        (error as NodeJS.ErrnoException).code === 'ENOENT'
          ? 'there is no such file'
          : (error as NodeJS.ErrnoException).code === 'EISDIR'
            ? 'it is a folder'
            : (error as Error).message;
      throw new UsageError(
        `coop init: --founders ${values.founders} cannot be read (${why}). Give a file with one founder a line, as "handle, name, forge login".`,
      );
    }
    const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
    lines.forEach((line, i) => {
      const content = line.replace(/(^|\s)#.*$/, '').trim();
      if (content === '') return;
      const where = `${values.founders}:${i + 1}`;
      const founder = parseFounder(content, where, problems);
      if (founder !== undefined) given.push({ ...founder, where });
    });
    if (given.length === 0 && problems.length === 0)
      problems.push(`${values.founders} lists no founder: write one a line, as "handle, name, forge login", such as "ana, Ana Costa, AnaCosta".`);
  }
  for (const spec of values.founder ?? []) {
    const where = `--founder "${spec}"`;
    const founder = parseFounder(spec, where, problems);
    if (founder !== undefined) given.push({ ...founder, where });
  }
  const several = given.length > 0 || problems.length > 0;
  if (!several || values.handle !== undefined || values.name !== undefined || values.github !== undefined) {
    given.push({ ...founderOf(values, dir), where: '--handle/--name/--github' });
  }

  const byHandle = new Map<string, GivenFounder>();
  const byLogin = new Map<string, GivenFounder>();
  for (const founder of given) {
    const same = byHandle.get(founder.handle.toLowerCase());
    if (same !== undefined) {
      problems.push(`${founder.where}: the handle ${founder.handle} is already given by ${same.where}. Give each founder their own handle, or list them once.`);
      continue;
    }
    byHandle.set(founder.handle.toLowerCase(), founder);
    const login = founder.github ?? founder.handle;
    const owner = byLogin.get(login.toLowerCase());
    if (owner !== undefined) {
      const whose = `${owner.handle}'s (${owner.where}${owner.github === undefined ? ', where it is the handle' : ''})`;
      problems.push(
        `${founder.where}: the forge login ${login} is already ${whose}; logins match case-insensitively. Give each founder their own forge login.`,
      );
      continue;
    }
    byLogin.set(login.toLowerCase(), founder);
  }
  if (problems.length === 1) throw new UsageError(`coop init: ${problems[0]} Nothing was written.`);
  if (problems.length > 1)
    throw new UsageError(`coop init: ${problems.length} problems with the founders; nothing was written:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  return given.map(({ where: _, ...founder }) => founder);
}

/** One founder from "handle, name[, login]"; a problem is added for a line that is not one. */
function parseFounder(text: string, where: string, problems: string[]): Founder | undefined {
  const fields = text.split(',').map((f) => f.trim());
  const example = 'such as "ana, Ana Costa, AnaCosta" (the login may be left out)';
  if (fields.length < 2) {
    problems.push(`${where}: "${text.trim()}" is not "handle, name, forge login": separate the fields with commas, ${example}.`);
    return undefined;
  }
  if (fields.length > 3) {
    problems.push(
      `${where}: "${text.trim()}" has ${fields.length} fields; a founder is handle, name and forge login, separated by commas, ${example}. A name may not contain a comma.`,
    );
    return undefined;
  }
  const [handle, name, github] = fields as [string, string, string | undefined];
  let ok = true;
  if (!HANDLE.test(handle)) {
    const suggestion = toHandle(handle);
    const such = suggestion !== '' && HANDLE.test(suggestion) ? `, such as ${suggestion}` : '';
    problems.push(
      handle === ''
        ? `${where}: the handle is missing: start with the founder's handle, ${example}.`
        : `${where}: "${handle}" is not a handle: use lowercase letters, digits and dashes, at most 39, starting with a letter or digit${such}.`,
    );
    ok = false;
  }
  if (name === '') {
    problems.push(`${where}: ${handle || 'the founder'} has no name: give it after the handle, ${example}.`);
    ok = false;
  }
  if (github !== undefined && !LOGIN.test(github)) {
    problems.push(
      github === ''
        ? `${where}: the forge login after the last comma is empty: give it, or leave the comma out to use the handle.`
        : `${where}: "${github}" is not a forge login: use letters, digits and single dashes, at most 39, such as AnaCosta.`,
    );
    ok = false;
  }
  return ok ? { handle, name, ...(github !== undefined ? { github } : {}) } : undefined;
}

function andList(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function founderOf(values: { handle?: string; name?: string; github?: string }, dir: string): Founder {
  const gitName = values.name ?? gitConfig(dir, 'user.name');
  const email = gitConfig(dir, 'user.email');
  const handle = values.handle ?? toHandle(email?.split('@')[0] ?? gitName ?? '');
  if (handle === '' || gitName === undefined) {
    throw new UsageError(
      'coop init: who is the founding member? Pass --handle and --name, or --founder "handle, name, forge login" for each founder (git config user.name and user.email are not set).',
    );
  }
  if (!HANDLE.test(handle)) {
    throw new UsageError(
      `coop init: --handle "${handle}" is not a handle: use lowercase letters, digits and dashes, at most 39, starting with a letter or digit.`,
    );
  }
  if (values.github !== undefined && !LOGIN.test(values.github)) {
    throw new UsageError(`coop init: --github "${values.github}" is not a forge login: use letters, digits and single dashes, at most 39, such as AnaCosta.`);
  }
  return { handle, name: gitName, ...(values.github ? { github: values.github } : {}) };
}

function toHandle(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 39);
}

function gitConfig(dir: string, key: string): string | undefined {
  try {
    const value = execFileSync('git', ['config', '--get', key], {
      cwd: existsSync(dir) ? dir : undefined,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    return value === '' ? undefined : value;
  } catch {
    return undefined;
  }
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/** The files of a new governance/ folder, by path relative to it: every founder in the innermost tier since `since`. */
export function scaffold(preset: PresetName, founders: readonly Founder[], since: string): Record<string, string> {
  const constitution = presets[preset].constitution;
  const parsed = parseYaml('constitution.yaml', constitution);
  if (!parsed.ok) throw new Error(`the ${preset} preset's constitution does not parse: ${parsed.problem.message}`);
  const rules = parsed.value as Constitution;
  const innermost = rules.tiers[0]?.id ?? 'member';
  const files: Record<string, string> = { 'constitution.yaml': constitution };
  for (const founder of founders) {
    files[`members/${founder.handle}.yaml`] = [
      `# yaml-language-server: $schema=${schemaBase}/member.schema.json`,
      `name: ${JSON.stringify(founder.name)}`,
      `tier: ${innermost}`,
      `since: ${since}`,
      ...(founder.github ? [`github: ${founder.github}`] : []),
      '',
    ].join('\n');
  }
  files['proposals/.gitkeep'] = '';
  files['decisions/.gitkeep'] = '';
  if (rules.value !== undefined) {
    files['commitments/.gitkeep'] = '';
    files['contributions/.gitkeep'] = '';
  }
  return files;
}
