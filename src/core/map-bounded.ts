import pLimit from 'p-limit';

/**
 * Maps items through `work` with at most `limit` running at once (`p-limit`), keeping input order
 * in the result. After a failure no new item starts; the first error (the earliest to happen) is
 * raised once the running ones end, so no call outlives the caller that started it.
 *
 * The library's one way to run a list of tasks a few at a time (the scraper's pages, the summary's
 * page parts, the CLI's batch rows). Slots held across a lifetime rather than a call (the browser
 * pool's contexts, the route guard's requests in flight) use `FifoSemaphore` instead: it hands a
 * slot to the next waiter in arrival order on release and drops a waiter whose signal fires,
 * which a function-scoped limiter cannot.
 */
export async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const run = pLimit(limit);
  // Boxed, so a thrown `undefined` still counts as a failure.
  let failure: { error: unknown } | undefined;
  const skipped = Symbol('skipped');
  const results = await Promise.all(
    items.map((item, index) =>
      run(async (): Promise<R | typeof skipped> => {
        if (failure !== undefined) return skipped;
        try {
          return await work(item, index);
        } catch (error) {
          failure ??= { error };
          return skipped;
        }
      }),
    ),
  );
  if (failure !== undefined) throw failure.error;
  return results as R[];
}
