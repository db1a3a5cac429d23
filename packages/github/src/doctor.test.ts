// checkSetup against the loopback fake GitHub: a repository set up as docs/forge.md says, and each setting that would stop Cooperage, named with its fix.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub, type RulesetJsonSpec } from '../../../test/support/fake-github.ts';
import { allowedBy, checkSetup, type DoctorFinding, type SetupInput } from './doctor.ts';
import { GitHubForge } from './github.ts';

const REPO = 'commons/garden';
const GATE = '.github/workflows/cooperage-gate.yml';
const RELAY = '.github/workflows/cooperage-review-relay.yml';
const RECORD = '.github/workflows/cooperage-record.yml';
const DECISION = { context: 'cooperage/decision', integration_id: 15368 };

const input: SetupInput = {
  branch: 'main',
  workflows: [GATE, RELAY, RECORD],
  actions: ['actions/checkout@v4', 'cooperage/cooperage/actions/tally@v0', 'cooperage/cooperage/actions/record@v0'],
  recordToken: false,
  members: [
    { handle: 'ana', login: 'AnaCosta', file: 'governance/members/ana.yaml' },
    { handle: 'bob', login: 'bobsilva', file: 'governance/members/bob.yaml' },
  ],
  rulesetFile: '.github/rulesets/cooperage-decision.json',
};

/** The ruleset .github/rulesets/cooperage-decision.json holds, with other rules or another status check. */
function ruleset(checks: { context: string; integration_id?: number }[] = [DECISION], more: RulesetJsonSpec['rules'] = []): RulesetJsonSpec {
  return {
    name: 'Cooperage: decisions gate the default branch',
    rules: [
      { type: 'required_status_checks', parameters: { strict_required_status_checks_policy: false, required_status_checks: checks } },
      { type: 'non_fast_forward' },
      { type: 'deletion' },
      ...more,
    ],
  };
}

let fake: FakeGitHub;
let forge: GitHubForge;

beforeEach(async () => {
  fake = await startFakeGitHub();
  fake.repo(REPO, { defaultBranch: 'main' });
  fake.addUser('AnaCosta');
  fake.addUser('bobsilva');
  for (const [path, name] of [
    [GATE, 'Cooperage gate'],
    [RELAY, 'Cooperage review relay'],
    [RECORD, 'Cooperage record'],
  ] as const)
    fake.workflow(REPO, { path, name });
  forge = new GitHubForge({ repository: REPO, token: 'ghs_test', apiUrl: fake.url, marker: '<!-- m -->', retries: 0, retryUnitMs: 1 });
});

afterEach(() => fake.close());

const errors = (findings: DoctorFinding[]) => findings.filter((f) => !f.ok && f.severity === 'error');
const named = (findings: DoctorFinding[], check: string) => findings.filter((f) => f.check === check);

describe('checkSetup', () => {
  it('finds nothing wrong in a repository set up as docs/forge.md says, a read-only default token included', async () => {
    fake.ruleset(REPO, ruleset());
    const findings = await checkSetup(forge, input);
    expect(errors(findings)).toEqual([]);
    expect(findings.filter((f) => !f.ok)).toEqual([]);
    expect(named(findings, 'ruleset.required-status')[0]!.message).toBe('main requires cooperage/decision, set by GitHub Actions.');
    expect(named(findings, 'workflows.token')[0]!.message).toContain('read-only by default: fine');
    expect(named(findings, 'workflows.state')).toHaveLength(3);
    // The repository, the branch's rules, Actions' permissions and its token's, the workflows, two users.
    expect(forge.requests).toBe(7);
    expect(fake.count()).toBe(7);
  });

  it('says how to create the ruleset when none is in force on the default branch, and names one that is not enforced', async () => {
    fake.ruleset(REPO, { ...ruleset(), enforcement: 'evaluate' });
    const findings = errors(await checkSetup(forge, input));
    expect(findings.map((f) => f.check)).toEqual(['ruleset.required-status', 'ruleset.force-push', 'ruleset.deletion']);
    expect(findings[0]!.message).toContain('No ruleset in force on main requires the status cooperage/decision');
    expect(findings[0]!.message).toContain('"Cooperage: decisions gate the default branch" (evaluate) is not enforced');
    expect(findings[0]!.fix).toContain(`gh api -X POST repos/${REPO}/rulesets --input .github/rulesets/cooperage-decision.json`);
  });

  it('refuses cooperage/decision required from any source, or from another app, with the page of its ruleset', async () => {
    const any = fake.ruleset(REPO, ruleset([{ context: 'cooperage/decision' }]));
    let found = errors(await checkSetup(forge, input));
    expect(found.map((f) => f.check)).toEqual(['ruleset.required-status']);
    expect(found[0]!.message).toContain('from any source: anyone whose token can set commit statuses');
    expect(found[0]!.fix).toContain(`https://github.com/${REPO}/settings/rules/${any}`);

    const other = await startFakeGitHub();
    other.repo(REPO);
    for (const login of ['AnaCosta', 'bobsilva']) other.addUser(login);
    for (const path of [GATE, RELAY, RECORD]) other.workflow(REPO, { path, name: path });
    other.ruleset(REPO, ruleset([{ context: 'cooperage/decision', integration_id: 99 }]));
    try {
      found = errors(await checkSetup(new GitHubForge({ repository: REPO, token: 't', apiUrl: other.url, marker: 'm', retries: 0 }), input));
      expect(found.map((f) => f.check)).toEqual(['ruleset.required-status']);
      expect(found[0]!.message).toContain('from the app 99, not GitHub Actions (15368)');
    } finally {
      await other.close();
    }
  });

  it('names a pull_request rule and another required status as stopping the records, and says how to let them land', async () => {
    const id = fake.ruleset(REPO, ruleset([DECISION, { context: 'ci/tests' }], [{ type: 'pull_request' }, { type: 'required_signatures' }]));
    const findings = await checkSetup(forge, input);
    const records = errors(findings);
    expect(records.map((f) => f.check)).toEqual(['ruleset.records', 'ruleset.records']);
    expect(records[0]!.message).toBe(
      'The rule required_status_checks of the ruleset "Cooperage: decisions gate the default branch" requires the status ci/tests, which the record commit never gets (the record action sets cooperage/decision alone): decision records cannot land on main.',
    );
    expect(records[1]!.message).toContain(
      'The rule pull_request of the ruleset "Cooperage: decisions gate the default branch" requires every change to come through a pull request',
    );
    expect(records[1]!.fix).toContain(`Remove the rule at https://github.com/${REPO}/settings/rules/${id}, or put a GitHub App on its bypass list`);
    expect(records[1]!.fix).toContain('docs/forge.md, "Records"');
    expect(findings.find((f) => f.message.includes('requires signed commits'))).toMatchObject({ ok: true, severity: 'info' });
  });

  it('lets a pull_request rule be when a GitHub App bypasses it and the record workflow gives its token, and says to give it otherwise', async () => {
    fake.ruleset(REPO, { ...ruleset([DECISION], [{ type: 'pull_request' }]), bypass: [{ actor_id: 777, actor_type: 'Integration', bypass_mode: 'always' }] });
    const without = errors(await checkSetup(forge, input));
    expect(without.map((f) => f.fix)).toEqual([expect.stringContaining('A GitHub App is on its bypass list: give its token to the record action as `token:`')]);
    expect(errors(await checkSetup(forge, { ...input, recordToken: true }))).toEqual([]);
  });

  it('says Actions is disabled, how to enable it, and checks selected actions against what the workflows use', async () => {
    fake.ruleset(REPO, ruleset());
    fake.actionsPermissions(REPO, { enabled: false });
    let found = errors(await checkSetup(forge, input));
    expect(found.map((f) => [f.check, f.fix])).toEqual([
      [
        'workflows.actions',
        `gh api -X PUT repos/${REPO}/actions/permissions -F enabled=true -f allowed_actions=all, or at https://github.com/${REPO}/settings/actions: "Allow all actions and reusable workflows".`,
      ],
    ]);
    fake.actionsPermissions(REPO, { enabled: true, allowedActions: 'selected', selected: { githubOwnedAllowed: true, patternsAllowed: ['someone/*'] } });
    found = errors(await checkSetup(forge, input));
    expect(found[0]!.message).toBe(
      'Actions allows only selected actions, and not cooperage/cooperage/actions/tally@v0, cooperage/cooperage/actions/record@v0: the workflows that use them fail.',
    );
    expect(found[0]!.fix).toContain('add cooperage/cooperage/* to the allowed actions');
    fake.actionsPermissions(REPO, { selected: { patternsAllowed: ['cooperage/cooperage/*'] } });
    expect(errors(await checkSetup(forge, input))).toEqual([]);
  });

  it('names a workflow GitHub disabled after 60 days without activity, with the command that enables it', async () => {
    fake.ruleset(REPO, ruleset());
    const id = fake.workflow(REPO, { path: GATE, name: 'Cooperage gate', state: 'disabled_inactivity' });
    const found = errors(await checkSetup(forge, input));
    expect(found.map((f) => f.check)).toEqual(['workflows.state']);
    expect(found[0]!.message).toContain(
      '.github/workflows/cooperage-gate.yml ("Cooperage gate") is disabled_inactivity: GitHub disabled it after 60 days without activity',
    );
    expect(found[0]!.fix).toContain(`gh api -X PUT repos/${REPO}/actions/workflows/${id}/enable`);
  });

  it('names a login that is no GitHub account, and a workflow not yet on the default branch', async () => {
    fake.ruleset(REPO, ruleset());
    const found = errors(
      await checkSetup(forge, {
        ...input,
        workflows: [...input.workflows, '.github/workflows/cooperage-check.yml'],
        members: [...input.members, { handle: 'carol', login: 'carrol-typo', file: 'governance/members/carol.yaml' }],
      }),
    );
    expect(found.map((f) => f.check)).toEqual(['workflows.state', 'members.account']);
    expect(found[0]!.message).toBe('GitHub has no workflow .github/workflows/cooperage-check.yml: it is not on the default branch yet, so it never runs.');
    expect(found[1]!.message).toBe(
      "carol's login carrol-typo (governance/members/carol.yaml) is no GitHub account: a typo, or an account renamed since. Their votes are not counted.",
    );
  });

  it("says when GitHub's default branch is not the clone's, and when the token may not read Actions' settings", async () => {
    fake.ruleset(REPO, ruleset());
    fake.fail({ path: `/repos/${REPO}/actions/permissions`, status: 403, message: 'Resource not accessible by integration' });
    const findings = await checkSetup(forge, { ...input, branch: 'trunk' });
    expect(errors(findings).map((f) => f.check)).toEqual(['workflows.default-branch']);
    expect(findings.find((f) => f.check === 'workflows.actions')).toMatchObject({
      ok: false,
      severity: 'warning',
      message:
        'GitHub would not show whether Actions is enabled and which actions it allows to this token (403: Resource not accessible by integration), so it was not checked.',
    });
  });
});

describe('allowedBy', () => {
  it.each([
    ['actions/checkout@v4', { githubOwnedAllowed: true, verifiedAllowed: false, patternsAllowed: [] }, true],
    ['actions/checkout@v4', { githubOwnedAllowed: false, verifiedAllowed: false, patternsAllowed: [] }, false],
    ['cooperage/cooperage/actions/tally@v0', { githubOwnedAllowed: true, verifiedAllowed: false, patternsAllowed: ['cooperage/*'] }, true],
    ['cooperage/cooperage/actions/tally@v0', { githubOwnedAllowed: true, verifiedAllowed: false, patternsAllowed: ['cooperage/cooperage@*'] }, false],
    [
      'cooperage/cooperage/actions/tally@v0',
      { githubOwnedAllowed: true, verifiedAllowed: false, patternsAllowed: ['cooperage/cooperage/actions/tally@v0'] },
      true,
    ],
    [
      'cooperage/cooperage/actions/tally@v1',
      { githubOwnedAllowed: true, verifiedAllowed: false, patternsAllowed: ['cooperage/cooperage/actions/tally@v0'] },
      false,
    ],
  ])('%s under %j: %s', (uses, selected, allowed) => {
    expect(allowedBy(uses, selected)).toBe(allowed);
  });
});
