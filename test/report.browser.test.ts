// The HTML report of examples/disco-coop, opened in headless Chromium: its pictures render, with everyone and every month.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { runCoop } from './support/io.ts';

const root = join(import.meta.dirname, '..');
const artifacts = join(import.meta.dirname, '.artifacts');

/** Debian's chromium, never a downloaded browser. */
function findChromium(): string | undefined {
  try {
    return execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

const executablePath = findChromium();
// Without chromium the test is skipped on a developer's machine, but never under CI, where .ci/run installs it.
const skip = executablePath === undefined && !process.env.CI;
const reason = 'chromium is not installed (apt-get install chromium); the browser test is skipped here, and runs under CI';
if (skip) console.warn(`report.browser.test.ts: ${reason}`);

describe('the HTML report in a browser', () => {
  it.skipIf(skip)(skip ? `renders the pictures of examples/disco-coop (skipped: ${reason})` : 'renders the pictures of examples/disco-coop with every person and every month', async () => {
    if (executablePath === undefined) throw new Error('chromium is not installed, and CI is set: .ci/run should have installed it (apt-get install chromium).');
    mkdirSync(artifacts, { recursive: true });
    const run = await runCoop(['report', '--repo', join(root, 'examples/disco-coop'), '--format', 'html', '--out', artifacts]);
    expect(run.code).toBe(0);
    const browser = await chromium.launch({
      executablePath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const requests: string[] = [];
      const problems: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      page.on('console', (m) => (m.type() === 'error' ? problems.push(m.text()) : undefined));
      page.on('pageerror', (e) => problems.push(e.message));
      const url = pathToFileURL(join(artifacts, 'report.html')).href;
      await page.goto(url, { waitUntil: 'load' });

      // Self-contained: the page itself is the only thing loaded.
      expect(requests).toEqual([url]);
      expect(problems).toEqual([]);

      // The radial picture: nine people, each a visible dot inside the picture, labelled with their handle.
      const radial = page.locator('svg[data-chart="radial"]');
      await expect(radial.isVisible()).resolves.toBe(true);
      const box = (await radial.boundingBox())!;
      expect(box.width).toBeGreaterThan(400);
      const people = await page.$$eval('svg[data-chart="radial"] g.person', (groups) =>
        groups.map((g) => {
          const dot = g.querySelector('circle')!.getBoundingClientRect();
          return { member: g.getAttribute('data-member'), tier: g.getAttribute('data-tier'), label: g.querySelector('text')?.firstChild?.textContent ?? '', dot: { x: dot.x, y: dot.y, w: dot.width, h: dot.height } };
        }),
      );
      expect(people.map((p) => p.member).sort()).toEqual(['ana', 'bruno', 'chiara', 'dmitri', 'efua', 'farid', 'gwen', 'hiroshi', 'isa']);
      for (const p of people) {
        expect(p.label).toBe(p.member);
        expect(p.dot.w).toBeGreaterThan(5);
        expect(p.dot.x).toBeGreaterThanOrEqual(box.x);
        expect(p.dot.x + p.dot.w).toBeLessThanOrEqual(box.x + box.width);
      }
      // Inner tiers sit nearer the centre: every member is closer to it than every supporter.
      const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
      const distance = (p: (typeof people)[number]) => Math.hypot(p.dot.x + p.dot.w / 2 - centre.x, p.dot.y + p.dot.h / 2 - centre.y);
      const ring = (tier: string) => people.filter((p) => p.tier === tier).map(distance);
      expect(Math.max(...ring('member'))).toBeLessThan(Math.min(...ring('dater')));
      expect(Math.max(...ring('dater'))).toBeLessThan(Math.min(...ring('contributor')));
      expect(Math.max(...ring('contributor'))).toBeLessThan(Math.min(...ring('supporter')));

      // The stacked chart: twelve months, each bar as tall as its credits (May 2026, 4350, the tallest).
      const months = await page.$$eval('svg[data-chart="credits"] g.month', (groups) =>
        groups.map((g) => ({
          month: g.getAttribute('data-month'),
          total: Number(g.getAttribute('data-total')),
          height: [...g.querySelectorAll('rect')].reduce((s, r) => s + r.getBoundingClientRect().height, 0),
          streams: g.querySelectorAll('rect').length,
        })),
      );
      expect(months.map((m) => m.month)).toEqual(['2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11']);
      const may = months.find((m) => m.month === '2026-05')!;
      expect(Math.max(...months.map((m) => m.height))).toBe(may.height);
      for (const m of months) {
        expect(m.streams).toBe(3);
        expect(m.height / may.height).toBeCloseTo(m.total / may.total, 2);
      }

      // Commitment fulfilment: six people with commitments, a cell for each quarter they had one.
      const rows = await page.$$eval('svg[data-chart="commitments"] g.row', (groups) => groups.map((g) => [g.getAttribute('data-member'), g.querySelectorAll('g.cell').length]));
      expect(rows).toEqual([
        ['ana', 4],
        ['bruno', 4],
        ['chiara', 4],
        ['dmitri', 2],
        ['efua', 1],
        ['farid', 3],
      ]);
      // Open proposals and the decision log are there too.
      expect(await page.locator('#proposals li.proposal').count()).toBe(4);
      await expect(page.locator('#decisions').isVisible()).resolves.toBe(true);

      // Nothing spills sideways at a laptop's width.
      expect(await page.$eval('html', (html) => html.scrollWidth <= html.clientWidth)).toBe(true);
      await page.screenshot({ path: join(artifacts, 'report.png'), fullPage: true });
    } finally {
      await browser.close();
    }
  });
});
