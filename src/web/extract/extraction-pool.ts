import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { RawExtraction } from '../page-outcome.js';
import type { ExtractionTask } from './extract-worker.js';
import { ExtractionFailedError } from './extraction-failed-error.js';

/** Options of `createExtractionPool`. */
export interface ExtractionPoolOptions {
  /** Worker threads at most. Default: the machine's cores, 1 to 2 (each costs about 80 MiB while alive). */
  maxThreads?: number;
  /**
   * Heap limit of each worker, in MiB. Default 512: parsing a 2 MiB page takes about 140 MiB,
   * and a page that needs more fails on its own instead of growing the whole process.
   */
  maxHeapMb?: number;
  /** An idle worker exits after this long, so an idle process keeps no threads. Default 5,000 ms. */
  idleTimeoutMs?: number;
}

/** Parses pages in worker threads. */
export interface ExtractionPool {
  /**
   * linkedom + Readability on `html`, in a worker: the main event loop keeps turning (timers,
   * lock renewals, other runs) however large or hostile the page.
   *
   * @throws ExtractionFailedError when the worker ran out of memory or crashed on the page. An
   * abort rejects with the signal's reason.
   */
  extract(html: string, url: string, options?: { signal?: AbortSignal }): Promise<RawExtraction>;
  /** Ends the workers. Safe to call twice. */
  close(): Promise<void>;
}

// From a checkout the worker is TypeScript: it needs the same loader the tests and tsx use.
const workerFile = new URL(
  `./extract-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`,
  import.meta.url,
);
const workerExecArgv = import.meta.url.endsWith('.ts') ? ['--import', 'tsx'] : [];

/**
 * A pool of worker threads that run page extraction. Threads start on the first page and leave
 * when idle; each has a heap limit, so one hostile page costs its own worker, not the process.
 *
 * @example
 * ```ts
 * const pool = createExtractionPool();
 * const raw = await pool.extract(html, finalUrl, { signal });
 * await pool.close();
 * ```
 */
export function createExtractionPool({
  maxThreads = Math.min(2, Math.max(1, availableParallelism())),
  maxHeapMb = 512,
  idleTimeoutMs = 5_000,
}: ExtractionPoolOptions = {}): ExtractionPool {
  let piscina: Piscina<ExtractionTask, RawExtraction> | undefined;
  const start = () => {
    piscina ??= new Piscina<ExtractionTask, RawExtraction>({
      filename: fileURLToPath(workerFile),
      execArgv: workerExecArgv,
      minThreads: 0,
      maxThreads,
      idleTimeout: idleTimeoutMs,
      resourceLimits: { maxOldGenerationSizeMb: maxHeapMb },
    });
    // A worker that dies with no task (an idle one killed, say) is reported here; unheard, the
    // event would crash the host's process. A dying worker's task is rejected on its own.
    piscina.on('error', () => {});
    return piscina;
  };
  return {
    async extract(html, url, { signal } = {}) {
      signal?.throwIfAborted();
      try {
        return await start().run({ html, url }, signal ? { signal } : {});
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        const reason =
          (error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? `parsing it needed more than the worker's ${maxHeapMb} MiB`
            : `parsing it failed: ${(error as Error).message ?? String(error)}`;
        throw new ExtractionFailedError(reason, { cause: error });
      }
    },
    async close() {
      const running = piscina;
      piscina = undefined;
      await running?.destroy();
    },
  };
}

// On globalThis under a registered symbol, so every step, reader and copy of the package in the
// process shares one pool: its thread count bounds the memory parsing can take, however many
// runs read pages at once.
const SHARED_POOL = Symbol.for('scribe-pipeline.extraction-pool');

/**
 * The process-wide extraction pool the scraper and `createPageReader` use. Its threads start on
 * the first page and exit when idle (they never keep the process alive), so nothing needs closing.
 */
export function sharedExtractionPool(): ExtractionPool {
  const holder = globalThis as { [SHARED_POOL]?: ExtractionPool };
  holder[SHARED_POOL] ??= createExtractionPool();
  return holder[SHARED_POOL];
}
