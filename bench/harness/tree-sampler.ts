import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The tree's memory at its peak, with the processes that made it up. */
export interface TreePeak {
  bytes: number;
  /** Milliseconds after the window started. */
  atMs: number;
  /** Processes grouped by name (`node`, `chromium`...), largest first. */
  processes: { name: string; count: number; bytes: number }[];
}

/** What the sampler saw in one window. */
export interface TreeMemory {
  /** RSS samples taken (one every `intervalMs`). */
  samples: number;
  /** PSS passes completed (each takes tens to hundreds of milliseconds; they run back to back). */
  pssSamples: number;
  intervalMs: number;
  /** The longest time between two RSS samples: a check that ~50 ms really held. */
  longestGapMs: number;
  /** The longest one RSS sample took to read (a long gap with short samples means the sampler waited for a CPU). */
  longestSampleMs: number;
  /** The most processes in the tree at once. */
  maxProcesses: number;
  /** Sum of VmRSS over the tree: counts pages shared between processes once per process. */
  peakRss: TreePeak;
  /**
   * Sum of PSS over the tree (shared pages split between their users), from passes that run
   * back to back beside the RSS samples, so its peak is sampled more coarsely.
   */
  peakPss: TreePeak;
}

/** A running sampler. */
export interface TreeSampler {
  /** What was seen since the start or the previous `window()`; a new window starts now. */
  window(): Promise<TreeMemory>;
  /** The last window, and the sampler process exits. */
  stop(): Promise<TreeMemory>;
}

const CHILD = fileURLToPath(new URL('./tree-sampler-child.ts', import.meta.url));

/**
 * Starts sampling the memory of this process and every descendant (Chromium's browser, renderer,
 * zygote and utility processes; worker processes) every `intervalMs`, from a separate process
 * that leaves itself out. Resolves once the first sample is taken.
 *
 * @example
 * ```ts
 * const sampler = await startTreeSampler();
 * try { await work(); } finally { const { peakRss } = await sampler.stop(); }
 * ```
 */
export async function startTreeSampler({
  intervalMs = 50,
}: {
  intervalMs?: number;
} = {}): Promise<TreeSampler> {
  const child = fork(CHILD, [String(process.pid), String(intervalMs)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('error', reject);
    child.once('exit', (code) =>
      reject(new Error(`the memory sampler exited (${code}) before its first sample`)),
    );
  });
  const ask = (message: 'window' | 'stop') =>
    new Promise<TreeMemory>((resolve, reject) => {
      const onExit = (code: number | null) =>
        reject(new Error(`the memory sampler exited (${code}) before answering`));
      child.once('exit', onExit);
      child.once('message', (answer) => {
        child.off('exit', onExit);
        resolve(answer as TreeMemory);
      });
      child.send(message);
    });
  return { window: () => ask('window'), stop: () => ask('stop') };
}
