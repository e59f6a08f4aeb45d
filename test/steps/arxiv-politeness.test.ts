import { describe, expect, it } from 'vitest';
import {
  ArxivClient,
  ArxivRequestError,
  type LimiterRunOptions,
  RequestLimiter,
} from '../../src/steps/arxiv-helper/index.js';
import { type FakeArxiv, manualClock, useFakeArxivServers } from '../helpers/fake-arxiv-server.js';
import { deferred } from '../helpers/pipeline.js';

const { serve } = useFakeArxivServers();

async function failure(promise: Promise<unknown>): Promise<ArxivRequestError> {
  const error = await promise.catch((caught: unknown) => caught);
  if (!ArxivRequestError.isInstance(error))
    throw new Error(`expected an ArxivRequestError, got ${String(error)}`);
  return error;
}

/** Resolves once the server has seen `count` requests. */
async function requestsArrived(server: FakeArxiv, count: number): Promise<void> {
  while (server.requests.length < count) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('the interval between requests', () => {
  it('spaces requests to an instant server by minRequestIntervalMs, by the limiter’s clock', async () => {
    const clock = manualClock();
    const arrivals: number[] = [];
    // delayMs 0: the server answers at once, so one-at-a-time alone would leave no gap at all.
    const server = await serve(() => {
      arrivals.push(clock.now());
      return { fixture: 'lovelace', delayMs: 0 };
    });
    const limiter = new RequestLimiter(clock);
    const client = () => new ArxivClient({ baseUrl: server.baseUrl, _internal: { limiter } });
    await Promise.all(Array.from({ length: 3 }, () => client().search({ author: 'Ada Lovelace' })));
    expect(arrivals).toEqual([0, 3000, 6000]);
    expect(server.maxInFlight()).toBe(1);
  });
});

describe('the process-wide limiter', () => {
  it('serialises default clients for one host, and does not hold back another host', async () => {
    const release = deferred();
    const busy = await serve(() => ({ fixture: 'lovelace', holdUntil: release.promise }));
    const other = await serve(() => ({ fixture: 'lovelace', delayMs: 0 }));
    // No injected limiter: both take the process-wide one for the busy server's host.
    const first = new ArxivClient({ baseUrl: busy.baseUrl, minRequestIntervalMs: 0 });
    const second = new ArxivClient({ baseUrl: busy.baseUrl, minRequestIntervalMs: 0 });
    const searches = [first.search({ author: 'Ada Lovelace' }), second.search({ author: 'Ada Lovelace' })];
    await requestsArrived(busy, 1);

    // While the first request is held, a client for another host gets its answer…
    const elsewhere = new ArxivClient({ baseUrl: other.baseUrl, minRequestIntervalMs: 0 });
    expect((await elsewhere.search({ author: 'Ada Lovelace' })).attempts).toBe(1);
    // …and the second client for the busy host is still waiting its turn.
    expect(busy.requests).toHaveLength(1);

    release.resolve();
    await Promise.all(searches);
    expect(busy.requests).toHaveLength(2);
    expect(busy.maxInFlight()).toBe(1);
  });
});

describe('a Retry-After holds back every caller, also after a give-up', () => {
  it('makes the next caller wait out a short pause when the told client gave up', async () => {
    const clock = manualClock();
    const arrivals: number[] = [];
    const server = await serve((index) => {
      arrivals.push(clock.now());
      return index === 0
        ? { status: 429, headers: { 'retry-after': '5' }, delayMs: 0 }
        : { fixture: 'lovelace' };
    });
    const limiter = new RequestLimiter(clock);
    const told = new ArxivClient({ baseUrl: server.baseUrl, maxRetries: 0, _internal: { limiter } });
    expect(await failure(told.search({ author: 'Ada Lovelace' }))).toMatchObject({
      kind: 'http-status',
      statusCode: 429,
      attempts: 1,
      retryAfterMs: 5000,
    });

    const next = new ArxivClient({ baseUrl: server.baseUrl, _internal: { limiter } });
    expect((await next.search({ author: 'Ada Lovelace' })).attempts).toBe(1);
    expect(arrivals).toEqual([0, 5000]);
  });

  it('makes every caller fail fast, without a request, while a long pause lasts', async () => {
    const clock = manualClock();
    const server = await serve(() => ({ status: 429, headers: { 'retry-after': '3600' }, delayMs: 0 }));
    const limiter = new RequestLimiter(clock);
    const told = new ArxivClient({ baseUrl: server.baseUrl, _internal: { limiter } });
    expect(await failure(told.search({ author: 'Ada Lovelace' }))).toMatchObject({
      kind: 'http-status',
      attempts: 1,
    });

    await clock.sleep(600_000);
    const next = new ArxivClient({ baseUrl: server.baseUrl, _internal: { limiter } });
    const error = await failure(next.search({ author: 'Ada Lovelace' }));
    expect(error).toMatchObject({
      kind: 'rate-limited',
      retryable: true,
      attempts: 0,
      retryAfterMs: 3_000_000,
    });
    expect(error.message).toMatch(/3000 s left/);
    expect(server.requests).toHaveLength(1);

    // Once the pause is over, arXiv is asked again.
    await clock.sleep(3_000_000);
    await failure(next.search({ author: 'Ada Lovelace' }));
    expect(server.requests).toHaveLength(2);
  });

  it('sets the pause while the told request still holds its turn', async () => {
    // Whoever is next starts the moment the turn is released; a pause set any later comes down
    // to the order of promise callbacks. So look at the limiter just as each turn ends.
    class TurnEndObserver extends RequestLimiter {
      readonly pauseAtTurnEnd: number[] = [];
      override run<T>(task: () => Promise<T>, options: LimiterRunOptions<T>): Promise<T> {
        return super.run(async () => {
          try {
            return await task();
          } finally {
            this.pauseAtTurnEnd.push(this.pauseRemainingMs());
          }
        }, options);
      }
    }
    const clock = manualClock();
    const limiter = new TurnEndObserver(clock);
    const server = await serve(() => ({ status: 429, headers: { 'retry-after': '5' }, delayMs: 0 }));
    const client = new ArxivClient({ baseUrl: server.baseUrl, maxRetries: 0, _internal: { limiter } });
    await failure(client.search({ author: 'Ada Lovelace' }));
    expect(limiter.pauseAtTurnEnd).toEqual([5000]);
  });

  it('obeys a Retry-After for an hour at most', async () => {
    const clock = manualClock();
    const server = await serve(() => ({ status: 429, headers: { 'retry-after': '31536000' }, delayMs: 0 }));
    const limiter = new RequestLimiter(clock);
    const client = new ArxivClient({ baseUrl: server.baseUrl, _internal: { limiter } });
    expect(await failure(client.search({ author: 'Ada Lovelace' }))).toMatchObject({
      retryAfterMs: 31_536_000_000,
    });
    // A year of silence would shut arXiv out of the process; after an hour arXiv can say so again.
    expect(limiter.pauseRemainingMs()).toBe(3_600_000);
  });

  it('makes a caller queued behind the told request fail fast too', async () => {
    const clock = manualClock();
    const release = deferred();
    const server = await serve(() => ({
      status: 429,
      headers: { 'retry-after': '3600' },
      holdUntil: release.promise,
    }));
    const limiter = new RequestLimiter(clock);
    const told = new ArxivClient({ baseUrl: server.baseUrl, _internal: { limiter } });
    const queued = new ArxivClient({ baseUrl: server.baseUrl, _internal: { limiter } });
    const toldSearch = failure(told.search({ author: 'Ada Lovelace' }));
    await requestsArrived(server, 1);
    // Queued before the 429 is known: it finds out on its turn.
    const queuedSearch = failure(queued.search({ author: 'Ada Lovelace' }));
    release.resolve();

    expect(await toldSearch).toMatchObject({ kind: 'http-status', statusCode: 429 });
    expect(await queuedSearch).toMatchObject({ kind: 'rate-limited', attempts: 0 });
    expect(server.requests).toHaveLength(1);
  });
});
