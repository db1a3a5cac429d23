// Each person's account: historical credits, the part paid out (divested) and the part still owed (invested).
import { round2 } from './credits.ts';
import type { Ledger } from './ledger.ts';
import type { Paid } from './payouts.ts';

export interface StreamAccount {
  /** Every credit earned in the stream. */
  historical: number;
  /** Credits paid out by decided payouts ("divested"): one unit of money divests one credit. */
  paid: number;
  /** Credits not paid out ("invested"): historical minus paid. */
  owed: number;
}

export interface Account extends StreamAccount {
  handle: string;
  byStream: Record<string, StreamAccount>;
}

/**
 * The accounts of everyone who has logged work, up to and including month `to` when given. Paid work
 * of a dater paid at a reduced rate leaves the rest owed, like any unpaid credit.
 */
export function accountsOf(ledger: Ledger, paid: Paid, to?: string): Map<string, Account> {
  const accounts = new Map<string, Account>();
  const handles = new Set([...ledger.cells.keys(), ...paid.keys()]);
  for (const handle of [...handles].sort()) {
    const byStream: Record<string, StreamAccount> = {};
    const streamOf = (stream: string) => (byStream[stream] ??= { historical: 0, paid: 0, owed: 0 });
    for (const stream of ledger.streams) streamOf(stream);
    for (const [month, cells] of ledger.cells.get(handle) ?? []) {
      if (to !== undefined && month > to) continue;
      for (const [stream, cell] of cells) streamOf(stream).historical += cell.credits;
    }
    for (const [month, amounts] of paid.get(handle) ?? []) {
      if (to !== undefined && month > to) continue;
      for (const [stream, amount] of amounts) streamOf(stream).paid += amount;
    }
    const account: Account = { handle, historical: 0, paid: 0, owed: 0, byStream };
    for (const line of Object.values(byStream)) {
      line.historical = round2(line.historical);
      line.paid = round2(line.paid);
      line.owed = round2(line.historical - line.paid);
      account.historical += line.historical;
      account.paid += line.paid;
    }
    account.historical = round2(account.historical);
    account.paid = round2(account.paid);
    account.owed = round2(account.historical - account.paid);
    accounts.set(handle, account);
  }
  return accounts;
}
