// The research cache: in memory, and shared through a real Redis with Keyv, as workers would.

import { randomUUID } from 'node:crypto';
import KeyvRedis from '@keyv/redis';
import Keyv from 'keyv';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ArxivClient,
  cachedArxivSearcher,
  memoryResearchCache,
  type ResearchCache,
} from '../../src/index.js';
import { cachedSearch, type SearchProvider, SearchProviderError } from '../../src/search/index.js';
import { startFakeArxiv } from '../helpers/fake-arxiv-server.js';

function countingProvider(
  answers: (query: string) => Promise<{ url: string; title: string; snippet: string }[]>,
) {
  const queries: string[] = [];
  const provider: SearchProvider = {
    name: 'counting',
    cacheKey: 'counting https://search.example/',
    search: async (query) => {
      queries.push(query);
      return answers(query);
    },
  };
  return { provider, queries };
}

const hit = (query: string) => [
  { url: `https://example.org/${encodeURIComponent(query)}`, title: query, snippet: '' },
];

const redisUrl = process.env.SCRIBE_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const opened: Keyv[] = [];
afterAll(async () => {
  await Promise.all(opened.map((keyv) => keyv.disconnect()));
});

function redisCache(namespace: string): ResearchCache {
  const keyv = new Keyv(new KeyvRedis(redisUrl), { namespace });
  opened.push(keyv);
  return keyv;
}

describe.each([
  ['memoryResearchCache', () => memoryResearchCache()],
  ['Keyv over a real Redis', () => redisCache(`scribe-test-${randomUUID()}`)],
] as const)('cachedSearch with %s', (_name, createCache) => {
  it('asks the provider once per query (case and spacing folded) and limit, and serves the rest from the cache', async () => {
    const { provider, queries } = countingProvider(async (query) => hit(query));
    const search = cachedSearch(provider, { cache: createCache() });
    expect(await search.search('Ada Lovelace engines', { limit: 5 })).toEqual(hit('Ada Lovelace engines'));
    expect(await search.search('  ada   LOVELACE engines ', { limit: 5 })).toEqual(
      hit('Ada Lovelace engines'),
    );
    await search.search('Ada Lovelace engines', { limit: 3 });
    expect(queries).toEqual(['Ada Lovelace engines', 'Ada Lovelace engines']);
  });

  it('never caches a failure: the next search asks again', async () => {
    let fail = true;
    const { provider, queries } = countingProvider(async (query) => {
      if (fail)
        throw new SearchProviderError({
          provider: 'counting',
          kind: 'server',
          message: 'down',
          retryable: true,
        });
      return hit(query);
    });
    const search = cachedSearch(provider, { cache: createCache() });
    await expect(search.search('q', { limit: 5 })).rejects.toThrow('down');
    fail = false;
    expect(await search.search('q', { limit: 5 })).toEqual(hit('q'));
    expect(await search.search('q', { limit: 5 })).toEqual(hit('q'));
    expect(queries).toHaveLength(2);
  });

  it('keeps the answers of two providers of the same name apart by their cacheKey', async () => {
    const cache = createCache();
    const first = cachedSearch({ name: 'searxng', cacheKey: 'a', search: async () => hit('a') }, { cache });
    const second = cachedSearch({ name: 'searxng', cacheKey: 'b', search: async () => hit('b') }, { cache });
    expect(await first.search('q', { limit: 5 })).toEqual(hit('a'));
    expect(await second.search('q', { limit: 5 })).toEqual(hit('b'));
  });
});

describe('the research cache', () => {
  it('expires entries after their ttl', async () => {
    const cache = memoryResearchCache();
    await cache.set('k', { value: 1 }, 1000);
    expect(await cache.get('k')).toEqual({ value: 1 });
    await cache.set('k', { value: 1 }, 1);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await cache.get('k')).toBeUndefined();
  });

  it('hands out copies: a caller cannot change what the next run reads', async () => {
    const cache = memoryResearchCache();
    const value = { entries: ['a'] };
    await cache.set('k', value, 60_000);
    value.entries.push('changed after set');
    const read = (await cache.get('k')) as { entries: string[] };
    read.entries.push('changed after get');
    expect(await cache.get('k')).toEqual({ entries: ['a'] });
  });

  it('never fails a search when the cache itself fails: it asks the provider', async () => {
    const broken: ResearchCache = {
      get: async () => {
        throw new Error('connection refused');
      },
      set: async () => {
        throw new Error('connection refused');
      },
    };
    const { provider, queries } = countingProvider(async (query) => hit(query));
    expect(await cachedSearch(provider, { cache: broken }).search('q', { limit: 5 })).toEqual(hit('q'));
    expect(queries).toEqual(['q']);
  });

  it('serves a repeated arXiv lookup from the cache without a request', async () => {
    const server = await startFakeArxiv(() => ({ fixture: 'lovelace' }));
    try {
      const client = new ArxivClient({ baseUrl: server.baseUrl, minRequestIntervalMs: 0 });
      const searcher = cachedArxivSearcher(client, { cache: memoryResearchCache() });
      const first = await searcher.search({ author: 'Ada Lovelace', interest: 'engines' });
      const second = await searcher.search({ author: 'ada lovelace ', interest: 'Engines' });
      expect(second).toEqual(first);
      expect(server.requests).toHaveLength(1);
    } finally {
      await server.close();
    }
  });
});
