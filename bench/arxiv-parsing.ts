// Benchmark 5: arXiv feed parsing. A generated 100-entry feed in arXiv's Atom shape, parsed with
// parseArxivFeed; entries per second.
//
//   node --import tsx bench/arxiv-parsing.ts
import { parseArxivFeed } from '../src/papers/index.js';
import { generateArxivFeed } from './fixtures/arxiv-feed.js';
import { alternate } from './harness/alternate.js';
import { writeReport } from './harness/results.js';
import { round } from './harness/stats.js';
import { printTable } from './harness/table.js';

const ENTRIES = 100;
const PARSES_PER_ROUND = 40;
const ROUNDS = 9;

const startedAt = performance.now();
const xml = generateArxivFeed({ count: ENTRIES });
const check = parseArxivFeed(xml);
// A parser that dropped entries or fields would look fast for the wrong reason.
if (check.entries.length !== ENTRIES || check.totalResults !== ENTRIES) {
  throw new Error(
    `expected ${ENTRIES} entries, parsed ${check.entries.length} (totalResults ${check.totalResults})`,
  );
}
for (const entry of check.entries) {
  if (
    !/^\d{4}\.\d{5}$/.test(entry.id) ||
    entry.title === '' ||
    entry.abstract === '' ||
    entry.authors.length === 0
  ) {
    throw new Error(`entry ${entry.versionedId} parsed incompletely`);
  }
}

const summary = await alternate({
  sides: {
    parseArxivFeed: async () => {
      const clock = performance.now();
      let parsed = 0;
      for (let index = 0; index < PARSES_PER_ROUND; index += 1) parsed += parseArxivFeed(xml).entries.length;
      return (parsed / (performance.now() - clock)) * 1000;
    },
  },
  rounds: ROUNDS,
  warmupRounds: 2,
});
const perSecond = summary.parseArxivFeed;

printTable(`arXiv feed parsing (${ROUNDS} rounds of ${PARSES_PER_ROUND} parses)`, [
  {
    feed: `${ENTRIES} entries, ${Math.round(xml.length / 1024)} KiB`,
    'entries/s (median)': Math.round(perSecond.median),
    'min..max': `${Math.round(perSecond.min)}..${Math.round(perSecond.max)}`,
    'ms per feed': round((ENTRIES / perSecond.median) * 1000, 2),
  },
]);
writeReport({
  benchmark: 'arxiv-parsing',
  command: 'node --import tsx bench/arxiv-parsing.ts',
  durationMs: performance.now() - startedAt,
  config: {
    entries: ENTRIES,
    feedBytes: Buffer.byteLength(xml),
    parsesPerRound: PARSES_PER_ROUND,
    rounds: ROUNDS,
  },
  results: {
    entriesPerSecond: { ...perSecond, median: Math.round(perSecond.median) },
    msPerFeed: round((ENTRIES / perSecond.median) * 1000, 3),
  },
  targets: [],
});
