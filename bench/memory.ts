// Benchmark 6: memory under concurrency. Ten whole pipeline runs at once in one process, each
// reading 5 of the 30 fixture pages, all sharing ONE browser pool, with fake models (50 ms a
// call); the peak RSS of the whole process tree (Node plus every Chromium process). One run
// alone is measured alongside, alternating, for scale.
//
//   node --import tsx bench/memory.ts
import {
  ArxivHelperStep,
  type BrowserPool,
  createBrowserPool,
  EmailComposerStep,
  memoryPersistence,
  parallel,
  runPipeline,
  TemplateParserStep,
  WebScraperStep,
} from '../src/index.js';
import { staticUrls } from '../src/search/index.js';
import { generateArxivFeed } from './fixtures/arxiv-feed.js';
import { serveFixtureSite } from './fixtures/fixture-server.js';
import { generateFixtureSite } from './fixtures/pages.js';
import { alternate } from './harness/alternate.js';
import { assertNoChromiumLeft, POOL_LAUNCH } from './harness/chromium.js';
import { feedSearcher } from './harness/fake-arxiv.js';
import {
  composerModel,
  parserModel,
  RECIPIENT,
  RESEARCH_TEMPLATE,
  summarizerModel,
} from './harness/fake-models.js';
import { writeReport } from './harness/results.js';
import { mebibytes, round } from './harness/stats.js';
import { printTable } from './harness/table.js';
import { startTreeSampler, type TreeMemory } from './harness/tree-sampler.js';
import { PAGES_PER_RUN } from './scraping/step-scraper.js';

const CONCURRENT_RUNS = 10;
const ROUNDS = 2;
const MODEL_DELAY_MS = 50;
/** As in the scraping benchmark. */
const MAX_OPEN_CONTEXTS = 4;
const TARGET_MIB = 512;

const startedAt = performance.now();
const site = await serveFixtureSite(generateFixtureSite());
const arxiv = feedSearcher(generateArxivFeed({ count: 15, author: 'Ada Lovelace' }));
// Models and the arXiv client hold no per-run state: one of each serves every run, as in a worker.
const models = {
  parser: parserModel(MODEL_DELAY_MS),
  summarizer: summarizerModel({ delayMs: MODEL_DELAY_MS }),
  composer: composerModel({ delayMs: MODEL_DELAY_MS }),
};
const sampler = await startTreeSampler();

let taskNumber = 0;
/** One whole run; run `index` reads pages 3*index .. 3*index+4, so ten runs cover all 30 pages. */
async function onePipeline(pool: BrowserPool, index: number) {
  const start = (index * 3) % site.pageUrls.length;
  const urls = [...site.pageUrls, ...site.pageUrls].slice(start, start + PAGES_PER_RUN);
  const scraper = new WebScraperStep({
    search: staticUrls(urls),
    model: models.summarizer,
    maxPages: PAGES_PER_RUN,
    allow: [site.origin],
    browserPool: pool,
  });
  const persistence = memoryPersistence();
  try {
    taskNumber += 1;
    const { data, emailId } = await runPipeline({
      input: {
        taskId: `memory-${taskNumber}`,
        userId: 'bench',
        emailTemplate: RESEARCH_TEMPLATE,
        recipientName: RECIPIENT.name,
        recipientInterest: RECIPIENT.interest,
      },
      steps: [
        new TemplateParserStep({ model: models.parser }),
        parallel(scraper, new ArxivHelperStep({ client: arxiv })),
        // The stand-in composer writes a fixed email that names no paper: kept for review, as a draft would be.
        new EmailComposerStep({ model: models.composer, onInvalidDraft: 'save-for-review' }),
      ],
      persistence,
    });
    if (emailId === undefined) throw new Error('a run saved nothing');
    const pages = data.scrapingMetadata?.pages ?? [];
    return {
      pages: data.scrapingMetadata?.succeeded ?? 0,
      inChromium: pages.filter((page) => page.ok && page.strategy === 'browser').length,
      skipped: pages.flatMap((page) => (page.ok ? [] : [`${page.url}: ${page.reason}: ${page.detail}`])),
    };
  } finally {
    await scraper.close();
  }
}

interface Window {
  runs: number;
  ms: number;
  pages: number;
  inChromium: number;
  /** Pages a scraper skipped, and why (a timeout under load, say). */
  skipped: string[];
  memory: TreeMemory;
  /** This process's own view when the batch ended: how much of Node's RSS is V8's heap. */
  node: { heapUsedMiB: number; heapTotalMiB: number; externalMiB: number };
}
const windows: Window[] = [];

function nodeMemory(): Window['node'] {
  const { heapUsed, heapTotal, external } = process.memoryUsage();
  return {
    heapUsedMiB: mebibytes(heapUsed),
    heapTotalMiB: mebibytes(heapTotal),
    externalMiB: mebibytes(external),
  };
}

/** `runs` runs at once on one fresh pool, in a memory window of their own. */
const batch = (runs: number) => async () => {
  await sampler.window();
  const pool = createBrowserPool({
    ...POOL_LAUNCH,
    maxOpenContexts: MAX_OPEN_CONTEXTS,
    idleTimeoutMs: 0,
  });
  const clock = performance.now();
  let outcomes: Awaited<ReturnType<typeof onePipeline>>[];
  try {
    outcomes = await Promise.all(Array.from({ length: runs }, (_, index) => onePipeline(pool, index)));
  } finally {
    await pool.close();
  }
  const ms = performance.now() - clock;
  await assertNoChromiumLeft();
  windows.push({
    runs,
    ms,
    pages: outcomes.reduce((sum, outcome) => sum + outcome.pages, 0),
    inChromium: outcomes.reduce((sum, outcome) => sum + outcome.inChromium, 0),
    skipped: outcomes.flatMap((outcome) => outcome.skipped),
    memory: await sampler.window(),
    node: nodeMemory(),
  });
  return ms;
};

let summary: Awaited<ReturnType<typeof alternate<'single' | 'concurrent'>>>;
try {
  summary = await alternate({
    sides: { single: batch(1), concurrent: batch(CONCURRENT_RUNS) },
    rounds: ROUNDS,
    warmupRounds: 0,
  });
} finally {
  await sampler.stop().catch(() => undefined);
  await site.close();
}

function sideResults(runs: number) {
  const measured = windows.filter((window) => window.runs === runs);
  const worst = measured.reduce((a, b) => (b.memory.peakRss.bytes > a.memory.peakRss.bytes ? b : a));
  return {
    runs,
    peakTreeRssMiB: mebibytes(worst.memory.peakRss.bytes),
    peakTreePssMiB: mebibytes(Math.max(...measured.map((window) => window.memory.peakPss.bytes))),
    peakRssByProcess: worst.memory.peakRss.processes.map(({ name, count, bytes }) => ({
      name,
      count,
      mib: mebibytes(bytes),
    })),
    maxProcesses: Math.max(...measured.map((window) => window.memory.maxProcesses)),
    longestSampleGapMs: round(Math.max(...measured.map((window) => window.memory.longestGapMs)), 0),
    longestSampleMs: round(Math.max(...measured.map((window) => window.memory.longestSampleMs)), 0),
    pagesReadPerBatch: measured.map((window) => window.pages),
    pagesInChromiumPerBatch: measured.map((window) => window.inChromium),
    skippedPages: measured.flatMap((window) => window.skipped),
    nodeAfterEachBatch: measured.map((window) => window.node),
  };
}
const single = { ...sideResults(1), wallMs: summary.single };
const concurrent = { ...sideResults(CONCURRENT_RUNS), wallMs: summary.concurrent };

printTable(
  `Memory: whole pipeline runs on one shared pool (${MAX_OPEN_CONTEXTS} contexts), models ${MODEL_DELAY_MS} ms a call, ${ROUNDS} alternating rounds`,
  [single, concurrent].map((side) => ({
    'runs at once': side.runs,
    'wall ms (median)': round(side.wallMs.median, 0),
    'tree peak RSS MiB': side.peakTreeRssMiB,
    'tree peak PSS MiB': side.peakTreePssMiB,
    'max processes': side.maxProcesses,
    'pages read': side.pagesReadPerBatch.join(', '),
  })),
);
writeReport({
  benchmark: 'memory',
  command: 'node --import tsx bench/memory.ts',
  durationMs: performance.now() - startedAt,
  config: {
    concurrentRuns: CONCURRENT_RUNS,
    rounds: ROUNDS,
    pagesPerRun: PAGES_PER_RUN,
    maxOpenContexts: MAX_OPEN_CONTEXTS,
    modelDelayMs: MODEL_DELAY_MS,
    steps:
      'TemplateParserStep, parallel(WebScraperStep, ArxivHelperStep with a feed-parsing client), EmailComposerStep; memoryPersistence',
  },
  results: { single, concurrent },
  targets: [
    {
      target: `${CONCURRENT_RUNS} concurrent runs: process-tree peak RSS <= ${TARGET_MIB} MiB`,
      measured: `${concurrent.peakTreeRssMiB} MiB (PSS ${concurrent.peakTreePssMiB} MiB)`,
      met: concurrent.peakTreeRssMiB <= TARGET_MIB,
    },
  ],
});
