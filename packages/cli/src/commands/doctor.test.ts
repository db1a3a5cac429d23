// coop doctor in-process: a disco repository with Cooperage's workflows, offline and against the loopback fake GitHub.
import { cpSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from '../../../../test/support/fake-github.ts';
import { runCoop } from '../../../../test/support/io.ts';
import { copyOf, type TestRepo } from '../../../../test/support/repo.ts';

const REPO = 'commons/garden';
const WORKFLOWS = join(import.meta.dirname, '../../../../actions/workflows');
const NAMES: Record<string, string> = {
  'cooperage-gate.yml': 'Cooperage gate',
  'cooperage-review-relay.yml': 'Cooperage review relay',
  'cooperage-record.yml': 'Cooperage record',
  'cooperage-check.yml': 'Cooperage check',
};

/** A disco collective founded by ana (GitHub: AnaCosta), its genesis holding Cooperage's workflows, its origin on GitHub. */
async function garden(): Promise<TestRepo> {
  const work = await copyOf('doctor-garden', async (template) => {
    const init = await runCoop(['init', template.dir, '--preset', 'disco', '--founder', 'ana, Ana Costa, AnaCosta', '--since', '2026-01-05']);
    expect(init.code).toBe(0);
    cpSync(WORKFLOWS, join(template.dir, '.github/workflows'), { recursive: true });
    template.commit('genesis', { date: '2026-01-05T09:00:00Z' });
    template.git('remote', 'add', 'origin', `https://github.com/${REPO}.git`);
  });
  onTestFinished(() => work.remove());
  return work;
}

/** The fake GitHub with the repository set up as docs/forge.md says. */
async function github(): Promise<{ fake: FakeGitHub; env: Record<string, string> }> {
  const fake = await startFakeGitHub();
  fake.repo(REPO, { defaultBranch: 'main' });
  fake.addUser('AnaCosta');
  for (const file of readdirSync(WORKFLOWS)) fake.workflow(REPO, { path: `.github/workflows/${file}`, name: NAMES[file]! });
  fake.ruleset(REPO, {
    name: 'Cooperage: decisions gate the default branch',
    rules: [
      {
        type: 'required_status_checks',
        parameters: { strict_required_status_checks_policy: false, required_status_checks: [{ context: 'cooperage/decision', integration_id: 15368 }] },
      },
      { type: 'non_fast_forward' },
      { type: 'deletion' },
    ],
  });
  onTestFinished(() => fake.close());
  return { fake, env: { GITHUB_TOKEN: 'ghs_test', GITHUB_API_URL: fake.url } };
}

describe('coop doctor', () => {
  it('finds nothing wrong in a repository set up as docs/forge.md says, and says how many requests it made', async () => {
    const work = await garden();
    const { fake, env } = await github();
    const run = await runCoop(['doctor', '--repo', work.dir], { env });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Files\n  ✓ The governance state is valid.\n');
    expect(run.stdout).toContain("  ✓ .github/workflows/cooperage-gate.yml is Cooperage's");
    expect(run.stdout).toContain("The default branch's ruleset\n  ✓ main requires cooperage/decision, set by GitHub Actions.\n");
    expect(run.stdout).toContain('  ✓ .github/workflows/cooperage-review-relay.yml ("Cooperage review relay") is active.\n');
    expect(run.stdout).toContain("Members\n  ✓ Every member who votes has a GitHub login.\n  ✓ Every member's login is a GitHub account (1).\n");
    expect(run.stdout).not.toContain('skipped');
    // The repository, the branch's rules, Actions' permissions and its token's, the workflows, one user.
    expect(run.stdout).toMatch(/\n✓ Nothing wrong found\.\nRead from GitHub \(commons\/garden\): 6 requests\.\n$/);
    expect(fake.count()).toBe(6);
  });

  it('checks the files alone without a token, and says the checks on GitHub were skipped and how to run them', async () => {
    const work = await garden();
    const run = await runCoop(['doctor', '--repo', work.dir]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('  ✓ The workflows came with the genesis commit');
    expect(run.stdout).not.toContain("The default branch's ruleset");
    expect(run.stdout).toContain(
      "! The checks on GitHub (the ruleset, Actions and the workflows there, the members' accounts) were skipped: there is no token in GITHUB_TOKEN. Run them with `GITHUB_TOKEN=$(gh auth token) coop doctor`.\n",
    );
    expect(run.stdout).not.toContain('Read from GitHub');
  });

  it('names a missing workflow file with its fix, exit 1', async () => {
    const work = await garden();
    rmSync(join(work.dir, '.github/workflows/cooperage-record.yml'));
    const run = await runCoop(['doctor'], { cwd: work.dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      '  ✗ .github/workflows/cooperage-record.yml is missing: the record workflow, which writes the decision records and audits each push.\n' +
        '      Fix: coop init --forge github writes the missing workflow files (it never overwrites one); commit them by pull request (docs/forge.md, "Setting up").\n',
    );
    expect(run.stdout).toMatch(/\n✗ 1 problem: fix it as said above, then run coop doctor again\.\n$/);
  });

  it('names a record workflow on another branch, a relay renamed, and a member without a login', async () => {
    const work = await garden();
    work.git('checkout', '-q', '-b', 'trunk');
    writeFileSync(
      join(work.dir, '.github/workflows/cooperage-review-relay.yml'),
      'name: Reviews\non:\n  pull_request_review:\n    types: [submitted, edited, dismissed]\npermissions: {}\njobs:\n  relay:\n    runs-on: ubuntu-latest\n    permissions: {}\n    steps:\n      - run: echo\n',
    );
    writeFileSync(join(work.dir, 'governance/members/ana.yaml'), 'name: Ana Costa\ntier: member\nsince: 2026-01-05\n');
    const run = await runCoop(['doctor', '--repo', work.dir, '--json']);
    expect(run.code).toBe(1);
    const out = JSON.parse(run.stdout) as { ok: boolean; findings: { check: string; ok: boolean; severity: string; message: string; fix?: string }[] };
    const wrong = out.findings.filter((f) => !f.ok);
    expect(wrong.map((f) => [f.check, f.severity])).toEqual([
      ['files.relay-name', 'error'],
      ['files.workflow', 'error'],
      ['members.login', 'error'],
    ]);
    expect(wrong[1]!.message).toContain('it runs on pushes to main, not to the default branch trunk: write [trunk] under push: branches:');
    expect(wrong[2]!.message).toContain('ana votes and has no github: login');
  });

  it('prints {ok, findings, forge} as JSON, and names a missing ruleset, exit 1', async () => {
    const work = await garden();
    const fake = await startFakeGitHub();
    onTestFinished(() => fake.close());
    fake.repo(REPO);
    fake.addUser('AnaCosta');
    const run = await runCoop(['doctor', '--repo', work.dir, '--json', '--forge', 'github', '--repo-slug', REPO], {
      env: { GITHUB_TOKEN: 'ghs_test', GITHUB_API_URL: fake.url },
    });
    expect(run.code).toBe(1);
    const out = JSON.parse(run.stdout) as Record<string, unknown> & { findings: Record<string, unknown>[] };
    expect(Object.keys(out)).toEqual(['ok', 'findings', 'forge']);
    expect(out.ok).toBe(false);
    expect(out.forge).toEqual({ name: 'github', repository: REPO, requests: fake.count() });
    for (const f of out.findings) expect(Object.keys(f).filter((k) => k !== 'fix')).toEqual(['area', 'check', 'ok', 'severity', 'message']);
    const ruleset = out.findings.find((f) => f.check === 'ruleset.required-status')!;
    expect(ruleset).toMatchObject({ area: 'ruleset', ok: false, severity: 'error' });
    expect(ruleset.fix).toContain(`https://github.com/${REPO}/settings/rules/new`);
    // GitHub knows none of the workflows: they are not on its default branch.
    expect(out.findings.filter((f) => f.check === 'workflows.state' && f.ok === false)).toHaveLength(4);
  });

  it('fails in one sentence, exit 2: --forge github without a token, a bad slug, a repository GitHub does not have', async () => {
    const work = await garden();
    let run = await runCoop(['doctor', '--repo', work.dir, '--forge', 'github']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('coop doctor: the checks on GitHub read it with the token in GITHUB_TOKEN, which is not set');
    run = await runCoop(['doctor', '--repo', work.dir, '--repo-slug', 'garden'], { env: { GITHUB_TOKEN: 't' } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--repo-slug "garden" is not OWNER/NAME');
    const fake = await startFakeGitHub();
    onTestFinished(() => fake.close());
    run = await runCoop(['doctor', '--repo', work.dir], { env: { GITHUB_TOKEN: 't', GITHUB_API_URL: fake.url } });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'coop doctor: GitHub has no repository commons/garden that the token in GITHUB_TOKEN can see (404: Not Found): pass --repo-slug OWNER/NAME, or give a token that can read it.\n',
    );
  });
});
