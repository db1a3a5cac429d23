// coop init: scaffolds governance/ from a preset, with one founding member, and checks what it wrote.
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { CoopError, GOVERNANCE, HANDLE, isRealDate, memorySource, parseYaml, presetNames, presets, validateSource, type Constitution, type PresetName } from '@cooperage/core';
import { UsageError, parse } from '../args.ts';
import { formatDiagnostic } from '../format.ts';
import { paint, type IO } from '../io.ts';

export const initHelp = `Usage: coop init [DIR] [--preset disco|radial|minimal] [--handle H] [--name NAME]
                 [--github LOGIN] [--since YYYY-MM-DD] [--json]

Writes DIR/governance/ (default DIR: .) with the preset's constitution and one
founding member in its innermost tier. It never overwrites: if governance/
exists, it stops.

Presets:
  disco     DisCO: member > dater (3 stages) > contributor > supporter, value
            tracking in livelihood, love and care, commitments (the default)
  radial    a loose libre project: core > member > contributor > friend,
            lazy majority by default, no value tracking
  minimal   one tier, majority

Options:
  --handle H       the founder's handle (lowercase letters, digits, dashes);
                   default: from git config user.email or user.name
  --name NAME      the founder's name; default: git config user.name
  --github LOGIN   the founder's forge login; default: the handle
  --since DATE     the date the founder entered their tier; default: today
  --json           print {ok, preset, files} as JSON on stdout
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
      since: { type: 'string' },
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
  if (existsSync(target) || isLink(target)) {
    throw new CoopError('init.exists', `${relative(io.cwd, target) || GOVERNANCE} already exists; coop init never overwrites it. Remove it first, or run coop validate to check it.`);
  }

  const founder = founderOf(values, dir);
  const since = values.since ?? io.now().toISOString().slice(0, 10);
  if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(since) || !isRealDate(since)) throw new UsageError(`coop init: --since "${since}" is not a date. Write it as YYYY-MM-DD.`);
  const files = scaffold(preset, { ...founder, since });

  // Check in memory first: nothing is written unless it validates.
  const check = await validateSource(memorySource(Object.fromEntries(Object.entries(files).map(([k, v]) => [`${GOVERNANCE}/${k}`, v]))));
  if (!check.ok) {
    const p = paint(io);
    for (const d of check.errors) io.stderr(formatDiagnostic(d, 'error', check.texts.get(d.file), p));
    throw new UsageError('coop init: the founding member given would not validate (above); nothing was written. Correct the flags.');
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

  const written = Object.keys(files).map((f) => `${GOVERNANCE}/${f}`);
  if (values.json) {
    io.stdout(`${JSON.stringify({ ok: true, preset, dir: relative(io.cwd, dir) || '.', files: written }, null, 2)}\n`);
    return 0;
  }
  const p = paint(io);
  io.stdout(`${p.green('✓')} Wrote ${relative(io.cwd, target) || GOVERNANCE}/ from the ${preset} preset, with ${founder.handle} as founding member:\n`);
  for (const f of written.filter((f) => !f.endsWith('.gitkeep'))) io.stdout(`  ${f}\n`);
  io.stdout(`\nNext: read governance/constitution.yaml, adapt it, and commit it: that commit is the genesis\nthe audit starts from. Then add people under governance/members/ by pull request.\n`);
  return 0;
}

interface Founder {
  handle: string;
  name: string;
  github?: string;
}

function founderOf(values: { handle?: string; name?: string; github?: string }, dir: string): Founder {
  const gitName = values.name ?? gitConfig(dir, 'user.name');
  const email = gitConfig(dir, 'user.email');
  const handle = values.handle ?? toHandle(email?.split('@')[0] ?? gitName ?? '');
  if (handle === '' || gitName === undefined) {
    throw new UsageError('coop init: who is the founding member? Pass --handle and --name (git config user.name and user.email are not set).');
  }
  if (!HANDLE.test(handle)) {
    throw new UsageError(`coop init: --handle "${handle}" is not a handle: use lowercase letters, digits and dashes, at most 39, starting with a letter or digit.`);
  }
  return { handle, name: gitName, ...(values.github ? { github: values.github } : {}) };
}

function toHandle(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 39);
}

function gitConfig(dir: string, key: string): string | undefined {
  try {
    const value = execFileSync('git', ['config', '--get', key], { cwd: existsSync(dir) ? dir : undefined, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
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

/** The files of a new governance/ folder, by path relative to it. */
export function scaffold(preset: PresetName, founder: Founder & { since: string }): Record<string, string> {
  const constitution = presets[preset].constitution;
  const parsed = parseYaml('constitution.yaml', constitution);
  if (!parsed.ok) throw new Error(`the ${preset} preset's constitution does not parse: ${parsed.problem.message}`);
  const rules = parsed.value as Constitution;
  const innermost = rules.tiers[0]?.id ?? 'member';
  const member = [
    `# yaml-language-server: $schema=${schemaBase}/member.schema.json`,
    `name: ${JSON.stringify(founder.name)}`,
    `tier: ${innermost}`,
    `since: ${founder.since}`,
    ...(founder.github ? [`github: ${founder.github}`] : []),
    '',
  ].join('\n');
  const files: Record<string, string> = {
    'constitution.yaml': constitution,
    [`members/${founder.handle}.yaml`]: member,
    'proposals/.gitkeep': '',
    'decisions/.gitkeep': '',
  };
  if (rules.value !== undefined) {
    files['commitments/.gitkeep'] = '';
    files['contributions/.gitkeep'] = '';
  }
  return files;
}
