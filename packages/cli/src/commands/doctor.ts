// coop doctor: checks a repository's setup for Cooperage — its files always, its settings on GitHub when a token is given — and says how to fix each problem.
//
// Longer than 400 lines on purpose: the help, the checks of the files and the sentences that say
// what is wrong with them are one command's, read together.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { GOVERNANCE, governedBy, governedGlobs, openRepository, parseYaml, validateSource, workingTreeSource } from '@cooperage/core';
import { checkSetup, GitHubForge, MARKER, type DoctorArea, type DoctorFinding, type SetupInput } from '@cooperage/github';
import { commonOptions, parse, UsageError } from '../args.ts';
import { CliError } from '../errors.ts';
import { FORGES, slugOf } from '../forge.ts';
import { plural } from '../format.ts';
import { defaultBranch, forgeFiles } from '../init-forge.ts';
import { paint, type IO } from '../io.ts';

export const doctorHelp = `Usage: coop doctor [--forge github] [--repo-slug OWNER/NAME] [--repo DIR] [--json]

Checks that a repository is set up for Cooperage, and says how to fix what is
not: each finding names what is wrong and the command or settings page that
puts it right.

Always, from the files (offline):
  - the governance state is valid (as coop validate);
  - the workflows are in .github/workflows/: cooperage-gate.yml,
    cooperage-review-relay.yml and cooperage-record.yml (cooperage-check.yml
    is optional), with the triggers and permissions of Cooperage's own, the
    Cooperage actions at a pinned ref (cooperage/cooperage/actions/tally@v0),
    the gate listening for the relay by its name, and the record workflow on
    the default branch (origin's HEAD, else the branch checked out);
  - the workflows came with the genesis commit (added later, coop audit names
    the commit unless a decision covers it);
  - every member with a vote has a GitHub login (github:).

With a token in GITHUB_TOKEN, on GitHub (the repository from --repo-slug or
the URL of the git remote origin; GITHUB_API_URL is the API's root):
  - the default branch's ruleset requires cooperage/decision from GitHub
    Actions, blocks force pushes and deletion;
  - no rule stops the record commit (a pull_request rule, another required
    status, required deployments, ...) unless a GitHub App on the bypass list
    gives the record action its token;
  - Actions is enabled and allows the actions the workflows use; the
    workflows are active (GitHub disables a scheduled workflow after 60 days
    without activity in a public repository);
  - every member's login is a GitHub account.
Actions' settings need a token that can read the repository's administration
(an administrator's: GITHUB_TOKEN=$(gh auth token)); without it they are
warnings, not checked. Without a token the forge checks are skipped, and the
output says so.

Options:
  --forge github     run the checks on GitHub (the default when GITHUB_TOKEN
                     is set; given, a missing token is an error)
  --repo-slug OWNER/NAME
                     the repository on GitHub (default: read from the URL of
                     the git remote origin)
  --repo DIR         the project's folder (default: .)
  --json             print {ok, findings:[{area, check, ok, severity, message,
                     fix?}], forge?:{name, repository, requests}} as JSON on
                     stdout; area is files, ruleset, workflows, members or
                     forge; severity error, warning or info
  -h, --help         show this help

Exit codes: 0 nothing wrong (warnings may remain), 1 something is wrong, 2 usage
or environment error (with --forge: no token, a repository that cannot be
named, GitHub refusing the token or failing).
`;

const HOW = 'GITHUB_TOKEN=$(gh auth token) coop doctor';

/** The Cooperage workflows, by file name: required or not, and the action each uses. */
const WORKFLOWS: Record<string, { required: boolean; action?: string }> = {
  'cooperage-gate.yml': { required: true, action: 'tally' },
  'cooperage-review-relay.yml': { required: true },
  'cooperage-record.yml': { required: true, action: 'record' },
  'cooperage-check.yml': { required: false, action: 'check' },
};

const AREAS: readonly { area: DoctorArea; title: string }[] = [
  { area: 'files', title: 'Files' },
  { area: 'ruleset', title: "The default branch's ruleset" },
  { area: 'workflows', title: 'Actions and workflows' },
  { area: 'members', title: 'Members' },
];

export async function doctorCommand(argv: string[], io: IO): Promise<number> {
  const { values } = parse('doctor', argv, { ...commonOptions, forge: { type: 'string' }, 'repo-slug': { type: 'string' } });
  if (values.help) {
    io.stdout(doctorHelp);
    return 0;
  }
  if (values.forge !== undefined && !(FORGES as readonly string[]).includes(values.forge)) {
    throw new UsageError(
      `coop doctor: --forge "${values.forge}" is not a forge Cooperage reads; the choices: ${FORGES.join(', ')}. See \`coop doctor --help\`.`,
    );
  }
  const slug = values['repo-slug'];
  if (slug !== undefined && !/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(slug)) {
    throw new UsageError(`coop doctor: --repo-slug "${slug}" is not OWNER/NAME, as in commons/garden. See \`coop doctor --help\`.`);
  }
  const dir = resolve(io.cwd, values.repo);
  workingTreeSource(dir); // the folder must exist
  let top = dir;
  try {
    top = openRepository(dir).top;
  } catch {
    // not a git repository: the files are read from the folder itself
  }

  // What the forge needs is settled before anything is read: a missing token fails at once.
  const explicit = values.forge !== undefined || slug !== undefined;
  const token = io.env.GITHUB_TOKEN?.trim();
  let skipped: string | undefined;
  let repository: string | undefined;
  if (token === undefined || token === '') {
    if (explicit)
      throw new UsageError(
        `coop doctor: the checks on GitHub read it with the token in GITHUB_TOKEN, which is not set: give a token that can read the repository (an administrator's, to read Actions' settings), e.g. \`${HOW}\`.`,
      );
    skipped = 'there is no token in GITHUB_TOKEN';
  } else {
    const url = slug === undefined ? originUrl(top) : undefined;
    repository = slug ?? (url === undefined ? undefined : slugOf(url));
    if (repository === undefined) {
      const why = url === undefined ? 'the repository has no git remote origin' : `the URL of the git remote origin, ${url}, names no OWNER/NAME`;
      if (explicit) throw new UsageError(`coop doctor: the checks on GitHub need the repository on GitHub, and ${why}. Pass it with --repo-slug OWNER/NAME.`);
      skipped = `${why} (pass --repo-slug OWNER/NAME)`;
    }
  }

  const branch = defaultBranch(top);
  const offline = await offlineChecks(io, dir, top, branch);
  const findings = [...offline.findings];
  let forge: GitHubForge | undefined;
  if (repository !== undefined && token !== undefined) {
    forge = new GitHubForge({ repository, token, apiUrl: io.env.GITHUB_API_URL?.trim() || 'https://api.github.com', marker: MARKER });
    try {
      findings.push(...(await checkSetup(forge, offline.input)));
    } catch (error) {
      throw failure(error, repository);
    }
  } else {
    findings.push({
      area: 'forge',
      check: 'forge.skipped',
      ok: true,
      severity: 'info',
      message: `The checks on GitHub (the ruleset, Actions and the workflows there, the members' accounts) were skipped: ${skipped ?? 'no token'}.`,
      fix: HOW,
    });
  }
  const ok = !findings.some((f) => !f.ok && f.severity === 'error');
  if (values.json) {
    const read = forge !== undefined ? { forge: { name: 'github', repository: forge.repository, requests: forge.requests } } : {};
    io.stdout(`${JSON.stringify({ ok, findings, ...read }, null, 2)}\n`);
  } else {
    io.stdout(explain(findings, ok, io));
    if (forge !== undefined) io.stdout(`Read from GitHub (${forge.repository}): ${plural(forge.requests, 'request')}.\n`);
  }
  return ok ? 0 : 1;
}

/** The findings by area, one or two lines each, then the skipped checks and a summary. */
function explain(findings: readonly DoctorFinding[], ok: boolean, io: IO): string {
  const p = paint(io);
  const lines: string[] = [];
  for (const { area, title } of AREAS) {
    const of = findings.filter((f) => f.area === area);
    if (of.length === 0) continue;
    lines.push(p.bold(title));
    for (const f of of) {
      const mark = f.ok ? p.green('✓') : f.severity === 'error' ? p.red('✗') : p.yellow('!');
      lines.push(`  ${mark} ${f.message}`);
      if (!f.ok && f.fix !== undefined) lines.push(`      ${p.dim('Fix:')} ${f.fix}`);
    }
    lines.push('');
  }
  for (const f of findings.filter((x) => x.area === 'forge')) lines.push(`${p.yellow('!')} ${f.message} Run them with \`${f.fix ?? HOW}\`.`, '');
  const errors = findings.filter((f) => !f.ok && f.severity === 'error').length;
  const warnings = findings.filter((f) => !f.ok && f.severity === 'warning').length;
  const warned = warnings > 0 ? `, ${plural(warnings, 'warning')}` : '';
  lines.push(
    ok
      ? `${p.green('✓')} Nothing wrong found${warned}.`
      : `${p.red('✗')} ${plural(errors, 'problem')}${warned}: fix ${errors === 1 ? 'it' : 'them'} as said above, then run coop doctor again.`,
  );
  return `${lines.join('\n')}\n`;
}

/** What the files say: the state, the workflows, the members' logins; and what the forge checks need of them. */
async function offlineChecks(io: IO, dir: string, top: string, branch: string): Promise<{ findings: DoctorFinding[]; input: SetupInput }> {
  const findings: DoctorFinding[] = [];
  const result = await validateSource(workingTreeSource(dir), { now: io.now() });
  const repoFlag = relative(io.cwd, dir) === '' ? '' : ` --repo ${relative(io.cwd, dir)}`;
  findings.push(
    result.ok
      ? { area: 'files', check: 'files.state', ok: true, severity: 'info', message: `The governance state is valid.` }
      : {
          area: 'files',
          check: 'files.state',
          ok: false,
          severity: 'error',
          message: `The governance state has ${plural(result.errors.length, 'error')}: the gate fails every pull request until ${result.errors.length === 1 ? 'it is' : 'they are'} fixed.`,
          fix: `coop validate${repoFlag} names each, with its file, line and how to fix it.`,
        },
  );

  // The workflows, each against Cooperage's own (the files coop init --forge github writes).
  const reference = forgeFiles('github', branch);
  const read = (path: string) => {
    for (const candidate of [path, path.replace(/\.yml$/, '.yaml')]) {
      const full = join(top, candidate);
      if (existsSync(full)) {
        const parsed = parseYaml(candidate, readFileSync(full, 'utf8'));
        return { path: candidate, value: parsed.ok ? (parsed.value as Workflow) : undefined };
      }
    }
    return undefined;
  };
  const present: string[] = [];
  const actions = new Set<string>();
  let recordToken = false;
  const local = Object.fromEntries(Object.keys(WORKFLOWS).map((file) => [file, read(`.github/workflows/${file}`)]));
  for (const [file, { required, action }] of Object.entries(WORKFLOWS)) {
    const path = `.github/workflows/${file}`;
    const found = local[file];
    const ours = parseYaml(path, reference[path] ?? '');
    const want = ours.ok ? (ours.value as Workflow) : undefined;
    if (found === undefined) {
      findings.push(
        required
          ? {
              area: 'files',
              check: 'files.workflow',
              ok: false,
              severity: 'error',
              message: `${path} is missing: ${purpose(file)}.`,
              fix: `coop init --forge github${repoFlag === '' ? '' : ` ${relative(io.cwd, dir)}`} writes the missing workflow files (it never overwrites one); commit them by pull request (docs/forge.md, "Setting up").`,
            }
          : { area: 'files', check: 'files.workflow', ok: true, severity: 'info', message: `${path} is not there: it is optional (${purpose(file)}).` },
      );
      continue;
    }
    present.push(found.path);
    if (found.value === undefined || want === undefined) {
      findings.push({
        area: 'files',
        check: 'files.workflow',
        ok: false,
        severity: 'error',
        message: `${found.path} is not a YAML workflow GitHub can read.`,
        fix: `Compare it with Cooperage's actions/workflows/${file}, or remove it and run coop init --forge github.`,
      });
      continue;
    }
    for (const uses of usesOf(found.value)) if (!uses.startsWith('./') && !uses.startsWith('docker://')) actions.add(uses);
    const problems = compare(found.value, want);
    if (action !== undefined) {
      const uses = usesOf(found.value).filter((u) => u.replace(/@.*$/, '') === `cooperage/cooperage/actions/${action}`);
      if (uses.length === 0) problems.push(`it does not use cooperage/cooperage/actions/${action}`);
      for (const u of uses) {
        const ref = /@(.+)$/.exec(u)?.[1];
        if (ref === undefined) problems.push(`${u} names no version: write ${u}@v0`);
        else if (['main', 'master', 'HEAD'].includes(ref))
          findings.push({
            area: 'files',
            check: 'files.action-ref',
            ok: false,
            severity: 'warning',
            message: `${found.path} uses ${u}, a branch that moves: a change there runs in your repository before anyone here decides it.`,
            fix: `Pin it to a release: ${u.replace(/@.*$/, '@v0')}, or a commit id.`,
          });
      }
    }
    if (file === 'cooperage-record.yml') {
      const branches = onOf(found.value).push?.branches;
      if (!Array.isArray(branches) || !branches.includes(branch))
        problems.push(
          `it runs on pushes to ${Array.isArray(branches) ? branches.join(', ') || 'no branch' : 'no branch'}, not to the default branch ${branch}: write [${branch}] under push: branches:`,
        );
      recordToken = stepsOf(found.value).some(
        (s) => typeof s.uses === 'string' && s.uses.includes('actions/record') && typeof s.with?.token === 'string' && s.with.token.trim() !== '',
      );
    }
    if (file === 'cooperage-gate.yml') {
      const relay = local['cooperage-review-relay.yml'];
      const listens = onOf(found.value).workflow_run?.workflows;
      const name = relay?.value?.name;
      if (relay !== undefined && typeof name === 'string' && Array.isArray(listens) && !listens.includes(name))
        findings.push({
          area: 'files',
          check: 'files.relay-name',
          ok: false,
          severity: 'error',
          message: `${found.path} listens for the workflow ${listens.map((n) => `"${String(n)}"`).join(', ')} (workflow_run: workflows:), and ${relay.path} is named "${name}": reviews never reach the gate.`,
          fix: `Name the relay as the gate expects: name: ${String(listens[0])} in ${relay.path}.`,
        });
    }
    findings.push(
      problems.length === 0
        ? { area: 'files', check: 'files.workflow', ok: true, severity: 'info', message: `${found.path} is Cooperage's (${purpose(file)}).` }
        : {
            area: 'files',
            check: 'files.workflow',
            ok: false,
            severity: 'error',
            message: `${found.path} differs from Cooperage's: ${problems.join('; ')}.`,
            fix: `Make it as Cooperage's actions/workflows/${file} (docs/forge.md, "Setting up"), by pull request.`,
          },
    );
  }
  const governed = result.state.constitution === undefined ? [] : governedGlobs(result.state.constitution.value);
  findings.push(...genesisFindings(top, dir, present, governed));

  // Every member who votes needs a GitHub login: without one the handle stands for it, and whoever holds that login votes.
  const state = result.state;
  const voting = new Set((state.constitution?.value.tiers ?? []).filter((t) => t.rights.some((r) => r === 'vote' || r === 'vote-advisory')).map((t) => t.id));
  const members: SetupInput['members'][number][] = [];
  const missing: string[] = [];
  for (const [handle, doc] of [...state.members].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const file = `${GOVERNANCE}/members/${handle}.yaml`;
    if (typeof doc.value.github === 'string') members.push({ handle, login: doc.value.github, file });
    else if (voting.has(doc.value.tier)) missing.push(handle);
  }
  if (missing.length > 0)
    findings.push({
      area: 'members',
      check: 'members.login',
      ok: false,
      severity: 'error',
      message: `${missing.join(', ')} ${missing.length === 1 ? 'votes and has' : 'vote and have'} no github: login: the gate takes the handle for the login, so whoever holds the GitHub account ${missing.length === 1 ? `"${missing[0]}"` : 'of that name'} votes as them.`,
      fix: `Write each one's GitHub login as github: in ${missing.map((h) => `${GOVERNANCE}/members/${h}.yaml`).join(', ')}, by pull request.`,
    });
  else if (state.members.size > 0)
    findings.push({ area: 'members', check: 'members.login', ok: true, severity: 'info', message: 'Every member who votes has a GitHub login.' });

  const rulesetFile = '.github/rulesets/cooperage-decision.json';
  return {
    findings,
    input: {
      branch,
      workflows: present,
      actions: [...actions],
      recordToken,
      members,
      ...(existsSync(join(top, rulesetFile)) ? { rulesetFile } : {}),
    },
  };
}

/** What a workflow is, as YAML gives it. */
interface Workflow {
  name?: unknown;
  on?: unknown;
  permissions?: unknown;
  jobs?: Record<string, { permissions?: unknown; steps?: { uses?: unknown; with?: Record<string, unknown> }[] }>;
}

type Triggers = Record<string, { branches?: unknown[]; workflows?: unknown[]; types?: unknown[] } | undefined>;

function onOf(workflow: Workflow): Triggers {
  const on = workflow.on;
  if (typeof on === 'string') return { [on]: {} };
  if (Array.isArray(on)) return Object.fromEntries(on.map((e) => [String(e), {}]));
  return on !== null && typeof on === 'object' ? (on as Triggers) : {};
}

function stepsOf(workflow: Workflow): { uses?: unknown; with?: Record<string, unknown> }[] {
  return Object.values(workflow.jobs ?? {}).flatMap((job) => (Array.isArray(job?.steps) ? job.steps : []));
}

function usesOf(workflow: Workflow): string[] {
  return stepsOf(workflow).flatMap((s) => (typeof s.uses === 'string' ? [s.uses] : []));
}

/** How a workflow differs from Cooperage's: its events and their types, its permissions and its jobs'. */
function compare(found: Workflow, want: Workflow): string[] {
  const problems: string[] = [];
  const [has, needs] = [onOf(found), onOf(want)];
  const missing = Object.keys(needs).filter((e) => !(e in has));
  const extra = Object.keys(has).filter((e) => !(e in needs));
  if (missing.length > 0) problems.push(`it does not run on ${missing.join(', ')}`);
  if (extra.length > 0) problems.push(`it also runs on ${extra.join(', ')}`);
  for (const event of Object.keys(needs)) {
    if (!(event in has)) continue;
    const types = (t: Triggers[string]) => JSON.stringify([...(Array.isArray(t?.types) ? t.types : [])].map(String).sort());
    if (types(has[event]) !== types(needs[event])) problems.push(`on ${event} it runs for types ${types(has[event])}, Cooperage's for ${types(needs[event])}`);
  }
  const show = (p: unknown) => (p === undefined ? 'none given (the default token)' : JSON.stringify(p));
  if (JSON.stringify(found.permissions) !== JSON.stringify(want.permissions))
    problems.push(`its permissions are ${show(found.permissions)}, Cooperage's ${show(want.permissions)}`);
  for (const [id, job] of Object.entries(want.jobs ?? {})) {
    const mine = found.jobs?.[id];
    if (mine === undefined) problems.push(`it has no job ${id}`);
    else if (JSON.stringify(sorted(mine.permissions)) !== JSON.stringify(sorted(job.permissions)))
      problems.push(`its job ${id} asks for permissions ${show(mine.permissions)}, Cooperage's for ${show(job.permissions)}`);
  }
  return problems;
}

function sorted(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1)));
}

function purpose(file: string): string {
  return {
    'cooperage-gate.yml': 'the gate, which sets cooperage/decision on every pull request',
    'cooperage-review-relay.yml': 'the review relay, through which reviews reach the gate',
    'cooperage-record.yml': 'the record workflow, which writes the decision records and audits each push',
    'cooperage-check.yml': 'annotations on pull requests, a convenience',
  }[file]!;
}

/**
 * Workflows added after the genesis (the first commit with the constitution and a member, as coop audit
 * finds it): a change to a governed path that the audit names unless a decision covers it.
 */
function genesisFindings(top: string, dir: string, present: readonly string[], governed: readonly string[]): DoctorFinding[] {
  const git = (...args: string[]) => {
    try {
      return execFileSync('git', args, { cwd: top, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return undefined;
    }
  };
  const prefix = relative(top, dir).split('\\').join('/');
  const state = `${prefix === '' ? '' : `${prefix}/`}${GOVERNANCE}`;
  // The genesis is among the commits that touched the constitution or the members: the first of them whose state has both.
  const candidates = git('rev-list', '--first-parent', '--reverse', 'HEAD', '--', `${state}/constitution.yaml`, `${state}/members`)?.split('\n') ?? [];
  const genesis = candidates.find(
    (sha) =>
      sha !== '' &&
      git('cat-file', '-e', `${sha}:${state}/constitution.yaml`) !== undefined &&
      (git('ls-tree', '--name-only', `${sha}:${state}/members`) ?? '').split('\n').some((f) => f.endsWith('.yaml')),
  );
  if (genesis === undefined) {
    return candidates.length === 0
      ? []
      : [
          {
            area: 'members',
            check: 'members.none',
            ok: false,
            severity: 'warning',
            message: `No one is in ${GOVERNANCE}/members/ yet: the collective is not founded, and no vote can be cast.`,
            fix: `Add the founders' files to ${GOVERNANCE}/members/ in one commit, pushed straight to the default branch before the ruleset protects it: that commit is the genesis (coop init --founder writes the files).`,
          },
        ];
  }
  const later = present.filter((path) => git('cat-file', '-e', `${genesis}:${path}`) === undefined && governedBy(path, governed));
  if (later.length === 0)
    return present.length === 0
      ? []
      : [
          {
            area: 'files',
            check: 'files.genesis',
            ok: true,
            severity: 'info',
            message: `The workflows came with the genesis commit ${genesis.slice(0, 7)}, or the constitution does not govern them.`,
          },
        ];
  return [
    {
      area: 'files',
      check: 'files.genesis',
      ok: false,
      severity: 'warning',
      message: `${later.join(', ')} ${later.length === 1 ? 'is' : 'are'} not in the genesis commit ${genesis.slice(0, 7)}, and the constitution governs ${later.length === 1 ? 'it' : 'them'} (paths:), so the commit that added ${later.length === 1 ? 'it' : 'them'} needs a decision.`,
      fix: 'coop audit names that commit if no decision covers it; a ratification decides it (coop audit --help).',
    },
  ];
}

/** The URL of the remote origin, as git reads it. */
function originUrl(top: string): string | undefined {
  try {
    const url = execFileSync('git', ['config', '--get', 'remote.origin.url'], { cwd: top, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return url === '' ? undefined : url;
  } catch {
    return undefined;
  }
}

/** A request GitHub refused or failed, in one sentence, exit 2. */
function failure(error: unknown, repository: string): unknown {
  const e = error as { status?: number; message?: string; response?: { data?: { message?: string } }; cause?: { code?: string } };
  if (typeof e.status !== 'number' && e.cause === undefined && !/fetch failed/i.test(e.message ?? '')) return error;
  const said = e.response?.data?.message ?? e.message ?? 'no answer';
  const sentence =
    e.status === 401
      ? `GitHub refused the token in GITHUB_TOKEN (401: ${said}). Give a token that can read the repository, e.g. \`${HOW}\`.`
      : e.status === 404
        ? `GitHub has no repository ${repository} that the token in GITHUB_TOKEN can see (404: ${said}): pass --repo-slug OWNER/NAME, or give a token that can read it.`
        : e.status === 403
          ? `GitHub refused to show ${repository} to the token in GITHUB_TOKEN (403: ${said}).`
          : typeof e.status === 'number'
            ? `GitHub failed (${e.status}: ${said}) when asked about ${repository}, after trying again. Run coop doctor again later.`
            : `GitHub's API could not be reached (${e.cause?.code ?? said}). Check GITHUB_API_URL (https://api.github.com by default) and the network.`;
  return new CliError('usage', `coop doctor: ${sentence}`, {});
}
