// A payout proposal pays existing people for existing streams, never more than their credits nor more than its pool.
import { memberExists } from '../common/index.ts';
import { names, quoteList, type SemanticRule } from './rule.ts';

/** Money is rounded to cents; a payment may exceed its limit by less than this and still be right. */
const CENT = 0.005;

export const proposalPayout: SemanticRule = {
  id: 'proposal.payout',
  description:
    "A payout's payments name members and streams that exist, pay each (member, stream) once, at most its credits times its rate, and at most the pool in all.",
  check(state, report) {
    const { streams } = names(state.constitution?.value);
    for (const doc of state.proposals.values()) {
      const payout = doc.value.payout;
      if (payout === undefined) continue;
      if (state.constitution !== undefined && streams.size === 0) {
        report(
          doc,
          ['payout'],
          'This constitution tracks no value, so there are no credits to pay. Add `value:` to governance/constitution.yaml, or remove `payout:`.',
          { at: 'key' },
        );
        continue;
      }
      const seen = new Set<string>();
      let total = 0;
      payout.payments.forEach((payment, i) => {
        const at = ['payout', 'payments', i];
        if (!memberExists(state, payment.member)) {
          report(
            doc,
            [...at, 'member'],
            `"${payment.member}" is not a member: there is no governance/members/${payment.member}.yaml. Use an existing member's handle.`,
          );
        }
        if (state.constitution !== undefined && !streams.has(payment.stream)) {
          report(doc, [...at, 'stream'], `The stream "${payment.stream}" is not in the constitution. Use one of: ${quoteList(streams)}.`);
        }
        const key = `${payment.member}/${payment.stream}`;
        if (seen.has(key)) report(doc, at, `${payment.member} is paid for ${payment.stream} twice in this payout. Merge the two payments into one.`);
        seen.add(key);
        const limit = payment.credits * (payment.rate ?? 1);
        if (payment.paid > limit + CENT) {
          const rate = payment.rate === undefined ? '' : ` at the rate ${payment.rate}`;
          report(
            doc,
            [...at, 'paid'],
            `This pays ${payment.paid} for ${payment.credits} credits${rate}, more than the ${round(limit)} they are worth. Pay at most ${round(limit)}.`,
          );
        }
        total += payment.paid;
      });
      if (total > payout.pool + CENT) {
        report(doc, ['payout', 'pool'], `The payments add up to ${round(total)}, more than the pool of ${payout.pool}. Lower the payments or raise the pool.`);
      }
    }
  },
};

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
