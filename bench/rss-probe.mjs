// Preloaded into measured node processes (node --import): on exit, appends the process's peak RSS in KB to $COOP_BENCH_RSS_FILE.
import { appendFileSync } from 'node:fs';

const file = process.env.COOP_BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    try {
      appendFileSync(file, `${process.resourceUsage().maxRSS}\n`);
    } catch {
      // A probe must never change the outcome of what it measures.
    }
  });
}
