// Checks GitHub workflow files for the mistakes that hand a pull request's author a writable token: checking out or running the pull request's code where the token may write, interpolating event data into scripts, and broad permissions.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';

/** One problem in one workflow file. */
export interface Finding {
  file: string;
  /** Where in the file: `permissions`, `jobs.gate`, `jobs.gate.steps[0] (name)`. */
  where: string;
  message: string;
}

/**
 * Triggers whose runs get a token that may write and secrets, whatever the pull request: these must
 * never check out or run a pull request's code.
 */
const PRIVILEGED = ['pull_request_target', 'workflow_run', 'issue_comment', 'workflow_dispatch', 'schedule'];

/**
 * Triggers whose event data the pull request's author (or anyone) controls, under a privileged token.
 * Here a checkout's ref and repository may only be literals or one of SAFE_CHECKOUT_EXPRESSIONS.
 */
const UNTRUSTED_DATA = ['pull_request_target', 'workflow_run', 'issue_comment'];

/** Expressions that name the repository itself or its base branch, never the pull request's head. */
const SAFE_CHECKOUT_EXPRESSIONS = new Set([
  'github.repository',
  'github.event.repository.full_name',
  'github.event.repository.default_branch',
  'github.ref',
  'github.ref_name',
  'github.sha',
  'github.base_ref',
  'github.event.pull_request.base.ref',
  'github.event.pull_request.base.sha',
]);

/** Text that points at a pull request's head or test merge, or at the triggering run's head. */
const PULL_REQUEST_CODE = [
  /github\s*\.\s*event\s*\.\s*pull_request\s*\.\s*head\b/i,
  /github\s*\.\s*event\s*\.\s*pull_request\s*\.\s*merge_commit_sha\b/i,
  /github\s*\.\s*head_ref\b/i,
  /\bGITHUB_HEAD_REF\b/,
  /refs\/pull\//i,
  /\bpull\/\$\{\{/i,
  /github\s*\.\s*event\s*\.\s*workflow_run\s*\.\s*head_/i,
  /\bgh\s+pr\s+checkout\b/i,
];

/**
 * Inside `${{ }}` in a script: the event's data (titles, bodies, branch names, comments are the
 * author's text), the head branch's name, or the whole github context.
 */
const UNTRUSTED_IN_SCRIPT = /\bgithub\b(?:\s*\.\s*(?:event|head_ref)\b|\s*\[|(?!\s*\.))/i;

type Map = Record<string, unknown>;

const isMap = (value: unknown): value is Map => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The contents of every `${{ … }}` in a text. */
function expressionsIn(text: string): string[] {
  return [...text.matchAll(/\$\{\{([\s\S]*?)\}\}/g)].map((m) => (m[1] ?? '').trim());
}

/** The events a workflow's `on` names, whichever of its three forms it takes. */
function triggersOf(workflow: Map): string[] {
  // YAML 1.1 readers turn a bare `on` into true; the yaml package reads 1.2, but accept both.
  const on = workflow.on ?? workflow.true;
  if (typeof on === 'string') return [on];
  if (Array.isArray(on)) return on.filter((e): e is string => typeof e === 'string');
  if (isMap(on)) return Object.keys(on);
  return [];
}

/** Whether a `permissions` value grants no write: `{}`, `read-all`, or every scope `read` or `none`. */
function isReadOnly(permissions: unknown): boolean {
  if (permissions === 'read-all') return true;
  if (!isMap(permissions)) return false;
  return Object.values(permissions).every((level) => level === 'read' || level === 'none');
}

/** The problems in one workflow file's text. */
export function checkWorkflow(text: string, file: string): Finding[] {
  const findings: Finding[] = [];
  const find = (where: string, message: string) => findings.push({ file, where, message });
  const document = parseDocument(text);
  if (document.errors.length > 0) {
    for (const error of document.errors) find('(file)', `does not parse as YAML: ${error.message}`);
    return findings;
  }
  const workflow: unknown = document.toJS();
  if (!isMap(workflow)) return [{ file, where: '(file)', message: 'is not a mapping of a workflow' }];
  const triggers = triggersOf(workflow);
  const privileged = triggers.filter((t) => PRIVILEGED.includes(t));
  const untrustedData = triggers.filter((t) => UNTRUSTED_DATA.includes(t));

  if (!('permissions' in workflow)) find('permissions', 'is missing: without it the token gets the repository’s default permissions, which may write');
  else if (!isReadOnly(workflow.permissions))
    find('permissions', `must be {} or read-only at the top, and each job asks for what it needs: found ${JSON.stringify(workflow.permissions)}`);

  const jobs = isMap(workflow.jobs) ? workflow.jobs : {};
  for (const [id, job] of Object.entries(jobs)) {
    if (!isMap(job)) continue;
    const at = `jobs.${id}`;
    if (!('permissions' in job)) find(at, 'states no permissions: each job says what its token may do');
    else if (job.permissions === 'write-all') find(at, 'asks for write-all');
    // Writing the code is for a run on what the collective merged (push), never on an event a stranger starts.
    else if (isMap(job.permissions) && job.permissions.contents === 'write' && !triggers.every((t) => t === 'push'))
      find(at, 'asks for contents: write on an event other than push');
    else if (typeof job.permissions === 'string' && job.permissions !== 'read-all') find(at, `has permissions ${JSON.stringify(job.permissions)}`);

    const steps = Array.isArray(job.steps) ? job.steps : [];
    steps.forEach((step: unknown, index) => {
      if (!isMap(step)) return;
      const where = `${at}.steps[${index}]${typeof step.name === 'string' ? ` (${step.name})` : ''}`;
      const uses = typeof step.uses === 'string' ? step.uses : '';
      const inputs = isMap(step.with) ? step.with : {};
      const run = typeof step.run === 'string' ? step.run : undefined;

      // A script is code: event data interpolated into it is the author's code. Pass it through env.
      const scripts = [run, /^actions\/github-script@/i.test(uses) && typeof inputs.script === 'string' ? inputs.script : undefined];
      for (const script of scripts) {
        if (script === undefined) continue;
        for (const expression of expressionsIn(script)) {
          if (UNTRUSTED_IN_SCRIPT.test(expression)) find(where, `interpolates \${{ ${expression} }} into a script; pass it through env instead`);
        }
      }
      if (privileged.length === 0) return;
      const under = `under ${privileged.join(', ')}`;

      if (/^actions\/checkout@/i.test(uses)) {
        for (const input of ['ref', 'repository'] as const) {
          const value = inputs[input];
          if (value === undefined || value === null) continue;
          const text = typeof value === 'string' ? value : JSON.stringify(value);
          if (PULL_REQUEST_CODE.some((p) => p.test(text)))
            find(where, `checks out the pull request's or the triggering run's code ${under}: ${input}: ${text}`);
          else if (untrustedData.length > 0) {
            for (const expression of expressionsIn(text)) {
              if (!SAFE_CHECKOUT_EXPRESSIONS.has(expression.replace(/\s+/g, '').toLowerCase())) {
                find(where, `takes its ${input} from \${{ ${expression} }} ${under}; only the repository and its base branch may be checked out here`);
              }
            }
          }
        }
      }
      if (run !== undefined && PULL_REQUEST_CODE.some((p) => p.test(run))) find(where, `fetches, checks out or runs the pull request's code ${under}`);
      if (triggers.includes('workflow_run') && /(^|\/)(download-artifact|action-download-artifact)@/i.test(uses)) {
        find(where, 'downloads artifacts under workflow_run: the triggering run’s artifacts are the pull request author’s data');
      }
    });
  }
  return findings;
}

/** The workflow files of a repository: actions/workflows/, .github/workflows/ and every examples/**\/.github/workflows/ that exist. */
export function workflowFiles(root: string): string[] {
  const files: string[] = [];
  const addFolder = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const e of readdirSync(dir, { withFileTypes: true })) if (e.isFile() && /\.ya?ml$/.test(e.name)) files.push(join(dir, e.name));
  };
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (!e.isDirectory() || e.name === 'node_modules' || e.name === '.git') continue;
      if (e.name === '.github') addFolder(join(dir, e.name, 'workflows'));
      else walk(join(dir, e.name));
    }
  };
  addFolder(join(root, 'actions/workflows'));
  addFolder(join(root, '.github/workflows'));
  if (existsSync(join(root, 'examples'))) walk(join(root, 'examples'));
  return files.sort();
}
