// auditOnForge against an in-memory forge: what it finds of merges, votes and signatures, and that it asks only what it needs.
import { describe, expect, it } from 'vitest';
import { auditOnForge, type ForgeRecord } from './audit.ts';
import type { Forge, ForgeVote, PullRequest, Signature, VotesRead } from './forge.ts';

const MERGE = 'a'.repeat(40);
const RECORD_COMMIT = 'b'.repeat(40);
const AT = '2026-11-20T10:00:00Z';

interface Memory {
  pulls: Record<number, Partial<PullRequest>>;
  votes?: Record<number, VotesRead>;
  signatures?: Record<string, Signature>;
}

/** A forge holding `memory`, with the methods the forge audit calls; each call counted as a request. */
function memoryForge(memory: Memory): Forge & { calls: string[] } {
  const calls: string[] = [];
  const forge = {
    repository: 'commons/garden',
    calls,
    get requests() {
      return calls.length;
    },
    pullRequest(number: number): Promise<PullRequest> {
      calls.push(`pull ${number}`);
      const pull = memory.pulls[number];
      if (pull === undefined) return Promise.reject(new Error(`no pull request ${number}`));
      return Promise.resolve({
        number,
        state: 'closed',
        merged: true,
        mergeCommitSha: MERGE,
        url: `https://github.example/commons/garden/pull/${number}`,
        ...pull,
      } as PullRequest);
    },
    votes(pr: PullRequest): Promise<VotesRead> {
      calls.push(`votes ${pr.number}`);
      return Promise.resolve(memory.votes?.[pr.number] ?? { votes: [], setAside: [] });
    },
    signature(sha: string): Promise<Signature> {
      calls.push(`signature ${sha.slice(0, 7)}`);
      return Promise.resolve(memory.signatures?.[sha] ?? { verified: true, reason: 'valid' });
    },
  };
  return forge as unknown as Forge & { calls: string[] };
}

const cast = (voter: string, vote: ForgeVote['vote'], at = AT, source: ForgeVote['source'] = 'review'): ForgeVote => ({
  voter,
  vote,
  at,
  source,
  url: `https://github.example/${voter}`,
});

function record(pr: number, votes: ForgeRecord['record']['votes'], more: Partial<ForgeRecord> = {}): ForgeRecord {
  return {
    file: `governance/decisions/${pr}.yaml`,
    record: { pr, commits: [MERGE], votes },
    commit: RECORD_COMMIT,
    covers: [MERGE],
    logins: { ana: 'AnaCosta', bob: 'bobsilva' },
    ...more,
  };
}

const both = [
  { voter: 'ana', vote: 'yes' as const, at: AT },
  { voter: 'bob', vote: 'yes' as const, at: '2026-11-21T08:30:00Z' },
];
const forgeHas = { votes: [cast('AnaCosta', 'yes'), cast('bobsilva', 'yes', '2026-11-21T08:30:00Z', 'comment')], setAside: [] };

describe('auditOnForge', () => {
  it('finds nothing when the forge bears the record out, asking for the pull request, its votes and the signature once each', async () => {
    const forge = memoryForge({ pulls: { 42: {} }, votes: { 42: forgeHas } });
    expect(await auditOnForge(forge, [record(42, both)])).toEqual([]);
    expect(forge.calls).toEqual(['pull 42', 'votes 42', 'signature bbbbbbb']);
  });

  it('matches logins in any case, and times to the second in any offset', async () => {
    const forge = memoryForge({
      pulls: { 42: {} },
      votes: { 42: { votes: [cast('anacosta', 'yes', '2026-11-20T11:00:00.000+01:00'), cast('BOBSILVA', 'yes', '2026-11-21T08:30:00Z')], setAside: [] } },
    });
    expect(await auditOnForge(forge, [record(42, both, { logins: { ana: 'ANACOSTA', bob: 'bobsilva' } })])).toEqual([]);
  });

  it('names an invented vote, and says the forge has no vote by that login at all', async () => {
    const forge = memoryForge({ pulls: { 42: {} }, votes: { 42: { votes: [cast('AnaCosta', 'yes')], setAside: [] } } });
    const found = await auditOnForge(forge, [record(42, both)]);
    expect(found).toEqual([
      {
        commit: MERGE,
        kind: 'forge.vote',
        subject: 'governance/decisions/42.yaml',
        code: 'audit.forge-vote',
        reason: expect.stringContaining(
          'the forge has no yes by bob (bobsilva) at 2026-11-21T08:30:00Z on pull request 42; it has no vote by bobsilva at all.',
        ),
      },
    ]);
  });

  it('names a vote with another choice or another time, saying what the forge has instead', async () => {
    const forge = memoryForge({
      pulls: { 42: {} },
      votes: { 42: { votes: [cast('AnaCosta', 'block'), cast('bobsilva', 'yes', '2026-11-21T08:30:01Z', 'comment')], setAside: [] } },
    });
    const reasons = (await auditOnForge(forge, [record(42, both)])).map((f) => f.reason);
    expect(reasons).toHaveLength(2);
    expect(reasons[0]).toContain(`the forge has no yes by ana (AnaCosta) at ${AT} on pull request 42; it has block at ${AT} (review) by AnaCosta.`);
    expect(reasons[1]).toContain('it has yes at 2026-11-21T08:30:01Z (comment) by bobsilva.');
  });

  it('says when the forge set the login’s vote aside', async () => {
    const aside = { login: 'bobsilva', what: 'edited' as const, reason: 'edited', url: 'u', at: '2026-11-21T09:00:00Z' };
    const forge = memoryForge({ pulls: { 42: {} }, votes: { 42: { votes: [cast('AnaCosta', 'yes')], setAside: [aside] } } });
    const [finding] = await auditOnForge(forge, [record(42, both)]);
    expect(finding?.reason).toContain('it counts no vote by bobsilva, and set aside a vote at 2026-11-21T09:00:00Z (edited).');
  });

  it('names a pull request that is not merged, and still checks its votes', async () => {
    const forge = memoryForge({ pulls: { 42: { merged: false, state: 'open' } }, votes: { 42: forgeHas } });
    const found = await auditOnForge(forge, [record(42, both)]);
    expect(found.map((f) => [f.kind, f.code, f.commit])).toEqual([['forge.not-merged', 'audit.forge-not-merged', MERGE]]);
    expect(found[0]?.reason).toContain('the forge has it not merged (still open: https://github.example/commons/garden/pull/42)');
  });

  it('names a pull request merged as another commit than those recorded', async () => {
    const other = 'c'.repeat(40);
    const forge = memoryForge({ pulls: { 42: { mergeCommitSha: other } }, votes: { 42: forgeHas } });
    const found = await auditOnForge(forge, [record(42, both)]);
    expect(found.map((f) => f.kind)).toEqual(['forge.merge-commit']);
    expect(found[0]?.reason).toContain(`the forge merged it as ${other}, not as recorded (the record names aaaaaaa)`);
  });

  it('accepts the last commit of a rebase merge among the commits recorded, in any case', async () => {
    const forge = memoryForge({ pulls: { 42: {} }, votes: { 42: forgeHas } });
    const rebased = record(42, both, { record: { pr: 42, commits: ['d'.repeat(40), MERGE.toUpperCase()], votes: both } });
    expect(await auditOnForge(forge, [rebased])).toEqual([]);
  });

  it('names an unsigned record commit with the forge’s reason, at the record commit, reading each commit’s signature once', async () => {
    const forge = memoryForge({
      pulls: { 42: {}, 43: {} },
      votes: { 42: forgeHas, 43: forgeHas },
      signatures: { [RECORD_COMMIT]: { verified: false, reason: 'unsigned' } },
    });
    const found = await auditOnForge(forge, [record(42, both), record(43, both)]);
    expect(found.map((f) => [f.kind, f.code, f.commit, f.subject])).toEqual([
      ['forge.unsigned', 'audit.forge-unsigned', RECORD_COMMIT, 'governance/decisions/42.yaml'],
      ['forge.unsigned', 'audit.forge-unsigned', RECORD_COMMIT, 'governance/decisions/43.yaml'],
    ]);
    expect(found[0]?.reason).toContain('(commons/garden says: unsigned)');
    expect(forge.calls.filter((c) => c.startsWith('signature'))).toEqual(['signature bbbbbbb']);
  });

  it('names a record covering no audited commit at its record commit', async () => {
    const forge = memoryForge({ pulls: { 42: { merged: false, state: 'closed' } }, votes: { 42: forgeHas } });
    const [finding] = await auditOnForge(forge, [record(42, both, { covers: [] })]);
    expect(finding).toMatchObject({ commit: RECORD_COMMIT, kind: 'forge.not-merged' });
    expect(finding?.reason).toContain('closed without merging');
  });

  it('leaves pagination to the forge: one votes() call per pull request, however many votes', async () => {
    const many = Array.from({ length: 250 }, (_, i) => cast(`voter${i}`, 'yes'));
    const forge = memoryForge({ pulls: { 42: {} }, votes: { 42: { votes: [...many, ...forgeHas.votes], setAside: [] } } });
    expect(await auditOnForge(forge, [record(42, both)])).toEqual([]);
    expect(forge.calls.filter((c) => c.startsWith('votes'))).toEqual(['votes 42']);
  });

  it('reads a few records at a time and gives findings in the records’ order', async () => {
    let open = 0;
    let most = 0;
    const forge = memoryForge({ pulls: {} });
    const base = memoryForge({ pulls: Object.fromEntries(Array.from({ length: 12 }, (_, i) => [i + 1, i % 2 === 0 ? { merged: false } : {}])) });
    forge.pullRequest = async (n) => {
      open++;
      most = Math.max(most, open);
      await new Promise((r) => setTimeout(r, 2));
      open--;
      return base.pullRequest(n);
    };
    const records = Array.from({ length: 12 }, (_, i) => record(i + 1, []));
    const found = await auditOnForge(forge, records, { concurrency: 3 });
    expect(most).toBe(3);
    expect(found.map((f) => f.subject)).toEqual([1, 3, 5, 7, 9, 11].map((n) => `governance/decisions/${n}.yaml`));
  });
});
