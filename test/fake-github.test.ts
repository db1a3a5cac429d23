// Holds the fake GitHub (test/support/fake-github.ts) to GitHub's OpenAPI description: each operation it serves, asked as octokit asks, answers as described; and its pagination, ETags, failures and errors are GitHub's.
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
import { issueCommentPayload, pullRequestTargetPayload, schedulePayload, workflowDispatchPayload, workflowRunPayload } from './support/webhook-payloads.ts';

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
