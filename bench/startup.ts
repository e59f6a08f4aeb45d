// Benchmark 7: start-up. Time to import the package root and each subpath entry from dist/ in a
// fresh Node process, which packages each entry loads (Playwright, pg and BullMQ must not load
// with the root), and the packed and unpacked size from `npm pack --dry-run --json`.
//
//   npm run build && node --import tsx bench/startup.ts
import { execFile } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { alternate } from './harness/alternate.js';
import { writeReport } from './harness/results.js';
import { mebibytes, round } from './harness/stats.js';
import { printTable } from './harness/table.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const ROUNDS = 10;
/** Packages the root entry must not load: each belongs behind a subpath or a lazy import. */
const HEAVY = ['playwright-core', 'pg', 'bullmq', 'ioredis'];
const ENTRIES = [
  'scribe-pipeline',
  'scribe-pipeline/search',
  'scribe-pipeline/testing',
  'scribe-pipeline/postgres',
  'scribe-pipeline/bullmq',
] as const;
type Entry = (typeof ENTRIES)[number] | 'node (no import)';

if (!existsSync(`${ROOT}dist/index.js`)) throw new Error('dist/ is missing: run `npm run build` first');

interface ChildTiming {
  importMs: number;
  /** From the process's start (performance.timeOrigin) to the end of the import. */
  sinceStartMs: number;
  rssBytes: number;
}

/**
 * Imports `specifier` in a fresh Node (no tsx, no loader: as a host's process would) from the
 * repository root, where the package's own name resolves to dist/ through its exports map.
 */
async function importInFreshNode(specifier: string | undefined): Promise<ChildTiming> {
  const code = `const startedAt = performance.now();
${specifier === undefined ? '' : `await import(${JSON.stringify(specifier)});`}
const endedAt = performance.now();
process.stdout.write(JSON.stringify({ importMs: endedAt - startedAt, sinceStartMs: endedAt, rssBytes: process.memoryUsage().rss }));`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', code], { cwd: ROOT });
  return JSON.parse(stdout) as ChildTiming;
}

/**
 * RSS after importing the root from src/ through tsx, as every benchmark here runs: the gap to
 * the dist/ figure is tsx's own share of Node's memory in the other benchmarks' tree peaks.
 */
async function rssThroughTsx(): Promise<number> {
  const code = `await import('./src/index.ts'); process.stdout.write(String(process.memoryUsage().rss));`;
  const { stdout } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    cwd: ROOT,
  });
  return Number(stdout);
}

/** Every package (under node_modules) and built-in the import resolves, through a resolve hook. */
async function packagesLoadedBy(specifier: string): Promise<string[]> {
  const code = `import { registerHooks } from 'node:module';
const loaded = new Set();
registerHooks({
  resolve(specifier, context, nextResolve) {
    const result = nextResolve(specifier, context);
    // Greedy prefix: the innermost node_modules names the package (bullmq/node_modules/ioredis).
    const match = /.*\\/node_modules\\/((?:@[^/]+\\/)?[^/]+)\\//.exec(result.url);
    if (match) loaded.add(match[1]);
    return result;
  },
});
await import(${JSON.stringify(specifier)});
process.stdout.write(JSON.stringify([...loaded].sort()));`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', code], { cwd: ROOT });
  return JSON.parse(stdout) as string[];
}

const startedAt = performance.now();
const distBuiltAt = statSync(`${ROOT}dist/index.js`).mtime.toISOString();
const timings = new Map<Entry, ChildTiming[]>();
const sides = Object.fromEntries(
  [undefined, ...ENTRIES].map((specifier) => {
    const entry: Entry = specifier ?? 'node (no import)';
    timings.set(entry, []);
    return [
      entry,
      async () => {
        const timing = await importInFreshNode(specifier);
        timings.get(entry)?.push(timing);
        return timing.importMs;
      },
    ];
  }),
) as Record<Entry, () => Promise<number>>;
const importMs = await alternate<Entry>({ sides, rounds: ROUNDS, warmupRounds: 1 });

const loaded = Object.fromEntries(
  await Promise.all(ENTRIES.map(async (entry) => [entry, await packagesLoadedBy(entry)] as const)),
) as Record<(typeof ENTRIES)[number], string[]>;
const heavyInRoot = HEAVY.filter((name) => loaded['scribe-pipeline'].includes(name));

const tsxRss: number[] = [];
for (let index = 0; index < 3; index += 1) tsxRss.push(await rssThroughTsx());

const { stdout: packJson } = await run('npm', ['pack', '--dry-run', '--json'], { cwd: ROOT });
const [pack] = JSON.parse(packJson) as {
  size: number;
  unpackedSize: number;
  entryCount: number;
  files: { path: string; size: number }[];
}[];
if (pack === undefined) throw new Error('npm pack --dry-run printed no package');
const bytesOf = (pattern: RegExp) =>
  pack.files.filter((file) => pattern.test(file.path)).reduce((sum, file) => sum + file.size, 0);

// Middle of the measured (post-warm-up) rounds: Node's start and the import together, and memory.
const medianOf = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const results = Object.fromEntries(
  [...timings.entries()].map(([entry, list]) => {
    const measured = list.slice(-ROUNDS);
    return [
      entry,
      {
        importMs: importMs[entry],
        sinceProcessStartMs: round(medianOf(measured.map((timing) => timing.sinceStartMs)), 1),
        rssAfterImportMiB: mebibytes(medianOf(measured.map((timing) => timing.rssBytes))),
        packagesLoaded: entry === 'node (no import)' ? [] : loaded[entry],
      },
    ];
  }),
);

printTable(
  `Import in a fresh Node (dist/, built ${distBuiltAt}; ${ROUNDS} alternating rounds)`,
  [...timings.keys()].map((entry) => ({
    entry,
    'import ms (median)': round(importMs[entry].median, 1),
    'min..max': `${round(importMs[entry].min, 1)}..${round(importMs[entry].max, 1)}`,
    'since process start ms': results[entry]?.sinceProcessStartMs ?? 0,
    'RSS MiB': results[entry]?.rssAfterImportMiB ?? 0,
    'packages loaded': entry === 'node (no import)' ? 0 : loaded[entry].length,
  })),
);
for (const entry of ENTRIES) console.log(`${entry} loads: ${loaded[entry].join(' ') || '(no package)'}`);
const rootThroughTsxMiB = mebibytes([...tsxRss].sort((a, b) => a - b)[1] ?? 0);
console.log(
  `RSS after importing the root: ${results['scribe-pipeline']?.rssAfterImportMiB} MiB from dist/, ${rootThroughTsxMiB} MiB from src/ through tsx`,
);
printTable('npm pack --dry-run', [
  {
    files: pack.entryCount,
    'packed KiB': round(pack.size / 1024, 1),
    'unpacked KiB': round(pack.unpackedSize / 1024, 1),
    'of which .js KiB': round(bytesOf(/\.js$/) / 1024, 1),
    '.d.ts KiB': round(bytesOf(/\.d\.ts$/) / 1024, 1),
    '.map KiB': round(bytesOf(/\.map$/) / 1024, 1),
  },
]);

writeReport({
  benchmark: 'startup',
  command: 'npm run build && node --import tsx bench/startup.ts',
  durationMs: performance.now() - startedAt,
  config: { rounds: ROUNDS, distBuiltAt, heavyPackages: HEAVY },
  results: {
    imports: results,
    heavyPackagesLoadedByRoot: heavyInRoot,
    rootThroughTsxRssMiB: rootThroughTsxMiB,
    pack: {
      files: pack.entryCount,
      packedBytes: pack.size,
      unpackedBytes: pack.unpackedSize,
      jsBytes: bytesOf(/\.js$/),
      declarationBytes: bytesOf(/\.d\.ts$/),
      sourceMapBytes: bytesOf(/\.map$/),
    },
  },
  targets: [
    {
      target: `the root entry loads none of ${HEAVY.join(', ')}`,
      measured: heavyInRoot.length === 0 ? 'none loaded' : `loaded: ${heavyInRoot.join(', ')}`,
      met: heavyInRoot.length === 0,
    },
  ],
});
