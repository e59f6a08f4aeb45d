import { setTimeout as sleep } from 'node:timers/promises';
import { readProcessTree } from './process-tree.js';

/** Debian's full Chromium: what the naive baseline launches. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * What the library's pool launches in the benchmarks: its own default (the headless shell when
 * installed), or `SCRIBE_BENCH_POOL_CHROMIUM`; plus `SCRIBE_BENCH_POOL_ARGS` (space-separated
 * flags) to measure one, such as `--renderer-process-limit=2`.
 */
export const POOL_LAUNCH = {
  ...(process.env.SCRIBE_BENCH_POOL_CHROMIUM
    ? { executablePath: process.env.SCRIBE_BENCH_POOL_CHROMIUM }
    : {}),
  ...(process.env.SCRIBE_BENCH_POOL_ARGS
    ? { launchArgs: process.env.SCRIBE_BENCH_POOL_ARGS.split(/\s+/).filter(Boolean) }
    : {}),
};

/** The flags the naive baseline launches with (the pool adds its own hardening flags to these). */
export const BASELINE_CHROMIUM_FLAGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Waits up to `timeoutMs` for every Chromium process under this one to exit (they take a moment
 * after `browser.close()`), and throws if any is left: a benchmark must leave nothing running.
 */
export async function assertNoChromiumLeft(timeoutMs = 5000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const alive = readProcessTree(process.pid).filter((entry) => /chrom/i.test(entry.name));
    if (alive.length === 0) return;
    if (performance.now() >= deadline) {
      throw new Error(
        `Chromium processes left running: ${alive.map((entry) => `${entry.name}(${entry.pid})`).join(', ')}`,
      );
    }
    await sleep(50);
  }
}
