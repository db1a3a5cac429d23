// The policy: every entry of the disco preset's policy by a table, and the invariants no constitution can lift.
import { describe, expect, it } from 'vitest';
import type { Change } from './diff.ts';
import type { Constitution } from '../generated/types.ts';
import { parseYaml } from '../load/index.ts';
import { decide, isSelf, requiredRules } from './policy.ts';
import { presets } from '../presets/index.ts';

function constitution(text: string): Constitution {
  const parsed = parseYaml('constitution.yaml', text);
  if (!parsed.ok) throw new Error(parsed.problem.message);
  return parsed.value as Constitution;
}

const disco = constitution(presets.disco.constitution);

// The people of the table: ana is a member whose forge login differs from her handle; dan has none.
const ANA = 'AnaCosta';
const STRANGER = 'mallory';
const m = (kind: Change['kind'], subject: string, tier: { from?: string; to?: string }, more: Partial<Change> = {}): Change => ({
  kind,
  subject,
  login: subject === 'ana' ? ANA : subject,
  file: `governance/members/${subject}.yaml`,
  line: 1,
  column: 1,
  tier,
  ...more,
});
const person = (kind: Change['kind'], subject: string, folder: string, more: Partial<Change> = {}): Change => ({
  kind,
  subject,
  login: subject === 'ana' ? ANA : subject,
  file: `governance/${folder}/${subject}.yaml`,
  line: 1,
  column: 1,
  tier: { from: 'member', to: 'member' },
  ...more,
});
const proposal = (kind: Change['kind'], decision?: string): Change => ({
  kind,
  subject: 'ana',
  login: ANA,
  file: 'governance/proposals/0007-care-rate.yaml',
  line: 1,
  column: 1,
  proposal: { title: 'Raise the care rate', ...(decision !== undefined ? { decision } : {}) },
});
const decision = (kind: Change['kind']): Change => ({ kind, file: 'governance/decisions/42.yaml', line: 1, column: 1, pr: 42 });
const path = (file: string): Change => ({ kind: 'path.change', file, line: 1, column: 1, status: 'modified' });
const constitutionChange: Change = { kind: 'constitution.change', file: 'governance/constitution.yaml', line: 1, column: 1, fields: ['decisions'] };

interface Row {
  name: string;
  change: Change;
  author: string;
  /** What the pull request needs for it: a rule, none or forbidden. */
  rule: string;
  /** The policy entry of the base that decides it, or 'default'; 'invariant' where Cooperage decides whatever the policy says. */
  by: number | 'default' | 'invariant';
  self: boolean;
}

// prettier-ignore
const table: Row[] = [
  { name: 'the constitution itself', change: constitutionChange, author: ANA, rule: 'supermajority', by: 0, self: false },
  { name: 'adding a decision record', change: decision('decision.add'), author: ANA, rule: 'forbidden', by: 'invariant', self: false },
  { name: 'changing a decision record', change: decision('decision.update'), author: ANA, rule: 'forbidden', by: 'invariant', self: false },
  { name: 'removing a decision record', change: decision('decision.remove'), author: ANA, rule: 'forbidden', by: 'invariant', self: false },
  { name: 'moving yourself outward, member to dater', change: m('member.tier', 'ana', { from: 'member', to: 'dater' }), author: ANA, rule: 'none', by: 2, self: true },
  { name: 'moving yourself outward, contributor to supporter', change: m('member.tier', 'bo', { from: 'contributor', to: 'supporter' }), author: 'bo', rule: 'none', by: 2, self: true },
  { name: 'leaving', change: m('member.remove', 'ana', { from: 'member' }), author: ANA, rule: 'none', by: 3, self: true },
  { name: 'leaving, author login in other case', change: m('member.remove', 'ana', { from: 'member' }), author: 'anacosta', rule: 'none', by: 3, self: true },
  { name: 'removing someone else', change: m('member.remove', 'bo', { from: 'contributor' }), author: ANA, rule: 'unanimous', by: 4, self: false },
  { name: 'moving someone else outward', change: m('member.tier', 'bo', { from: 'member', to: 'contributor' }), author: ANA, rule: 'unanimous', by: 5, self: false },
  { name: 'entering member, added', change: m('member.add', 'cy', { to: 'member' }), author: ANA, rule: 'unanimous', by: 6, self: false },
  { name: 'entering member, moved from dater', change: m('member.tier', 'cy', { from: 'dater', to: 'member' }), author: ANA, rule: 'unanimous', by: 6, self: false },
  { name: 'entering member, moving yourself', change: m('member.tier', 'cy', { from: 'dater', to: 'member' }), author: 'cy', rule: 'unanimous', by: 6, self: true },
  { name: 'entering dater, added by someone else', change: m('member.add', 'dan', { to: 'dater' }), author: ANA, rule: 'consent', by: 7, self: false },
  { name: 'entering dater, adding yourself', change: m('member.add', 'dan', { to: 'dater' }), author: 'dan', rule: 'consent', by: 7, self: true },
  { name: 'entering dater, moved from contributor', change: m('member.tier', 'dan', { from: 'contributor', to: 'dater' }), author: ANA, rule: 'consent', by: 7, self: false },
  { name: 'entering dater, moving yourself inward', change: m('member.tier', 'dan', { from: 'supporter', to: 'dater' }), author: 'dan', rule: 'consent', by: 7, self: true },
  { name: 'joining the outer rings yourself as supporter', change: m('member.add', 'eve', { to: 'supporter' }), author: 'eve', rule: 'none', by: 8, self: true },
  { name: 'joining the outer rings yourself as contributor', change: m('member.add', 'eve', { to: 'contributor' }), author: 'EVE', rule: 'none', by: 8, self: true },
  { name: 'moving yourself inward from supporter to contributor', change: m('member.tier', 'eve', { from: 'supporter', to: 'contributor' }), author: 'eve', rule: 'none', by: 8, self: true },
  { name: 'adding someone else as supporter', change: m('member.add', 'eve', { to: 'supporter' }), author: ANA, rule: 'lazy-majority', by: 9, self: false },
  { name: 'adding someone else as contributor, by an unknown author', change: m('member.add', 'eve', { to: 'contributor' }), author: STRANGER, rule: 'lazy-majority', by: 9, self: false },
  { name: 'moving someone else inward to contributor', change: m('member.tier', 'eve', { from: 'supporter', to: 'contributor' }), author: ANA, rule: 'lazy-majority', by: 9, self: false },
  { name: 'editing your own details', change: m('member.update', 'ana', { from: 'member', to: 'member' }, { fields: ['circles'] }), author: ANA, rule: 'none', by: 10, self: true },
  { name: "editing someone else's details", change: m('member.update', 'bo', { from: 'dater', to: 'dater' }, { fields: ['dating'] }), author: ANA, rule: 'consent', by: 11, self: false },
  { name: 'your own commitment, added', change: person('commitment.add', 'ana', 'commitments'), author: ANA, rule: 'none', by: 12, self: true },
  { name: 'your own commitment, renewed', change: person('commitment.update', 'ana', 'commitments'), author: ANA, rule: 'none', by: 12, self: true },
  { name: 'your own commitment, removed', change: person('commitment.remove', 'ana', 'commitments'), author: ANA, rule: 'none', by: 12, self: true },
  { name: "someone else's commitment, added", change: person('commitment.add', 'bo', 'commitments'), author: ANA, rule: 'consent', by: 13, self: false },
  { name: "someone else's commitment, changed", change: person('commitment.update', 'bo', 'commitments'), author: ANA, rule: 'consent', by: 13, self: false },
  { name: 'logging your own work', change: person('contribution.add', 'ana', 'contributions/2026-11'), author: ANA, rule: 'none', by: 14, self: true },
  { name: "logging someone else's work", change: person('contribution.add', 'bo', 'contributions/2026-11'), author: ANA, rule: 'lazy-majority', by: 15, self: false },
  { name: 'correcting your own logged work', change: person('contribution.update', 'ana', 'contributions/2026-11'), author: ANA, rule: 'lazy-majority', by: 16, self: true },
  { name: "removing someone else's logged work", change: person('contribution.remove', 'bo', 'contributions/2026-11'), author: ANA, rule: 'lazy-majority', by: 16, self: false },
  { name: 'a proposal that names its rule', change: proposal('proposal.add', 'consent'), author: ANA, rule: 'consent', by: 17, self: true },
  { name: 'a proposal that names unanimous, added by someone else', change: proposal('proposal.add', 'unanimous'), author: STRANGER, rule: 'unanimous', by: 17, self: false },
  { name: 'a proposal that names no rule gets proposals.default', change: proposal('proposal.add'), author: ANA, rule: 'lazy-majority', by: 17, self: true },
  { name: 'a proposal naming a rule proposals may not choose', change: proposal('proposal.add', 'bribery'), author: ANA, rule: 'forbidden', by: 17, self: true },
  { name: 'editing a proposal', change: proposal('proposal.update', 'unanimous'), author: ANA, rule: 'lazy-majority', by: 18, self: true },
  { name: 'withdrawing a proposal', change: proposal('proposal.remove'), author: STRANGER, rule: 'lazy-majority', by: 18, self: false },
  { name: 'the licence', change: path('LICENSE'), author: ANA, rule: 'supermajority', by: 19, self: false },
  { name: 'a workflow', change: path('.github/workflows/coop.yml'), author: ANA, rule: 'supermajority', by: 19, self: false },
  { name: 'a move into a tier the base does not have', change: m('member.tier', 'bo', { from: 'contributor', to: 'observer' }), author: ANA, rule: 'supermajority', by: 'default', self: false },
];

describe('the disco preset policy', () => {
  it.each(table)('$name: $rule', (row) => {
    const { changes, requires, forbidden } = requiredRules([row.change], { base: disco, author: row.author });
    const judged = changes[0]!;
    expect(judged.self).toBe(row.self);
    const ruling = judged.rulings[0]!;
    expect(ruling.rule).toBe(row.rule);
    expect(row.by === 'invariant' ? ruling.by : row.by === 'default' ? ruling.by : ruling.policy).toBe(row.by);
    expect(judged.forbidden).toBe(row.rule === 'forbidden');
    expect(forbidden).toHaveLength(row.rule === 'forbidden' ? 1 : 0);
    expect(requires).toEqual(row.rule === 'none' || row.rule === 'forbidden' ? [] : [row.rule]);
    if (ruling.by === 'policy') expect(ruling.note).toBe(disco.policy[ruling.policy!]!.note);
  });

  it('has a row for every line of the policy, and for its default', () => {
    const decided = new Set(table.map((row) => decide(row.change, isSelf(row.change, row.author), disco, 'base').policy ?? 'default'));
    expect(disco.policy).toHaveLength(20);
    expect(decided).toEqual(new Set([...disco.policy.keys(), 'default']));
  });

  it('explains as-proposed: the rule the proposal names, or why it cannot have it', () => {
    const named = requiredRules([proposal('proposal.add', 'consent')], { base: disco, author: ANA }).changes[0]!.rulings[0]!;
    expect(named).toMatchObject({ said: 'as-proposed', rule: 'consent', reason: expect.stringContaining('names consent') });
    const fallback = requiredRules([proposal('proposal.add')], { base: disco, author: ANA }).changes[0]!.rulings[0]!;
    expect(fallback.reason).toMatch(/default for proposals, lazy-majority/);
    const refused = requiredRules([proposal('proposal.add', 'bribery')], { base: disco, author: ANA }).changes[0]!.rulings[0]!;
    expect(refused.reason).toMatch(/"bribery".*Use one of: lazy-majority, consent, majority, supermajority, unanimous/);
  });

  it('asks for every rule a pull request needs, each once', () => {
    const changes = [
      m('member.add', 'cy', { to: 'member' }),
      m('member.add', 'dan', { to: 'dater' }),
      m('member.remove', 'bo', { from: 'member' }),
      person('contribution.add', 'ana', 'contributions/2026-11'),
    ];
    expect(requiredRules(changes, { base: disco, author: ANA }).requires).toEqual(['unanimous', 'consent']);
  });
});

describe('ratifications and payouts need the rules the constitution names for them', () => {
  const sha = 'a1'.repeat(20);
  const ratification = (kind: Change['kind'] = 'proposal.add', decision = 'lazy-majority'): Change => {
    const base = proposal(kind, decision);
    return { ...base, proposal: { ...base.proposal!, ratifies: [sha] } };
  };
  const payout = (decision = 'lazy-majority'): Change => {
    const base = proposal('proposal.add', decision);
    return { ...base, proposal: { ...base.proposal!, payout: { month: '2026-11', pool: 500, currency: 'EUR' } } };
  };
  const ruling = (change: Change, c: Constitution = disco) => requiredRules([change], { base: c, author: ANA }).changes[0]!;
  const without = (key: 'payouts' | 'ratifications') => constitution(presets.disco.constitution.replace(new RegExp(`^  ${key}: .*\n`, 'm'), ''));

  it('a ratification needs proposals.ratifications whatever its decision field says, and says why', () => {
    const judged = ruling(ratification('proposal.add', 'lazy-majority'));
    expect(judged.requires).toEqual(['supermajority']);
    expect(judged.rulings[0]).toMatchObject({ by: 'policy', policy: 17, said: 'as-proposed', rule: 'supermajority' });
    expect(judged.rulings[0]!.reason).toBe(
      "This proposal ratifies a commit that landed undecided, so it needs the constitution's rule for ratifications (proposals.ratifications), supermajority, whatever its decision field says.",
    );
  });

  it('without proposals.ratifications, a ratification needs the constitution’s default', () => {
    const radial = constitution(presets.radial.constitution);
    expect(radial.proposals?.ratifications).toBeUndefined();
    const judged = ruling(ratification('proposal.add', 'majority'), radial);
    expect(judged.requires).toEqual([radial.default]);
    expect(judged.rulings[0]!.reason).toMatch(/default rule, as it names no rule for ratifications/);
    expect(ruling(ratification(), without('ratifications')).requires).toEqual(['supermajority']);
  });

  it('a payout needs proposals.payouts when the constitution names it, else the rule its decision names', () => {
    expect(ruling(payout('lazy-majority')).requires).toEqual(['consent']);
    expect(ruling(payout('unanimous')).requires).toEqual(['consent']);
    expect(ruling(payout('lazy-majority')).rulings[0]!.reason).toMatch(
      /payout, which moves money, so it needs the constitution's rule for payouts \(proposals\.payouts\), consent/,
    );
    expect(ruling(payout('unanimous'), without('payouts')).requires).toEqual(['unanimous']);
    expect(ruling(payout('lazy-majority'), without('payouts')).requires).toEqual(['lazy-majority']);
  });

  it('holds even where the policy lets proposals in with no vote, but what it forbids stays forbidden', () => {
    const open = constitution(
      presets.disco.constitution.replace('  - change: proposal.add\n    rule: as-proposed', '  - change: proposal.add\n    rule: none'),
    );
    expect(ruling(proposal('proposal.add'), open).requires).toEqual([]);
    expect(ruling(ratification(), open).requires).toEqual(['supermajority']);
    expect(ruling(payout(), open).requires).toEqual(['consent']);
    const closed = constitution(
      presets.disco.constitution.replace('  - change: proposal.add\n    rule: as-proposed', '  - change: proposal.add\n    rule: forbidden'),
    );
    expect(ruling(ratification(), closed).forbidden).toBe(true);
    expect(ruling(payout(), closed).forbidden).toBe(true);
  });

  it('fails closed when the rule named for ratifications is not declared', () => {
    const broken = constitution(presets.disco.constitution.replace('ratifications: supermajority', 'ratifications: super-majority'));
    const judged = ruling(ratification(), broken);
    expect(judged.forbidden).toBe(true);
    expect(judged.rulings[0]!.reason).toMatch(/"super-majority", which is not declared under decisions, so no vote could pass it/);
  });

  it('only adding the proposal is a ratification: editing or withdrawing one is judged by the policy', () => {
    expect(ruling(ratification('proposal.update')).requires).toEqual(['lazy-majority']);
    expect(ruling(ratification('proposal.remove')).requires).toEqual(['lazy-majority']);
  });
});

describe('invariants, whatever the constitution says', () => {
  const lax = constitution(`
tiers: [{ id: member, label: Member, rights: [vote] }, { id: supporter, label: Supporter, rights: [] }]
decisions: { majority: { method: majority }, unanimous: { method: unanimous } }
policy:
  - { change: "*.*", rule: none }
default: none
`);

  it('reads the policy from the base: a head that lets everything through changes nothing', () => {
    const { requires } = requiredRules([m('member.add', 'cy', { to: 'member' })], { base: disco, head: lax, author: STRANGER });
    expect(requires).toEqual(['unanimous']);
  });

  it('a constitution.change needs its rule under the base and under the head, and reports both', () => {
    const strict = constitution(
      presets.disco.constitution.replace('  - change: constitution.change\n    rule: supermajority', '  - change: constitution.change\n    rule: unanimous'),
    );
    const judged = requiredRules([constitutionChange], { base: disco, head: strict, author: ANA }).changes[0]!;
    expect(judged.rulings.map((r) => [r.under, r.rule, r.policy])).toEqual([
      ['base', 'supermajority', 0],
      ['head', 'unanimous', 0],
    ]);
    expect(judged.requires).toEqual(['supermajority', 'unanimous']);
  });

  it('a head constitution that waves its own change through still needs the base rule', () => {
    const judged = requiredRules([constitutionChange], { base: disco, head: lax, author: ANA }).changes[0]!;
    expect(judged.rulings.map((r) => r.rule)).toEqual(['supermajority', 'none']);
    expect(judged.requires).toEqual(['supermajority']);
    expect(judged.forbidden).toBe(false);
  });

  it('a head constitution that forbids changing itself forbids the change that makes it so', () => {
    const frozen = constitution(
      presets.disco.constitution.replace('  - change: constitution.change\n    rule: supermajority', '  - change: constitution.change\n    rule: forbidden'),
    );
    const judged = requiredRules([constitutionChange], { base: disco, head: frozen, author: ANA });
    expect(judged.forbidden).toHaveLength(1);
    expect(judged.requires).toEqual(['supermajority']);
  });

  it.each(['decision.add', 'decision.update', 'decision.remove'] as const)('%s is forbidden even when the policy says none', (kind) => {
    const judged = requiredRules([decision(kind)], { base: lax, head: lax, author: ANA });
    expect(judged.forbidden).toHaveLength(1);
    expect(judged.changes[0]!.rulings).toEqual([
      {
        under: 'base',
        by: 'invariant',
        rule: 'forbidden',
        reason: expect.stringMatching(kind === 'decision.add' ? /only by the record action/ : /append-only/),
        code: kind === 'decision.add' ? 'forbidden.decision-add' : 'forbidden.decision-edit',
      },
    ]);
  });

  it.each([
    ['member.remove', m('member.remove', 'bo', { from: 'member' }), ['bo']],
    ['member.tier', m('member.tier', 'bo', { from: 'dater', to: 'member' }), ['bo']],
    ['member.tier of oneself', m('member.tier', 'ana', { from: 'member', to: 'dater' }), ['ana']],
    ['member.add', m('member.add', 'bo', { to: 'member' }), undefined],
    ['member.update', m('member.update', 'bo', { from: 'member', to: 'member' }), undefined],
  ] as const)('the subject of a %s stands aside: %j', (_, change, aside) => {
    expect(requiredRules([change], { base: disco, author: ANA }).changes[0]!.standsAside).toEqual(aside);
  });

  it('an author who is nobody in the roll is self nowhere', () => {
    const all = table.map((row) => row.change);
    expect(requiredRules(all, { base: disco, author: 'nobody-at-all' }).changes.every((c) => !c.self)).toBe(true);
  });

  it('fails closed on a policy rule the constitution does not declare, and on as-proposed outside proposals', () => {
    const broken = constitution(`
tiers: [{ id: member, label: Member, rights: [vote] }]
decisions: { majority: { method: majority } }
policy:
  - { change: member.add, rule: majorty }
  - { change: member.remove, rule: as-proposed }
default: majority
`);
    const [add, remove] = requiredRules([m('member.add', 'bo', { to: 'member' }), m('member.remove', 'bo', { from: 'member' })], {
      base: broken,
      author: ANA,
    }).changes;
    expect(add!.rulings[0]).toMatchObject({ rule: 'forbidden', reason: expect.stringMatching(/policy entry 1 names the rule "majorty"/) });
    expect(remove!.rulings[0]).toMatchObject({ rule: 'forbidden', reason: expect.stringMatching(/not a proposal/) });
  });

  it('an entry with tier does not match a removal, nor one with from an addition', () => {
    const c = constitution(`
tiers: [{ id: member, label: Member, rights: [vote] }]
decisions: { majority: { method: majority }, unanimous: { method: unanimous } }
policy:
  - { change: member.*, tier: member, rule: none }
  - { change: member.*, from: member, rule: unanimous }
default: majority
`);
    const judged = requiredRules([m('member.remove', 'bo', { from: 'member' }), m('member.add', 'bo', { to: 'member' })], { base: c, author: ANA }).changes;
    expect(judged.map((j) => j.rulings[0]!.policy)).toEqual([1, 0]);
  });
});
