// Benchmark 4: smartChunk against the seed's algorithm (ported, bug fixed) on 1 MB and 10 MB of
// text shaped like scraped pages. Both must give the same chunks; the run throws if they do not.
//
//   node --import tsx bench/chunking.ts
import fc from 'fast-check';
import { smartChunk } from '../src/index.js';
import { seedSmartChunk } from './chunking/seed-smart-chunk.js';
import { scrapedText } from './fixtures/prose.js';
import { createRandom } from './fixtures/random.js';
import { alternate } from './harness/alternate.js';
import { writeReport } from './harness/results.js';
import { round } from './harness/stats.js';
import { printTable } from './harness/table.js';

/** `calls` per round, so a round lasts long enough to time; figures are per call. */
const INPUTS = [
  { label: '1 MB', chars: 1_000_000, rounds: 9, calls: 40 },
  { label: '10 MB', chars: 10_000_000, rounds: 7, calls: 4 },
] as const;
/** The summariser's settings: smartChunk's defaults. */
const SIZE = 30_000;
const LOOK_BACK = 500;
const SENTENCE_ENDING = /(\n\n|[.!?][ \n])$/;

/**
 * Where the seed's Python and smartChunk's documentation disagree, computed rather than claimed:
 * the port follows smartChunk, so each case shows the Python reading beside it.
 */
function edgeCases() {
  // size 10, lookBack 4: the window is units 6..9; '. ' at units 5..6 starts one unit before it.
  const straddling = 'abcde. ghijklmnop';
  return [
    {
      edge: 'an ending that starts one unit before the look-back window',
      input: straddling,
      options: { size: 10, lookBack: 4 },
      smartChunk: smartChunk(straddling, { size: 10, lookBack: 4 }),
      seedPort: seedSmartChunk(straddling, 10, 4),
      pythonWindow: seedSmartChunk(straddling, 10, 4, { pythonWindow: true }),
    },
    {
      edge: 'empty text',
      input: '',
      options: {},
      smartChunk: smartChunk(''),
      seedPort: seedSmartChunk(''),
      pythonWindow: seedSmartChunk('', 30_000, 500, { pythonWindow: true }),
    },
  ];
}

function assertSameChunks(expected: readonly string[], actual: readonly string[], label: string): void {
  if (expected.length !== actual.length) {
    throw new Error(`${label}: seed port gave ${expected.length} chunks, smartChunk ${actual.length}`);
  }
  expected.forEach((chunk, index) => {
    if (chunk !== actual[index]) {
      throw new Error(`${label}: chunk ${index} differs (${chunk.length} vs ${actual[index]?.length} units)`);
    }
  });
}

/**
 * The two must agree on any text, not only on the benchmark's: random texts over an alphabet
 * dense in endings (and with a character outside the BMP, for hard cuts between surrogates),
 * with sizes and look-backs small enough that every window edge is exercised. Throws on the
 * first disagreement, shrunk to a minimal case.
 */
function assertSameChunksOnAnyText(): number {
  const runs = 3000;
  const alphabet = fc.constantFrom('a', 'b', ' ', '.', '!', '?', '\n', 'é', '😀');
  fc.assert(
    fc.property(
      fc.array(alphabet, { maxLength: 160, size: 'max' }).map((characters) => characters.join('')),
      fc.integer({ min: 1, max: 40 }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      (text, size, share) => {
        const lookBack = Math.floor(share * size);
        const expected = text === '' ? [] : seedSmartChunk(text, size, lookBack);
        const actual = smartChunk(text, { size, lookBack });
        if (JSON.stringify(expected) !== JSON.stringify(actual)) {
          throw new Error(
            `size ${size}, lookBack ${lookBack}: ${JSON.stringify(expected)} vs ${JSON.stringify(actual)}`,
          );
        }
      },
    ),
    { numRuns: runs, seed: 42 },
  );
  return runs;
}

const startedAt = performance.now();
// Empty text is one of the documented edges (below): compared separately.
const randomTextsCompared = assertSameChunksOnAnyText();
console.log(`seed port and smartChunk agree on ${randomTextsCompared} random texts`);
const rows = [];
const results: Record<string, unknown> = {};
for (const { label, chars, rounds, calls } of INPUTS) {
  const text = scrapedText(createRandom(chars), chars);
  const reference = seedSmartChunk(text, SIZE, LOOK_BACK);
  const ours = smartChunk(text, { size: SIZE, lookBack: LOOK_BACK });
  assertSameChunks(reference, ours, label);
  if (ours.join('') !== text) throw new Error(`${label}: smartChunk's chunks do not join back into the text`);
  // Every chunk but the last ends at a sentence ending unless it was cut hard.
  const hardCuts = ours.slice(0, -1).filter((chunk) => !SENTENCE_ENDING.test(chunk)).length;

  /** Milliseconds per call, over `calls` calls. */
  const time = (chunk: () => string[]) => async () => {
    let count = 0;
    const clock = performance.now();
    for (let call = 0; call < calls; call += 1) count += chunk().length;
    const ms = (performance.now() - clock) / calls;
    if (count !== reference.length * calls) throw new Error(`${label}: chunk count changed between calls`);
    return ms;
  };
  const summary = await alternate({
    sides: {
      smartChunk: time(() => smartChunk(text, { size: SIZE, lookBack: LOOK_BACK })),
      seedPort: time(() => seedSmartChunk(text, SIZE, LOOK_BACK)),
    },
    rounds,
  });
  const ratio = summary.seedPort.median / summary.smartChunk.median;
  results[label] = {
    chars: text.length,
    chunks: ours.length,
    hardCuts,
    identicalChunks: true,
    smartChunkMs: summary.smartChunk,
    seedPortMs: summary.seedPort,
    seedPortOverSmartChunk: round(ratio, 2),
  };
  rows.push({
    input: label,
    chunks: ours.length,
    'hard cuts': hardCuts,
    'smartChunk ms': round(summary.smartChunk.median, 3),
    'seed port ms': round(summary.seedPort.median, 3),
    'seed / smartChunk': round(ratio, 2),
    'same chunks': 'yes',
  });
}

const edges = edgeCases();
for (const { edge, smartChunk: documented, pythonWindow } of edges) {
  console.log(
    `edge: ${edge}: smartChunk ${JSON.stringify(documented)}, Python ${JSON.stringify(pythonWindow)}`,
  );
}
printTable(
  `Chunking (size ${SIZE}, lookBack ${LOOK_BACK}; ms per call, medians of alternating rounds)`,
  rows,
);
writeReport({
  benchmark: 'chunking',
  command: 'node --import tsx bench/chunking.ts',
  durationMs: performance.now() - startedAt,
  config: { size: SIZE, lookBack: LOOK_BACK, inputs: INPUTS },
  results: { ...results, randomTextsCompared, edges },
  targets: [],
});
