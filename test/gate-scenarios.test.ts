// The gate, scenario by scenario, on votes and rules: what it decides (the status cooperage/decision) and what a member reads (its one comment), through runGate in this process on the fake GitHub.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collective, REPO } from './support/gate-harness.ts';
import { gateWorkflow, danDater, constitution, decision, notCounted, mainTip, openFromFork } from './support/gate-scenarios.ts';

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
  it('under reset_on_change, a second edit of the same governed path is a new set of changes: the votes on the first no longer count', async () => {
    const resetting = constitution('    min_days: 7\n    voters: [member]\n', '    min_days: 7\n    reset_on_change: true\n    voters: [member]\n');
    const coop = await collective({ 'governance/constitution.yaml': resetting });
    coop.push('ci', { '.github/workflows/ci.yml': 'on: push\n' });
    coop.open('ci', { author: 'AnaCosta' });
    await coop.judge({ kind: 'pull-request', number: 1 }, '2026-12-01T09:05:00Z');
    coop.fake.addReview(REPO, 1, { user: 'bobsilva', state: 'APPROVED', submittedAt: '2026-12-01T10:00:00Z' });
    await coop.judge({ kind: 'pull-request', number: 1 }, '2026-12-01T10:05:00Z');
    expect(decision(coop, 1).comment).toContain('- **Votes:** 1 yes, 0 no, 0 abstain, 0 block');

    // The same file again, with other content: what bob approved is not what is proposed now.
    coop.push('ci', { '.github/workflows/ci.yml': 'on: [push, pull_request]\n' }, 'ci');
    coop.update(1, 'ci', '2026-12-02T09:00:00Z');
    await coop.judge({ kind: 'pull-request', number: 1 }, '2026-12-02T09:05:00Z');
    const after = decision(coop, 1);
    expect(after.comment).toContain('- **Votes:** 0 yes, 0 no, 0 abstain, 0 block');
    expect(notCounted(after.comment)).toEqual([
      '- bobsilva: voted before the last change (2026-12-02T09:05:00Z); this rule counts only votes after it (reset_on_change).',
    ]);
  });
});
