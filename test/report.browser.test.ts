// The HTML report of examples/disco-coop, opened in headless Chromium: its pictures render, with everyone and every month.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
  it.skipIf(skip)(
    skip ? `renders the pictures of examples/disco-coop (skipped: ${reason})` : 'renders the pictures of examples/disco-coop with every person and every month',
    async () => {
      if (executablePath === undefined)
        throw new Error('chromium is not installed, and CI is set: .ci/run should have installed it (apt-get install chromium).');
      mkdirSync(artifacts, { recursive: true });
      const run = await runCoop(['report', '--repo', join(root, 'examples/disco-coop'), '--format', 'html', '--out', artifacts]);
      expect(run.code).toBe(0);
      const browser = await chromium.launch({
        executablePath,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
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
            return {
              member: g.getAttribute('data-member'),
              tier: g.getAttribute('data-tier'),
              label: g.querySelector('text')?.firstChild?.textContent ?? '',
              dot: { x: dot.x, y: dot.y, w: dot.width, h: dot.height },
            };
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
        expect(months.map((m) => m.month)).toEqual([
          '2025-12',
          '2026-01',
          '2026-02',
          '2026-03',
          '2026-04',
          '2026-05',
          '2026-06',
          '2026-07',
          '2026-08',
          '2026-09',
          '2026-10',
          '2026-11',
        ]);
        const may = months.find((m) => m.month === '2026-05')!;
        expect(Math.max(...months.map((m) => m.height))).toBe(may.height);
        for (const m of months) {
          expect(m.streams).toBe(3);
          expect(m.height / may.height).toBeCloseTo(m.total / may.total, 2);
        }

        // Commitment fulfilment: six people with commitments, a cell for each quarter they had one.
        const rows = await page.$$eval('svg[data-chart="commitments"] g.row', (groups) =>
          groups.map((g) => [g.getAttribute('data-member'), g.querySelectorAll('g.cell').length]),
        );
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
    },
  );

  it.skipIf(skip)(
    skip
      ? `fits a phone's width (skipped: ${reason})`
      : "fits a phone's width: nothing overflows sideways at 390 px, dates never wrap, decisions read in words",
    async () => {
      if (executablePath === undefined)
        throw new Error('chromium is not installed, and CI is set: .ci/run should have installed it (apt-get install chromium).');
      mkdirSync(artifacts, { recursive: true });
      const repo = decidedCopy();
      try {
        const run = await runCoop(['report', '--repo', repo, '--format', 'html', '--out', join(repo, 'site')]);
        expect(run.stderr).toBe('');
        expect(run.code).toBe(0);
        const browser = await chromium.launch({
          executablePath,
          args: [
            '--headless',
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
          ],
        });
        try {
          const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
          await page.goto(pathToFileURL(join(repo, 'site/report.html')).href, { waitUntil: 'load' });

          // Nothing spills sideways: wide tables scroll inside their own box, the pictures scale.
          const width = await page.evaluate('[document.documentElement.scrollWidth, document.documentElement.clientWidth]');
          expect(width).toEqual([390, 390]);
          const radial = (await page.locator('svg[data-chart="radial"]').boundingBox())!;
          expect(radial.x + radial.width).toBeLessThanOrEqual(390);

          // The decision log in words, newest first; each date on one line.
          const decisions = await page.$$eval('#decisions tbody tr', (rows) =>
            rows.map((r) => [r.getAttribute('data-pr'), r.querySelector('td.changes')!.textContent]),
          );
          expect(decisions).toEqual([
            ['60', 'Change the constitution'],
            ['59', 'Distribute 4000 EUR for 2026-10 (proposal 0005)'],
            ['58', 'Admit Isa Johansson as supporter'],
            ['57', "Log 3 entries of Ana Costa's work for November 2026"],
          ]);
          // The lines a date's text takes: its text boxes, counted by their top.
          const dates = await page.evaluate<{ text: string; lines: number }[]>(`[...document.querySelectorAll('.date')].map((e) => {
          const range = document.createRange();
          range.selectNodeContents(e);
          return { text: e.textContent, lines: new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size };
        })`);
          expect(dates.length).toBeGreaterThan(10);
          for (const d of dates) expect(d.lines, `${d.text} wraps`).toBe(1);

          // A since: after today reads as the day it starts, never as negative days.
          expect(await page.locator('tr[data-member="isa"] td.n').textContent()).toBe('from 2026-12-15');
          for (const days of await page.locator('table.standing td.n').allTextContents())
            expect(days).toMatch(/^([0-9][0-9\u202f]*|from [0-9]{4}-[0-9]{2}-[0-9]{2})$/);

          await page.screenshot({ path: join(artifacts, 'report-narrow.png'), fullPage: true });
        } finally {
          await browser.close();
        }
      } finally {
        rmSync(repo, { recursive: true, force: true });
      }
    },
  );
});

/**
 * A copy of examples/disco-coop with four decision records (logged work, an admission, a payout and a
 * constitution change) and a member whose since: is after the day of the report (2026-11-28).
 */
function decidedCopy(): string {
  const repo = mkdtempSync(join(tmpdir(), 'coop-report-'));
  cpSync(join(root, 'examples/disco-coop'), repo, { recursive: true });
  const governance = join(repo, 'governance');
  const isa = join(governance, 'members/isa.yaml');
  writeFileSync(isa, readFileSync(isa, 'utf8').replace(/^since: .*$/m, 'since: 2026-12-15'));
  writeFileSync(
    join(governance, 'proposals/0005-payout-2026-10.yaml'),
    'title: Distribute 4000 EUR to the credits of October 2026\nauthor: ana\npayout:\n  month: 2026-10\n  pool: 4000\n  currency: EUR\n  payments:\n    - { member: ana, stream: livelihood, credits: 100, paid: 100 }\n',
  );
  const sha = (d: string) => `a${d}`.repeat(20);
  const record = (pr: number, title: string, changes: string, rules: string, outcome: string, at: string) =>
    `pr: ${pr}\ntitle: ${title}\nauthor: AnaCosta\nbase: ${sha('1')}\nhead: ${sha('2')}\ncommits: [${sha('3')}]\nchanges:\n${changes}rules: ${rules}\nopened: 2026-11-01T09:00:00Z\neligible: [ana, bruno, chiara, dmitri]\nvotes: []\noutcome: ${outcome}\ndecided_at: ${at}\n`;
  const work = '  - { kind: contribution.add, subject: ana, file: governance/contributions/2026-11/ana.yaml }\n';
  writeFileSync(join(governance, 'decisions/57.yaml'), record(57, 'Log my November work', work.repeat(3), '[]', 'passed', '2026-11-12T10:00:00Z'));
  writeFileSync(
    join(governance, 'decisions/58.yaml'),
    record(
      58,
      'Welcome Isa',
      '  - { kind: member.add, subject: isa, file: governance/members/isa.yaml }\n',
      '[lazy-majority]',
      'passed',
      '2026-11-14T10:00:00Z',
    ),
  );
  writeFileSync(
    join(governance, 'decisions/59.yaml'),
    record(
      59,
      'Payout for October',
      '  - { kind: proposal.add, subject: "0005", file: governance/proposals/0005-payout-2026-10.yaml }\n',
      '[consent]',
      'passed',
      '2026-11-20T10:00:00Z',
    ),
  );
  writeFileSync(
    join(governance, 'decisions/60.yaml'),
    record(
      60,
      'Shorter dating stages',
      '  - { kind: constitution.change, file: governance/constitution.yaml }\n',
      '[supermajority]',
      'failed',
      '2026-11-25T10:00:00Z',
    ),
  );
  return repo;
}
