// The value ledger: every person's credits and hours per month and stream, summed once from the contributions.
import { streamsOf, type State } from '../common/index.ts';
import { entryCredits, entryHours, type Streams } from './credits.ts';

/** Credits and hours of one person in one stream in one month. */
export interface Cell {
  credits: number;
  hours: number;
  entries: number;
}

export interface Ledger {
  /** The constitution's streams, in its order; empty when it tracks no value. */
  streams: string[];
  /** Stream definitions by id. */
  rates: Streams;
  /** handle → month (YYYY-MM) → stream → cell. */
  cells: Map<string, Map<string, Map<string, Cell>>>;
  /** Every month someone logged work in, sorted. */
  months: string[];
  /** The date of each person's latest entry. */
  lastActive: Map<string, string>;
  /** Each person's entries as (date, credits), in date order, for sums from a date on. */
  dated: Map<string, { date: string; credits: number }[]>;
}

/** Sums every contribution of a state into a ledger. */
export function buildLedger(state: State): Ledger {
  const rates: Streams = streamsOf(state);
  const cells: Ledger['cells'] = new Map();
  const months = new Set<string>();
  const lastActive = new Map<string, string>();
  const dated: Ledger['dated'] = new Map();
  for (const [key, doc] of state.contributions) {
    const month = key.slice(0, 7);
    const handle = key.slice(8);
    months.add(month);
    let byMonth = cells.get(handle);
    if (byMonth === undefined) cells.set(handle, (byMonth = new Map<string, Map<string, Cell>>()));
    let byStream = byMonth.get(month);
    if (byStream === undefined) byMonth.set(month, (byStream = new Map<string, Cell>()));
    let list = dated.get(handle);
    if (list === undefined) dated.set(handle, (list = []));
    for (const entry of doc.value.entries) {
      let cell = byStream.get(entry.stream);
      if (cell === undefined) byStream.set(entry.stream, (cell = { credits: 0, hours: 0, entries: 0 }));
      const credits = entryCredits(entry, rates);
      cell.credits += credits;
      cell.hours += entryHours(entry, rates);
      cell.entries += 1;
      list.push({ date: entry.date, credits });
      const last = lastActive.get(handle);
      if (last === undefined || entry.date > last) lastActive.set(handle, entry.date);
    }
  }
  for (const list of dated.values()) list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { streams: Object.keys(rates), rates, cells, months: [...months].sort(), lastActive, dated };
}

/** One cell, or an empty one. */
export function cellOf(ledger: Ledger, handle: string, month: string, stream: string): Cell {
  return ledger.cells.get(handle)?.get(month)?.get(stream) ?? { credits: 0, hours: 0, entries: 0 };
}

export interface Filter {
  handle?: string;
  stream?: string;
  /** First month included, YYYY-MM. */
  from?: string;
  /** Last month included, YYYY-MM. */
  to?: string;
}

/** Sums credits and hours over the cells a filter selects. */
export function sumCells(ledger: Ledger, filter: Filter = {}): Cell {
  const total: Cell = { credits: 0, hours: 0, entries: 0 };
  const people =
    filter.handle === undefined ? ledger.cells : new Map([[filter.handle, ledger.cells.get(filter.handle) ?? new Map<string, Map<string, Cell>>()]]);
  for (const byMonth of people.values()) {
    for (const [month, byStream] of byMonth) {
      if ((filter.from !== undefined && month < filter.from) || (filter.to !== undefined && month > filter.to)) continue;
      for (const [stream, cell] of byStream) {
        if (filter.stream !== undefined && stream !== filter.stream) continue;
        total.credits += cell.credits;
        total.hours += cell.hours;
        total.entries += cell.entries;
      }
    }
  }
  return total;
}

/** A person's credits from entries dated on or after `from` (and up to `to`, when given). */
export function creditsSince(ledger: Ledger, handle: string, from: string, to?: string): number {
  let total = 0;
  for (const { date, credits } of ledger.dated.get(handle) ?? []) {
    if (date >= from && (to === undefined || date <= to)) total += credits;
  }
  return total;
}
