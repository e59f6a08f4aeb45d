interface Waiter {
  grant: (release: () => void) => void;
  fail: (reason: unknown) => void;
}

/**
 * Lets at most `limit` holders in at once; the others wait in arrival order. A waiter whose signal
 * fires leaves the queue without taking a slot, and a slot is handed straight to the next waiter on
 * release, so no later arrival can overtake.
 *
 * @example
 * ```ts
 * const slots = new FifoSemaphore(1);
 * const release = await slots.acquire(signal);
 * try { await work(); } finally { release(); }
 * ```
 */
export class FifoSemaphore {
  readonly #limit: number;
  #active = 0;
  readonly #waiters: Waiter[] = [];

  constructor(limit: number) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new RangeError('FifoSemaphore: limit must be an integer >= 1');
    this.#limit = limit;
  }

  /** Slots held right now. */
  get active(): number {
    return this.#active;
  }

  /** Callers waiting for a slot. */
  get waiting(): number {
    return this.#waiters.length;
  }

  /**
   * Resolves with a release function once a slot is free. Calling release more than once frees
   * the slot once. Rejects with the signal's reason when it fires first.
   */
  acquire(signal?: AbortSignal): Promise<() => void> {
    // Rejected, not thrown: callers handle one failure path.
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.#active < this.#limit && this.#waiters.length === 0) {
      this.#active += 1;
      return Promise.resolve(this.#releaser());
    }
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        const index = this.#waiters.indexOf(waiter);
        if (index !== -1) this.#waiters.splice(index, 1);
        reject(signal?.reason);
      };
      const waiter: Waiter = {
        grant: (release) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(release);
        },
        fail: (reason) => {
          signal?.removeEventListener('abort', onAbort);
          reject(reason);
        },
      };
      this.#waiters.push(waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Rejects everyone still waiting (holders keep their slots): for shutting down. */
  rejectWaiting(reason: unknown): void {
    for (const waiter of this.#waiters.splice(0)) waiter.fail(reason);
  }

  #releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#waiters.shift();
      // The slot passes straight to the next waiter: `active` stays the same.
      if (next) next.grant(this.#releaser());
      else this.#active -= 1;
    };
  }
}
