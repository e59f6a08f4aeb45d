// Benchmark 3: reading the 30 local fixture pages (20 static, 10 rendered by JavaScript) with the
// public WebScraperStep (`auto` and `browser` strategies) against a naive Playwright baseline,
// with the peak memory of the whole process tree (Node plus every Chromium process).
//
//   node --import tsx bench/scraping.ts
import { createBrowserPool, type ScrapedPageReport } from '../src/index.js';
import { serveFixtureSite } from './fixtures/fixture-server.js';
import { type FixturePage, generateFixtureSite } from './fixtures/pages.js';
import { alternate } from './harness/alternate.js';
import { assertNoChromiumLeft, CHROMIUM_PATH, POOL_LAUNCH } from './harness/chromium.js';
import { writeReport } from './harness/results.js';
import { mebibytes, round } from './harness/stats.js';
import { printTable } from './harness/table.js';
import { startTreeSampler, type TreeMemory } from './harness/tree-sampler.js';
import { naiveScrape } from './scraping/naive-scraper.js';
import { PAGES_PER_RUN, scrapeWithStep } from './scraping/step-scraper.js';

/** Rounds per side; round N reads the site's Nth slice, so each side reads all 30 pages once. */
const ROUNDS = 3;
/** Browser contexts our pool opens at once: the step's default HTTP concurrency (the pool's default is 1). */
const MAX_OPEN_CONTEXTS = 4;
const TREE_PEAK_TARGET_MIB = 350;
const SPEEDUP_TARGET = 5;

type Side = 'naive' | 'auto' | 'browser';
const SIDES: readonly Side[] = ['naive', 'auto', 'browser'];

interface SiteSlicePage extends FixturePage {
  url: string;
}

/** What one measured round of one side did. */
interface RoundRecord {
  side: Side;
  pages: number;
  /** Pages whose content (not only chrome or a loading shell) reached the summariser, or innerText. */
  withContent: number;
  /** Pages read in Chromium. */
  inChromium: number;
  /** Pages a scraper skipped or could not read, and why. */
  skipped: string[];
  ms: number;
  memory: TreeMemory;
}

const startedAt = performance.now();
const content = generateFixtureSite();
const site = await serveFixtureSite(content);
const pagesPerRound = Math.ceil(content.pages.length / ROUNDS);
const slices: SiteSlicePage[][] = Array.from({ length: ROUNDS }, (_, index) =>
  content.pages
    .slice(index * pagesPerRound, (index + 1) * pagesPerRound)
    .map((page) => ({ ...page, url: `${site.origin}${page.path}` })),
);
const sampler = await startTreeSampler();
const records: RoundRecord[] = [];

/**
 * Our step over `pages`. The pool is made and warmed (Chromium launched) before the clock starts
 * and closed after it stops: the time is a warm pool's, as in a worker that keeps its browser,
 * and the memory window holds this side's processes only.
 */
async function readWithStep(side: 'auto' | 'browser', pages: readonly SiteSlicePage[]) {
  const pool = createBrowserPool({
    ...POOL_LAUNCH,
    maxOpenContexts: MAX_OPEN_CONTEXTS,
    idleTimeoutMs: 0,
  });
  const prompts: string[] = [];
  try {
    await (await pool.acquireContext()).close();
    const clock = performance.now();
    const reports: ScrapedPageReport[] = await scrapeWithStep({
      urls: pages.map((page) => page.url),
      strategy: side,
      pool,
      origin: site.origin,
      onPrompt: (prompt) => prompts.push(prompt),
    });
    const ms = performance.now() - clock;
    return {
      ms,
      withContent: pages.filter((page) => prompts.some((prompt) => prompt.includes(page.contentSample)))
        .length,
      inChromium: reports.filter((report) => report.ok && report.strategy === 'browser').length,
      skipped: reports.flatMap((report) =>
        report.ok ? [] : [`${report.url}: ${report.reason}: ${report.detail}`],
      ),
    };
  } finally {
    await pool.close();
  }
}

async function readNaively(pages: readonly SiteSlicePage[]) {
  const clock = performance.now();
  const results = await naiveScrape(pages.map((page) => page.url));
  const ms = performance.now() - clock;
  return {
    ms,
    withContent: pages.filter((page, index) => results[index]?.text.includes(page.contentSample)).length,
    inChromium: results.filter((result) => result.ok).length,
    skipped: results.flatMap((result) => (result.ok ? [] : [`${result.url}: ${result.error}`])),
  };
}

const read = (side: Side, pages: readonly SiteSlicePage[]) =>
  side === 'naive' ? readNaively(pages) : readWithStep(side, pages);

/** One measured round: the side's next slice, in its own memory window. */
function measuredRound(side: Side): () => Promise<number> {
  let next = 0;
  return async () => {
    const pages = slices[next % slices.length] as SiteSlicePage[];
    next += 1;
    await sampler.window();
    const outcome = await read(side, pages);
    await assertNoChromiumLeft();
    records.push({ side, pages: pages.length, ...outcome, memory: await sampler.window() });
    return (pages.length / outcome.ms) * 1000;
  };
}

let summaries: Awaited<ReturnType<typeof alternate<Side>>>;
try {
  // Warm-up outside the rounds: module loading, JIT, Chromium's first launch from a cold disk
  // cache. Two pages each (one static, one JS) rather than a whole slice, to keep the run short.
  const warmup = [content.pages[0], content.pages[2]].map((page) => ({
    ...(page as FixturePage),
    url: `${site.origin}${page?.path}`,
  }));
  for (const side of SIDES) await read(side, warmup);
  await assertNoChromiumLeft();
  summaries = await alternate<Side>({
    sides: { naive: measuredRound('naive'), auto: measuredRound('auto'), browser: measuredRound('browser') },
    rounds: ROUNDS,
    warmupRounds: 0,
    onRound: (side, index, value) => console.log(`round ${index + 1} ${side}: ${value.toFixed(2)} pages/s`),
  });
} finally {
  await sampler.stop().catch(() => undefined);
  await site.close();
}

function sideResults(side: Side) {
  const rounds = records.filter((record) => record.side === side);
  const worst = rounds.reduce((a, b) => (b.memory.peakRss.bytes > a.memory.peakRss.bytes ? b : a));
  return {
    pagesPerSecond: summaries[side],
    pagesRead: rounds.reduce((sum, record) => sum + record.pages, 0),
    pagesWithContent: rounds.reduce((sum, record) => sum + record.withContent, 0),
    pagesInChromium: rounds.reduce((sum, record) => sum + record.inChromium, 0),
    peakTreeRssMiB: mebibytes(worst.memory.peakRss.bytes),
    peakTreePssMiB: mebibytes(Math.max(...rounds.map((record) => record.memory.peakPss.bytes))),
    peakRssByProcess: worst.memory.peakRss.processes.map(({ name, count, bytes }) => ({
      name,
      count,
      mib: mebibytes(bytes),
    })),
    longestSampleGapMs: round(Math.max(...rounds.map((record) => record.memory.longestGapMs)), 0),
    longestSampleMs: round(Math.max(...rounds.map((record) => record.memory.longestSampleMs)), 0),
    skippedPages: rounds.flatMap((record) => record.skipped),
    rounds: rounds.map(({ pages, withContent, inChromium, ms, memory }) => ({
      pages,
      withContent,
      inChromium,
      ms: round(ms, 0),
      peakTreeRssMiB: mebibytes(memory.peakRss.bytes),
      peakTreePssMiB: mebibytes(memory.peakPss.bytes),
    })),
  };
}

const results = { naive: sideResults('naive'), auto: sideResults('auto'), browser: sideResults('browser') };
const speedup = (side: Side) => summaries[side].median / summaries.naive.median;

printTable(
  `Scraping ${content.pages.length} fixture pages: ${ROUNDS} alternating rounds of ${pagesPerRound} pages; our step reads ${PAGES_PER_RUN} pages a run, pool of ${MAX_OPEN_CONTEXTS} contexts`,
  SIDES.map((side) => ({
    side,
    'pages/s (median)': round(summaries[side].median),
    'vs naive': round(speedup(side)),
    'tree peak RSS MiB': results[side].peakTreeRssMiB,
    'tree peak PSS MiB': results[side].peakTreePssMiB,
    'with content': `${results[side].pagesWithContent}/${results[side].pagesRead}`,
    'in Chromium': results[side].pagesInChromium,
  })),
);

writeReport({
  benchmark: 'scraping',
  command: 'node --import tsx bench/scraping.ts',
  durationMs: performance.now() - startedAt,
  config: {
    pages: content.pages.length,
    jsPages: content.pages.filter((page) => page.kind === 'js').length,
    rounds: ROUNDS,
    pagesPerRound,
    pagesPerStepRun: PAGES_PER_RUN,
    maxOpenContexts: MAX_OPEN_CONTEXTS,
    samplerIntervalMs: 50,
    baselineChromium: CHROMIUM_PATH,
    poolLaunch: POOL_LAUNCH,
  },
  results: { ...results, speedup: { auto: round(speedup('auto')), browser: round(speedup('browser')) } },
  targets: [
    ...(['auto', 'browser'] as const).map((side) => ({
      target: `${side}: >= ${SPEEDUP_TARGET}x the naive baseline's pages/s`,
      measured: `${round(speedup(side))}x`,
      met: speedup(side) >= SPEEDUP_TARGET,
    })),
    ...(['auto', 'browser'] as const).map((side) => ({
      target: `${side}: process-tree peak RSS <= ${TREE_PEAK_TARGET_MIB} MiB`,
      measured: `${results[side].peakTreeRssMiB} MiB (PSS ${results[side].peakTreePssMiB} MiB)`,
      met: results[side].peakTreeRssMiB <= TREE_PEAK_TARGET_MIB,
    })),
  ],
});
