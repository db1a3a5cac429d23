// The constitution's own references hold together: tiers, rules, streams and stages it names exist.
import type { SubCode } from '../common/index.ts';
import type { SemanticRule } from './rule.ts';
import { list, names, quoteList } from './rule.ts';
import { changeKinds } from '../common/index.ts';

/** Words a policy entry's rule may be besides a rule name. */
export const RESERVED_RULES = ['none', 'forbidden', 'as-proposed'] as const;

export const constitutionReference: SemanticRule<SubCode<'constitution.reference'>> = {
  id: 'constitution.reference',
  description: 'Tiers, rules, streams and stages named in the constitution exist, and tier ids are unique.',
  check(state, report) {
    const doc = state.constitution;
    if (doc === undefined) return;
    const c = doc.value;
    const { tiers, rules, streams } = names(c);
    const tierList = quoteList(tiers.keys());
    const ruleList = quoteList(rules);
    const seen = new Set<string>();
    c.tiers.forEach((tier, i) => {
      if (seen.has(tier.id))
        report(doc, ['tiers', i, 'id'], `The tier "${tier.id}" is declared twice. Give each tier its own id.`, { subcode: 'duplicate-tier' });
      seen.add(tier.id);
    });
    for (const [name, rule] of Object.entries(c.decisions)) {
      if ((RESERVED_RULES as readonly string[]).includes(name)) {
        report(doc, ['decisions', name], `"${name}" is a reserved word in policy entries and cannot name a rule. Rename the rule.`, {
          at: 'key',
          subcode: 'reserved-name',
        });
      }
      (rule.voters ?? []).forEach((tier, i) => {
        if (!tiers.has(tier))
          report(doc, ['decisions', name, 'voters', i], `The tier "${tier}" is not declared. Use one of: ${tierList}.`, { subcode: 'unknown-tier' });
      });
      if (rule.min_days !== undefined && rule.max_days !== undefined && rule.max_days < rule.min_days) {
        report(doc, ['decisions', name, 'max_days'], `max_days (${rule.max_days}) is before min_days (${rule.min_days}). Make max_days at least min_days.`, {
          subcode: 'days-order',
        });
      }
    }
    const ruleOrReserved = (rule: string) => rules.has(rule) || (RESERVED_RULES as readonly string[]).includes(rule);
    c.policy.forEach((entry, i) => {
      if (!ruleOrReserved(entry.rule)) {
        report(
          doc,
          ['policy', i, 'rule'],
          `The rule "${entry.rule}" is not declared under decisions. Use one of: ${ruleList}, or none, forbidden, as-proposed.`,
          { subcode: 'unknown-rule' },
        );
      }
      list(entry.change).forEach((pattern, j) => {
        const glob = new RegExp(`^${pattern.replace(/\./g, '\\.').replace(/\*/g, '[a-z]*')}$`);
        if (!changeKinds.some((kind) => glob.test(kind))) {
          const path = Array.isArray(entry.change) ? ['policy', i, 'change', j] : ['policy', i, 'change'];
          report(
            doc,
            path,
            `"${pattern}" matches no change kind. Use a kind such as member.add or a glob such as commitment.*; the kinds are: ${changeKinds.join(', ')}.`,
            { subcode: 'unknown-change-kind' },
          );
        }
      });
      for (const key of ['tier', 'from'] as const) {
        list(entry[key]).forEach((tier, j) => {
          if (!tiers.has(tier)) {
            report(
              doc,
              Array.isArray(entry[key]) ? ['policy', i, key, j] : ['policy', i, key],
              `The tier "${tier}" is not declared. Use one of: ${tierList}.`,
              { subcode: 'unknown-tier' },
            );
          }
        });
      }
    });
    if (!rules.has(c.default) && !(RESERVED_RULES as readonly string[]).includes(c.default)) {
      report(doc, ['default'], `The default rule "${c.default}" is not declared under decisions. Use one of: ${ruleList}.`, { subcode: 'unknown-rule' });
    }
    if (c.proposals) {
      c.proposals.rules.forEach((rule, i) => {
        if (!rules.has(rule))
          report(doc, ['proposals', 'rules', i], `The rule "${rule}" is not declared under decisions. Use one of: ${ruleList}.`, { subcode: 'unknown-rule' });
      });
      if (!c.proposals.rules.includes(c.proposals.default)) {
        report(
          doc,
          ['proposals', 'default'],
          `The default "${c.proposals.default}" is not among the rules proposals may choose. Add it to proposals.rules or pick one of: ${quoteList(c.proposals.rules)}.`,
          { subcode: 'proposals-default' },
        );
      }
      // Not limited to proposals.rules: these are imposed on a proposal, not chosen by it.
      const imposed = {
        payouts: ['every payout proposal', 'the rule each payout names in its decision field'],
        ratifications: ['every ratification (a proposal with ratifies:)', `the default rule, ${c.default}`],
      } as const;
      for (const key of ['payouts', 'ratifications'] as const) {
        const rule = c.proposals[key];
        if (rule !== undefined && !rules.has(rule)) {
          const [what, otherwise] = imposed[key];
          report(
            doc,
            ['proposals', key],
            `The rule "${rule}" is not declared under decisions, so ${what} would be forbidden: no vote could pass it. Use one of: ${ruleList}, or leave proposals.${key} out for ${otherwise}.`,
            { subcode: 'unknown-rule' },
          );
        }
      }
    }
    const maxStages = Math.max(0, ...c.tiers.map((t) => t.stages ?? 0));
    for (const stage of Object.keys(c.value?.dating_rates ?? {})) {
      if (Number(stage) > maxStages) {
        report(doc, ['value', 'dating_rates', stage], `No tier has a stage ${stage} (the most is ${maxStages}). Remove this rate or add stages to a tier.`, {
          at: 'key',
          subcode: 'unknown-stage',
        });
      }
    }
    let shares = 0;
    (c.value?.split ?? []).forEach((part, i) => {
      shares += part.share;
      part.streams.forEach((stream, j) => {
        if (!streams.has(stream))
          report(doc, ['value', 'split', i, 'streams', j], `The stream "${stream}" is not under value.streams. Use one of: ${quoteList(streams)}.`, {
            subcode: 'unknown-stream',
          });
      });
    });
    if (shares > 1 + 1e-9) {
      report(doc, ['value', 'split'], `The split's shares add up to ${Number(shares.toFixed(4))}, more than the whole pool. Make them add up to 1 at most.`, {
        subcode: 'split-too-large',
      });
    }
    for (const [tier, pledges] of Object.entries(c.commitments?.minimum ?? {})) {
      if (!tiers.has(tier))
        report(doc, ['commitments', 'minimum', tier], `The tier "${tier}" is not declared. Use one of: ${tierList}.`, { at: 'key', subcode: 'unknown-tier' });
      for (const stream of Object.keys(pledges)) {
        if (!streams.has(stream))
          report(doc, ['commitments', 'minimum', tier, stream], `The stream "${stream}" is not under value.streams. Use one of: ${quoteList(streams)}.`, {
            at: 'key',
            subcode: 'unknown-stream',
          });
      }
    }
  },
};
