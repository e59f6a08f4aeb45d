import { afterEach, describe, expect, it } from 'vitest';
import { abortableSleep } from '../../src/core/signal.js';
import {
  braveSearch,
  exaSearch,
  type SearchProvider,
  SearchProviderError,
  type SearchRequestOptions,
  searxngSearch,
  serperSearch,
  tavilySearch,
} from '../../src/search/index.js';
import {
  type FakeProvider,
  type FakeSearchServer,
  providerError,
  type ScriptedAnswer,
  startFakeSearchServer,
} from '../helpers/fake-search-server.js';

const KEY = 'sk-test-9f8e7d6c5b4a-SECRET';

function makeProvider(
  provider: FakeProvider,
  baseUrl: string,
  options: SearchRequestOptions,
): SearchProvider {
  switch (provider) {
    case 'brave':
      return braveSearch({ apiKey: KEY, baseUrl, ...options });
    case 'searxng':
      return searxngSearch({ apiKey: KEY, baseUrl, ...options });
    case 'tavily':
      return tavilySearch({ apiKey: KEY, baseUrl, ...options });
    case 'exa':
      return exaSearch({ apiKey: KEY, baseUrl, ...options });
    case 'serper':
      return serperSearch({ apiKey: KEY, baseUrl, ...options });
  }
}

let server: FakeSearchServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function failure(promise: Promise<unknown>): Promise<SearchProviderError> {
  const error = await promise.catch((caught: unknown) => caught);
  if (!SearchProviderError.isInstance(error))
    throw new Error(`expected a SearchProviderError, got ${String(error)}`);
  return error;
}

describe.each<FakeProvider>(['brave', 'searxng', 'tavily', 'exa', 'serper'])(
  '%s search failures',
  (provider) => {
    /** Starts the fake server and a provider whose retry waits are recorded, not slept. */
    async function setUp(script: ScriptedAnswer[], options: SearchRequestOptions = {}) {
      server = await startFakeSearchServer({ provider, script });
      const sleeps: number[] = [];
      const search = makeProvider(provider, server.baseUrl, {
        ...options,
        _internal: {
          sleep: async (ms) => {
            sleeps.push(ms);
          },
          random: () => 0.5,
          ...options._internal,
        },
      });
      return { search, server, sleeps };
    }

    it.each([401, 403, 422])('does not retry HTTP %i: the key was refused', async (status) => {
      const { search, server, sleeps } = await setUp([
        { status, json: providerError(provider, status, 'SUBSCRIPTION_TOKEN_INVALID', 'Invalid token') },
      ]);
      const error = await failure(search.search('ada lovelace', { limit: 3 }));
      expect(error).toMatchObject({
        code: 'SEARCH_PROVIDER',
        category: 'third-party',
        provider,
        kind: 'auth',
        statusCode: status,
        retryable: false,
        attempts: 1,
      });
      expect(error.message).toMatch(new RegExp(`^${provider} search: .*HTTP ${status}`));
      expect(JSON.parse(JSON.stringify(error))).toMatchObject({
        name: 'SearchProviderError',
        code: 'SEARCH_PROVIDER',
        provider,
        kind: 'auth',
        statusCode: status,
        retryable: false,
        attempts: 1,
      });
      expect(server.requests).toHaveLength(1);
      expect(sleeps).toEqual([]);
    });

    it('does not retry HTTP 400', async () => {
      const { search, server } = await setUp([
        { status: 400, json: providerError(provider, 400, 'BAD_REQUEST', 'query is too long') },
      ]);
      expect(await failure(search.search('ada lovelace', { limit: 3 }))).toMatchObject({
        kind: 'bad-request',
        statusCode: 400,
        retryable: false,
      });
      expect(server.requests).toHaveLength(1);
    });

    it('waits out a 429 Retry-After in seconds and then succeeds', async () => {
      const { search, server, sleeps } = await setUp([
        {
          status: 429,
          headers: { 'retry-after': '3' },
          json: providerError(provider, 429, 'RATE_LIMITED', 'slow down'),
        },
        {},
      ]);
      const results = await search.search('ada lovelace', { limit: 3 });
      expect(results).toHaveLength(3);
      expect(server.requests).toHaveLength(2);
      expect(sleeps).toHaveLength(1);
      expect(sleeps[0]).toBeGreaterThanOrEqual(3000);
    });

    it('waits out a Retry-After given as an HTTP date', async () => {
      const inFiveSeconds = new Date(Date.now() + 5000).toUTCString();
      const { search, sleeps } = await setUp([
        { status: 503, headers: { 'retry-after': inFiveSeconds } },
        {},
      ]);
      await search.search('ada lovelace', { limit: 3 });
      // HTTP dates have whole seconds; allow for the second being cut and the clock moving on.
      expect(sleeps[0]).toBeGreaterThan(3000);
    });

    it('gives up at once, retryable, when Retry-After is longer than it waits itself', async () => {
      const { search, server, sleeps } = await setUp([
        { status: 429, headers: { 'retry-after': '120' } },
        {},
      ]);
      expect(await failure(search.search('ada lovelace', { limit: 3 }))).toMatchObject({
        kind: 'rate-limit',
        statusCode: 429,
        retryable: true,
        retryAfterMs: 120_000,
        attempts: 1,
      });
      expect(server.requests).toHaveLength(1);
      expect(sleeps).toEqual([]);
    });

    it('retries a 5xx with growing waits and then succeeds', async () => {
      const { search, server, sleeps } = await setUp([
        { status: 502, body: 'bad gateway' },
        { status: 503 },
        {},
      ]);
      expect(await search.search('ada lovelace', { limit: 3 })).toHaveLength(3);
      expect(server.requests).toHaveLength(3);
      expect(sleeps).toHaveLength(2);
      expect(sleeps[1]).toBeGreaterThan(sleeps[0] ?? Number.POSITIVE_INFINITY);
    });

    it('gives up after maxRetries with a retryable server error', async () => {
      const { search, server } = await setUp([{ status: 500, body: 'internal error' }], { maxRetries: 2 });
      const error = await failure(search.search('ada lovelace', { limit: 3 }));
      expect(error).toMatchObject({ kind: 'server', statusCode: 500, retryable: true, attempts: 3 });
      expect(error.message).toContain('internal error');
      expect(server.requests).toHaveLength(3);
    });

    it('reports an answer that is not JSON as malformed, without retrying', async () => {
      const { search, server } = await setUp([{ body: '<html>Welcome to nginx</html>' }]);
      const error = await failure(search.search('ada lovelace', { limit: 3 }));
      expect(error).toMatchObject({ kind: 'malformed-response', statusCode: 200, retryable: false });
      expect(error.message).toMatch(new RegExp(`^${provider} search: the answer is not JSON`));
      expect(server.requests).toHaveLength(1);
    });

    it('reports JSON of the wrong shape as malformed, naming the field', async () => {
      const wrong = { brave: { web: { results: 'none' } }, serper: { organic: {} } }[provider as string] ?? {
        results: [{ url: 42 }],
      };
      const { search } = await setUp([{ json: wrong }]);
      const error = await failure(search.search('ada lovelace', { limit: 3 }));
      expect(error).toMatchObject({ kind: 'malformed-response', retryable: false });
      expect(error.message).toMatch(/unexpected shape: (web\.results|organic|results(\.0\.url)?):/);
    });

    it('times out a hanging answer, retries it, and reports a retryable timeout', async () => {
      const { search, server } = await setUp([{ hang: true }], { timeoutMs: 150, maxRetries: 1 });
      expect(await failure(search.search('ada lovelace', { limit: 3 }))).toMatchObject({
        kind: 'timeout',
        retryable: true,
        attempts: 2,
      });
      expect(server.requests).toHaveLength(2);
    });

    it('reports a refused connection as a retryable network failure', async () => {
      const { search, server } = await setUp([{}], { maxRetries: 0 });
      await server.close();
      expect(await failure(search.search('ada lovelace', { limit: 3 }))).toMatchObject({
        kind: 'network',
        retryable: true,
      });
    });

    it('rejects with the abort reason when aborted during a retry wait, and sends nothing more', async () => {
      const controller = new AbortController();
      const reason = new Error('host cancelled');
      let wait: 'pending' | 'ended' | 'cut short' = 'pending';
      const { search, server } = await setUp([{ status: 429, headers: { 'retry-after': '2' } }, {}], {
        _internal: {
          // The real wait, aborted once it has begun. It must end by rejecting: a wait that ignored
          // the signal would run its course and leave the abort to be noticed afterwards.
          sleep: (ms, signal) => {
            const waiting = abortableSleep(ms, signal);
            waiting.then(
              () => {
                wait = 'ended';
              },
              () => {
                wait = 'cut short';
              },
            );
            controller.abort(reason);
            return waiting;
          },
        },
      });
      await expect(search.search('ada lovelace', { limit: 3, signal: controller.signal })).rejects.toBe(
        reason,
      );
      expect(wait).toBe('cut short');
      expect(server.requests).toHaveLength(1);
    });

    it('rejects with the abort reason when aborted mid-request', async () => {
      const controller = new AbortController();
      const reason = new Error('host cancelled');
      const { search } = await setUp([{ hang: true }]);
      const pending = search.search('ada lovelace', { limit: 3, signal: controller.signal });
      setTimeout(() => controller.abort(reason), 30);
      await expect(pending).rejects.toBe(reason);
    });

    it('sends nothing when the signal has already fired', async () => {
      const { search, server } = await setUp([{}]);
      const reason = new Error('too late');
      await expect(
        search.search('ada lovelace', { limit: 3, signal: AbortSignal.abort(reason) }),
      ).rejects.toBe(reason);
      expect(server.requests).toHaveLength(0);
    });

    it('never puts the key in the message or the JSON, even when the provider echoes it', async () => {
      const echo = `Invalid API key ${KEY}`;
      const { search } = await setUp([{ status: 401, json: providerError(provider, 401, echo, echo) }]);
      const error = await failure(search.search('ada lovelace', { limit: 3 }));
      expect(error.message).toContain('[redacted]');
      expect(error.message).not.toContain(KEY);
      expect(JSON.stringify(error)).not.toContain(KEY);
      expect(String(error.stack)).not.toContain(KEY);
    });

    it('sends its name and version as User-Agent', async () => {
      const { search, server } = await setUp([{}]);
      await search.search('ada lovelace', { limit: 3 });
      expect(server.requests[0]?.headers['user-agent']).toMatch(/^scribe-pipeline\/\d+\.\d+\.\d+/);
    });
  },
);
