// Benchmark: the research cache. 20 students write to the same professor of the fixture world,
// one run after another, with the cache off and then on (a fresh world each, so its request log
// counts one side only): requests the world served, tokens spent, wall time.
//
//   node --import tsx bench/cache.ts
import {
  ArxivClient,
  defaultSteps,
  memoryResearchCache,
  type ResearchCache,
  runPipeline,
  type TokenUsage,
} from '../src/index.js';
import { searxngSearch } from '../src/search/index.js';
import { createFakeModel, startFixtureWorld } from '../src/testing/index.js';
import { writeReport } from './harness/results.js';
import { round } from './harness/stats.js';
import { printTable } from './harness/table.js';

const STUDENTS = 20;

interface Side {
  requests: { total: number; search: number; arxiv: number; pages: number };
  tokens: number;
  wallMs: number;
}

async function batch(cache: ResearchCache | undefined): Promise<Side> {
  const world = await startFixtureWorld();
  const steps = defaultSteps({
    model: createFakeModel(),
    search: searxngSearch({ baseUrl: world.searchUrl }),
    // Plain HTTP: Chromium's timing would drown the difference the cache makes.
    scraper: { allow: [world.origin], strategy: 'http' },
    arxiv: { client: new ArxivClient({ baseUrl: world.arxivUrl, minRequestIntervalMs: 0 }) },
    ...(cache === undefined ? {} : { cache }),
  });
  let tokens = 0;
  const startedAt = performance.now();
  try {
    for (let student = 1; student <= STUDENTS; student += 1) {
      const { usage } = await runPipeline({
        input: {
          taskId: `cache-bench-${student}`,
          userId: `student-${student}`,
          emailTemplate: world.template,
          recipientName: world.recipient.name,
          recipientInterest: world.recipient.interest,
        },
        steps,
      });
      tokens += Object.values(usage).reduce((sum, step: TokenUsage) => sum + step.totalTokens, 0);
    }
  } finally {
    await steps.close();
    await world.close();
  }
  const wallMs = performance.now() - startedAt;
  const count = (test: (request: string) => boolean) => world.requests.filter(test).length;
  const search = count((request) => request.includes('/searxng/search?'));
  const arxiv = count((request) => request.includes('/arxiv/api/query?'));
  return {
    requests: { total: world.requests.length, search, arxiv, pages: world.requests.length - search - arxiv },
    tokens,
    wallMs,
  };
}

const startedAt = performance.now();
const off = await batch(undefined);
const on = await batch(memoryResearchCache());

const row = (label: string, side: Side) => ({
  cache: label,
  'requests (all)': side.requests.total,
  search: side.requests.search,
  arXiv: side.requests.arxiv,
  'pages and robots': side.requests.pages,
  tokens: side.tokens,
  'wall s': round(side.wallMs / 1000, 2),
});
printTable(`Research cache: ${STUDENTS} students, one professor, runs one after another`, [
  row('off', off),
  row('on (memoryResearchCache)', on),
]);

writeReport({
  benchmark: 'cache',
  command: 'node --import tsx bench/cache.ts',
  durationMs: performance.now() - startedAt,
  config: { students: STUDENTS, strategy: 'http', model: 'createFakeModel()' },
  results: { off, on },
  targets: [
    {
      target: 'with the cache, search and arXiv are asked once for the whole batch',
      measured: `search ${on.requests.search}, arXiv ${on.requests.arxiv} (off: ${off.requests.search}, ${off.requests.arxiv})`,
      met: on.requests.arxiv === 1 && on.requests.search === off.requests.search / STUDENTS,
    },
  ],
});
