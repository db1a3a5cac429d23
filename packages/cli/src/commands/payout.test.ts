// coop payout in-process: the worked examples through the command, the proposal it writes, and bad input refused.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseYaml } from '@cooperage/core';
import { runCoop } from '../../../../test/support/io.ts';
import { fingerprint, treeOf, type TempTree } from '../../../../test/support/tree.ts';
import { constitution, filesOf, recordOf } from '../../../../test/support/value-state.ts';

const trees: TempTree[] = [];
afterEach(() => trees.splice(0).forEach((t) => t.remove()));
function coop(more: Record<string, string | null> = {}): string {
  const tree = treeOf(filesOf(more));
  trees.push(tree);
  return tree.dir;
}

interface Line {
  member: string;
  stream: string;
  due: number;
  paid: number;
  owed: number;
}
const byLine = (payments: Line[]) => Object.fromEntries(payments.map((p) => [`${p.member}/${p.stream}`, [p.due, p.paid, p.owed]]));

// The state of test/support/value-state.ts; its October dues, by hand: livelihood ana 200, bob 300,
// dee 0 (stage 1), dan 100 (stage 2), dot 150 (stage 3); love and care ana 100, bob 100, dee 40.
describe('coop payout', () => {
  it('prints the table of a month the pool covers', async () => {
    const run = await runCoop(['payout', '--repo', coop(), '--month', '2026-10', '--pool', '2000']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Payout for October 2026: a pool of 2000 EUR');
    expect(run.stdout).toContain('livelihood (75%): 1500 EUR allotted, 750 EUR due, 750 EUR paid');
    expect(run.stdout).toMatch(/dot +livelihood +200 +0\.75 \(stage 3\) +0 +150 +150 +50/);
    expect(run.stdout).toContain('In all 990 EUR paid of 990 EUR due; 1010 EUR stays in the pool.');
    expect(run.stdout).toContain('Nothing was written.');
  });

  it('pays pro rata when the pool is short, in JSON', async () => {
    const run = await runCoop(['payout', '--repo', coop(), '--month', '2026-10', '--pool', '800', '--json']);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { ok: boolean; paid: number; left: number; covered: boolean; payments: Line[] };
    expect(out).toMatchObject({ ok: true, paid: 800, left: 0, covered: false });
    expect(byLine(out.payments)).toEqual({
      'ana/livelihood': [200, 160, 40],
      'ana/love': [100, 83.34, 16.66],
      'bob/livelihood': [300, 240, 60],
      'bob/care': [100, 83.33, 16.67],
      'dee/livelihood': [0, 0, 200],
      'dee/love': [40, 33.33, 6.67],
      'dan/livelihood': [100, 80, 120],
      'dot/livelihood': [150, 120, 80],
    });
  });

  it('writes the distribution as a proposal, which counts as paid once recorded', async () => {
    const dir = coop();
    const write = await runCoop(['payout', '--repo', dir, '--month', '2026-10', '--pool', '800', '--write', '--author', 'ana']);
    expect(write.code).toBe(0);
    const file = 'governance/proposals/0001-payout-2026-10.yaml';
    expect(write.stdout).toContain(`Wrote ${file}.`);
    const text = readFileSync(join(dir, file), 'utf8');
    const proposal = (
      parseYaml(file, text) as { ok: true; value: { author: string; payout: { month: string; pool: number; currency: string; payments: unknown[] } } }
    ).value;
    expect(proposal.author).toBe('ana');
    expect(proposal.payout).toMatchObject({ month: '2026-10', pool: 800, currency: 'EUR' });
    expect(proposal.payout.payments).toContainEqual({ member: 'dan', stream: 'livelihood', credits: 200, rate: 0.5, paid: 80 });
    expect(proposal.payout.payments).toContainEqual({ member: 'ana', stream: 'love', credits: 100, paid: 83.34 });
    expect((await runCoop(['validate', '--repo', dir])).code).toBe(0);

    // While it is undecided, another proposal for the month is refused.
    const again = await runCoop(['payout', '--repo', dir, '--month', '2026-10', '--pool', '500', '--write', '--author', 'bob']);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/--month 2026-10: governance\/proposals\/0001-payout-2026-10\.yaml already proposes a payout for 2026-10/);

    // Recorded as passed, it is paid: a second payout tops up only what is still due (190 in all).
    mkdirSync(join(dir, 'governance/decisions'));
    writeFileSync(join(dir, 'governance/decisions/12.yaml'), recordOf(12, '0001-payout-2026-10'));
    const topUp = JSON.parse((await runCoop(['payout', '--repo', dir, '--month', '2026-10', '--pool', '500', '--json'])).stdout) as {
      paid: number;
      payments: Line[];
    };
    expect(topUp.paid).toBe(190);
    expect(byLine(topUp.payments)['dan/livelihood']).toEqual([20, 20, 100]);
    const report = JSON.parse((await runCoop(['report', '--repo', dir, '--json'])).stdout);
    expect(report.value.payouts).toEqual([expect.objectContaining({ key: '0001-payout-2026-10', status: 'paid', pr: 12, paid: 800 })]);
    // Earned: ana 300, bob 400, dee 240, dan 200, dot 200 = 1340; 800 of it paid.
    expect(report.value.totals).toMatchObject({ historical: 1340, paid: 800, owed: 540 });
  });

  describe('the rule a payout proposal needs', () => {
    const declared = (rules: string, proposals = '') =>
      constitution
        .replace(
          'decisions:\n  lazy-majority: { method: lazy-majority, min_days: 3 }\n',
          `decisions:\n  lazy-majority: { method: lazy-majority, min_days: 3 }\n${rules}`,
        )
        .replace('default: lazy-majority\n', `default: lazy-majority\n${proposals}`);
    const consent = '  consent: { method: consent, min_yes: 2, min_days: 3 }\n';
    const unanimous = '  unanimous: { method: unanimous, min_days: 3 }\n';
    const write = async (dir: string, extra: string[] = []) => {
      const run = await runCoop(['payout', '--repo', dir, '--month', '2026-10', '--pool', '800', '--write', '--author', 'ana', ...extra]);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const text = readFileSync(join(dir, 'governance/proposals/0001-payout-2026-10.yaml'), 'utf8');
      expect((await runCoop(['validate', '--repo', dir])).code).toBe(0);
      return { run, decision: /^decision: (.*)$/m.exec(text)?.[1] };
    };

    it('names consent when the constitution declares it and names no rule for payouts', async () => {
      const { run, decision } = await write(coop({ 'constitution.yaml': declared(consent) }));
      expect(decision).toBe('consent');
      expect(run.stdout).toContain(
        'Its pull request will need consent: money needs more than lazy consent, and the constitution names no rule for payouts (proposals.payouts) but declares consent.',
      );
    });

    it("names the constitution's rule for payouts first, and says so when --decision asks for another", async () => {
      const policy = 'proposals:\n  rules: [lazy-majority, consent, unanimous]\n  default: lazy-majority\n  payouts: unanimous\n';
      const { run, decision } = await write(coop({ 'constitution.yaml': declared(consent + unanimous, policy) }));
      expect(decision).toBe('unanimous');
      expect(run.stdout).toContain('Its pull request will need unanimous: the constitution names it for every payout (proposals.payouts).');

      const other = await write(coop({ 'constitution.yaml': declared(consent + unanimous, policy) }), ['--decision', 'consent', '--json']);
      expect(other.decision).toBe('consent');
      expect(JSON.parse(other.run.stdout).decision).toEqual({
        named: 'consent',
        needs: 'unanimous',
        why: 'It names consent (--decision), but the policy will still require unanimous: the constitution names it for every payout (proposals.payouts).',
      });
    });

    it('falls back to the default for proposals, and says how to ask more of a payout', async () => {
      const { run, decision } = await write(coop());
      expect(decision).toBe('lazy-majority');
      expect(run.stdout).toContain(
        "Its pull request will need lazy-majority, the constitution's default for proposals: the constitution names no rule for payouts (proposals.payouts) and declares no rule named consent. Name one in proposals.payouts to ask more of a payout.",
      );
    });

    it('says so when the policy gives proposals a rule of its own', async () => {
      const fixed = declared(consent + unanimous).replace('policy:\n', 'policy:\n  - { change: proposal.add, rule: unanimous }\n');
      const { run, decision } = await write(coop({ 'constitution.yaml': fixed }));
      expect(decision).toBe('consent');
      expect(run.stdout).toContain('declares consent. By policy entry 1, though, its pull request will need unanimous.');
    });

    it('--decision still chooses when the constitution names no rule for payouts', async () => {
      const { run, decision } = await write(coop({ 'constitution.yaml': declared(consent) }), ['--decision', 'lazy-majority']);
      expect(decision).toBe('lazy-majority');
      expect(run.stdout).toContain('Its pull request will need lazy-majority, as --decision asks.');
    });
  });

  it.each([
    ['a month that does not exist', ['--month', '2026-13'], /--month "2026-13" is not a month: write it YYYY-MM/],
    ['a month not begun', ['--month', '2027-01'], /--month 2027-01 has not begun \(this is 2026-11\)/],
    ['a month nobody worked in', ['--month', '2026-05'], /--month 2026-05: nobody logged work in 2026-05 .* Months with logged work: 2026-10 to 2026-10/],
    [
      'a pool that is not a number',
      ['--pool', 'lots'],
      /--pool "lots" is not a number: give at least 0 and at most 1,000,000,000 units of money, such as 4000 or 4000\.50/,
    ],
    ['a pool with thousands separators', ['--pool', '4,000'], /--pool "4,000" is not a number/],
    ['a negative pool', ['--pool=-100'], /--pool -100 is not an amount: give the money available, 0 or more, such as 4000\./],
    [
      'a negative pool as a separate word',
      ['--pool', '-5'],
      /^coop payout: --pool -5 is not an amount: give the money available, 0 or more, such as 4000\.\n$/,
    ],
    ['an absurd pool', ['--pool', '5000000000'], /--pool 5000000000 is out of range: give at least 0 and at most 1,000,000,000/],
    ['--write without --author', ['--write'], /--write needs --author H/],
    ['an author who is not a member', ['--write', '--author', 'zed'], /--author "zed" is not a member/],
    [
      'a rule proposals may not choose',
      ['--write', '--author', 'ana', '--decision', 'coin-toss'],
      /--decision "coin-toss" is not a rule proposals may choose\. Use one of: lazy-majority/,
    ],
    ['--author without --write', ['--author', 'ana'], /--author only applies with --write/],
    ['no --pool', ['--pool', null], /--pool is missing/],
  ])('refuses %s with exit 2, naming the flag, and writes nothing', async (_, change, message) => {
    const dir = coop();
    const args: Record<string, string | null> = { '--month': '2026-10', '--pool': '800' };
    const extra: string[] = [];
    for (let i = 0; i < change.length; i++) {
      const flag = change[i]!;
      if (flag.includes('=')) {
        delete args[flag.slice(0, flag.indexOf('='))];
        extra.push(flag);
      } else if (flag === '--write') extra.push(flag);
      else args[flag] = change[++i] as string | null;
    }
    const before = fingerprint(dir);
    const run = await runCoop(['payout', '--repo', dir, ...Object.entries(args).flatMap(([k, v]) => (v === null ? [] : [k, v])), ...extra]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(fingerprint(dir)).toBe(before);
    expect(existsSync(join(dir, 'governance/proposals'))).toBe(false);
  });
});
