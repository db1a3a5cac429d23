// Small helpers for writing HTML and SVG as strings: escaping, numbers, colours.

/** Escapes text for HTML or SVG content and attribute values. */
export function esc(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Escapes a sentence, showing its `code` spans as code. */
export function prose(text: string): string {
  return esc(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

/** A coordinate with at most two decimals, for compact SVG. */
export function n(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** Every figure on the page, in cards, tables and charts alike: thousands separated by a thin space, at most two decimals. */
export function num(value: number): string {
  const [whole, frac] = (Math.round(value * 100) / 100).toFixed(2).split('.') as [string, string];
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
  return frac === '00' ? grouped : `${grouped}.${frac}`;
}

/** A short label for a month: Jan, Feb, … */
export function shortMonth(month: string): string {
  return new Date(`${month}-01T00:00:00Z`).toLocaleString('en', { month: 'short', timeZone: 'UTC' });
}

const STREAM_COLOURS: Record<string, string> = { livelihood: '#2d6a8e', love: '#d1495b', care: '#e9a23b' };
const MORE_COLOURS = ['#6a4c93', '#3f8f6f', '#8c564b', '#5b8e7d', '#b5651d', '#7f7f7f'];

/** A colour for each stream: DisCO's three get their own, others a fixed sequence. */
export function streamColours(streams: readonly string[]): Map<string, string> {
  let next = 0;
  return new Map(streams.map((s) => [s, STREAM_COLOURS[s] ?? MORE_COLOURS[next++ % MORE_COLOURS.length]!]));
}

const TIER_COLOURS = ['#1d4e5f', '#2f7f74', '#6fa66a', '#b9a04a', '#c0793d', '#9c5a7a', '#5b6c8f'];

/** Tier colours, innermost first: deep to light, as commitment loosens. */
export function tierColour(ring: number): string {
  return TIER_COLOURS[Math.min(ring, TIER_COLOURS.length - 1)]!;
}

/** A colour from red through amber to green for a share from 0 to 1. */
export function progressColour(share: number): string {
  const stops: [number, [number, number, number]][] = [
    [0, [209, 73, 91]],
    [0.6, [233, 162, 59]],
    [1, [63, 143, 111]],
  ];
  const x = Math.max(0, Math.min(1, share));
  let i = 0;
  while (i < stops.length - 2 && x > stops[i + 1]![0]) i++;
  const [a, ca] = stops[i]!;
  const [b, cb] = stops[i + 1]!;
  const t = (x - a) / (b - a);
  const c = ca.map((v, k) => Math.round(v + (cb[k]! - v) * t));
  return `rgb(${c.join(',')})`;
}

/** Round numbers for an axis: 0 up to at least `max`, in about `count` steps of 1, 2 or 5 × 10ⁿ. */
export function niceTicks(max: number, count = 5): number[] {
  if (max <= 0) return [0, 1];
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw)!;
  const ticks: number[] = [];
  for (let v = 0; v < max + step; v += step) {
    ticks.push(Math.round(v * 1e6) / 1e6);
    if (v >= max) break;
  }
  return ticks;
}
