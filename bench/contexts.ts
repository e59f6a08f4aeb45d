// Benchmark: one browser context per page (what the pool does: nothing a page leaves behind,
// cookies, storage, service workers, reaches the next) against one context per site, reused for
// every page of it. Plain Playwright on the headless shell, 10 pages of one generated site read
// one after another, 3 alternating rounds; time and the process tree's peak RSS and PSS.
//
//   node --import tsx bench/contexts.ts

import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { serveFixtureSite } from './fixtures/fixture-server.js';
import { generateFixtureSite } from './fixtures/pages.js';
import { alternate } from './harness/alternate.js';
import { assertNoChromiumLeft } from './harness/chromium.js';
import { writeReport } from './harness/results.js';
import { round } from './harness/stats.js';
import { printTable } from './harness/table.js';
import { startTreeSampler, type TreeMemory } from './harness/tree-sampler.js';

const PAGES = 10;
const ROUNDS = 3;
const MiB = 1024 * 1024;

const startedAt = performance.now();
const site = await serveFixtureSite(generateFixtureSite());
const urls = site.pageUrls.slice(0, PAGES);
// The pool's first choice: Debian's headless shell.
const executablePath = ['/usr/bin/chromium-headless-shell', '/usr/bin/chromium'].find((path) =>
  existsSync(path),
);
const sampler = await startTreeSampler();
type Side = 'perPage' | 'perSite';
const windows: Record<Side, TreeMemory[]> = { perPage: [], perSite: [] };

async function readAll(side: Side): Promise<number> {
  const browser = await chromium.launch({
    ...(executablePath ? { executablePath } : {}),
    args: ['--no-sandbox'],
  });
  await sampler.window();
  const clock = performance.now();
  try {
    const shared = side === 'perSite' ? await browser.newContext() : undefined;
    for (const url of urls) {
      const context = shared ?? (await browser.newContext());
      const page = await context.newPage();
      await page.goto(url, { waitUntil: 'domcontentloaded' });
      await page.textContent('body');
      await page.close();
      if (!shared) await context.close();
    }
    await shared?.close();
    return (PAGES / (performance.now() - clock)) * 1000;
  } finally {
    windows[side].push(await sampler.window());
    await browser.close();
    await assertNoChromiumLeft();
  }
}

let summary: Awaited<ReturnType<typeof alternate<Side>>>;
try {
  summary = await alternate({
    sides: { perPage: () => readAll('perPage'), perSite: () => readAll('perSite') },
    rounds: ROUNDS,
  });
} finally {
  await sampler.stop().catch(() => undefined);
  await site.close();
}
const peak = (side: Side, kind: 'peakRss' | 'peakPss') =>
  Math.max(...windows[side].map((window) => window[kind].bytes / MiB));
const row = (side: Side, label: string) => ({
  contexts: label,
  'pages/s (median)': round(summary[side].median, 2),
  'tree peak RSS MiB': round(peak(side, 'peakRss'), 1),
  'tree peak PSS MiB': round(peak(side, 'peakPss'), 1),
});
printTable(
  `${PAGES} pages of one site, one after another, ${ROUNDS} rounds (${executablePath ?? 'Playwright default'})`,
  [row('perPage', 'one per page (the pool)'), row('perSite', 'one per site, reused')],
);
writeReport({
  benchmark: 'contexts',
  command: 'node --import tsx bench/contexts.ts',
  durationMs: performance.now() - startedAt,
  config: { pages: PAGES, rounds: ROUNDS, executablePath },
  results: {
    perPage: {
      pagesPerSecond: summary.perPage,
      peakRssMiB: peak('perPage', 'peakRss'),
      peakPssMiB: peak('perPage', 'peakPss'),
    },
    perSite: {
      pagesPerSecond: summary.perSite,
      peakRssMiB: peak('perSite', 'peakRss'),
      peakPssMiB: peak('perSite', 'peakPss'),
    },
  },
  targets: [],
});
