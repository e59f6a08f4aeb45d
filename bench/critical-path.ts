// Benchmark 2: does the default step graph run in its critical path? Fake steps sleep Scribe's
// measured step averages scaled down 10x (parser 120 ms, scraper 530 ms, arXiv 80 ms, composer
// 310 ms); the sequential list against [parser, parallel(scraper, arxiv), composer].
//
//   node --import tsx bench/critical-path.ts
import { setTimeout as sleep } from 'node:timers/promises';
import { defineStep, type PipelineStage, parallel, runPipeline } from '../src/index.js';
import { alternate } from './harness/alternate.js';
import { writeReport } from './harness/results.js';
import { round } from './harness/stats.js';
import { printTable } from './harness/table.js';

const DURATIONS_MS = { template_parser: 120, web_scraper: 530, arxiv_helper: 80, email_composer: 310 };
const CRITICAL_PATH_MS =
  DURATIONS_MS.template_parser +
  Math.max(DURATIONS_MS.web_scraper, DURATIONS_MS.arxiv_helper) +
  DURATIONS_MS.email_composer;
const SEQUENTIAL_SUM_MS = Object.values(DURATIONS_MS).reduce((sum, ms) => sum + ms, 0);
const ROUNDS = 5;
const TARGET_RATIO = 1.05;

function sleepingStep(name: keyof typeof DURATIONS_MS) {
  return defineStep({
    name,
    execute: async (data, { signal }) => {
      await sleep(DURATIONS_MS[name], undefined, { signal });
      if (name === 'email_composer') data.finalEmail = `Dear ${data.recipientName}, thank you.`;
    },
  });
}

const parser = sleepingStep('template_parser');
const scraper = sleepingStep('web_scraper');
const arxiv = sleepingStep('arxiv_helper');
const composer = sleepingStep('email_composer');
const graphs: Record<'sequential' | 'defaultGraph', PipelineStage[]> = {
  sequential: [parser, scraper, arxiv, composer],
  defaultGraph: [parser, parallel(scraper, arxiv), composer],
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
    'ideal ms': SEQUENTIAL_SUM_MS,
    'wall / ideal': round(summary.sequential.median / SEQUENTIAL_SUM_MS, 3),
    'wall / critical path': round(summary.sequential.median / CRITICAL_PATH_MS, 3),
  },
  {
    graph: '[parser, parallel(scraper, arxiv), composer]',
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
    criticalPathMs: CRITICAL_PATH_MS,
    sequentialSumMs: SEQUENTIAL_SUM_MS,
    rounds: ROUNDS,
  },
  results: {
    sequential: {
      wallMs: summary.sequential,
      ratioToItsSum: round(summary.sequential.median / SEQUENTIAL_SUM_MS, 4),
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
