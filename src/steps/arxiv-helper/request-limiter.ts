import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Serializes requests to one service: one request in flight at a time, and at least a given
 * interval between request starts. A `pauseUntil` (from a 429's Retry-After) holds back every
 * caller, not just the one that was told.
 */
export class RequestLimiter {
  #tail: Promise<void> = Promise.resolve();
  #lastStart = Number.NEGATIVE_INFINITY;
  #notBefore = 0;
  readonly #now: () => number;

  constructor({ now = () => performance.now() }: { now?: () => number } = {}) {
    this.#now = now;
  }

  /**
   * Runs `task` when it is this caller's turn and the interval since the previous start has
   * passed. The slot is held until `task` settles. Aborting while waiting gives up the turn
   * without letting anyone start early.
   */
  async run<T>(
    task: () => Promise<T>,
    { minIntervalMs, signal }: { minIntervalMs: number; signal?: AbortSignal },
  ): Promise<T> {
    const previous = this.#tail;
    let releaseTurn!: () => void;
    this.#tail = new Promise<void>((resolve) => {
      releaseTurn = resolve;
    });
    try {
      await waitFor(previous, signal);
      // Timers may fire a little early by this clock, so wait until the clock agrees.
      for (let wait = this.#waitMs(minIntervalMs); wait > 0; wait = this.#waitMs(minIntervalMs)) {
        await sleep(Math.ceil(wait), undefined, { signal });
      }
      this.#lastStart = this.#now();
      return await task();
    } finally {
      // Whoever is next may start only once the caller before us is done too.
      void previous.then(releaseTurn);
    }
  }

  /** Holds every request back until `delayMs` from now. */
  pauseFor(delayMs: number): void {
    this.#notBefore = Math.max(this.#notBefore, this.#now() + delayMs);
  }

  #waitMs(minIntervalMs: number): number {
    return Math.max(this.#lastStart + minIntervalMs, this.#notBefore) - this.#now();
  }
}

function waitFor(promise: Promise<void>, signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return promise;
  signal.throwIfAborted();
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    void promise.then(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    });
  });
}

const SHARED_LIMITER = Symbol.for('scribe-pipeline.arxiv-request-limiter');

/**
 * The process-wide arXiv limiter, shared by every client and every pipeline, and by every copy
 * of this package loaded in the process (arXiv's limit covers all of a host's traffic).
 */
export function sharedArxivLimiter(): RequestLimiter {
  const holder = globalThis as { [SHARED_LIMITER]?: RequestLimiter };
  holder[SHARED_LIMITER] ??= new RequestLimiter();
  return holder[SHARED_LIMITER];
}
