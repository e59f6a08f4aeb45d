import { abortableSleep } from '../../core/signal.js';

/** A clock and a timer for a `RequestLimiter`; tests pass fakes so nothing depends on timing. */
export interface RequestLimiterOptions {
  /** Milliseconds on a monotonic clock. Default `performance.now()`. */
  now?: () => number;
  /** Waits `delayMs`; must reject with `signal.reason` on abort. Default a real timer. */
  sleep?: (delayMs: number, signal?: AbortSignal) => Promise<void>;
}

/** What to do instead of waiting when a pause (a Retry-After) has longer left than a caller will wait. */
export interface LongPausePolicy<T> {
  /** A pause with more than this left is not waited out. */
  maxWaitMs: number;
  /** What `run` resolves to instead of running the task, given the time left of the pause. */
  instead: (remainingMs: number) => T;
}

/** Options of one `RequestLimiter.run` call. */
export interface LimiterRunOptions<T> {
  /** Minimum time between the previous request's start and this one's. */
  minIntervalMs: number;
  /** Aborting gives up the turn (or the wait for it) and rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Without it, any pause is waited out. */
  longPause?: LongPausePolicy<T>;
}

/**
 * Serializes requests to one service: one request in flight at a time, and at least a given
 * interval between request starts. A pause (from a 429's Retry-After) holds back every caller,
 * not just the one that was told; a caller that will not wait that long is answered at once.
 *
 * @example
 * ```ts
 * const limiter = new RequestLimiter();
 * const page = await limiter.run(() => fetch(url), { minIntervalMs: 3000, signal });
 * ```
 */
export class RequestLimiter {
  #tail: Promise<void> = Promise.resolve();
  #lastStart = Number.NEGATIVE_INFINITY;
  #notBefore = Number.NEGATIVE_INFINITY;
  readonly #now: () => number;
  readonly #sleep: (delayMs: number, signal?: AbortSignal) => Promise<void>;

  constructor({ now = () => performance.now(), sleep = abortableSleep }: RequestLimiterOptions = {}) {
    this.#now = now;
    this.#sleep = sleep;
  }

  /**
   * Runs `task` when it is this caller's turn and both the interval since the previous start and
   * any pause have passed. The turn is held until `task` settles. Aborting while waiting gives up
   * the turn without letting anyone start early.
   */
  async run<T>(
    task: () => Promise<T>,
    { minIntervalMs, signal, longPause }: LimiterRunOptions<T>,
  ): Promise<T> {
    signal?.throwIfAborted();
    // Known already: no need to queue for a turn only to give up.
    const pausedMs = this.pauseRemainingMs();
    if (longPause && pausedMs > longPause.maxWaitMs) return longPause.instead(pausedMs);

    const previous = this.#tail;
    let releaseTurn!: () => void;
    this.#tail = new Promise<void>((resolve) => {
      releaseTurn = resolve;
    });
    try {
      await waitFor(previous, signal);
      // Timers may fire a little early by this clock, so wait until the clock agrees.
      for (let wait = this.#waitMs(minIntervalMs); wait > 0; wait = this.#waitMs(minIntervalMs)) {
        // The caller ahead of us may have been told to pause while we queued.
        const remainingMs = this.pauseRemainingMs();
        if (longPause && remainingMs > longPause.maxWaitMs) return longPause.instead(remainingMs);
        await this.#sleep(Math.ceil(wait), signal);
      }
      this.#lastStart = this.#now();
      return await task();
    } finally {
      // Whoever is next may start only once the caller before us is done too.
      void previous.then(releaseTurn);
    }
  }

  /**
   * Holds every request back until `delayMs` from now (an earlier end never shortens a pause).
   * Call it before the task that learnt of the pause settles, so the next caller sees it.
   */
  pauseFor(delayMs: number): void {
    this.#notBefore = Math.max(this.#notBefore, this.#now() + delayMs);
  }

  /** How long the current pause has left; 0 when there is none. */
  pauseRemainingMs(): number {
    return Math.max(0, this.#notBefore - this.#now());
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
