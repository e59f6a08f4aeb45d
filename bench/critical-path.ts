// Benchmark 2: does the default step graph run in its critical path? Fake steps sleep Scribe's
// measured step averages scaled down 10x (parser 120 ms, scraper 530 ms, composer 310 ms); the
// paper lookup is the real ArxivHelperStep over four stand-in sources that sleep (arXiv 80 ms,
// OpenAlex 60, Semantic Scholar 120, Crossref 50, each returning a namesake pair), followed by the
// real paper_selection join. The sequential list against
// [parser, parallel(scraper, papers), paper_selection, composer].
//
//   node --import tsx bench/critical-path.ts
import { setTimeout as sleep } from 'node:timers/promises';
import { ArxivHelperStep, defineStep, type PipelineStage, parallel, runPipeline } from '../src/index.js';
import type { PaperSource } from '../src/papers/index.js';
import { alternate } from './harness/alternate.js';
import { writeReport } from './harness/results.js';
import { round } from './harness/stats.js';
import { printTable } from './harness/table.js';

const SOURCE_MS = { arxiv: 80, openalex: 60, semantic_scholar: 120, crossref: 50 };
// The sources are asked side by side, so the lookup takes as long as the slowest.
const PAPERS_MS = Math.max(...Object.values(SOURCE_MS));
const DURATIONS_MS = { template_parser: 120, web_scraper: 530, arxiv_helper: PAPERS_MS, email_composer: 310 };
const CRITICAL_PATH_MS =
  DURATIONS_MS.template_parser +
  Math.max(DURATIONS_MS.web_scraper, DURATIONS_MS.arxiv_helper) +
  DURATIONS_MS.email_composer;
const SEQUENTIAL_SUM_MS = Object.values(DURATIONS_MS).reduce((sum, ms) => sum + ms, 0);
// The sequential list asks the sources one after another.
const SEQUENTIAL_SUM_MS_ONE_BY_ONE =
  SEQUENTIAL_SUM_MS - PAPERS_MS + Object.values(SOURCE_MS).reduce((sum, ms) => sum + ms, 0);
const ROUNDS = 5;
const TARGET_RATIO = 1.05;

function sleepingStep(name: 'template_parser' | 'web_scraper' | 'email_composer') {
  return defineStep({
    name,
    execute: async (data, { signal }) => {
      await sleep(DURATIONS_MS[name], undefined, { signal });
      if (name === 'template_parser') data.templateType = 'research';
      if (name === 'web_scraper') {
        data.scrapedPages = [
          {
            pageNumber: 1,
            url: 'https://example.edu/ada',
            title: 'Ada Lovelace',
            text: 'Ada Lovelace is Professor at Northbridge University.',
          },
        ];
      }
      if (name === 'email_composer') data.finalEmail = `Dear ${data.recipientName}, thank you.`;
    },
  });
}

/** A source that sleeps, then returns the recipient and a namesake with ten recent papers each. */
function sleepingSource(name: keyof typeof SOURCE_MS): PaperSource {
  const person = (id: string, institution: string) => ({
    candidate: { source: name, id, name: 'Ada Lovelace', institutions: [institution], topics: [] },
    papers: Array.from({ length: 10 }, (_, index) => ({
      id: `${name}:${id}-${index}`,
      title: `Paper ${index} of ${id} on analytical engines and other topics`,
      abstract: 'An abstract of a few words about engines.',
      authors: ['Ada Lovelace'],
      year: 2025,
      published: '2025-06-01',
      abstractUrl: `https://example.org/${id}/${index}`,
      sources: [name],
      sourceIds: { [name]: `${id}-${index}` },
    })),
  });
  return {
    name,
    lookup: async ({ signal }) => {
      await sleep(SOURCE_MS[name], undefined, { signal });
      return {
        source: name,
        candidates: [person('A1', 'Northbridge University'), person('A2', 'Universidad de Sevilla')],
        requests: 2,
      };
    },
  };
}

const parser = sleepingStep('template_parser');
const scraper = sleepingStep('web_scraper');
const papers = new ArxivHelperStep({
  sources: (Object.keys(SOURCE_MS) as (keyof typeof SOURCE_MS)[]).map(sleepingSource),
  now: () => new Date('2026-12-01T00:00:00Z'),
});
const composer = sleepingStep('email_composer');
// Sequentially, each source is asked in turn: four one-source steps stand for that.
const oneByOne = (Object.keys(SOURCE_MS) as (keyof typeof SOURCE_MS)[]).map((name) => {
  const step = new ArxivHelperStep({ sources: [sleepingSource(name)] });
  return defineStep({
    name: `papers_${name}`,
    execute: (data, context) => step.execute(data, context).then(() => undefined),
  });
});
const graphs: Record<'sequential' | 'defaultGraph', PipelineStage[]> = {
  sequential: [parser, scraper, ...oneByOne, papers.selectionStep(), composer],
  defaultGraph: [parser, parallel(scraper, papers), papers.selectionStep(), composer],
};

let runs = 0;
const timedRun = (steps: PipelineStage[]) => async () => {
  runs += 1;
  const startedAt = performance.now();
  await runPipeline({
    input: {
      taskId: `critical-path-${runs}`,
      userId: 'bench',
      emailTemplate: 'Dear {{name}}, I read your work on {{topic}} and would like to ask a question.',
      recipientName: 'Ada Lovelace',
      recipientInterest: 'analytical engines',
    },
    steps,
  });
  return performance.now() - startedAt;
};

const startedAt = performance.now();
const summary = await alternate({
  sides: { sequential: timedRun(graphs.sequential), defaultGraph: timedRun(graphs.defaultGraph) },
  rounds: ROUNDS,
});
const ratio = summary.defaultGraph.median / CRITICAL_PATH_MS;

printTable(`Critical path: ${ROUNDS} alternating rounds; sleeps ${JSON.stringify(DURATIONS_MS)}`, [
  {
    graph: 'sequential list',
    'wall ms (median)': round(summary.sequential.median, 1),
    'min..max': `${round(summary.sequential.min, 1)}..${round(summary.sequential.max, 1)}`,
    'ideal ms': SEQUENTIAL_SUM_MS_ONE_BY_ONE,
    'wall / ideal': round(summary.sequential.median / SEQUENTIAL_SUM_MS_ONE_BY_ONE, 3),
    'wall / critical path': round(summary.sequential.median / CRITICAL_PATH_MS, 3),
  },
  {
    graph: '[parser, parallel(scraper, papers), paper_selection, composer]',
    'wall ms (median)': round(summary.defaultGraph.median, 1),
    'min..max': `${round(summary.defaultGraph.min, 1)}..${round(summary.defaultGraph.max, 1)}`,
    'ideal ms': CRITICAL_PATH_MS,
    'wall / ideal': round(ratio, 3),
    'wall / critical path': round(ratio, 3),
  },
]);

writeReport({
  benchmark: 'critical-path',
  command: 'node --import tsx bench/critical-path.ts',
  durationMs: performance.now() - startedAt,
  config: {
    stepSleepsMs: DURATIONS_MS,
    sourceSleepsMs: SOURCE_MS,
    criticalPathMs: CRITICAL_PATH_MS,
    sequentialSumMs: SEQUENTIAL_SUM_MS_ONE_BY_ONE,
    rounds: ROUNDS,
  },
  results: {
    sequential: {
      wallMs: summary.sequential,
      ratioToItsSum: round(summary.sequential.median / SEQUENTIAL_SUM_MS_ONE_BY_ONE, 4),
    },
    defaultGraph: { wallMs: summary.defaultGraph, ratioToCriticalPath: round(ratio, 4) },
    sequentialOverDefaultGraph: round(summary.sequential.median / summary.defaultGraph.median, 3),
  },
  targets: [
    {
      target: `default graph: wall time / critical path (${CRITICAL_PATH_MS} ms) <= ${TARGET_RATIO}`,
      measured: `${round(ratio, 3)}`,
      met: ratio <= TARGET_RATIO,
    },
  ],
});
