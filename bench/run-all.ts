// Runs every benchmark, each in a fresh Node process (so one's heap, modules and Chromium cannot
// colour the next one's memory or timings), then prints every target as met or missed.
//
//   npm run build && node --import tsx bench/run-all.ts
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import type { BenchmarkReport } from './harness/results.js';
import { RESULTS_DIRECTORY } from './harness/results.js';
import { printTable } from './harness/table.js';

/** In the issue's order. `startup` reads dist/, which the `bench` script builds first. */
export const BENCHMARKS = [
  'orchestration',
  'critical-path',
  'scraping',
  'chunking',
  'arxiv-parsing',
  'memory',
  'startup',
  'queue',
  'cache',
  'extraction',
  'contexts',
  'hostile-fanout',
] as const;

const ROOT = fileURLToPath(new URL('../', import.meta.url));

function runBenchmark(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', `bench/${name}.ts`], {
      cwd: ROOT,
      stdio: 'inherit',
    });
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`bench/${name}.ts failed (${signal ?? `exit ${code}`})`)),
    );
  });
}

const startedAt = performance.now();
console.log(
  `load average at start: ${os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' ')}`,
);
for (const name of BENCHMARKS) {
  console.log(`\n=== ${name}`);
  await runBenchmark(name);
}

const rows = BENCHMARKS.flatMap((name) => {
  const report = JSON.parse(
    readFileSync(`${RESULTS_DIRECTORY}${name}.json`, 'utf8'),
  ) as BenchmarkReport<unknown>;
  return report.targets.map(({ target, measured, met }) => ({
    benchmark: name,
    target,
    measured,
    result: met ? 'met' : 'MISSED',
  }));
});
printTable(`All targets (${Math.round((performance.now() - startedAt) / 1000)} s)`, rows);
