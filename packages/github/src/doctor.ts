// coop doctor on the forge: whether a repository's settings on GitHub let Cooperage work (the default branch's ruleset, Actions, the workflows, the members' accounts), each finding with its fix.
//
// Longer than 400 lines on purpose: every finding is a sentence with its fix, and they read best
// together, beside the checks that make them.

/** Where a finding belongs: the repository's files, the default branch's ruleset, Actions and its workflows, the members. */
export type DoctorArea = 'files' | 'ruleset' | 'workflows' | 'members' | 'forge';
export type DoctorSeverity = 'error' | 'warning' | 'info';

/** One thing `coop doctor` checked: what it found and, when something is wrong, how to put it right. */
export interface DoctorFinding {
  area: DoctorArea;
  /** A stable id of the check, such as ruleset.required-status. */
  check: string;
  ok: boolean;
  /** error: Cooperage does not work as it should; warning: it may not; info: all is well, or something worth knowing. */
  severity: DoctorSeverity;
  message: string;
  /** The command or settings page that fixes it. */
  fix?: string;
}

/** GitHub Actions' app, the one source the ruleset must take `cooperage/decision` from. */
export const GITHUB_ACTIONS_APP = 15368;
/** The status the gate sets and the ruleset requires. */
export const DECISION_CONTEXT = 'cooperage/decision';

/** One rule in force on a branch, as GitHub lists the active rules of a branch. */
export interface BranchRule {
  type: string;
  parameters?: Record<string, unknown>;
  rulesetId?: number;
  /** Repository or Organization. */
  rulesetSourceType?: string;
}

/** A ruleset; its bypass list only when read by its id. */
export interface Ruleset {
  id: number;
  name: string;
  enforcement: string;
  target?: string;
  bypass: { actorType: string; actorId: number | null; mode: string }[];
}

export interface ActionsPermissions {
  enabled: boolean;
  allowedActions?: 'all' | 'local_only' | 'selected';
  shaPinningRequired?: boolean;
}

export interface SelectedActions {
  githubOwnedAllowed: boolean;
  verifiedAllowed: boolean;
  patternsAllowed: string[];
}

export interface WorkflowPermissions {
  defaultWorkflowPermissions: 'read' | 'write';
  canApprovePullRequestReviews: boolean;
}

/** A workflow as Actions knows it, from the default branch. */
export interface ForgeWorkflow {
  id: number;
  name: string;
  path: string;
  state: string;
}

/** What doctor reads of a forge: the repository's settings, never its pull requests. GitHubForge implements it. */
export interface SetupForge {
  readonly repository: string;
  readonly requests: number;
  defaultBranch(): Promise<string>;
  branchRules(branch: string): Promise<BranchRule[]>;
  rulesets(): Promise<Ruleset[]>;
  ruleset(id: number): Promise<Ruleset>;
  actionsPermissions(): Promise<ActionsPermissions>;
  selectedActions(): Promise<SelectedActions>;
  workflowPermissions(): Promise<WorkflowPermissions>;
  workflows(): Promise<ForgeWorkflow[]>;
  /** An account by login; undefined when GitHub has none (404). */
  account(login: string): Promise<{ login: string; type: string } | undefined>;
}

/** What the repository's files say, which the forge's settings are checked against. */
export interface SetupInput {
  /** The default branch as the clone knows it (origin's HEAD, else the branch checked out). */
  branch: string;
  /** The Cooperage workflow files in .github/workflows/, by path in the repository. */
  workflows: readonly string[];
  /** Every action the workflows use (`owner/repo/path@ref`), local ones (./) left out. */
  actions: readonly string[];
  /** Whether the record workflow gives the record action a GitHub App's token (`token:`). */
  recordToken: boolean;
  /** Every member with a forge login, and the file that names it. */
  members: readonly { handle: string; login: string; file: string }[];
  /** The ruleset file `coop init --forge github` writes, when it is there. */
  rulesetFile?: string;
}

/** A request GitHub refused: octokit's RequestError. */
interface Refusal {
  status?: number;
  message?: string;
  response?: { data?: { message?: string } };
}

/** The rules that never stop the record commit: GitHub signs it, it is a fast-forward, it adds files under governance/decisions/. */
const HARMLESS = new Set([
  'required_signatures',
  'required_linear_history',
  'non_fast_forward',
  'deletion',
  'creation',
  'branch_name_pattern',
  'tag_name_pattern',
]);

/** Why a rule stops the record commit from landing on the default branch, by rule type. */
const BLOCKING: Record<string, string> = {
  pull_request: 'requires every change to come through a pull request, and the record commit is a fast-forward of the default branch, not a pull request',
  update: 'lets no one but its bypass list update the branch, and the record action fast-forwards it',
  required_deployments: 'requires a deployment to succeed first, which a record commit never gets',
  merge_queue: 'requires changes to go through the merge queue, and the record commit is pushed by the record action',
  workflows: 'requires workflows to pass first, which do not run on the record commit',
  code_scanning: 'requires code scanning results, which the record commit does not get',
};

/**
 * Reads the repository's settings on the forge and says, check by check, whether Cooperage works
 * there: the default branch's ruleset, Actions and the Cooperage workflows, every member's account.
 * A setting the token may not read is a warning saying what the token needs; any other failure is
 * thrown as the forge client threw it.
 */
export async function checkSetup(forge: SetupForge, input: SetupInput): Promise<DoctorFinding[]> {
  const findings: DoctorFinding[] = [];
  const repo = forge.repository;
  const web = `https://github.com/${repo}`;
  const branch = await forge.defaultBranch();
  if (branch !== input.branch) {
    findings.push({
      area: 'workflows',
      check: 'workflows.default-branch',
      ok: false,
      severity: 'error',
      message: `GitHub's default branch is ${branch}, and this clone's is ${input.branch}: the record workflow runs on pushes to the branch its \`push: branches:\` names, which must be ${branch}.`,
      fix: `Write [${branch}] under push: branches: in .github/workflows/cooperage-record.yml, and run \`git remote set-head origin --auto\`; or change the default branch at ${web}/settings.`,
    });
  }
  findings.push(...(await rulesetFindings(forge, branch, input, web)));
  findings.push(...(await actionsFindings(forge, input, web)));
  findings.push(...(await workflowFindings(forge, input, web)));
  findings.push(...(await memberFindings(forge, input)));
  return findings;
}

async function rulesetFindings(forge: SetupForge, branch: string, input: SetupInput, web: string): Promise<DoctorFinding[]> {
  const repo = forge.repository;
  const findings: DoctorFinding[] = [];
  const rules = await forge.branchRules(branch);
  const create =
    input.rulesetFile !== undefined
      ? `gh api -X POST repos/${repo}/rulesets --input ${input.rulesetFile}`
      : `coop init --forge github (it writes .github/rulesets/cooperage-decision.json), then gh api -X POST repos/${repo}/rulesets --input .github/rulesets/cooperage-decision.json`;
  const page = (id: number | undefined) => (id === undefined ? `${web}/settings/rules` : `${web}/settings/rules/${id}`);

  // The required status: cooperage/decision, from GitHub Actions.
  const checks = rules.flatMap((rule) => (rule.type === 'required_status_checks' ? statusChecks(rule).map((c) => ({ ...c, rulesetId: rule.rulesetId })) : []));
  const decision = checks.filter((c) => c.context === DECISION_CONTEXT);
  if (decision.some((c) => c.integrationId === GITHUB_ACTIONS_APP)) {
    findings.push({
      area: 'ruleset',
      check: 'ruleset.required-status',
      ok: true,
      severity: 'info',
      message: `${branch} requires ${DECISION_CONTEXT}, set by GitHub Actions.`,
    });
  } else if (decision.length > 0) {
    const from = decision[0]!.integrationId;
    findings.push({
      area: 'ruleset',
      check: 'ruleset.required-status',
      ok: false,
      severity: 'error',
      message:
        from === undefined
          ? `${branch} requires ${DECISION_CONTEXT} from any source: anyone whose token can set commit statuses (every collaborator with write access) can set it to success and merge what no vote decided. Require it from GitHub Actions.`
          : `${branch} requires ${DECISION_CONTEXT} from the app ${from}, not GitHub Actions (${GITHUB_ACTIONS_APP}): the gate's status, set by GitHub Actions, does not count, and nothing can merge.`,
      fix: `At ${page(decision[0]!.rulesetId)}, under "Require status checks to pass", choose GitHub Actions as the source of ${DECISION_CONTEXT}.`,
    });
  } else {
    const all = await readable(() => forge.rulesets());
    const idle = isRead(all) ? all.filter((r) => r.enforcement !== 'active') : [];
    const note =
      idle.length > 0
        ? ` The ruleset${idle.length === 1 ? '' : 's'} ${idle.map((r) => `"${r.name}" (${r.enforcement})`).join(', ')} ${idle.length === 1 ? 'is' : 'are'} not enforced.`
        : '';
    findings.push({
      area: 'ruleset',
      check: 'ruleset.required-status',
      ok: false,
      severity: 'error',
      message: `No ruleset in force on ${branch} requires the status ${DECISION_CONTEXT}: pull requests merge whatever the gate decides.${note}`,
      fix: `${create}; or at ${web}/settings/rules/new: target the default branch, require ${DECISION_CONTEXT} from GitHub Actions, block force pushes and deletions.`,
    });
  }

  const has = (type: string) => rules.some((r) => r.type === type);
  findings.push(
    has('non_fast_forward')
      ? { area: 'ruleset', check: 'ruleset.force-push', ok: true, severity: 'info', message: `${branch} is protected from force pushes.` }
      : {
          area: 'ruleset',
          check: 'ruleset.force-push',
          ok: false,
          severity: 'error',
          message: `Nothing stops a force push to ${branch}: the history that records every decision can be rewritten.`,
          fix: `At ${page(decision[0]?.rulesetId)}, turn on "Block force pushes" (the rule non_fast_forward); ${create} has it.`,
        },
    has('deletion')
      ? { area: 'ruleset', check: 'ruleset.deletion', ok: true, severity: 'info', message: `${branch} cannot be deleted.` }
      : {
          area: 'ruleset',
          check: 'ruleset.deletion',
          ok: false,
          severity: 'error',
          message: `Nothing stops the deletion of ${branch}.`,
          fix: `At ${page(decision[0]?.rulesetId)}, turn on "Restrict deletions" (the rule deletion); ${create} has it.`,
        },
  );

  // What would stop the record commit: it lands by fast-forward with cooperage/decision alone, unless a
  // GitHub App on the ruleset's bypass list gives the record action its token.
  const blocking: { rule: BranchRule; why: string }[] = [];
  for (const rule of rules) {
    if (rule.type in BLOCKING) blocking.push({ rule, why: BLOCKING[rule.type]! });
    else if (rule.type === 'required_status_checks') {
      const others = statusChecks(rule).filter((c) => c.context !== DECISION_CONTEXT);
      if (others.length > 0)
        blocking.push({
          rule,
          why: `requires the status${others.length === 1 ? '' : 'es'} ${others.map((c) => c.context).join(', ')}, which the record commit never gets (the record action sets ${DECISION_CONTEXT} alone)`,
        });
    }
  }
  const bypassOf = new Map<number, Promise<Ruleset | undefined>>();
  const rulesetOf = (id: number) => {
    let found = bypassOf.get(id);
    if (found === undefined) bypassOf.set(id, (found = readable(() => forge.ruleset(id)).then((r) => (isRead(r) ? r : undefined))));
    return found;
  };
  for (const { rule, why } of blocking) {
    const ruleset = rule.rulesetId === undefined ? undefined : await rulesetOf(rule.rulesetId);
    const app = ruleset?.bypass.some((b) => b.actorType === 'Integration' && b.mode !== 'pull_request') === true;
    const name = ruleset !== undefined ? `the ruleset "${ruleset.name}"` : 'a ruleset';
    if (app && input.recordToken) {
      findings.push({
        area: 'ruleset',
        check: `ruleset.records`,
        ok: true,
        severity: 'info',
        message: `The rule ${rule.type} of ${name} ${why}; a GitHub App bypasses it, and the record workflow gives its token to the record action.`,
      });
      continue;
    }
    findings.push({
      area: 'ruleset',
      check: 'ruleset.records',
      ok: false,
      severity: 'error',
      message: `The rule ${rule.type} of ${name} ${why}: decision records cannot land on ${branch}.`,
      fix: app
        ? `A GitHub App is on its bypass list: give its token to the record action as \`token:\` in .github/workflows/cooperage-record.yml (docs/forge.md, "Records").`
        : `Remove the rule at ${page(rule.rulesetId)}, or put a GitHub App on its bypass list and give the App's token to the record action as \`token:\` (docs/forge.md, "Records").`,
    });
  }
  for (const rule of rules) {
    if (HARMLESS.has(rule.type) || rule.type in BLOCKING || rule.type === 'required_status_checks') continue;
    const pattern =
      typeof rule.parameters?.pattern === 'string'
        ? ` (${typeof rule.parameters.operator === 'string' ? rule.parameters.operator : 'matches'} ${JSON.stringify(rule.parameters.pattern)})`
        : '';
    findings.push({
      area: 'ruleset',
      check: 'ruleset.records',
      ok: false,
      severity: 'warning',
      message: `The rule ${rule.type}${pattern} applies to ${branch}: the record commit (authored by github-actions[bot], committed by GitHub, adding governance/decisions/N.yaml with the message "Record the decision on #N") must pass it.`,
      fix: `Check it at ${page(rule.rulesetId)}, or put a GitHub App on its bypass list and give the App's token to the record action as \`token:\`.`,
    });
  }
  for (const type of ['required_signatures', 'required_linear_history'] as const) {
    if (has(type))
      findings.push({
        area: 'ruleset',
        check: 'ruleset.records',
        ok: true,
        severity: 'info',
        message:
          type === 'required_signatures'
            ? `${branch} requires signed commits: fine, GitHub signs the record commits.`
            : `${branch} requires a linear history: fine, the record commit is a fast-forward.`,
      });
  }
  return findings;
}

async function actionsFindings(forge: SetupForge, input: SetupInput, web: string): Promise<DoctorFinding[]> {
  const repo = forge.repository;
  const findings: DoctorFinding[] = [];
  const permissions = await readable(() => forge.actionsPermissions());
  if (!isRead(permissions)) {
    findings.push(unreadable('workflows.actions', 'whether Actions is enabled and which actions it allows', permissions, `${web}/settings/actions`));
  } else if (!permissions.enabled) {
    findings.push({
      area: 'workflows',
      check: 'workflows.actions',
      ok: false,
      severity: 'error',
      message: 'GitHub Actions is disabled in this repository: no Cooperage workflow runs, no pull request gets its decision, nothing is recorded.',
      fix: `gh api -X PUT repos/${repo}/actions/permissions -F enabled=true -f allowed_actions=all, or at ${web}/settings/actions: "Allow all actions and reusable workflows".`,
    });
  } else if (permissions.allowedActions === 'local_only') {
    findings.push({
      area: 'workflows',
      check: 'workflows.actions',
      ok: false,
      severity: 'error',
      message: "Actions allows only this repository's own actions: the Cooperage actions and actions/checkout cannot run.",
      fix: `At ${web}/settings/actions, allow all actions, or select actions and allow ${needed(input).join(', ')}.`,
    });
  } else if (permissions.allowedActions === 'selected') {
    const selected = await readable(() => forge.selectedActions());
    if (!isRead(selected)) {
      findings.push(unreadable('workflows.actions', 'which actions Actions allows', selected, `${web}/settings/actions`));
    } else {
      const refused = input.actions.filter((uses) => !allowedBy(uses, selected));
      findings.push(
        refused.length === 0
          ? {
              area: 'workflows',
              check: 'workflows.actions',
              ok: true,
              severity: 'info',
              message: 'Actions is enabled and allows every action the Cooperage workflows use.',
            }
          : {
              area: 'workflows',
              check: 'workflows.actions',
              ok: false,
              severity: 'error',
              message: `Actions allows only selected actions, and not ${refused.join(', ')}: the workflows that use ${refused.length === 1 ? 'it' : 'them'} fail.`,
              fix: `At ${web}/settings/actions, add ${[...new Set(refused.map(patternFor))].join(', ')} to the allowed actions${refused.some((u) => u.startsWith('actions/')) ? ' (or allow actions created by GitHub)' : ''}.`,
            },
      );
    }
  } else {
    findings.push({ area: 'workflows', check: 'workflows.actions', ok: true, severity: 'info', message: 'Actions is enabled and allows all actions.' });
  }
  if (isRead(permissions) && permissions.enabled && permissions.shaPinningRequired === true) {
    const unpinned = input.actions.filter((uses) => !/@[0-9a-f]{40}$/i.test(uses));
    if (unpinned.length > 0)
      findings.push({
        area: 'workflows',
        check: 'workflows.sha-pinning',
        ok: false,
        severity: 'error',
        message: `Actions requires every action pinned to a full commit id, and the workflows use ${unpinned.join(', ')}.`,
        fix: `Pin each to the commit of its release (uses: owner/repo/path@<40-hex commit> # v0), or turn off "Require actions to be pinned to a full-length commit SHA" at ${web}/settings/actions.`,
      });
  }
  const token = await readable(() => forge.workflowPermissions());
  if (!isRead(token)) {
    findings.push(unreadable('workflows.token', "the default permissions of the workflows' token", token, `${web}/settings/actions`));
  } else {
    findings.push({
      area: 'workflows',
      check: 'workflows.token',
      ok: true,
      severity: 'info',
      message:
        token.defaultWorkflowPermissions === 'read'
          ? "The workflows' token is read-only by default: fine, each Cooperage workflow asks for the permissions it needs."
          : "The workflows' token may write by default: Cooperage does not need it (each of its workflows asks for what it needs); read-only is safer for the others.",
    });
  }
  return findings;
}

async function workflowFindings(forge: SetupForge, input: SetupInput, web: string): Promise<DoctorFinding[]> {
  const repo = forge.repository;
  const listed = await readable(() => forge.workflows());
  if (!isRead(listed)) return [unreadable('workflows.state', 'the workflows', listed, `${web}/actions`)];
  const findings: DoctorFinding[] = [];
  for (const path of input.workflows) {
    const found = listed.find((w) => w.path === path);
    if (found === undefined) {
      findings.push({
        area: 'workflows',
        check: 'workflows.state',
        ok: false,
        severity: 'error',
        message: `GitHub has no workflow ${path}: it is not on the default branch yet, so it never runs.`,
        fix: `Merge it into the default branch (docs/forge.md, "Setting up").`,
      });
    } else if (found.state === 'active') {
      findings.push({ area: 'workflows', check: 'workflows.state', ok: true, severity: 'info', message: `${path} ("${found.name}") is active.` });
    } else {
      const why: Record<string, string> = {
        disabled_inactivity:
          'GitHub disabled it after 60 days without activity in the repository (it does so to scheduled workflows of public repositories), so the sweep and every run of it stopped',
        disabled_manually: 'someone disabled it',
        disabled_fork: 'it is a fork, whose workflows GitHub disables until enabled',
      };
      findings.push({
        area: 'workflows',
        check: 'workflows.state',
        ok: false,
        severity: 'error',
        message: `${path} ("${found.name}") is ${found.state}: ${why[found.state] ?? 'it does not run'}.`,
        fix: `gh api -X PUT repos/${repo}/actions/workflows/${found.id}/enable (or "Enable workflow" at ${web}/actions/workflows/${path.split('/').pop()}).`,
      });
    }
  }
  return findings;
}

async function memberFindings(forge: SetupForge, input: SetupInput): Promise<DoctorFinding[]> {
  const found: DoctorFinding[][] = Array.from(input.members, () => []);
  let next = 0;
  const worker = async () => {
    while (next < input.members.length) {
      const i = next++;
      const member = input.members[i]!;
      const account = await forge.account(member.login);
      if (account === undefined) {
        found[i]!.push({
          area: 'members',
          check: 'members.account',
          ok: false,
          severity: 'error',
          message: `${member.handle}'s login ${member.login} (${member.file}) is no GitHub account: a typo, or an account renamed since. Their votes are not counted.`,
          fix: `Write their GitHub login as github: in ${member.file}, by pull request.`,
        });
      } else if (account.type !== 'User') {
        found[i]!.push({
          area: 'members',
          check: 'members.account',
          ok: false,
          severity: 'warning',
          message: `${member.handle}'s login ${member.login} (${member.file}) is ${account.type === 'Organization' ? 'an organization' : 'a bot'}, not a person: it cannot review, and the gate ignores the votes of bots.`,
          fix: `Write their personal GitHub login as github: in ${member.file}, by pull request.`,
        });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(4, input.members.length)) }, worker));
  const all = found.flat();
  if (all.length === 0 && input.members.length > 0)
    all.push({
      area: 'members',
      check: 'members.account',
      ok: true,
      severity: 'info',
      message: `Every member's login is a GitHub account (${input.members.length}).`,
    });
  return all;
}

/** A ruleset as GitHub's rulesets API gives it; its bypass list only when read by its id. */
export function rulesetFrom(data: {
  id: number;
  name: string;
  enforcement: string;
  target?: string;
  bypass_actors?: { actor_id?: number | null; actor_type: string; bypass_mode?: string }[];
}): Ruleset {
  return {
    id: data.id,
    name: data.name,
    enforcement: data.enforcement,
    ...(data.target !== undefined ? { target: data.target } : {}),
    bypass: (data.bypass_actors ?? []).map((b) => ({ actorType: b.actor_type, actorId: b.actor_id ?? null, mode: b.bypass_mode ?? 'always' })),
  };
}

/** The required status checks of a required_status_checks rule. */
function statusChecks(rule: BranchRule): { context: string; integrationId?: number }[] {
  const list = rule.parameters?.required_status_checks;
  if (!Array.isArray(list)) return [];
  return list.flatMap((c: unknown) => {
    const check = c as { context?: unknown; integration_id?: unknown };
    if (typeof check.context !== 'string') return [];
    return [{ context: check.context, ...(typeof check.integration_id === 'number' ? { integrationId: check.integration_id } : {}) }];
  });
}

/** Whether Actions' selected actions allow `uses` (owner/repo/path@ref): GitHub's own, or a pattern such as owner/*, owner/repo@*, owner/repo/path@v1. */
export function allowedBy(uses: string, selected: SelectedActions): boolean {
  const owner = uses.split('/')[0]!.toLowerCase();
  if (selected.githubOwnedAllowed && (owner === 'actions' || owner === 'github')) return true;
  const bare = uses.replace(/@.*$/, '');
  return selected.patternsAllowed.some((pattern) => {
    const re = new RegExp(
      `^${pattern
        .trim()
        .split('*')
        .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*')}$`,
      'i',
    );
    return re.test(uses) || (!pattern.includes('@') && re.test(bare));
  });
}

/** The pattern that allows an action: every action of its repository (owner/repo/* for one in a folder, owner/repo@* at its root). */
function patternFor(uses: string): string {
  const [owner = '', name = '', ...path] = uses.replace(/@.*$/, '').split('/');
  return path.length > 0 ? `${owner}/${name}/*` : `${owner}/${name}@*`;
}

function needed(input: SetupInput): string[] {
  return [...new Set(input.actions.map(patternFor))];
}

/** A read the token may be refused (settings need administration: read): the value, or the refusal. */
async function readable<T>(read: () => Promise<T>): Promise<T | Refusal> {
  try {
    return await read();
  } catch (error) {
    const status = (error as Refusal).status;
    if (status === 403 || status === 404) return error as Refusal;
    throw error;
  }
}

function isRead<T>(value: T | Refusal): value is T {
  return !(value instanceof Error) && !(typeof value === 'object' && value !== null && 'status' in value && typeof value.status === 'number');
}

function unreadable(check: string, what: string, refusal: Refusal, page: string): DoctorFinding {
  const said = refusal.response?.data?.message ?? refusal.message ?? '';
  return {
    area: 'workflows',
    check,
    ok: false,
    severity: 'warning',
    message: `GitHub would not show ${what} to this token (${refusal.status}${said ? `: ${said}` : ''}), so it was not checked.`,
    fix: `Run coop doctor with a repository administrator's token (a fine-grained token with Administration: read, or \`GITHUB_TOKEN=$(gh auth token)\` as an admin), or look at ${page}.`,
  };
}
