// The gate, scenario by scenario: what it decides (the status cooperage/decision) and what a member reads (its one comment), mostly through runGate in this process on the fake GitHub, and twice through the bundle.
//
// Longer than 400 lines on purpose: each test is one scenario told step by step, on one collective, and
// asserts both what the status says and what the comment says.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { branch } from './support/disco-repo.ts';
import { createRemote, pushBranch, updatePullRefs } from './support/fake-remote.ts';
import { collective, memberFile, REPO, type Collective } from './support/gate-harness.ts';

const root = join(import.meta.dirname, '..');
const disco = readFileSync(join(root, 'packages/core/src/presets/disco.yaml'), 'utf8');
const gateWorkflow = readFileSync(join(root, 'actions/workflows/cooperage-gate.yml'), 'utf8');
const danDater = memberFile('Dan Okafor', 'dater', 'danokafor');
const STATUSES = /\/commits\/[0-9a-f]{40}\/status(\?|$)/;

/** The disco constitution with `from` replaced by `to` (which must be there). */
function constitution(from: string, to: string): string {
  expect(disco).toContain(from);
  return disco.replace(from, to);
}

/** The status's state and description, and the gate's one comment. */
function decision(coop: Collective, number: number): { state: unknown; description: unknown; comment: string } {
  const status = coop.status(number);
  const [comment = '', ...more] = coop.gateComments(number);
  expect(comment).toContain('<!-- cooperage:decision -->');
  expect(more).toEqual([]);
  return { state: status?.state, description: status?.description, comment };
}

/** The lines of the paragraph after a comment's bold `heading`. */
function section(comment: string, heading: string): string[] {
  const [, after = ''] = comment.split(`**${heading}**\n\n`);
  const [paragraph = ''] = after.split('\n\n');
  return paragraph.split('\n');
}

/** The lines of a comment's "Votes not counted" section. */
function notCounted(comment: string): string[] {
  return section(comment, 'Votes not counted');
}

/** The commit main is at on the remote. */
function mainTip(coop: Collective): string {
  return coop.remote.git('rev-parse', 'refs/heads/main');
}

/**
 * Opens pull request `number` from a fork: the branch is pushed to the fork's own repository, and
 * GitHub copies its commits into the base repository's refs/pull/N/head and makes the test merge.
 */
function openFromFork(coop: Collective, name: string, files: Record<string, string | null>, options: { number: number; author: string; fork: string }): string {
  branch(coop.work, name, files);
  const fork = createRemote();
  try {
    pushBranch(fork, coop.work, name);
    const { headSha } = updatePullRefs(coop.remote, options.number, { base: 'main', head: name, fork });
    coop.fake.addUser(options.author);
    coop.fake.openPullRequest(REPO, {
      number: options.number,
      title: name,
      author: options.author,
      head: { sha: headSha, ref: name, repo: options.fork },
      base: { ref: 'main', sha: mainTip(coop) },
      createdAt: '2026-12-01T09:00:00Z',
    });
    return headSha;
  } finally {
    fork.remove();
  }
}

describe('the gate, scenario by scenario', () => {
  it('judges a pull request from a fork when the review relay finishes, finding it by its head commit; a relay for a commit no open pull request has judges nothing', async () => {
    const coop = await collective();
    const headSha = openFromFork(coop, 'dan-dates', { 'governance/members/dan.yaml': danDater }, { number: 1, author: 'danokafor', fork: 'danokafor/garden' });
    expect(coop.fake.pullRequest(REPO, 1).head.repo).toMatchObject({ full_name: 'danokafor/garden', fork: true });
    expect(coop.remote.rev('refs/heads/dan-dates')).toBeUndefined();

    // Reviews on a fork's pull request reach the gate only as the relay's workflow_run, which names the head commit.
    coop.fake.addReview(REPO, 1, { user: 'AnaCosta', state: 'APPROVED', submittedAt: '2026-12-01T10:00:00Z' });
    coop.fake.addReview(REPO, 1, { user: 'bobsilva', state: 'APPROVED', body: 'Welcome, Dan!', submittedAt: '2026-12-02T10:00:00Z' });
    const relayed = await coop.judge({ kind: 'relay', headSha }, '2026-12-02T10:05:00Z');
    expect(relayed.judged).toEqual([expect.objectContaining({ number: 1, action: 'judged', state: 'pending' })]);
    let now = decision(coop, 1);
    expect(now.state).toBe('pending');
    expect(now.description).toBe('Pending (consent 2 yes 0 no, 2/3 voted); decides 2026-12-04 09:00 UTC.');
    expect(now.comment).toContain('### ⏳ Cooperage: pending; if no vote changes, passed on 2026-12-04 09:00 UTC');
    expect(now.comment).toContain('- danokafor joins as dater — needs **consent**.');
    expect(now.comment).toContain('- **Votes:** 2 yes, 0 no, 0 abstain, 0 block — 2 of 3 eligible voted.');
    expect(now.comment).toContain('- **Not voted yet:** carol');
    expect(now.comment).toContain('if no vote changes, **passed** at 2026-12-04 09:00 UTC');

    await coop.judge({ kind: 'relay', headSha }, '2026-12-04T09:30:00Z');
    now = decision(coop, 1);
    expect(now.state).toBe('success');
    expect(now.description).toBe('Passed (consent 2 yes 0 no, 2/3 voted).');
    expect(now.comment).toContain('### ✅ Cooperage: passed');
    expect(now.comment).toContain('#### ✅ consent: passed');

    // A relay for a commit that is the head of no open pull request: main's tip, then the fork's head once closed.
    const statuses = coop.statuses(1).length;
    coop.fake.clearRequests();
    const main = mainTip(coop);
    expect(await coop.judge({ kind: 'relay', headSha: main }, '2026-12-04T10:00:00Z')).toEqual({ judged: [], requests: 1 });
    coop.fake.setPullRequest(REPO, 1, { state: 'closed', at: '2026-12-04T10:00:00Z' });
    expect(await coop.judge({ kind: 'relay', headSha }, '2026-12-04T10:05:00Z')).toEqual({ judged: [], requests: 1 });
    expect(coop.fake.count({ path: /\/pulls$|\/pulls\?/ })).toBe(2);
    expect(coop.fake.count({ method: 'POST' }) + coop.fake.count({ method: 'PATCH' })).toBe(0);
    expect(coop.fake.statuses(REPO, main)).toEqual([]);
    expect(coop.statuses(1)).toHaveLength(statuses);
  });

  it('tallies a constitution change under both constitutions: votes enough under the lower threshold it proposes are not enough under the base’s', async () => {
    const coop = await collective();
    const lowered = constitution(
      'supermajority:\n    method: majority\n    threshold: 0.6667\n    quorum: 0.6667\n',
      'supermajority:\n    method: majority\n    threshold: 0.5\n    quorum: 0.3\n',
    );
    coop.push('easier', { 'governance/constitution.yaml': lowered });
    coop.open('easier', { author: 'AnaCosta', title: 'A third of us is quorum enough' });
    coop.fake.addReview(REPO, 1, { user: 'AnaCosta', state: 'APPROVED', submittedAt: '2026-12-01T10:00:00Z' });

    // After the week both need: one member of three took part, a quorum under the proposed rules, not under main's.
    await coop.judge({ kind: 'pull-request', number: 1 }, '2026-12-09T09:30:00Z');
    const now = decision(coop, 1);
    expect(now.state).toBe('pending');
    expect(now.description).toBe('Pending (supermajority 1 yes 0 no, 1/3 voted; supermajority as proposed 1 yes 0 no, 1/3 voted).');
    expect(now.comment).toContain('### ⏳ Cooperage: pending, waiting for votes');
    expect(now.comment).toMatch(/- AnaCosta changes the constitution[^\n]* — needs \*\*supermajority\*\*/);
    const [base, head] = now.comment.split(/^#### /m).slice(1);
    expect(base).toMatch(/^⏳ supermajority: pending \(as main’s constitution has it\)\n/);
    expect(base).toContain('- **Needs:** a share of 2/3 yes among yes and no, more yes than no, and a quorum of 2/3 taking part.');
    expect(base).toContain('The quorum of 2/3 is not met: 1 of 3 eligible voters took part (33.3%).');
    expect(head).toMatch(/^✅ supermajority: passed \(as the proposed constitution has it\)\n/);
    expect(head).toContain('- **Needs:** a share of 1/2 yes among yes and no, more yes than no, and a quorum of 3/10 taking part.');
  });

  it('holds an edit of the gate’s own workflow, a governed path, to the rule main’s policy names for it, whatever the pull request changes', async () => {
    const coop = await collective({ '.github/workflows/cooperage-gate.yml': gateWorkflow });
    const harmless = `${gateWorkflow.replace('name: Cooperage gate', 'name: Cooperage gate\n# nothing to see here')}`;
    coop.push('workflow', { '.github/workflows/cooperage-gate.yml': 'name: Cooperage gate\non: push\njobs: {}\n' });
    coop.open('workflow', { author: 'bobsilva', title: 'Tidy the gate workflow' });
    // The same, with the policy for .github/** turned to none in the constitution it leaves.
    const free = constitution('  - paths: [LICENSE, ".github/**"]\n    rule: supermajority\n', '  - paths: [LICENSE, ".github/**"]\n    rule: none\n');
    coop.push('workflow-free', { '.github/workflows/cooperage-gate.yml': harmless, 'governance/constitution.yaml': free });
    coop.open('workflow-free', { author: 'bobsilva', title: 'Workflows need no vote' });

    await coop.judge({ kind: 'pull-request', number: 1 }, '2026-12-01T09:05:00Z');
    let now = decision(coop, 1);
    expect(now.state).toBe('pending');
    expect(now.description).toBe('Pending (supermajority 0 yes 0 no, 0/3 voted).');
    expect(now.comment).toMatch(
      /- [^\n]*\.github\/workflows\/cooperage-gate\.yml[^\n]* — needs \*\*supermajority\*\*\. <sub>Needs supermajority, by policy entry 20: “The licence and the workflows that enforce these rules are as weighty as the rules themselves\.”<\/sub>/,
    );
    expect(now.comment).toContain('- **Not voted yet:** ana, bob, carol');

    // Past the week with one vote: still short of the quorum. A second member's yes passes it.
    coop.fake.addReview(REPO, 1, { user: 'AnaCosta', state: 'APPROVED', submittedAt: '2026-12-02T10:00:00Z' });
    await coop.judge({ kind: 'comment', number: 1 }, '2026-12-08T10:00:00Z');
    now = decision(coop, 1);
    expect(now.state).toBe('pending');
    expect(now.description).toBe('Pending (supermajority 1 yes 0 no, 1/3 voted).');
    coop.fake.addComment(REPO, 1, { user: 'carolm', body: '/vote yes', createdAt: '2026-12-08T11:00:00Z' });
    await coop.judge({ kind: 'comment', number: 1 }, '2026-12-08T11:05:00Z');
    expect(decision(coop, 1)).toMatchObject({ state: 'success', description: 'Passed (supermajority 2 yes 0 no, 2/3 voted).' });

    // The policy the pull request proposes does not judge it: main's does, for the workflow as for the constitution.
    await coop.judge({ kind: 'pull-request', number: 2 }, '2026-12-01T09:05:00Z');
    now = decision(coop, 2);
    expect(now.state).toBe('pending');
    expect(now.comment).toMatch(
      /- [^\n]*\.github\/workflows\/cooperage-gate\.yml[^\n]* — needs \*\*supermajority\*\*\. <sub>Needs supermajority, by policy entry 20:/,
    );
    expect(now.comment).not.toMatch(/needs no vote|no vote needed/i);
    expect(now.comment).toContain('#### ⏳ supermajority: pending (the base and the proposed constitution alike)');
    // What runs is main's workflow: the runner's checkout has never held the pull requests' versions.
    expect(readFileSync(join(coop.checkout.dir, '.github/workflows/cooperage-gate.yml'), 'utf8')).toBe(gateWorkflow);
  });

  it('lists each vote that does not count, with why: a non-member, a bot, an edited /vote, a dismissed review, an unreadable /vote, a /vote in a Comment review', async () => {
    const coop = await collective();
    coop.push('dan-dates', { 'governance/members/dan.yaml': danDater });
    coop.open('dan-dates', { author: 'danokafor' });
    coop.fake.addUser('helper[bot]', { type: 'Bot' });
    coop.fake.addReview(REPO, 1, { user: 'zoe-outsider', state: 'APPROVED', submittedAt: '2026-12-01T10:00:00Z' });
    coop.fake.addComment(REPO, 1, { user: 'danokafor', body: '/vote yes', createdAt: '2026-12-01T10:01:00Z' });
    coop.fake.addComment(REPO, 1, { user: 'helper[bot]', body: '/vote yes', createdAt: '2026-12-01T10:02:00Z' });
    const edited = coop.fake.addComment(REPO, 1, { user: 'AnaCosta', body: '/vote no', createdAt: '2026-12-01T10:03:00Z' });
    coop.fake.editComment(edited, '/vote yes', '2026-12-01T11:00:00Z');
    const review = coop.fake.addReview(REPO, 1, { user: 'bobsilva', state: 'APPROVED', submittedAt: '2026-12-01T10:04:00Z' });
    coop.fake.dismissReview(REPO, 1, review, { at: '2026-12-01T11:30:00Z', message: 'approved the wrong pull request' });
    coop.fake.addComment(REPO, 1, { user: 'carolm', body: '/vote maybe', createdAt: '2026-12-01T10:05:00Z' });
    coop.fake.addReview(REPO, 1, { user: 'carolm', state: 'COMMENTED', body: '/vote yes\nLooks good.', submittedAt: '2026-12-01T10:06:00Z' });

    await coop.judge({ kind: 'comment', number: 1 }, '2026-12-01T12:00:00Z');
    const now = decision(coop, 1);
    expect(now.state).toBe('pending');
    expect(now.description).toBe('Pending (consent 0 yes 0 no, 0/3 voted).');
    expect(now.comment).toContain('- **Not voted yet:** ana, bob, carol');
    const lines = notCounted(now.comment);
    const url = (what: string) => expect.stringMatching(new RegExp(`\\(\\[the vote\\]\\(https://github\\.example/commons/garden/pull/1#${what}-\\d+\\)\\)$`));
    expect(lines).toEqual([
      '- danokafor: is not on the roll at the base: this pull request itself adds them, and a pull request is never judged by a roll it introduces.',
      '- zoe-outsider: is not on the roll at the base: no member has this forge login.',
      expect.stringMatching(/^- helper\[bot\]: a bot’s vote does not count: only members vote, from their own accounts\. /),
      expect.stringMatching(
        /^- bobsilva: this review was dismissed, so it does not count, nor does any vote cast before it: review again or post a new `\/vote` comment\. /,
      ),
      expect.stringMatching(
        /^- carolm: `\/vote maybe` is not a vote: write `\/vote yes`, `\/vote no`, `\/vote abstain` or `\/vote block <reason>` as the first line of a new comment\. /,
      ),
      expect.stringMatching(
        /^- carolm: a `\/vote` in a review left as Comment does not count, since GitHub keeps no trace of edits to a review: approve or request changes, or post the `\/vote` as a comment of its own\. /,
      ),
      // Placed at its edit, when it stopped counting.
      expect.stringMatching(/^- AnaCosta: edited votes do not count, since an edit would rewrite a vote after the fact: post a new `\/vote` comment\. /),
    ]);
    expect(lines.slice(2)).toEqual([url('issuecomment'), url('pullrequestreview'), url('issuecomment'), url('pullrequestreview'), url('issuecomment')]);

    // Once carol follows the hint, her hints go and her vote counts.
    coop.fake.addComment(REPO, 1, { user: 'carolm', body: '/vote yes', createdAt: '2026-12-01T12:30:00Z' });
    await coop.judge({ kind: 'comment', number: 1 }, '2026-12-01T12:35:00Z');
    const after = decision(coop, 1);
    expect(after.description).toBe('Pending (consent 1 yes 0 no, 1/3 voted).');
    expect(notCounted(after.comment).map((line) => line.slice(0, line.indexOf(':')))).toEqual([
      '- danokafor',
      '- zoe-outsider',
      '- helper[bot]',
      '- bobsilva',
      '- AnaCosta',
    ]);
  });

  it('under reset_on_change counts only votes after a push that changes what the pull request changes, and restarts the clock; a push of other files keeps the votes', async () => {
    const resetting = constitution(
      'consent:\n    method: consent\n    min_yes: 2\n    min_days: 3\n',
      'consent:\n    method: consent\n    min_yes: 2\n    min_days: 3\n    reset_on_change: true\n',
    );
    const coop = await collective({ 'governance/constitution.yaml': resetting });
    coop.push('dan-dates', { 'governance/members/dan.yaml': danDater });
    coop.open('dan-dates', { author: 'danokafor' });
    await coop.judge({ kind: 'pull-request', number: 1 }, '2026-12-01T09:05:00Z');
    coop.fake.addReview(REPO, 1, { user: 'AnaCosta', state: 'APPROVED', submittedAt: '2026-12-01T10:00:00Z' });
    coop.fake.addComment(REPO, 1, { user: 'bobsilva', body: '/vote yes', createdAt: '2026-12-01T11:00:00Z' });
    await coop.judge({ kind: 'comment', number: 1 }, '2026-12-01T11:05:00Z');
    const first = decision(coop, 1);
    expect(first.description).toBe('Pending (consent 2 yes 0 no, 2/3 voted); decides 2026-12-04 09:00 UTC.');

    // A push that changes no governed file: the same set of changes, the same votes and clock.
    coop.push('dan-dates', { 'README.md': '# The garden\n\nDan is dating us.\n' }, 'dan-dates');
    coop.update(1, 'dan-dates', '2026-12-02T09:00:00Z');
    await coop.judge({ kind: 'pull-request', number: 1 }, '2026-12-02T09:05:00Z');
    const kept = decision(coop, 1);
    expect(kept.description).toBe(first.description);
    expect(kept.comment).toContain('- **Votes:** 2 yes, 0 no, 0 abstain, 0 block — 2 of 3 eligible voted.');
    expect(kept.comment).not.toContain('**Votes not counted**');

    // A push that changes Dan's file: a new set of changes, first seen now. The votes before it no longer count.
    coop.push('dan-dates', { 'governance/members/dan.yaml': danDater.replace('name: Dan Okafor', 'name: Dan O. Okafor') }, 'dan-dates');
    coop.update(1, 'dan-dates', '2026-12-02T12:00:00Z');
    await coop.judge({ kind: 'pull-request', number: 1 }, '2026-12-02T12:05:00Z');
    const reset = decision(coop, 1);
    expect(reset.state).toBe('pending');
    expect(reset.description).toBe('Pending (consent 0 yes 0 no, 0/3 voted).');
    expect(reset.comment).toContain('- **Not voted yet:** ana, bob, carol');
    expect(reset.comment).toContain('- **Time:** no decision before 2026-12-05 12:05 UTC; no closing date.');
    expect(reset.comment).toContain('(min_days 3, counted from the last change)');
    expect(notCounted(reset.comment)).toEqual([
      '- AnaCosta: voted before the last change (2026-12-02T12:05:00Z); this rule counts only votes after it (reset_on_change).',
      '- bobsilva: voted before the last change (2026-12-02T12:05:00Z); this rule counts only votes after it (reset_on_change).',
    ]);

    // Votes again, after the change: they count, and the clock runs from the change.
    coop.fake.addComment(REPO, 1, { user: 'AnaCosta', body: '/vote yes', createdAt: '2026-12-02T13:00:00Z' });
    coop.fake.addComment(REPO, 1, { user: 'carolm', body: '/vote yes', createdAt: '2026-12-02T13:30:00Z' });
    await coop.judge({ kind: 'comment', number: 1 }, '2026-12-02T13:35:00Z');
    expect(coop.status(1)).toMatchObject({ state: 'pending', description: 'Pending (consent 2 yes 0 no, 2/3 voted); decides 2026-12-05 12:05 UTC.' });
    await coop.judge({ kind: 'sweep' }, '2026-12-05T12:10:00Z');
    expect(coop.status(1)).toMatchObject({ state: 'success', description: 'Passed (consent 2 yes 0 no, 2/3 voted).' });
  });

  it('keeps a draft out of the vote, and counts its time from when it was marked ready', async () => {
    const coop = await collective();
    coop.push('dan-dates', { 'governance/members/dan.yaml': danDater });
    coop.open('dan-dates', { author: 'danokafor', draft: true, createdAt: '2026-12-01T09:00:00Z' });
    coop.fake.addReview(REPO, 1, { user: 'AnaCosta', state: 'APPROVED', submittedAt: '2026-12-01T10:00:00Z' });
    coop.fake.addComment(REPO, 1, { user: 'bobsilva', body: '/vote yes', createdAt: '2026-12-01T10:30:00Z' });

    // A draft gets its status alone: no comment yet, and its votes are not even read.
    await coop.judge({ kind: 'comment', number: 1 }, '2026-12-01T10:35:00Z');
    expect(coop.status(1)).toMatchObject({ state: 'pending', description: 'A draft is not open for votes: mark it ready for review to start the decision.' });
    expect(coop.gateComments(1)).toEqual([]);
    expect(coop.fake.count({ path: /\/reviews/ })).toBe(0);

    // Marked ready two days later: GitHub records a ready_for_review event, and the decision opens then.
    coop.fake.setPullRequest(REPO, 1, { draft: false, at: '2026-12-03T09:00:00Z' });
    await coop.judge({ kind: 'pull-request', number: 1 }, '2026-12-03T09:05:00Z');
    const ready = decision(coop, 1);
    expect(ready.description).toBe('Pending (consent 0 yes 0 no, 0/3 voted).');
    expect(ready.comment).toContain('- **Time:** no decision before 2026-12-06 09:00 UTC; no closing date.');
    expect(notCounted(ready.comment)).toEqual([
      '- AnaCosta: voted before the proposal opened (2026-12-03T09:00:00Z).',
      '- bobsilva: voted before the proposal opened (2026-12-03T09:00:00Z).',
    ]);

    coop.fake.addReview(REPO, 1, { user: 'AnaCosta', state: 'APPROVED', submittedAt: '2026-12-03T10:00:00Z' });
    coop.fake.addReview(REPO, 1, { user: 'carolm', state: 'APPROVED', submittedAt: '2026-12-03T11:00:00Z' });
    // Past the three days from creation, not from ready.
    await coop.judge({ kind: 'comment', number: 1 }, '2026-12-05T09:00:00Z');
    expect(coop.status(1)).toMatchObject({ state: 'pending', description: 'Pending (consent 2 yes 0 no, 2/3 voted); decides 2026-12-06 09:00 UTC.' });
    await coop.judge({ kind: 'sweep' }, '2026-12-06T09:05:00Z');
    expect(coop.status(1)).toMatchObject({ state: 'success', description: 'Passed (consent 2 yes 0 no, 2/3 voted).' });
  });

  it('waits on a pull request that does not merge cleanly, saying what to do, and judges it again once the branch is updated', async () => {
    const coop = await collective();
    const bob = readFileSync(join(coop.work.dir, 'governance/members/bob.yaml'), 'utf8');
    expect(bob).toContain('name: "Bob Silva"');
    coop.push('bob-name', { 'governance/members/bob.yaml': bob.replace('"Bob Silva"', '"Bob da Silva"') });
    coop.open('bob-name', { author: 'AnaCosta' });
    await coop.judge({ kind: 'pull-request', number: 1 }, '2026-12-01T09:05:00Z');
    expect(coop.status(1)).toMatchObject({ state: 'pending', description: 'Pending (consent 0 yes 0 no, 0/3 voted).' });

    // Main changes the same line of bob's file: GitHub makes no test merge.
    coop.land({ 'governance/members/bob.yaml': bob.replace('"Bob Silva"', '"Robert Silva"') }, '2026-12-01T12:00:00Z');
    coop.update(1, 'bob-name', '2026-12-01T12:00:00Z');
    expect(coop.remote.rev('refs/pull/1/merge')).toBeUndefined();
    await coop.judge({ kind: 'pull-request', number: 1 }, '2026-12-01T12:05:00Z');
    const conflict = decision(coop, 1);
    expect(conflict.state).toBe('pending');
    expect(conflict.description).toBe('It does not merge cleanly into main: merge main into the branch (or rebase it) and resolve the conflicts.');
    expect(conflict.comment).toContain(
      '### ⏳ Cooperage: pending\n\nIt does not merge cleanly into main, so there is nothing to judge yet: GitHub has no test merge of it. Merge main into the branch (or rebase it) and resolve the conflicts.',
    );
    // Judged again on the same facts: nothing written.
    const statuses = coop.statuses(1).length;
    expect((await coop.judge({ kind: 'comment', number: 1 }, '2026-12-01T12:10:00Z')).judged).toEqual([expect.objectContaining({ action: 'unchanged' })]);
    expect(coop.statuses(1)).toHaveLength(statuses);

    // The branch rebased on main (force-pushed), its change made again: judged on what it changes.
    coop.work.git('branch', '-D', 'bob-name');
    coop.push('bob-name', { 'governance/members/bob.yaml': bob.replace('"Bob Silva"', '"Robert da Silva"') }, 'main');
    coop.update(1, 'bob-name', '2026-12-01T13:00:00Z');
    await coop.judge({ kind: 'pull-request', number: 1 }, '2026-12-01T13:05:00Z');
    const rebased = decision(coop, 1);
    expect(rebased.description).toBe('Pending (consent 0 yes 0 no, 0/3 voted).');
    expect(rebased.comment).toContain("- AnaCosta changes bob's details (name) — needs **consent**.");
  });

  it('judges a branch behind main by its own changes only: the test merge holds main’s newer change, the comment does not', async () => {
    const coop = await collective();
    coop.push('dan-dates', { 'governance/members/dan.yaml': danDater });
    coop.open('dan-dates', { author: 'danokafor' });
    await coop.judge({ kind: 'pull-request', number: 1 }, '2026-12-01T09:05:00Z');
    const before = decision(coop, 1);

    // Eve joins main as a supporter after the branch left it (a change that would need lazy-majority here).
    const left = mainTip(coop);
    coop.land({ 'governance/members/eve.yaml': memberFile('Eve Lund', 'supporter', 'evelund') }, '2026-12-01T10:00:00Z');

    // Before GitHub makes the test merge again, the gate merges the head into main itself.
    await coop.judge({ kind: 'comment', number: 1 }, '2026-12-01T10:05:00Z');
    const merged = decision(coop, 1);
    expect(merged.description).toBe(before.description);
    expect(merged.comment).toContain(`It left main at \`${left.slice(0, 7)}\`: it is judged by what it changed since then, merged into main as it is now.`);
    expect(merged.comment).toContain('- danokafor joins as dater — needs **consent**.');
    expect(merged.comment).not.toMatch(/eve|lazy-majority/);

    // GitHub's new test merge holds Eve's file; the pull request still changes only Dan's.
    const { mergeSha } = coop.update(1, 'dan-dates', '2026-12-01T10:10:00Z');
    expect(coop.remote.git('ls-tree', '--name-only', `${mergeSha}`, 'governance/members/')).toContain('governance/members/eve.yaml');
    await coop.judge({ kind: 'pull-request', number: 1 }, '2026-12-01T10:15:00Z');
    const after = decision(coop, 1);
    expect(after).toEqual(before);
    expect(after.comment).not.toMatch(/eve|lazy-majority|It left main at/);
    expect(section(after.comment, 'What this pull request changes')).toEqual([expect.stringMatching(/^- danokafor joins as dater — needs \*\*consent\*\*\. /)]);
  });

  it('sweeps several open pull requests, judging again only those where something changed: a review, their time, main’s governance', async () => {
    const coop = await collective();
    coop.push('dan-dates', { 'governance/members/dan.yaml': danDater });
    coop.open('dan-dates', { author: 'danokafor' }); // consent: waits for votes
    coop.push('eve-supports', { 'governance/members/eve.yaml': memberFile('Eve Lund', 'supporter', 'evelund') });
    coop.open('eve-supports', { author: 'AnaCosta' }); // lazy-majority: time decides it
    coop.push('frank-joins', { 'governance/members/frank.yaml': memberFile('Frank Abara', 'member', 'frankabara') });
    coop.open('frank-joins', { author: 'frankabara', createdAt: '2026-12-02T09:00:00Z' }); // unanimous: waits for votes
    const actions = (result: { judged: { number: number; action: string }[] }) => result.judged.map((j) => `#${j.number} ${j.action}`);

    expect(actions(await coop.judge({ kind: 'sweep' }, '2026-12-02T10:00:00Z'))).toEqual(['#3 judged', '#2 judged', '#1 judged']);
    expect(coop.status(2)).toMatchObject({ state: 'pending', description: 'Pending (lazy-majority 0 yes 0 no, 0/3 voted); decides 2026-12-04 09:00 UTC.' });

    // Nothing happened: one request for the list, one for each status, and nothing written.
    coop.fake.clearRequests();
    const quiet = await coop.judge({ kind: 'sweep' }, '2026-12-02T10:30:00Z');
    expect(actions(quiet)).toEqual(['#3 skipped', '#2 skipped', '#1 skipped']);
    expect(quiet.requests).toBe(4);
    expect(coop.fake.count({ path: STATUSES })).toBe(3);
    expect(coop.fake.count()).toBe(4);

    // A review on #1 moves its updated_at: only #1 is judged again.
    coop.fake.addReview(REPO, 1, { user: 'AnaCosta', state: 'APPROVED', submittedAt: '2026-12-02T11:00:00Z' });
    expect(coop.fake.pullRequest(REPO, 1).updated_at).toBe('2026-12-02T11:00:00Z');
    coop.fake.clearRequests();
    const reviewed = await coop.judge({ kind: 'sweep' }, '2026-12-02T11:30:00Z');
    expect(actions(reviewed)).toEqual(['#3 skipped', '#2 skipped', '#1 judged']);
    expect(coop.fake.count({ path: /\/pulls\/1\/reviews/ })).toBe(1);
    expect(coop.fake.count({ path: /\/(pulls|issues)\/[23]\// })).toBe(0);
    expect(coop.status(1)).toMatchObject({ description: 'Pending (consent 1 yes 0 no, 1/3 voted).' });
    expect(decision(coop, 1).comment).toContain('- **Not voted yet:** bob, carol');

    // #2's time comes: only #2 is judged again, and passes.
    coop.fake.clearRequests();
    const due = await coop.judge({ kind: 'sweep' }, '2026-12-04T09:10:00Z');
    expect(actions(due)).toEqual(['#3 skipped', '#2 judged', '#1 skipped']);
    expect(coop.fake.count({ path: /\/(pulls|issues)\/[13]\// })).toBe(0);
    expect(decision(coop, 2)).toMatchObject({ state: 'success', description: 'Passed (lazy-majority 0 yes 0 no, 0/3 voted).' });

    // Main admits Gus as a member: the roll every pull request is judged by changed, so all are judged again.
    coop.land({ 'governance/members/gus.yaml': memberFile('Gus Moreau', 'member', 'gusmoreau') }, '2026-12-04T10:00:00Z');
    for (const [number, name] of [
      [1, 'dan-dates'],
      [2, 'eve-supports'],
      [3, 'frank-joins'],
    ] as const)
      updatePullRefs(coop.remote, number, { base: 'main', head: name });
    coop.fake.clearRequests();
    const admitted = await coop.judge({ kind: 'sweep' }, '2026-12-04T10:30:00Z');
    expect(actions(admitted)).toEqual(['#3 judged', '#2 judged', '#1 judged']);
    expect(coop.status(1)).toMatchObject({ state: 'pending', description: 'Pending (consent 1 yes 0 no, 1/4 voted).' });
    expect(coop.status(2)).toMatchObject({ state: 'success', description: 'Passed (lazy-majority 0 yes 0 no, 0/4 voted).' });
    expect(decision(coop, 3).comment).toContain('- **Not voted yet:** ana, bob, carol, gus');

    // And quiet again.
    coop.fake.clearRequests();
    expect(actions(await coop.judge({ kind: 'sweep' }, '2026-12-04T11:00:00Z'))).toEqual(['#3 skipped', '#2 skipped', '#1 skipped']);
    expect(coop.fake.count()).toBe(4);
  });

  it('waits out a secondary rate limit; a permission refused fails the run and writes no status', async () => {
    const coop = await collective();
    coop.push('dan-dates', { 'governance/members/dan.yaml': danDater });
    coop.open('dan-dates', { author: 'danokafor' });
    coop.fake.fail({ path: /\/pulls\/1\/reviews/, status: 403, secondary: true, retryAfter: 1 });
    const waited = await coop.judge({ kind: 'pull-request', number: 1 }, '2026-12-01T09:05:00Z');
    expect(waited.judged).toEqual([expect.objectContaining({ number: 1, action: 'judged', state: 'pending' })]);
    expect(coop.fake.count({ path: /\/pulls\/1\/reviews/, status: 403 })).toBe(1);
    expect(coop.fake.count({ path: /\/pulls\/1\/reviews/, status: 200 })).toBe(1);
    expect(decision(coop, 1)).toMatchObject({ state: 'pending', description: 'Pending (consent 0 yes 0 no, 0/3 voted).' });

    // A token without the right to comment (issues: write): refused, not retried, and no status.
    coop.push('eve-dates', { 'governance/members/eve.yaml': memberFile('Eve Lund', 'dater', 'evelund') });
    coop.open('eve-dates', { author: 'evelund' });
    coop.fake.fail({ method: 'POST', path: /\/issues\/2\/comments/, status: 403, message: 'Resource not accessible by integration', times: 5 });
    await expect(coop.judge({ kind: 'pull-request', number: 2 }, '2026-12-01T09:10:00Z')).rejects.toMatchObject({
      status: 403,
      message: expect.stringContaining('Resource not accessible by integration'),
    });
    expect(coop.fake.count({ method: 'POST', path: /\/issues\/2\/comments/ })).toBe(1);
    expect(coop.fake.count({ method: 'POST', path: /\/statuses\// })).toBe(1);
    expect(coop.statuses(2)).toEqual([]);
    expect(coop.gateComments(2)).toEqual([]);
  });

  it('the bundle: a comment on an issue, and an event it does not run on, judge nothing', async () => {
    const coop = await collective();
    const issue = await coop.gate(
      {
        event: 'other',
        name: 'issue_comment',
        payload: {
          action: 'created',
          issue: { number: 7, title: 'Picnic on Saturday?', state: 'open', user: { login: 'AnaCosta', type: 'User' } },
          comment: {
            id: 1,
            body: '/vote yes',
            user: { login: 'bobsilva', type: 'User' },
            created_at: '2026-12-01T10:00:00Z',
            updated_at: '2026-12-01T10:00:00Z',
          },
          repository: { full_name: REPO, name: 'garden', owner: { login: 'commons' }, default_branch: 'main' },
        },
      },
      '2026-12-01T10:05:00Z',
    );
    expect(issue).toMatchObject({ code: 0, stderr: '' });
    expect(issue.stdout).toContain('The comment is on an issue, not a pull request: nothing to judge.');
    const push = await coop.gate(
      { event: 'other', name: 'push', payload: { ref: 'refs/heads/main', repository: { full_name: REPO } } },
      '2026-12-01T10:05:00Z',
    );
    expect(push).toMatchObject({ code: 0, stderr: '' });
    expect(push.stdout).toContain(
      'The gate does not run on push events: it runs on pull_request_target, issue_comment, workflow_run (the review relay), schedule and workflow_dispatch.',
    );
    expect(coop.fake.count()).toBe(0);
  });
});
