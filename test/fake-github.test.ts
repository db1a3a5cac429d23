// Holds the fake GitHub (test/support/fake-github.ts) to GitHub's OpenAPI description: each operation it serves, asked as octokit asks, answers as described; its pagination, ETags, failures and errors are GitHub's; and a repository linked to a bare repository moves, commits, signs, merges and refuses as GitHub does.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Octokit } from '@octokit/rest';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import Ajv, { type ValidateFunction } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub, type RecordedRequest } from './support/fake-github.ts';
import { createRemote, pushBranch, updatePullRefs, type FakeRemote } from './support/fake-remote.ts';
import {
  issueCommentPayload,
  pullRequestTargetPayload,
  pushPayload,
  schedulePayload,
  workflowDispatchPayload,
  workflowRunPayload,
} from './support/webhook-payloads.ts';

// The description without its dereferenced copy (the package's index.js loads all of them, 400 MB).
type Schema = Record<string, unknown>;
interface Operation {
  operationId: string;
  parameters?: Schema[];
  requestBody?: Schema;
  responses: Record<string, Schema>;
}
const spec = JSON.parse(readFileSync(join(import.meta.dirname, '../node_modules/@octokit/openapi/generated/api.github.com.json'), 'utf8')) as {
  paths: Record<string, Record<string, Operation>>;
  components: Record<string, Record<string, Schema>>;
};

/** What the description holds at `#/components/KIND/NAME`. */
function component(kind: string, name: string): Schema {
  const found = spec.components[kind]?.[name];
  if (found === undefined) throw new Error(`the description has no #/components/${kind}/${name}`);
  return found;
}

function operationAt(template: string, method: string): Operation {
  const found = spec.paths[template]?.[method.toLowerCase()];
  if (found === undefined) throw new Error(`the description has no ${method} ${template}`);
  return found;
}

/** A `#/components/...` reference, followed. */
function deref(node: Schema): Schema {
  let at = node;
  while (typeof at.$ref === 'string') {
    const [, , kind = '', name = ''] = at.$ref.split('/');
    at = component(kind, name);
  }
  return at;
}

/**
 * OpenAPI 3.0 schemas as JSON Schema (draft-07): `nullable` becomes a type that admits null, and each
 * component schema a reference becomes is gathered into `definitions` once.
 */
const definitions: Record<string, unknown> = {};
function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (node === null || typeof node !== 'object') return node;
  const { nullable, example: _example, examples: _examples, ...rest } = node as Schema;
  if (typeof rest.$ref === 'string') {
    const name = rest.$ref.slice('#/components/schemas/'.length);
    if (!(name in definitions)) {
      definitions[name] = true;
      definitions[name] = toJsonSchema(component('schemas', name));
    }
    return { $ref: `openapi#/definitions/${name}` };
  }
  const out: Schema = {};
  for (const [key, value] of Object.entries(rest))
    out[key] = key === 'properties' ? Object.fromEntries(Object.entries(value as Schema).map(([k, v]) => [k, toJsonSchema(v)])) : toJsonSchema(value);
  if (nullable !== true) return out;
  if (typeof out.type === 'string') {
    out.type = [out.type, 'null'];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...(out.enum as unknown[]), null];
    return out;
  }
  return { anyOf: [out, { type: 'null' }] };
}

/** The operations the fake serves, as the description names them. */
const SERVED = [
  ['get', '/repos/{owner}/{repo}'],
  ['get', '/repos/{owner}/{repo}/pulls'],
  ['get', '/repos/{owner}/{repo}/pulls/{pull_number}'],
  ['get', '/repos/{owner}/{repo}/pulls/{pull_number}/reviews'],
  ['get', '/repos/{owner}/{repo}/issues/{issue_number}/comments'],
  ['post', '/repos/{owner}/{repo}/issues/{issue_number}/comments'],
  ['patch', '/repos/{owner}/{repo}/issues/comments/{comment_id}'],
  ['get', '/repos/{owner}/{repo}/issues/{issue_number}/events'],
  ['post', '/repos/{owner}/{repo}/statuses/{sha}'],
  ['get', '/repos/{owner}/{repo}/commits/{ref}/status'],
  ['get', '/repos/{owner}/{repo}/commits/{ref}/statuses'],
  ['get', '/repos/{owner}/{repo}/commits/{commit_sha}/pulls'],
  ['get', '/repos/{owner}/{repo}/commits/{ref}'],
  ['get', '/repos/{owner}/{repo}/git/ref/{ref}'],
  ['post', '/repos/{owner}/{repo}/git/refs'],
  ['patch', '/repos/{owner}/{repo}/git/refs/{ref}'],
  ['delete', '/repos/{owner}/{repo}/git/refs/{ref}'],
  ['get', '/repos/{owner}/{repo}/issues'],
  ['post', '/repos/{owner}/{repo}/issues'],
  ['get', '/repos/{owner}/{repo}/issues/{issue_number}'],
  ['patch', '/repos/{owner}/{repo}/issues/{issue_number}'],
  ['get', '/repos/{owner}/{repo}/rules/branches/{branch}'],
  ['get', '/repos/{owner}/{repo}/rulesets'],
  ['get', '/repos/{owner}/{repo}/rulesets/{ruleset_id}'],
  ['get', '/repos/{owner}/{repo}/actions/permissions'],
  ['get', '/repos/{owner}/{repo}/actions/permissions/selected-actions'],
  ['get', '/repos/{owner}/{repo}/actions/permissions/workflow'],
  ['get', '/repos/{owner}/{repo}/actions/workflows'],
  ['get', '/users/{username}'],
] as const;

// Every schema those operations use, converted before the first is compiled, so that ajv compiles
// each component schema once however many operations reach it.
const converted = new Map<Schema, unknown>();
const convert = (schema: Schema) => {
  if (!converted.has(schema)) converted.set(schema, toJsonSchema(schema));
};
for (const [method, template] of SERVED) {
  const operation = operationAt(template, method);
  for (const parameter of (operation.parameters ?? []).map(deref)) convert(parameter.schema as Schema);
  if (operation.requestBody !== undefined) convert(((deref(operation.requestBody).content as Schema)['application/json'] as Schema).schema as Schema);
  for (const response of Object.values(operation.responses).map(deref)) {
    const json = (response.content as Schema | undefined)?.['application/json'] as Schema | undefined;
    if (json?.schema !== undefined) convert(json.schema as Schema);
  }
}
// And the payloads of the events the gate's workflows receive (test/support/webhook-payloads.ts).
const webhooks = (spec as unknown as { 'x-webhooks': Record<string, { post: Operation }> })['x-webhooks'];
const webhookSchema = (name: string) => ((deref(webhooks[name]!.post.requestBody!).content as Schema)['application/json'] as Schema).schema as Schema;
const WEBHOOKS = [
  'pull-request-opened',
  'pull-request-synchronize',
  'pull-request-ready-for-review',
  'issue-comment-created',
  'workflow-run-completed',
  'workflow-dispatch',
  'push',
];
for (const name of WEBHOOKS) convert(webhookSchema(name));
const basicError = component('schemas', 'basic-error');
const validationError = component('schemas', 'validation-error');
convert(basicError);
convert(validationError);

// Component schemas compiled once each and called, not inlined at every use, and the generated code
// left unoptimised: a third of the compile time, for validators that each run a few times.
const ajv = new Ajv.default({
  strict: false,
  allErrors: true,
  inlineRefs: false,
  code: { optimize: false },
  formats: {
    uri: (s: string) => URL.canParse(s),
    'date-time': /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/,
  },
});
// Formats such as int64 say nothing JSON can check.
for (const format of new Set(JSON.stringify([...converted.values()]).match(/"format":"[^"]+"/g) ?? [])) {
  const name = format.slice('"format":"'.length, -1);
  if (name !== 'uri' && name !== 'date-time') ajv.addFormat(name, true);
}
for (const format of new Set(JSON.stringify(definitions).match(/"format":"[^"]+"/g) ?? [])) {
  const name = format.slice('"format":"'.length, -1);
  if (name !== 'uri' && name !== 'date-time' && ajv.formats[name] === undefined) ajv.addFormat(name, true);
}
ajv.addSchema({ $id: 'openapi', definitions }, 'openapi');

const compiled = new Map<Schema, ValidateFunction>();
function validator(schema: Schema): ValidateFunction {
  let validate = compiled.get(schema);
  if (validate === undefined) {
    if (!converted.has(schema)) throw new Error('a schema of an operation the fake does not serve');
    validate = ajv.compile(converted.get(schema) as Schema);
    compiled.set(schema, validate);
  }
  return validate;
}

function check(schema: Schema, value: unknown): string[] {
  const validate = validator(schema);
  return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message} ${JSON.stringify(e.params)}`);
}

/** The operation a request is for: its method and the path template with the most literal segments that matches. */
function operationOf(method: string, pathname: string): { template: string; operation: Operation; params: Record<string, string> } {
  const found = Object.entries(spec.paths)
    .filter(([, ops]) => ops[method.toLowerCase()] !== undefined)
    .flatMap(([template]) => {
      const names: string[] = [];
      const re = new RegExp(`^${template.replace(/\{([^}]+)\}/g, (_, name: string) => (names.push(name), '([^/]+)'))}$`);
      const m = re.exec(pathname);
      return m === null
        ? []
        : [
            {
              template,
              params: Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1]!)])),
              literal: template.split('/').filter((s) => !s.startsWith('{')).length,
            },
          ];
    })
    .sort((a, b) => b.literal - a.literal)[0];
  if (found === undefined) throw new Error(`no operation in the description for ${method} ${pathname}`);
  return { template: found.template, params: found.params, operation: operationAt(found.template, method) };
}

/** A parameter's value from a URL as its schema's type. */
function typed(schema: Schema, value: string): unknown {
  const type = deref(schema).type;
  return type === 'integer' || type === 'number' ? Number(value) : type === 'boolean' ? value === 'true' : value;
}

/** What is wrong with a request as the description declares its operation: path and query parameters, and the JSON body. */
function requestProblems(request: RecordedRequest): string[] {
  const { operation, params } = operationOf(request.method, request.pathname);
  const declared = (operation.parameters ?? []).map(deref);
  const problems: string[] = [];
  const query = new URL(request.path, 'http://x').searchParams;
  const given = [...Object.entries(params).map(([n, v]) => ['path', n, v] as const), ...[...query].map(([n, v]) => ['query', n, v] as const)];
  for (const [where, name, value] of given) {
    const parameter = declared.find((p) => p.in === where && p.name === name);
    if (parameter === undefined) problems.push(`${where} ${name}: not a parameter of ${operation.operationId}`);
    else problems.push(...check(parameter.schema as Schema, typed(parameter.schema as Schema, value)).map((p) => `${where} ${name}: ${p}`));
  }
  const body = operation.requestBody === undefined ? undefined : ((deref(operation.requestBody).content as Schema)['application/json'] as Schema).schema;
  if (body !== undefined) problems.push(...check(body as Schema, request.body).map((p) => `body ${p}`));
  else if (request.body !== undefined) problems.push(`${operation.operationId} takes no body`);
  return problems;
}

/** What is wrong with a response as the description declares the operation's answers. */
function responseProblems(method: string, pathname: string, status: number, body: unknown): string[] {
  const { operation } = operationOf(method, pathname);
  const response = operation.responses[String(status)];
  if (response === undefined) return [`${operation.operationId} does not answer ${status} (only ${Object.keys(operation.responses).join(', ')})`];
  const content = deref(response).content as Schema | undefined;
  if (content === undefined) return body === undefined || body === '' ? [] : [`${status} has no body`];
  return check((content['application/json'] as Schema).schema as Schema, body);
}

const REPO = 'coop/governance';
const [owner, repo] = REPO.split('/') as [string, string];
const where = { owner, repo };
const sha = (n: number) => n.toString(16).padStart(40, 'a');
const day = (n: number) => `2026-12-${String(n).padStart(2, '0')}T10:00:00Z`;
const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
let clients = 0;

function client(fake: FakeGitHub, auth: string | null = 'secret'): Octokit {
  return new Octokit({ baseUrl: fake.url, ...(auth !== null ? { auth } : {}), log: quiet });
}

const Resilient = Octokit.plugin(retry, throttling);
/** A client as the gate builds one, waiting milliseconds where GitHub says seconds. */
function resilient(fake: FakeGitHub, onLimit: (kind: string, after: number) => void = () => {}) {
  return new Resilient({
    baseUrl: fake.url,
    auth: 'secret',
    log: quiet,
    retry: { retries: 3, retryAfterBaseValue: 1 },
    throttle: {
      id: `fake-github-test-${++clients}`,
      retryAfterBaseValue: 1,
      onRateLimit: (after: number, _o: unknown, _k: unknown, count: number) => (onLimit('primary', after), count < 3),
      onSecondaryRateLimit: (after: number, _o: unknown, _k: unknown, count: number) => (onLimit('secondary', after), count < 3),
    },
  });
}

/** The error octokit throws, with the response it carries. */
async function failure(promise: Promise<unknown>): Promise<{ status: number; response: { data: unknown; headers: Record<string, string | undefined> } }> {
  try {
    await promise;
  } catch (error) {
    return error as never;
  }
  throw new Error('the request succeeded');
}

let fake: FakeGitHub;
let rulesetId = 0;
let now = Date.parse('2026-12-10T12:00:00Z');

beforeAll(async () => {
  fake = await startFakeGitHub({ clock: () => new Date((now += 60_000)).toISOString() });
  fake.repo(REPO, { defaultBranch: 'main' });
  fake.addUser('alice');
  fake.addUser('bob', { association: 'MEMBER' });
  fake.openPullRequest(REPO, {
    title: 'Admit Erin',
    author: 'alice',
    head: { sha: sha(1), ref: 'admit-erin' },
    base: { ref: 'main', sha: sha(100) },
    createdAt: day(1),
  });
  fake.openPullRequest(REPO, {
    title: 'From a fork',
    author: 'mallory',
    head: { sha: sha(2), ref: 'main', repo: 'mallory/governance' },
    base: { ref: 'main', sha: sha(100) },
    draft: true,
    createdAt: day(2),
  });
  fake.setPullRequest(REPO, 2, { draft: false, at: day(3) });
  fake.addReview(REPO, 1, { user: 'bob', state: 'APPROVED', body: 'Yes', submittedAt: day(2) });
  const old = fake.addReview(REPO, 1, { user: 'carol', state: 'CHANGES_REQUESTED', commitId: sha(9), submittedAt: day(2) });
  fake.dismissReview(REPO, 1, old, { message: 'stale', at: day(3) });
  fake.addReview(REPO, 1, { user: 'dan', state: 'PENDING' });
  fake.addComment(REPO, 1, { user: 'bob', body: '/vote yes', createdAt: day(2) });
  fake.addComment(REPO, 1, { user: 'renovate[bot]', body: 'Bump', createdAt: day(2), updatedAt: day(3) });
  fake.addStatus(REPO, sha(1), { state: 'success', context: 'ci/tests', createdAt: day(2) });
  // The settings coop doctor reads.
  rulesetId = fake.ruleset(REPO, {
    name: 'Cooperage',
    rules: [
      {
        type: 'required_status_checks',
        parameters: { strict_required_status_checks_policy: false, required_status_checks: [{ context: 'cooperage/decision', integration_id: 15368 }] },
      },
      { type: 'non_fast_forward' },
      { type: 'deletion' },
      {
        type: 'pull_request',
        parameters: {
          required_approving_review_count: 0,
          dismiss_stale_reviews_on_push: false,
          require_code_owner_review: false,
          require_last_push_approval: false,
          required_review_thread_resolution: false,
        },
      },
    ],
    bypass: [{ actor_id: 1234, actor_type: 'Integration', bypass_mode: 'always' }],
  });
  fake.ruleset(REPO, { name: 'Trial', enforcement: 'evaluate', rules: [{ type: 'required_linear_history' }] });
  fake.ruleset(REPO, { name: 'Releases', include: ['refs/heads/release/**'], rules: [{ type: 'update' }] });
  fake.actionsPermissions(REPO, { allowedActions: 'selected', selected: { patternsAllowed: ['cooperage/cooperage/*'] } });
  fake.workflow(REPO, { path: '.github/workflows/cooperage-gate.yml', name: 'Cooperage gate' });
  fake.workflow(REPO, { path: '.github/workflows/cooperage-record.yml', name: 'Cooperage record', state: 'disabled_inactivity' });
});

afterAll(() => fake.close());

describe('each operation the fake serves, asked as octokit asks', () => {
  const cases: [string, (o: Octokit) => Promise<{ status: number; data: unknown }>][] = [
    ['repos/get', (o) => o.rest.repos.get(where)],
    ['pulls/get', (o) => o.rest.pulls.get({ ...where, pull_number: 1 })],
    ['pulls/get of a fork', (o) => o.rest.pulls.get({ ...where, pull_number: 2 })],
    ['pulls/list', (o) => o.rest.pulls.list({ ...where, state: 'open', base: 'main', per_page: 100 })],
    ['pulls/list-reviews', (o) => o.rest.pulls.listReviews({ ...where, pull_number: 1, per_page: 100 })],
    ['issues/list-comments', (o) => o.rest.issues.listComments({ ...where, issue_number: 1, per_page: 100 })],
    ['issues/list-events', (o) => o.rest.issues.listEvents({ ...where, issue_number: 1, per_page: 100 })],
    ['issues/list-events (ready_for_review)', (o) => o.rest.issues.listEvents({ ...where, issue_number: 2 })],
    ['issues/create', (o) => o.rest.issues.create({ ...where, title: 'Audit: 1 violation', body: 'Unrecorded: #1', labels: ['cooperage-audit'] })],
    ['issues/list-for-repo', (o) => o.rest.issues.listForRepo({ ...where, state: 'open', labels: 'cooperage-audit', per_page: 100 })],
    ['issues/list-for-repo (with pull requests)', (o) => o.rest.issues.listForRepo({ ...where, state: 'all' })],
    ['issues/get', (o) => o.rest.issues.get({ ...where, issue_number: fake.issues(REPO)[0]!.number })],
    ['issues/get (a pull request)', (o) => o.rest.issues.get({ ...where, issue_number: 1 })],
    ['issues/update', (o) => o.rest.issues.update({ ...where, issue_number: fake.issues(REPO)[0]!.number, body: 'Unrecorded: #1, #2' })],
    ['issues/create-comment (on an issue)', (o) => o.rest.issues.createComment({ ...where, issue_number: fake.issues(REPO)[0]!.number, body: 'Still' })],
    ['git/get-ref', (o) => o.rest.git.getRef({ ...where, ref: 'heads/main' })],
    ['issues/create-comment', (o) => o.rest.issues.createComment({ ...where, issue_number: 1, body: '<!-- cooperage -->\nPassing' })],
    ['issues/update-comment', (o) => o.rest.issues.updateComment({ ...where, comment_id: Number(fake.comments(REPO, 1)[0]!.id), body: 'edited' })],
    [
      'repos/create-commit-status',
      (o) =>
        o.rest.repos.createCommitStatus({
          ...where,
          sha: sha(1),
          state: 'pending',
          context: 'cooperage/decision',
          description: 'Voting',
          target_url: 'https://example.org/x',
        }),
    ],
    ['repos/get-combined-status-for-ref', (o) => o.rest.repos.getCombinedStatusForRef({ ...where, ref: sha(1), per_page: 100 })],
    ['repos/get-combined-status-for-ref (a branch)', (o) => o.rest.repos.getCombinedStatusForRef({ ...where, ref: 'admit-erin' })],
    ['repos/list-commit-statuses-for-ref', (o) => o.rest.repos.listCommitStatusesForRef({ ...where, ref: sha(1) })],
    ['repos/list-pull-requests-associated-with-commit', (o) => o.rest.repos.listPullRequestsAssociatedWithCommit({ ...where, commit_sha: sha(2) })],
    ['repos/get-branch-rules', (o) => o.rest.repos.getBranchRules({ ...where, branch: 'main', per_page: 100 })],
    ['repos/get-repo-rulesets', (o) => o.rest.repos.getRepoRulesets({ ...where, per_page: 100 })],
    ['repos/get-repo-ruleset', (o) => o.rest.repos.getRepoRuleset({ ...where, ruleset_id: rulesetId })],
    ['actions/get-github-actions-permissions-repository', (o) => o.rest.actions.getGithubActionsPermissionsRepository(where)],
    ['actions/get-allowed-actions-repository', (o) => o.rest.actions.getAllowedActionsRepository(where)],
    ['actions/get-github-actions-default-workflow-permissions-repository', (o) => o.rest.actions.getGithubActionsDefaultWorkflowPermissionsRepository(where)],
    ['actions/list-repo-workflows', (o) => o.rest.actions.listRepoWorkflows({ ...where, per_page: 100 })],
    ['users/get-by-username', (o) => o.rest.users.getByUsername({ username: 'alice' })],
  ];

  it.each(cases)('%s: the request and the answer are as described', async (_name, call) => {
    const response = await call(client(fake));
    const request = fake.requests.at(-1)!;
    expect(requestProblems(request)).toEqual([]);
    expect(responseProblems(request.method, request.pathname, response.status, response.data)).toEqual([]);
    if (Array.isArray(response.data)) expect(response.data.length).toBeGreaterThan(0);
  });

  it('answers what it was told and what was written', async () => {
    const o = client(fake);
    const { data: pull } = await o.rest.pulls.get({ ...where, pull_number: 2 });
    expect(pull.head.repo?.full_name).toBe('mallory/governance');
    expect(pull.head.repo?.fork).toBe(true);
    expect(pull.head.label).toBe('mallory:main');
    const { data: reviews } = await o.rest.pulls.listReviews({ ...where, pull_number: 1 });
    // The pending review is its author's alone; the dismissed one stays, dismissed.
    expect(reviews.map((r) => [r.user?.login, r.state])).toEqual([
      ['bob', 'APPROVED'],
      ['carol', 'DISMISSED'],
    ]);
    expect(reviews[0]!.author_association).toBe('MEMBER');
    const { data: events } = await o.rest.issues.listEvents({ ...where, issue_number: 2 });
    expect(events.map((e) => [e.event, e.created_at, e.actor?.login])).toEqual([['ready_for_review', day(3), 'mallory']]);
    const { data: created } = await o.rest.issues.createComment({ ...where, issue_number: 1, body: 'hello' });
    expect(created.user).toMatchObject({ login: 'github-actions[bot]', id: 41898282, type: 'Bot' });
    expect(created.html_url).toBe(`https://github.example/${REPO}/pull/1#issuecomment-${created.id}`);
    expect(created.created_at).toMatch(/^2026-12-10T\d\d:\d\d:00Z$/);
    expect(fake.comments(REPO, 1).at(-1)).toMatchObject({ id: created.id, body: 'hello' });
    await o.rest.repos.createCommitStatus({ ...where, sha: sha(1), state: 'success', context: 'cooperage/decision', description: 'Passed' });
    expect(fake.statuses(REPO, sha(1)).map((s) => [s.context, s.state])).toContainEqual(['cooperage/decision', 'success']);
    const { data: combined } = await o.rest.repos.getCombinedStatusForRef({ ...where, ref: sha(1) });
    expect(combined.statuses.map((s) => [s.context, s.state])).toEqual([
      ['cooperage/decision', 'success'],
      ['ci/tests', 'success'],
    ]);
    expect(combined.state).toBe('success');
  });
});

describe("a repository's settings, as coop doctor reads them", () => {
  it('lists the rules in force on a branch with their ruleset, rulesets without their rules, and protect() as GitHub would list it', async () => {
    const o = client(fake);
    const { data: rules } = await o.rest.repos.getBranchRules({ ...where, branch: 'main' });
    // Not the ruleset in evaluation, not the one on release branches.
    expect(rules.map((r) => [r.type, r.ruleset_id])).toEqual([
      ['required_status_checks', rulesetId],
      ['non_fast_forward', rulesetId],
      ['deletion', rulesetId],
      ['pull_request', rulesetId],
    ]);
    expect((await o.rest.repos.getBranchRules({ ...where, branch: 'release/1.0' })).data.map((r) => r.type)).toEqual(['update']);
    const { data: list } = await o.rest.repos.getRepoRulesets(where);
    expect(list.map((r) => [r.name, r.enforcement])).toEqual([
      ['Cooperage', 'active'],
      ['Trial', 'evaluate'],
      ['Releases', 'active'],
    ]);
    expect(list[0]).not.toHaveProperty('rules');
    const { data: one } = await o.rest.repos.getRepoRuleset({ ...where, ruleset_id: rulesetId });
    expect(one.bypass_actors).toEqual([{ actor_id: 1234, actor_type: 'Integration', bypass_mode: 'always' }]);
    expect(one.conditions).toEqual({ ref_name: { include: ['~DEFAULT_BRANCH'], exclude: [] } });
    expect((await failure(o.rest.repos.getRepoRuleset({ ...where, ruleset_id: 1 }))).status).toBe(404);

    const other = await startFakeGitHub();
    try {
      other.repo('coop/other');
      other.protect('coop/other', 'main', { requiredStatus: 'cooperage/decision', bypass: ['records[bot]'] });
      const { data: guarded } = await client(other).rest.repos.getBranchRules({ owner: 'coop', repo: 'other', branch: 'main' });
      expect(guarded.map((r) => r.type)).toEqual(['required_status_checks', 'non_fast_forward', 'deletion']);
      expect(guarded[0]).toMatchObject({ parameters: { required_status_checks: [{ context: 'cooperage/decision', integration_id: 15368 }] } });
      const { data: full } = await client(other).rest.repos.getRepoRuleset({ owner: 'coop', repo: 'other', ruleset_id: guarded[0]!.ruleset_id! });
      expect(full.bypass_actors?.[0]).toMatchObject({ actor_type: 'Integration', bypass_mode: 'always' });
    } finally {
      await other.close();
    }
  });

  it("serves Actions' permissions, the workflows without deleted ones, and users by login, a 404 for an unknown one", async () => {
    const o = client(fake);
    expect((await o.rest.actions.getGithubActionsPermissionsRepository(where)).data).toMatchObject({ enabled: true, allowed_actions: 'selected' });
    expect((await o.rest.actions.getAllowedActionsRepository(where)).data).toEqual({
      github_owned_allowed: true,
      verified_allowed: false,
      patterns_allowed: ['cooperage/cooperage/*'],
    });
    expect((await o.rest.actions.getGithubActionsDefaultWorkflowPermissionsRepository(where)).data).toEqual({
      default_workflow_permissions: 'read',
      can_approve_pull_request_reviews: false,
    });
    const { data } = await o.rest.actions.listRepoWorkflows(where);
    expect(data.total_count).toBe(2);
    expect(data.workflows.map((w) => [w.path, w.state])).toEqual([
      ['.github/workflows/cooperage-gate.yml', 'active'],
      ['.github/workflows/cooperage-record.yml', 'disabled_inactivity'],
    ]);
    expect((await o.rest.users.getByUsername({ username: 'BOB' })).data).toMatchObject({ login: 'bob', type: 'User' });
    const missing = await failure(o.rest.users.getByUsername({ username: 'nobody-here' }));
    expect(missing.status).toBe(404);
    expect(responseProblems('GET', '/users/nobody-here', 404, missing.response.data)).toEqual([]);
  });
});

describe('errors, shaped as GitHub shapes them', () => {
  it('answers 401 without a token, and "Bad credentials" for a token it does not know', async () => {
    const error = await failure(client(fake, null).rest.pulls.get({ ...where, pull_number: 1 }));
    expect(error.status).toBe(401);
    expect(error.response.data).toEqual({ message: 'Requires authentication', documentation_url: 'https://docs.github.com/rest', status: '401' });
    expect(check(basicError, error.response.data)).toEqual([]);
    const strict = await startFakeGitHub({ tokens: { good: 'alice' } });
    strict.repo(REPO);
    try {
      expect((await failure(client(strict, 'bad').rest.repos.get(where))).response.data).toMatchObject({ message: 'Bad credentials', status: '401' });
      expect((await client(strict, 'good').rest.repos.get(where)).status).toBe(200);
    } finally {
      await strict.close();
    }
  });

  it('answers 404 for what it does not serve or does not hold, 422 for what GitHub refuses', async () => {
    const o = client(fake);
    for (const request of [
      o.request('GET /repos/{owner}/{repo}/branches', where),
      o.request('DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}', { ...where, comment_id: 1 }),
      o.rest.pulls.get({ ...where, pull_number: 99 }),
      o.rest.repos.get({ owner: 'nobody', repo: 'nothing' }),
    ]) {
      const error = await failure(request);
      expect(error.status).toBe(404);
      expect(error.response.data).toMatchObject({ message: 'Not Found', status: '404' });
      expect(check(basicError, error.response.data)).toEqual([]);
    }
    const missing = fake.requests.at(-2)!;
    expect(responseProblems(missing.method, missing.pathname, 404, (await failure(o.rest.pulls.get({ ...where, pull_number: 99 }))).response.data)).toEqual([]);
    const tooLong = await failure(o.rest.repos.createCommitStatus({ ...where, sha: sha(1), state: 'success', description: 'x'.repeat(141) }));
    expect(tooLong.status).toBe(422);
    expect(check(validationError, tooLong.response.data)).toEqual([]);
    const bad = await failure(o.rest.repos.createCommitStatus({ ...where, sha: sha(1), state: 'passed' as never }));
    expect(bad.status).toBe(422);
  });
});

describe('pagination', () => {
  it("pages as GitHub does: per_page 30 by default, 100 at most, absolute links on the fake's origin", async () => {
    const paged = await startFakeGitHub();
    try {
      paged.repo(REPO);
      for (let n = 1; n <= 7; n++)
        paged.openPullRequest(REPO, {
          title: `#${n}`,
          author: 'alice',
          head: { sha: sha(n), ref: `b${n}` },
          base: { ref: 'main', sha: sha(100) },
          createdAt: day(n),
        });
      const o = client(paged);
      const pages = await Promise.all([1, 2, 3].map((page) => o.rest.pulls.list({ ...where, state: 'open', base: 'main', per_page: 3, page })));
      const url = (page: number) => `${paged.url}/repos/${REPO}/pulls?state=open&base=main&per_page=3&page=${page}`;
      expect(pages.map((p) => p.headers.link)).toEqual([
        `<${url(2)}>; rel="next", <${url(3)}>; rel="last"`,
        `<${url(1)}>; rel="prev", <${url(3)}>; rel="next", <${url(3)}>; rel="last", <${url(1)}>; rel="first"`,
        `<${url(2)}>; rel="prev", <${url(1)}>; rel="first"`,
      ]);
      // Newest first, as GitHub sorts by default.
      expect(pages.map((p) => p.data.map((pr) => pr.number))).toEqual([[7, 6, 5], [4, 3, 2], [1]]);
      for (const page of pages) expect(responseProblems('GET', `/repos/${REPO}/pulls`, page.status, page.data)).toEqual([]);

      paged.clearRequests();
      const all = await o.paginate(o.rest.pulls.list, { ...where, state: 'open', base: 'main', per_page: 3 });
      expect(all.map((pr) => pr.number)).toEqual([7, 6, 5, 4, 3, 2, 1]);
      expect(paged.count({ method: 'GET', path: `/repos/${REPO}/pulls` })).toBe(3);

      for (let n = 0; n < 101; n++) paged.addComment(REPO, 1, { user: 'bob', body: `${n}`, createdAt: day(1) });
      const first = await o.rest.issues.listComments({ ...where, issue_number: 1 });
      expect(first.data).toHaveLength(30);
      expect(first.headers.link).toContain('rel="last"');
      expect(first.headers.link).toContain(`issues/1/comments?page=4>; rel="last"`);
      const capped = await o.rest.issues.listComments({ ...where, issue_number: 1, per_page: 1000 });
      expect(capped.data).toHaveLength(100);
      expect(capped.headers.link).toBe(
        `<${paged.url}/repos/${REPO}/issues/1/comments?per_page=1000&page=2>; rel="next", <${paged.url}/repos/${REPO}/issues/1/comments?per_page=1000&page=2>; rel="last"`,
      );
      const single = await o.rest.pulls.listReviews({ ...where, pull_number: 1 });
      expect(single.data).toEqual([]);
      expect(single.headers.link).toBeUndefined();
    } finally {
      await paged.close();
    }
  });
});

describe('conditional requests', () => {
  it('gives every GET an ETag and answers If-None-Match with a bodiless 304 that costs no rate limit', async () => {
    const o = client(fake);
    const first = await o.rest.pulls.get({ ...where, pull_number: 1 });
    expect(first.headers.etag).toMatch(/^W\/"[0-9a-f]{64}"$/);
    const remaining = Number(first.headers['x-ratelimit-remaining']);
    expect(Number(first.headers['x-ratelimit-limit'])).toBe(5000);
    const notModified = await failure(o.rest.pulls.get({ ...where, pull_number: 1, headers: { 'if-none-match': first.headers.etag } }));
    expect(notModified.status).toBe(304);
    // No body: octokit reads it as ''.
    expect(notModified.response.data).toBe('');
    expect(notModified.response.headers['x-ratelimit-remaining']).toBe(String(remaining));
    const request = fake.requests.at(-1)!;
    expect(request.headers['if-none-match']).toBe(first.headers.etag);
    expect(responseProblems(request.method, request.pathname, 304, undefined)).toEqual([]);
    fake.addComment(REPO, 1, { user: 'bob', body: 'more' });
    const changed = await o.rest.pulls.get({ ...where, pull_number: 1, headers: { 'if-none-match': first.headers.etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.etag).not.toBe(first.headers.etag);
    expect(changed.headers['x-ratelimit-remaining']).toBe(String(remaining - 1));
  });
});

describe('failure injection', () => {
  it('fails the matching requests the given number of times, and octokit retries server errors', async () => {
    fake.clearRequests();
    fake.fail({ method: 'GET', path: /\/reviews/, status: 502, times: 2 });
    const { data } = await resilient(fake).rest.pulls.listReviews({ ...where, pull_number: 1 });
    expect(data.length).toBeGreaterThan(0);
    expect(fake.count({ method: 'GET', path: /\/reviews/ })).toBe(3);
    expect(fake.count({ method: 'GET', path: /\/reviews/, status: 502 })).toBe(2);
    fake.fail({ path: `/repos/${REPO}/pulls/1`, status: 503 });
    const error = await failure(client(fake).rest.pulls.get({ ...where, pull_number: 1 }));
    expect(error.status).toBe(503);
    expect(check(basicError, error.response.data)).toEqual([]);
  });

  it('answers a secondary rate limit as GitHub does: 403, its message and retry-after', async () => {
    fake.fail({ status: 403, secondary: true, retryAfter: 2 });
    const error = await failure(client(fake).rest.repos.get(where));
    expect(error.status).toBe(403);
    expect(error.response.headers['retry-after']).toBe('2');
    expect((error.response.data as { message: string }).message).toMatch(/^You have exceeded a secondary rate limit/);
    const waits: [string, number][] = [];
    fake.fail({ status: 403, secondary: true, retryAfter: 2 });
    expect((await resilient(fake, (kind, after) => waits.push([kind, after])).rest.repos.get(where)).status).toBe(200);
    expect(waits).toEqual([['secondary', 2]]);
  });

  it('answers a primary rate limit with x-ratelimit-remaining 0 until x-ratelimit-reset, which the throttling plugin waits for', async () => {
    fake.fail({ status: 429, retryAfter: 5 });
    const error = await failure(client(fake).rest.repos.get(where));
    expect(error.status).toBe(429);
    expect(error.response.headers['x-ratelimit-remaining']).toBe('0');
    const reset = Number(error.response.headers['x-ratelimit-reset']) - Date.now() / 1000;
    expect(reset).toBeGreaterThan(3);
    expect(reset).toBeLessThanOrEqual(6);
    const waits: [string, number][] = [];
    fake.fail({ status: 403, retryAfter: 5 });
    expect((await resilient(fake, (kind, after) => waits.push([kind, after])).rest.repos.get(where)).status).toBe(200);
    expect(waits).toHaveLength(1);
    expect(waits[0]![0]).toBe('primary');
  });

  it('answers a refused permission with its message, which neither plugin retries', async () => {
    fake.clearRequests();
    fake.fail({ method: 'POST', status: 403, message: 'Resource not accessible by integration' });
    const error = await failure(resilient(fake).rest.repos.createCommitStatus({ ...where, sha: sha(1), state: 'success' }));
    expect(error.status).toBe(403);
    expect(error.response.data).toMatchObject({ message: 'Resource not accessible by integration' });
    expect(fake.count({ method: 'POST' })).toBe(1);
  });

  it('runs out of its own rate limit as GitHub does', async () => {
    const limited = await startFakeGitHub({ rateLimit: { limit: 10, remaining: 1 } });
    limited.repo(REPO);
    try {
      const ok = await client(limited).rest.repos.get(where);
      expect(ok.headers['x-ratelimit-remaining']).toBe('0');
      const error = await failure(client(limited).rest.repos.get(where));
      expect(error.status).toBe(403);
      expect(error.response.data).toMatchObject({ message: expect.stringMatching(/^API rate limit exceeded/) });
    } finally {
      await limited.close();
    }
  });
});

describe('the payloads of the events the gate receives', () => {
  const repository = { fullName: REPO, defaultBranch: 'main' };
  const pullRequest = { number: 7, title: 'Admit Erin', author: 'alice', head: { sha: sha(7), ref: 'admit-erin' }, base: { sha: sha(100) } };

  it("are GitHub's examples retargeted, and conform to the description", () => {
    const payloads: [string, unknown][] = [
      ['pull-request-opened', pullRequestTargetPayload('opened', { repository, pullRequest })],
      ['pull-request-synchronize', pullRequestTargetPayload('synchronize', { repository, pullRequest, before: sha(6) })],
      [
        'pull-request-ready-for-review',
        pullRequestTargetPayload('ready_for_review', {
          repository,
          pullRequest: { ...pullRequest, head: { ...pullRequest.head, repo: 'mallory/governance' } },
        }),
      ],
      ['issue-comment-created', issueCommentPayload({ repository, pullRequest, comment: { body: '/vote yes', user: 'bob', createdAt: day(4) } })],
      [
        'workflow-run-completed',
        workflowRunPayload({ repository, headSha: sha(7), headBranch: 'admit-erin', pullRequests: [{ number: 7, baseSha: sha(100) }] }),
      ],
      ['workflow-dispatch', workflowDispatchPayload({ repository, inputs: { pull_request: '7' } })],
      [
        'push',
        pushPayload({
          repository,
          ref: 'refs/heads/main',
          before: sha(100),
          after: sha(8),
          commits: [
            { id: sha(8), message: 'Admit Erin (#7)', author: { name: 'alice', email: 'alice@example.org', username: 'alice' }, added: ['members/erin.yml'] },
          ],
          pusher: 'alice',
        }),
      ],
    ];
    expect(payloads.flatMap(([name, payload]) => check(webhookSchema(name), payload).map((p) => `${name}: ${p}`))).toEqual([]);
    const opened = payloads[0]![1] as ReturnType<typeof pullRequestTargetPayload>;
    expect(opened.repository.full_name).toBe(REPO);
    expect(opened.pull_request).toMatchObject({
      number: 7,
      head: { sha: sha(7), ref: 'admit-erin' },
      base: { sha: sha(100), ref: 'main' },
      user: { login: 'alice' },
    });
    expect(JSON.stringify(opened)).not.toMatch(/Codertocat\/Hello-World/);
    const fork = payloads[2]![1] as ReturnType<typeof pullRequestTargetPayload>;
    expect(fork.pull_request.head.repo).toMatchObject({ full_name: 'mallory/governance', fork: true });
    const push = payloads[6]![1] as ReturnType<typeof pushPayload>;
    expect(push).toMatchObject({ ref: 'refs/heads/main', before: sha(100), after: sha(8), created: false, deleted: false, pusher: { name: 'alice' } });
    expect(push.head_commit?.id).toBe(sha(8));
    expect(push.repository.full_name).toBe(REPO);
    expect(JSON.stringify(push)).not.toMatch(/Codertocat\/Hello-World/);
    const run = payloads[4]![1] as ReturnType<typeof workflowRunPayload>;
    expect(run.workflow_run).toMatchObject({ name: 'Cooperage review relay', head_sha: sha(7), conclusion: 'success', event: 'pull_request_review' });
    expect(run.workflow_run.pull_requests.map((p) => p.number)).toEqual([7]);
    const fromFork = workflowRunPayload({
      repository,
      headSha: sha(7),
      headBranch: 'main',
      headRepository: 'mallory/governance',
      pullRequests: [{ number: 7, baseSha: sha(100) }],
    });
    expect(fromFork.workflow_run.pull_requests).toEqual([]);
    expect(schedulePayload()).toEqual({ schedule: '*/15 * * * *' });
    expect(schedulePayload({ cron: '0 * * * *', repository })).toMatchObject({
      schedule: '0 * * * *',
      repository: { full_name: REPO },
      sender: { login: 'coop' },
    });
    const comment = issueCommentPayload({
      repository,
      pullRequest,
      comment: { body: '/vote yes', user: 'bob' },
      origins: { api: fake.url, web: fake.webOrigin },
    });
    expect(comment.issue.pull_request?.url).toBe(`${fake.url}/repos/${REPO}/pulls/7`);
    expect(comment.comment.html_url).toMatch(new RegExp(`^https://github.example/${REPO}/pull/7#issuecomment-\\d+$`));
  });
});

describe('the fake remote', () => {
  /** Branches written straight into the remote by one git fast-import, at fixed times. */
  function history(remote: FakeRemote): void {
    const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`;
    let time = 1_767_225_600;
    const commit = (branch: string, mark: number, from: number | undefined, files: Record<string, string>) =>
      `commit refs/heads/${branch}\nmark :${mark}\ncommitter Test <test@example.org> ${time++} +0000\n${data(branch)}${from === undefined ? '' : `from :${from}\n`}` +
      Object.entries(files)
        .map(([path, text]) => `M 100644 inline ${path}\n${data(text)}`)
        .join('') +
      '\n';
    const stream =
      commit('main', 1, undefined, { 'a.txt': 'one\n' }) +
      commit('feature', 2, 1, { 'b.txt': 'two\n' }) +
      commit('clash', 3, 1, { 'a.txt': 'other\n' }) +
      commit('main', 4, 1, { 'a.txt': 'three\n', 'c.txt': 'four\n' });
    execFileSync('git', ['fast-import', '--quiet'], {
      cwd: remote.dir,
      input: stream,
      env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' },
    });
  }

  it('makes refs/pull/N/head and a merge commit at refs/pull/N/merge as GitHub does, and none when the merge conflicts', () => {
    const remote = createRemote();
    const fork = createRemote();
    try {
      history(remote);
      const [main, feature, clash] = remote.git('rev-parse', 'main', 'feature', 'clash').split('\n');
      const one = updatePullRefs(remote, 1, { base: 'main', head: 'feature' });
      expect(one.headSha).toBe(feature);
      expect(remote.git('rev-list', '--parents', '-n', '1', one.mergeSha!)).toBe(`${one.mergeSha} ${main} ${feature}`);
      expect(remote.git('ls-tree', '--name-only', one.mergeSha!).split('\n')).toEqual(['a.txt', 'b.txt', 'c.txt']);

      // A fork's branch, which GitHub copies into the base repository's refs/pull/N/head; the same
      // base and head make the same merge commit.
      expect(pushBranch(fork, remote.dir, 'topic', 'feature')).toBe(feature);
      expect(updatePullRefs(remote, 3, { base: 'main', head: 'refs/heads/topic', fork })).toEqual({ headSha: feature, mergeSha: one.mergeSha });

      // A head that conflicts with the base: no merge commit, and the one there was goes.
      expect(updatePullRefs(remote, 1, { base: main!, head: 'clash' })).toEqual({ headSha: clash, mergeSha: undefined });
      expect(remote.git('for-each-ref', '--format=%(refname) %(objectname)', 'refs/pull/').split('\n')).toEqual([
        `refs/pull/1/head ${clash}`,
        `refs/pull/3/head ${feature}`,
        `refs/pull/3/merge ${one.mergeSha}`,
      ]);
    } finally {
      remote.remove();
      fork.remove();
    }
  });
});

/**
 * Commits written straight into a bare repository by one git fast-import, a second apart: each on
 * `branch`, after `from` (a commit id, or the mark of one written before), by `author` (a login,
 * whose noreply address GitHub links to it). A null file is deleted.
 */
function importCommits(
  remote: FakeRemote,
  commits: { branch: string; mark: number; from?: number | string; files: Record<string, string | null>; message?: string; author?: string }[],
): void {
  const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`;
  let time = 1_767_225_600;
  const stream = commits
    .map((c) => {
      const who = c.author === undefined ? 'Test <test@example.org>' : `${c.author} <${c.author}@users.noreply.github.com>`;
      const from = c.from === undefined ? '' : `from ${typeof c.from === 'number' ? `:${c.from}` : c.from}\n`;
      const files = Object.entries(c.files)
        .map(([path, text]) => (text === null ? `D ${path}\n` : `M 100644 inline ${path}\n${data(text)}`))
        .join('');
      const at = time++;
      return `commit refs/heads/${c.branch}\nmark :${c.mark}\nauthor ${who} ${at} +0000\ncommitter ${who} ${at} +0000\n${data(c.message ?? `${c.branch} ${c.mark}`)}${from}${files}\n`;
    })
    .join('');
  execFileSync('git', ['fast-import', '--quiet'], {
    cwd: remote.dir,
    input: stream,
    env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' },
  });
}

describe('a repository linked to a bare repository', () => {
  const ADMIN = 'coop';
  let linked: FakeGitHub;
  let remote: FakeRemote;
  /** The commits by name, written in beforeAll. */
  const at: Record<string, string> = {};
  const bot = (f: FakeGitHub) => client(f, 'bot-token');
  const admin = (f: FakeGitHub) => client(f, 'admin-token');
  const mutation = 'mutation ($input: CreateCommitOnBranchInput!) { createCommitOnBranch(input: $input) { commit { oid url } ref { name } } }';
  const commitInput = (branchName: string, expectedHeadOid: string, files: Record<string, string>, deletions: string[] = []) => ({
    input: {
      branch: { repositoryNameWithOwner: REPO, branchName },
      message: { headline: 'Record #1', body: 'Decided.' },
      expectedHeadOid,
      fileChanges: {
        additions: Object.entries(files).map(([path, text]) => ({ path, contents: Buffer.from(text).toString('base64') })),
        deletions: deletions.map((path) => ({ path })),
      },
    },
  });
  const tip = (branch: string) => remote.rev(`refs/heads/${branch}`);
  const files = (commit: string) => remote.git('ls-tree', '-r', '--name-only', commit).split('\n');

  beforeAll(async () => {
    remote = createRemote();
    importCommits(remote, [
      { branch: 'main', mark: 1, files: { 'a.txt': 'one\n', 'b.txt': 'two\n' }, author: 'alice' },
      { branch: 'main', mark: 2, from: 1, files: { 'a.txt': 'one\nmore\n' }, author: 'alice' },
      { branch: 'one', mark: 3, from: 2, files: { 'x1.txt': 'x1\n' }, author: 'alice', message: 'Add x1' },
      { branch: 'two', mark: 4, from: 2, files: { 'x2.txt': 'x2\n' }, author: 'bob', message: 'Add x2' },
      { branch: 'two', mark: 5, from: 4, files: { 'y2.txt': 'y2\n' }, author: 'bob', message: 'Add y2' },
      { branch: 'three', mark: 6, from: 2, files: { 'x3.txt': 'x3\n' }, author: 'carol', message: 'Add x3' },
      { branch: 'three', mark: 7, from: 6, files: { 'x3.txt': 'x3, again\n' }, author: 'carol', message: 'Change x3' },
      { branch: 'clash', mark: 8, from: 1, files: { 'a.txt': 'other\n' }, author: 'dan', message: 'Clash' },
    ]);
    const names = ['root', 'main', 'one', 'twoA', 'two', 'threeA', 'three', 'clash'];
    const ids = remote.git('rev-parse', 'main~1', 'main', 'one', 'two~1', 'two', 'three~1', 'three', 'clash').split('\n');
    names.forEach((name, i) => (at[name] = ids[i]!));
    let clock = Date.parse('2026-12-20T12:00:00Z');
    linked = await startFakeGitHub({
      clock: () => new Date((clock += 60_000)).toISOString(),
      tokens: { 'bot-token': 'github-actions[bot]', 'admin-token': ADMIN, secret: 'github-actions[bot]' },
    });
    for (const login of ['alice', 'bob', 'carol', 'dan']) linked.addUser(login);
    linked.repo(REPO, { git: remote.dir });
  });

  afterAll(async () => {
    await linked.close();
    remote.remove();
  });

  it('reads its branches live from git, and serves, creates, moves and deletes them as the refs API does', async () => {
    const o = bot(linked);
    // A plain git push, which the fake sees at once; a branch name with slashes.
    pushBranch(remote, remote.dir, 'record/pushed', at.main);
    const got = await o.rest.git.getRef({ ...where, ref: 'heads/record/pushed' });
    expect(got.data).toMatchObject({ ref: 'refs/heads/record/pushed', object: { sha: at.main, type: 'commit' } });
    expect(got.data.url).toBe(`${linked.url}/repos/${REPO}/git/refs/heads/record/pushed`);
    const calls: [string, () => Promise<{ status: number; data: unknown }>][] = [
      ['get', () => Promise.resolve(got)],
      ['create', () => o.rest.git.createRef({ ...where, ref: 'refs/heads/record/1', sha: at.root! })],
      ['fast-forward', () => o.rest.git.updateRef({ ...where, ref: 'heads/record/1', sha: at.main! })],
      ['force', () => o.rest.git.updateRef({ ...where, ref: 'heads/record/1', sha: at.clash!, force: true })],
      ['delete', () => o.rest.git.deleteRef({ ...where, ref: 'heads/record/1' })],
    ];
    for (const [name, call] of calls) {
      const response = await call();
      const request = name === 'get' ? linked.requests.find((r) => r.pathname.includes('/git/ref/'))! : linked.requests.at(-1)!;
      expect([name, requestProblems(request)]).toEqual([name, []]);
      expect([name, responseProblems(request.method, request.pathname, response.status, response.data)]).toEqual([name, []]);
    }
    expect(linked.requests.at(-3)!.status).toBe(200);
    expect(tip('record/1')).toBeUndefined();
    expect(linked.count({ method: 'POST', path: `/repos/${REPO}/git/refs`, status: 201 })).toBe(1);

    const missing = await failure(o.rest.git.getRef({ ...where, ref: 'heads/nothing' }));
    expect(missing.status).toBe(404);
    expect(responseProblems('GET', `/repos/${REPO}/git/ref/heads%2Fnothing`, 404, missing.response.data)).toEqual([]);
    const refusals: [() => Promise<unknown>, string][] = [
      [() => o.rest.git.createRef({ ...where, ref: 'refs/heads/record/pushed', sha: at.main! }), 'Reference already exists'],
      [() => o.rest.git.createRef({ ...where, ref: 'refs/heads/record/2', sha: sha(5) }), 'Object does not exist'],
      [() => o.rest.git.updateRef({ ...where, ref: 'heads/record/pushed', sha: at.clash! }), 'Update is not a fast forward'],
      [() => o.rest.git.updateRef({ ...where, ref: 'heads/nothing', sha: at.main! }), 'Reference does not exist'],
      [() => o.rest.git.deleteRef({ ...where, ref: 'heads/nothing' }), 'Reference does not exist'],
    ];
    for (const [request, message] of refusals) {
      const error = await failure(request());
      expect([error.status, (error.response.data as { message: string }).message]).toEqual([422, message]);
      expect(check(validationError, error.response.data)).toEqual([]);
    }
    expect(tip('record/pushed')).toBe(at.main);
  });

  it('lands createCommitOnBranch as a commit GitHub signs, on the tip, with the changes, and refuses a stale one', async () => {
    const o = bot(linked);
    await o.rest.git.createRef({ ...where, ref: 'refs/heads/cooperage/record-1', sha: at.main! });
    const landed = await o.graphql<{ createCommitOnBranch: { commit: { oid: string; url: string }; ref: { name: string } } }>(
      mutation,
      commitInput('cooperage/record-1', at.main!, { 'records/0001.yml': 'number: 1\n' }, ['b.txt']),
    );
    const { oid, url } = landed.createCommitOnBranch.commit;
    expect(url).toBe(`https://github.example/${REPO}/commit/${oid}`);
    expect(landed.createCommitOnBranch.ref).toEqual({ name: 'cooperage/record-1' });
    expect(tip('cooperage/record-1')).toBe(oid);
    expect(remote.git('rev-list', '--parents', '-n', '1', oid)).toBe(`${oid} ${at.main}`);
    expect(files(oid)).toEqual(['a.txt', 'records/0001.yml']);
    expect(remote.git('show', `${oid}:records/0001.yml`)).toBe('number: 1');
    // Authored by the token's account, committed by GitHub, at the fake's clock.
    expect(remote.git('log', '-1', '--format=%an <%ae>|%cn <%ce>|%B', oid)).toBe(
      'github-actions[bot] <41898282+github-actions[bot]@users.noreply.github.com>|GitHub <noreply@github.com>|Record #1\n\nDecided.',
    );
    expect(remote.git('log', '-1', '--format=%cI', oid)).toMatch(/^2026-12-20T12:\d\d:00\+00:00$/);
    expect(linked.requests.at(-1)).toMatchObject({ method: 'POST', pathname: '/graphql', status: 200 });

    // Its signature, and an ordinary commit's absence of one.
    const signed = await o.rest.repos.getCommit({ ...where, ref: oid });
    expect(responseProblems('GET', `/repos/${REPO}/commits/${oid}`, 200, signed.data)).toEqual([]);
    expect(requestProblems(linked.requests.at(-1)!)).toEqual([]);
    expect(signed.data.commit.verification).toMatchObject({
      verified: true,
      reason: 'valid',
      signature: expect.stringMatching(/^-----BEGIN PGP SIGNATURE-----/),
    });
    expect(signed.data.commit.verification?.payload).toBe(
      remote
        .git('cat-file', 'commit', oid)
        .replace(/\ngpgsig [^\n]*(?:\n [^\n]*)*/, '')
        .concat('\n'),
    );
    expect(signed.data.commit.verification?.verified_at).toBe(signed.data.commit.committer?.date);
    expect(signed.data.author).toMatchObject({ login: 'github-actions[bot]', type: 'Bot' });
    expect(signed.data.committer).toMatchObject({ login: 'web-flow' });
    expect(signed.data.parents.map((p) => p.sha)).toEqual([at.main]);
    const plain = await o.rest.repos.getCommit({ ...where, ref: 'main' });
    expect(plain.data.sha).toBe(at.main);
    expect(plain.data.commit.verification).toEqual({ verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null });
    expect(plain.data.author).toMatchObject({ login: 'alice' });
    expect(responseProblems('GET', `/repos/${REPO}/commits/main`, 200, plain.data)).toEqual([]);
    const unknown = await failure(o.rest.repos.getCommit({ ...where, ref: sha(5) }));
    expect([unknown.status, (unknown.response.data as { message: string }).message]).toEqual([422, `No commit found for SHA: ${sha(5)}`]);

    // A stale expected head, a branch that is not there, a field the payload does not have: nothing lands.
    const refused = async (variables: unknown, query = mutation) => {
      const error = (await failure(o.graphql(query, variables as never))) as unknown as { errors: { type?: string; message: string; path?: string[] }[] };
      return error.errors.map((e) => [e.type, e.message, e.path]);
    };
    expect(await refused(commitInput('cooperage/record-1', at.main!, { 'x.txt': 'x' }))).toEqual([
      ['STALE_DATA', `Expected branch to point to "${at.main}" but it did not. Pull and try again.`, ['createCommitOnBranch']],
    ]);
    expect(await refused(commitInput('nothing', at.main!, { 'x.txt': 'x' }))).toEqual([
      ['NOT_FOUND', 'Could not resolve to a Ref named "refs/heads/nothing".', ['createCommitOnBranch']],
    ]);
    expect(await refused(commitInput('cooperage/record-1', oid, { 'x.txt': 'x' }), mutation.replace('oid url', 'oid sha'))).toEqual([
      [undefined, "Field 'sha' doesn't exist on type 'Commit'", undefined],
    ]);
    expect(tip('cooperage/record-1')).toBe(oid);

    // Injected failures and the rate limit of GraphQL, counted apart from REST's.
    linked.fail({ method: 'POST', path: '/graphql', status: 502 });
    const down = await failure(o.graphql(mutation, commitInput('cooperage/record-1', oid, { 'x.txt': 'x' })));
    expect(down.status).toBe(502);
    expect(linked.count({ method: 'POST', path: '/graphql', status: 502 })).toBe(1);
    expect(tip('cooperage/record-1')).toBe(oid);
    const again = await o.request('POST /graphql', { query: mutation, ...commitInput('cooperage/record-1', oid, { 'x.txt': 'x' }) });
    expect(again.headers['x-ratelimit-resource']).toBe('graphql');
    expect(linked.requests.at(-1)?.body).toMatchObject({ query: mutation });
  });

  it('holds a protected branch to its ruleset: a success of the required status set by github-actions[bot], unless the login bypasses it', async () => {
    linked.protect(REPO, 'main', { requiredStatus: 'cooperage/decision', bypass: [ADMIN] });
    const o = bot(linked);
    const start = tip('main')!;
    await o.rest.git.createRef({ ...where, ref: 'refs/heads/cooperage/record-2', sha: start });
    const made = await o.graphql<{ createCommitOnBranch: { commit: { oid: string } } }>(
      mutation,
      commitInput('cooperage/record-2', start, { 'records/0002.yml': 'number: 2\n' }),
    );
    const record = made.createCommitOnBranch.commit.oid;
    const violation = (state: string) => `Repository rule violations found\n\nRequired status check "cooperage/decision" ${state}.\n\n`;
    const fastForward = () => failure(o.rest.git.updateRef({ ...where, ref: 'heads/main', sha: record }));

    const expected = await fastForward();
    expect([expected.status, (expected.response.data as { message: string }).message]).toEqual([422, violation('is expected')]);
    expect(responseProblems('PATCH', `/repos/${REPO}/git/refs/heads%2Fmain`, 422, expected.response.data)).toEqual([]);
    // A success someone else set is not the one the ruleset waits for.
    linked.addStatus(REPO, record, { state: 'success', context: 'cooperage/decision', creator: 'alice' });
    expect((await fastForward()).response.data).toMatchObject({ message: violation('is expected') });
    await o.rest.repos.createCommitStatus({ ...where, sha: record, state: 'pending', context: 'cooperage/decision' });
    expect((await fastForward()).response.data).toMatchObject({ message: violation('is pending') });
    await o.rest.repos.createCommitStatus({ ...where, sha: record, state: 'failure', context: 'cooperage/decision' });
    expect((await fastForward()).response.data).toMatchObject({ message: violation('is failing') });
    expect(tip('main')).toBe(start);

    // Straight onto the protected branch, the new commit has no status yet: refused, and main stays.
    const direct = (await failure(o.graphql(mutation, commitInput('main', start, { 'x.txt': 'x' })))) as unknown as {
      errors: { type: string; message: string }[];
    };
    expect(direct.errors.map((e) => [e.type, e.message])).toEqual([['UNPROCESSABLE', violation('is expected')]]);
    expect(tip('main')).toBe(start);
    // Nor may a protected branch be made, or deleted, without it.
    linked.protect(REPO, 'release', { requiredStatus: 'cooperage/decision' });
    expect((await failure(o.rest.git.createRef({ ...where, ref: 'refs/heads/release', sha: start }))).response.data).toMatchObject({
      message: violation('is expected'),
    });
    const deletion = await failure(o.rest.git.deleteRef({ ...where, ref: 'heads/main' }));
    expect([deletion.status, (deletion.response.data as { message: string }).message]).toEqual([
      422,
      'Repository rule violations found\n\nCannot delete this branch\n\n',
    ]);

    await o.rest.repos.createCommitStatus({ ...where, sha: record, state: 'success', context: 'cooperage/decision' });
    const moved = await o.rest.git.updateRef({ ...where, ref: 'heads/main', sha: record, force: false });
    expect(moved.data.object.sha).toBe(record);
    expect(tip('main')).toBe(record);
    await o.rest.git.deleteRef({ ...where, ref: 'heads/cooperage/record-2' });
    expect(tip('cooperage/record-2')).toBeUndefined();

    // A login on the bypass list moves it without the status.
    const bypassed = await admin(linked).graphql<{ createCommitOnBranch: { commit: { oid: string } } }>(
      mutation,
      commitInput('main', record, { 'records/0003.yml': 'number: 3\n' }),
    );
    expect(tip('main')).toBe(bypassed.createCommitOnBranch.commit.oid);
    expect(remote.git('log', '-1', '--format=%an', 'main')).toBe(ADMIN);
  });

  it('merges, squashes and rebases as GitHub does, and associates every landed commit with its pull request', async () => {
    const base = () => tip('main')!;
    const open = (number: number, branch: string, author: string) =>
      linked.openPullRequest(REPO, {
        number: 100 + number,
        title: `Change ${number}`,
        author,
        head: { sha: tip(branch)!, ref: branch },
        base: { ref: 'main', sha: base() },
      });
    open(1, 'one', 'alice');
    open(2, 'two', 'bob');
    open(3, 'three', 'carol');
    open(4, 'clash', 'dan');

    const merged = linked.merge(REPO, 101, { method: 'merge', at: '2026-12-21T10:00:00Z', by: 'bob' });
    expect(merged.commits).toHaveLength(1);
    expect(merged.after).toBe(tip('main'));
    expect(remote.git('rev-list', '--parents', '-n', '1', merged.after)).toBe(`${merged.after} ${merged.before} ${at.one}`);
    expect(remote.git('log', '-1', '--format=%s|%an|%cn', merged.after)).toBe('Merge pull request #101 from coop/one|bob|GitHub');

    const squashed = linked.merge(REPO, 102, { method: 'squash', at: '2026-12-21T11:00:00Z' });
    expect(squashed.before).toBe(merged.after);
    expect(remote.git('rev-list', '--parents', '-n', '1', squashed.after)).toBe(`${squashed.after} ${squashed.before}`);
    expect(files(squashed.after)).toContain('y2.txt');
    expect(remote.git('log', '-1', '--format=%s|%an', squashed.after)).toBe('Change 2 (#102)|bob');

    const rebased = linked.merge(REPO, 103, { method: 'rebase', at: '2026-12-21T12:00:00Z', by: 'alice' });
    expect(rebased.commits).toHaveLength(2);
    expect(remote.git('rev-list', '--reverse', `${rebased.before}..${rebased.after}`).split('\n')).toEqual(rebased.commits);
    expect(remote.git('log', '--reverse', '--format=%s|%an|%cn|%cI', `${rebased.before}..${rebased.after}`).split('\n')).toEqual([
      'Add x3|carol|alice|2026-12-21T12:00:00+00:00',
      'Change x3|carol|alice|2026-12-21T12:00:00+00:00',
    ]);
    expect(remote.git('show', `${rebased.after}:x3.txt`)).toBe('x3, again');
    expect(tip('main')).toBe(rebased.after);

    expect(() => linked.merge(REPO, 104, { method: 'merge' })).toThrow(/conflicts with main/);
    expect(() => linked.merge(REPO, 103, { method: 'merge' })).toThrow(/merged already/);
    expect(tip('main')).toBe(rebased.after);

    const o = bot(linked);
    const landed: [number, string][] = [
      [101, merged.after],
      [102, squashed.after],
      [103, rebased.commits[0]!],
      [103, rebased.commits[1]!],
      [101, at.one!],
    ];
    for (const [number, commit] of landed) {
      const { data } = await o.rest.repos.listPullRequestsAssociatedWithCommit({ ...where, commit_sha: commit });
      expect([commit, data.map((p) => p.number)]).toEqual([commit, [number]]);
    }
    const { data: pull } = await o.rest.pulls.get({ ...where, pull_number: 103 });
    expect(pull).toMatchObject({
      state: 'closed',
      merged: true,
      merged_at: '2026-12-21T12:00:00Z',
      merge_commit_sha: rebased.after,
      merged_by: { login: 'alice' },
    });
    expect(linked.pullRequest(REPO, 102)).toMatchObject({ merged: true, merge_commit_sha: squashed.after, merged_by: { login: 'coop' } });
    // GitHub signs the merge and squash commits it makes, not the commits of a rebase.
    const verified = async (commit: string) => (await o.rest.repos.getCommit({ ...where, ref: commit })).data.commit.verification?.reason;
    expect([await verified(merged.after), await verified(squashed.after), await verified(rebased.commits[0]!), await verified(rebased.after)]).toEqual([
      'valid',
      'valid',
      'unsigned',
      'unsigned',
    ]);
  });

  it('finds an open issue by its label, and updates and closes it', async () => {
    const o = bot(linked);
    const first = linked.openIssue(REPO, { title: 'Unrelated', author: 'alice', labels: ['question'] });
    const { data: created } = await o.rest.issues.create({ ...where, title: 'Cooperage audit', body: 'One violation', labels: ['cooperage-audit'] });
    expect(created.number).toBe(first + 1);
    expect(created.number).toBeGreaterThan(104);
    expect(created.labels).toEqual([expect.objectContaining({ name: 'cooperage-audit', color: 'ededed' })]);
    expect(created.user).toMatchObject({ login: 'github-actions[bot]' });
    expect(created.html_url).toBe(`https://github.example/${REPO}/issues/${created.number}`);
    const byLabel = await o.paginate(o.rest.issues.listForRepo, { ...where, state: 'open', labels: 'cooperage-audit', per_page: 100 });
    expect(byLabel.map((i) => i.number)).toEqual([created.number]);
    // Pull requests are listed too, with pull_request, as GitHub lists them.
    const all = await o.rest.issues.listForRepo({ ...where, state: 'all', per_page: 100 });
    expect(all.data.filter((i) => i.pull_request !== undefined).map((i) => i.number)).toContain(103);
    expect(all.data.filter((i) => i.pull_request === undefined).map((i) => i.number)).toEqual([created.number, first]);

    await o.rest.issues.createComment({ ...where, issue_number: created.number, body: 'Seen again' });
    expect(linked.comments(REPO, created.number).map((c) => [c.body, c.html_url.includes(`/issues/${created.number}#issuecomment-`)])).toEqual([
      ['Seen again', true],
    ]);
    const { data: updated } = await o.rest.issues.update({ ...where, issue_number: created.number, body: 'Two violations' });
    expect([updated.body, updated.comments]).toEqual(['Two violations', 1]);
    await o.rest.issues.update({ ...where, issue_number: created.number, state: 'closed' });
    expect(await o.paginate(o.rest.issues.listForRepo, { ...where, state: 'open', labels: 'cooperage-audit' })).toEqual([]);
    expect(linked.issues(REPO).map((i) => [i.number, i.state, i.state_reason, i.closed_by?.login ?? null])).toEqual([
      [first, 'open', null, null],
      [created.number, 'closed', 'completed', 'github-actions[bot]'],
    ]);
    const { data: events } = await o.rest.issues.listEvents({ ...where, issue_number: created.number });
    expect(events.map((e) => e.event)).toEqual(['closed']);
    const missing = await failure(o.rest.issues.get({ ...where, issue_number: 999 }));
    expect(missing.status).toBe(404);
  });

  it('says what it cannot do in a repository not linked to git', async () => {
    const error = await failure(client(fake).rest.repos.getCommit({ ...where, ref: sha(1) }));
    expect(error.status).toBe(500);
    expect((error.response.data as { message: string }).message).toMatch(/link it to a bare repository/);
    expect(() => fake.merge(REPO, 1, { method: 'merge' })).toThrow(/link it to a bare repository/);
  });
});
