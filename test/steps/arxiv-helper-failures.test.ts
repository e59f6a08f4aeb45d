import { describe, expect, it } from 'vitest';
import { ConfigurationError, type PipelineData, StepExecutionError } from '../../src/index.js';
import {
  ArxivClient,
  ArxivHelperStep,
  ArxivRequestError,
  type ArxivSearcher,
  RequestLimiter,
} from '../../src/steps/arxiv-helper/index.js';
import { useFakeArxivServers } from '../helpers/fake-arxiv-server.js';
import { deferred, makeData } from '../helpers/pipeline.js';

const { serve } = useFakeArxivServers();

const now = () => new Date('2026-11-28T00:00:00Z');

function researchData(): PipelineData {
  const data = makeData({ recipientName: 'Dr. Ada Lovelace', recipientInterest: 'analytical engines' });
  data.templateType = 'research';
  return data;
}

async function thrown(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the step to throw');
    },
    (error: unknown) => error,
  );
}

describe('ArxivHelperStep deadline', () => {
  it('gives up a hanging arXiv with a warning, and releases its turn for the next run', async () => {
    const server = await serve((index) => (index === 0 ? { hang: true } : { fixture: 'lovelace' }));
    // The process-wide limiter for this server's host, as a host's runs would share it. The
    // request timeout is far longer than the deadlines: only the step's deadline can end the hang.
    const client = new ArxivClient({ baseUrl: server.baseUrl, minRequestIntervalMs: 0, timeoutMs: 120_000 });

    const hanging = researchData();
    const result = await new ArxivHelperStep({ client, deadlineMs: 300, now }).execute(hanging);
    expect(result.success).toBe(true);
    // The facts: one warning, naming the source, the deadline and its length.
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatch(/arXiv.*deadline/);
    expect(result.warnings[0]).toContain('300 ms');
    expect(hanging.arxivPapers).toEqual([]);
    expect(hanging.enrichmentMetadata).toMatchObject({
      fetched: 0,
      error: expect.stringMatching(/deadline/),
    });

    // Had the hanging request kept the turn, this run would meet its own deadline waiting for it.
    const next = researchData();
    const nextResult = await new ArxivHelperStep({ client, deadlineMs: 10_000, now }).execute(next);
    expect(nextResult.warnings).toEqual([]);
    expect(next.arxivPapers.length).toBeGreaterThan(0);
    expect(server.requests).toHaveLength(2);
  });

  it('counts the wait for the limiter’s turn against the deadline', async () => {
    const release = deferred();
    const server = await serve(() => ({ fixture: 'lovelace', holdUntil: release.promise }));
    const limiter = new RequestLimiter();
    const client = new ArxivClient({
      baseUrl: server.baseUrl,
      minRequestIntervalMs: 0,
      _internal: { limiter },
    });
    // Another part of the host holds the turn with a request arXiv is slow to answer.
    const holder = client.search({ author: 'Charles Babbage' });
    while (server.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));

    const data = researchData();
    const result = await new ArxivHelperStep({ client, deadlineMs: 300, now }).execute(data);
    expect(result.warnings).toEqual([expect.stringMatching(/300 ms deadline/)]);
    expect(server.requests).toHaveLength(1);

    release.resolve();
    await holder;
    // The step gave its place in the queue up: it sends nothing once the turn is free.
    await limiter.run(async () => {}, { minIntervalMs: 0 });
    expect(server.requests).toHaveLength(1);
  });

  it('stays a host abort, not a warning, when the run is aborted', async () => {
    const server = await serve(() => ({ hang: true }));
    const client = new ArxivClient({ baseUrl: server.baseUrl, minRequestIntervalMs: 0 });
    const controller = new AbortController();
    const running = new ArxivHelperStep({ client, now }).execute(researchData(), {
      signal: controller.signal,
    });
    while (server.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort(new Error('host stopped'));
    expect(await thrown(running)).toMatchObject({ name: 'PipelineAbortedError' });
  });
});

describe('ArxivHelperStep failures', () => {
  const stub = (search: ArxivSearcher['search']): ArxivSearcher => ({ search });

  it('lets a bug surface as a StepExecutionError instead of a warning', async () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'entries')");
    const step = new ArxivHelperStep({ client: stub(async () => Promise.reject(bug)), now });
    const error = await thrown(step.execute(researchData()));
    expect(StepExecutionError.isInstance(error)).toBe(true);
    expect((error as StepExecutionError).cause).toBe(bug);
  });

  it('lets a bug in ranking surface too', async () => {
    const step = new ArxivHelperStep({
      // An entry without authors: ranking reads entry.authors and breaks.
      client: stub(async () => ({
        query: 'au:"Ada Lovelace"',
        totalResults: 1,
        entries: [{}] as never,
        attempts: 1,
      })),
      now,
    });
    const error = await thrown(step.execute(researchData()));
    expect(StepExecutionError.isInstance(error)).toBe(true);
    expect((error as StepExecutionError).cause).toBeInstanceOf(TypeError);
  });

  it('keeps an ArxivRequestError a warning', async () => {
    const failure = new ArxivRequestError({
      kind: 'network',
      message: 'ECONNRESET',
      attempts: 4,
      retryable: true,
    });
    const data = researchData();
    const result = await new ArxivHelperStep({
      client: stub(async () => Promise.reject(failure)),
      now,
    }).execute(data);
    expect(result.success).toBe(true);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatch(/^arXiv .*ECONNRESET$/);
    expect(data.enrichmentMetadata).toMatchObject({ fetched: 0, error: 'arXiv: ECONNRESET' });
  });

  it('warns without asking arXiv while a long Retry-After pause lasts', async () => {
    const server = await serve(() => ({ fixture: 'lovelace' }));
    const limiter = new RequestLimiter();
    limiter.pauseFor(2 * 60 * 60_000);
    const client = new ArxivClient({
      baseUrl: server.baseUrl,
      minRequestIntervalMs: 0,
      _internal: { limiter },
    });
    const result = await new ArxivHelperStep({ client, now }).execute(researchData());
    expect(result.warnings).toEqual([
      expect.stringMatching(/going on without its papers: arXiv: rate limited/),
    ]);
    expect(server.requests).toHaveLength(0);
  });

  it('warns, without searching, when the name is only a title', async () => {
    let searched = false;
    const data = makeData({ recipientName: 'Dr.', recipientInterest: 'engines' });
    data.templateType = 'research';
    const step = new ArxivHelperStep({
      client: stub(async () => {
        searched = true;
        throw new Error('not expected');
      }),
      now,
    });
    const result = await step.execute(data);
    expect(result.warnings).toEqual([expect.stringMatching(/no name to search for in "Dr\."/)]);
    expect(searched).toBe(false);
  });
});

describe('ArxivHelperStep options', () => {
  it.each([
    [{ deadlineMs: 0 }, 'deadlineMs'],
    [{ deadlineMs: Number.POSITIVE_INFINITY }, 'deadlineMs'],
    [{ fetchCount: 0 }, 'fetchCount'],
    [{ fetchCount: 2.5 }, 'fetchCount'],
    [{ limit: 0 }, 'limit'],
    [{ maxAgeYears: 0 }, 'maxAgeYears'],
  ] as const)('refuses %o naming %s', (options, option) => {
    let error: unknown;
    try {
      new ArxivHelperStep(options);
    } catch (caught) {
      error = caught;
    }
    expect(ConfigurationError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ component: 'arxiv_helper', option });
  });
});
