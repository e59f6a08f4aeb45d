import { afterEach, describe, expect, it } from 'vitest';
import { ConfigurationError, VERSION } from '../../src/index.js';
import {
  ArxivClient,
  type ArxivClientOptions,
  ArxivRequestError,
  buildAuthorQuery,
  RequestLimiter,
} from '../../src/steps/arxiv-helper/index.js';
import { manualClock, type ScriptedResponse, startFakeArxiv } from '../helpers/fake-arxiv-server.js';

let server: Awaited<ReturnType<typeof startFakeArxiv>> | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function clientFor(script: ScriptedResponse[], options: Partial<ArxivClientOptions> = {}) {
  server = await startFakeArxiv((index) => script[Math.min(index, script.length - 1)] ?? {});
  const client = new ArxivClient({
    baseUrl: server.baseUrl,
    minRequestIntervalMs: 10,
    ...options,
    // No jitter wait between retries: the tests are about what is retried, not how long it waits.
    _internal: { limiter: new RequestLimiter(), random: () => 0, ...options._internal },
  });
  return { client, server };
}

async function failure(promise: Promise<unknown>): Promise<ArxivRequestError> {
  const error = await promise.catch((caught: unknown) => caught);
  if (!ArxivRequestError.isInstance(error))
    throw new Error(`expected an ArxivRequestError, got ${String(error)}`);
  return error;
}

describe('buildAuthorQuery', () => {
  it.each([
    ['Ada Lovelace', undefined, 'au:"Ada Lovelace"'],
    ['Dr. Ada Lovelace', undefined, 'au:"Ada Lovelace"'],
    ['Prof. José García-López', undefined, 'au:"José García-López"'],
    ['Lovelace, Ada', undefined, 'au:"Ada Lovelace"'],
    [
      'Ada Lovelace',
      'the analytical engines of the future',
      'au:"Ada Lovelace" AND (all:analytical OR all:engine OR all:future)',
    ],
  ])('%s with interest %s', (author, interest, expected) => {
    expect(buildAuthorQuery(author, interest)).toBe(expected);
  });
});

describe('ArxivClient', () => {
  it('asks for the author by quoted full name, sorted by relevance, and names itself', async () => {
    const { client, server } = await clientFor([{ fixture: 'lovelace' }]);
    const result = await client.search({ author: 'Dr. Ada Lovelace', interest: 'analytical engines' });

    expect(result.entries).toHaveLength(4);
    expect(result).toMatchObject({
      totalResults: 4,
      attempts: 1,
      query: 'au:"Ada Lovelace" AND (all:analytical OR all:engine)',
    });
    const [request] = server.requests;
    expect(request?.url.searchParams.get('search_query')).toBe(result.query);
    expect(request?.url.searchParams.get('sortBy')).toBe('relevance');
    expect(request?.url.searchParams.get('max_results')).toBe('15');
    expect(request?.userAgent).toContain(`scribe-pipeline/${VERSION}`);
  });

  it('does not retry an error feed with HTTP 400, and keeps arXiv’s message', async () => {
    const { client, server } = await clientFor([{ status: 400, fixture: 'error' }]);
    const error = await failure(client.search({ author: 'Ada Lovelace' }));
    expect(error).toMatchObject({ kind: 'api-error', statusCode: 400, retryable: false, attempts: 1 });
    expect(error.message).toContain('incorrect id format for abc');
    expect(server.requests).toHaveLength(1);
  });

  it('does not retry malformed XML', async () => {
    const { client, server } = await clientFor([{ fixture: 'malformed' }]);
    expect(await failure(client.search({ author: 'Ada Lovelace' }))).toMatchObject({
      kind: 'malformed-response',
      retryable: false,
    });
    expect(server.requests).toHaveLength(1);
  });

  it('retries a 503 and then succeeds', async () => {
    const { client, server } = await clientFor([{ status: 503, body: 'busy' }, { fixture: 'lovelace' }]);
    const result = await client.search({ author: 'Ada Lovelace' });
    expect(result.attempts).toBe(2);
    expect(server.requests).toHaveLength(2);
  });

  it('gives up after maxRetries with a retryable error', async () => {
    const { client, server } = await clientFor([{ status: 502, body: 'bad gateway' }], { maxRetries: 2 });
    expect(await failure(client.search({ author: 'Ada Lovelace' }))).toMatchObject({
      kind: 'http-status',
      statusCode: 502,
      retryable: true,
      attempts: 3,
    });
    expect(server.requests).toHaveLength(3);
  });

  it('honours Retry-After on a 429 before trying again', async () => {
    const clock = manualClock();
    const arrivals: number[] = [];
    server = await startFakeArxiv((index) => {
      arrivals.push(clock.now());
      return index === 0 ? { status: 429, headers: { 'retry-after': '7' } } : { fixture: 'lovelace' };
    });
    const client = new ArxivClient({
      baseUrl: server.baseUrl,
      minRequestIntervalMs: 10,
      _internal: { limiter: new RequestLimiter(clock), random: () => 0 },
    });
    expect((await client.search({ author: 'Ada Lovelace' })).attempts).toBe(2);
    expect(arrivals).toEqual([0, 7000]);
  });

  it('does not sit out a Retry-After longer than a minute', async () => {
    const { client, server } = await clientFor([{ status: 429, headers: { 'retry-after': '3600' } }]);
    expect(await failure(client.search({ author: 'Ada Lovelace' }))).toMatchObject({
      kind: 'http-status',
      statusCode: 429,
      retryable: true,
      attempts: 1,
      retryAfterMs: 3_600_000,
    });
    expect(server.requests).toHaveLength(1);
  });

  it('ignores a Retry-After that is neither seconds nor an HTTP date, instead of reading a far-off date from it', async () => {
    // Date.parse reads this ISO date; taken as a Retry-After it would be a pause of decades.
    const { client, server } = await clientFor([
      { status: 429, headers: { 'retry-after': '2099-01-01T00:00:00Z' } },
      { fixture: 'lovelace' },
    ]);
    expect((await client.search({ author: 'Ada Lovelace' })).attempts).toBe(2);
    expect(server.requests).toHaveLength(2);
  });

  it('retries a suspicious empty page', async () => {
    const { client } = await clientFor([{ fixture: 'suspicious-empty' }, { fixture: 'lovelace' }]);
    expect((await client.search({ author: 'Ada Lovelace' })).attempts).toBe(2);
  });

  it('takes a genuinely empty result as no papers', async () => {
    const { client, server } = await clientFor([{ fixture: 'empty' }]);
    expect(await client.search({ author: 'Nobody Atall' })).toMatchObject({
      entries: [],
      totalResults: 0,
      attempts: 1,
    });
    expect(server.requests).toHaveLength(1);
  });

  it('times out a hanging response, and retries it', async () => {
    const hanging = await clientFor([{ hang: true }], { timeoutMs: 200, maxRetries: 0 });
    expect(await failure(hanging.client.search({ author: 'Ada Lovelace' }))).toMatchObject({
      kind: 'timeout',
      retryable: true,
    });
    await hanging.server.close();

    const recovering = await clientFor([{ hang: true }, { fixture: 'lovelace' }], {
      timeoutMs: 200,
      maxRetries: 1,
    });
    expect((await recovering.client.search({ author: 'Ada Lovelace' })).attempts).toBe(2);
  });

  it('reports a refused connection as a retryable network failure', async () => {
    const { client, server } = await clientFor([{ fixture: 'lovelace' }], { maxRetries: 0 });
    await server.close();
    expect(await failure(client.search({ author: 'Ada Lovelace' }))).toMatchObject({
      kind: 'network',
      message: 'arXiv: ECONNREFUSED',
      retryable: true,
    });
  });

  it('rejects with the abort reason when aborted during a request', async () => {
    const { client } = await clientFor([{ hang: true }]);
    const controller = new AbortController();
    const reason = new Error('user cancelled');
    setTimeout(() => controller.abort(reason), 50);
    await expect(client.search({ author: 'Ada Lovelace', signal: controller.signal })).rejects.toBe(reason);
  });

  it('rejects with the abort reason when aborted during the backoff between attempts', async () => {
    const controller = new AbortController();
    const reason = new Error('deadline');
    const { client, server } = await clientFor([{ status: 503 }], {
      _internal: {
        // Drawn just before the backoff starts: a full second of it, aborted well inside it.
        random: () => {
          setTimeout(() => controller.abort(reason), 10);
          return 1;
        },
      },
    });
    await expect(client.search({ author: 'Ada Lovelace', signal: controller.signal })).rejects.toBe(reason);
    expect(server.requests).toHaveLength(1);
  });
});

describe('ArxivClient options', () => {
  function configurationError(build: () => unknown): ConfigurationError {
    try {
      build();
    } catch (error) {
      if (ConfigurationError.isInstance(error)) return error;
      throw error;
    }
    throw new Error('expected a ConfigurationError');
  }

  it.each([
    'https://export.arxiv.org/api/query',
    'https://export.arxiv.org./api/query',
    'https://EXPORT.ARXIV.ORG/api/query',
    'HTTPS://Export.ArXiv.Org.:443/api/query',
    'http://arxiv.org/api/query',
    'https://oaipmh.arxiv.org/oai',
    'https://export%2Earxiv.org/api/query',
    'https://export.arxiv.org\u3002/api/query',
  ])('refuses an interval under 3 s for arXiv’s host %s', (baseUrl) => {
    const error = configurationError(() => new ArxivClient({ baseUrl, minRequestIntervalMs: 100 }));
    expect(error).toMatchObject({ component: 'ArxivClient', option: 'minRequestIntervalMs' });
    expect(error.message).toMatch(/terms of use/);
    expect(() => new ArxivClient({ baseUrl, minRequestIntervalMs: 3000 })).not.toThrow();
  });

  it('allows a short interval for other hosts, lookalikes included', () => {
    for (const baseUrl of [
      'http://127.0.0.1:9/api/query',
      'https://notarxiv.org/api',
      'https://arxiv.org.example.com/',
    ]) {
      expect(() => new ArxivClient({ baseUrl, minRequestIntervalMs: 0 }), baseUrl).not.toThrow();
    }
  });

  it.each([
    [{ baseUrl: 'not a url' }, 'baseUrl'],
    [{ baseUrl: 'ftp://export.arxiv.org/' }, 'baseUrl'],
    [{ maxRetries: -1 }, 'maxRetries'],
    [{ maxRetries: 1.5 }, 'maxRetries'],
    [{ timeoutMs: 0 }, 'timeoutMs'],
    [{ timeoutMs: Number.NaN }, 'timeoutMs'],
    [{ minRequestIntervalMs: -1, baseUrl: 'http://127.0.0.1:9/' }, 'minRequestIntervalMs'],
  ] as const)('refuses %o naming %s', (options, option) => {
    expect(configurationError(() => new ArxivClient(options))).toMatchObject({
      component: 'ArxivClient',
      option,
    });
  });

  it('refuses a maxResults out of range', async () => {
    const client = new ArxivClient({ baseUrl: 'http://127.0.0.1:9/api/query', minRequestIntervalMs: 0 });
    await expect(client.search({ author: 'Ada Lovelace', maxResults: 0 })).rejects.toMatchObject({
      name: 'ConfigurationError',
      option: 'maxResults',
    });
  });
});
