import { type ResearchCache, readCache, researchCacheKey, writeCache } from '../core/cache/research-cache.js';
import { checkNumberOption } from '../core/check-option.js';
import type { SearchProvider, SearchResult } from './search-provider.js';

/** Options of `cachedSearch`. */
export interface CachedSearchOptions {
  cache: ResearchCache;
  /** How long results are kept, 1,000 ms to 30 days. Default 24 hours. */
  ttlMs?: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Queries that differ only in case and spacing ask the same thing. */
function normalizeQuery(query: string): string {
  return query.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * A search provider that answers a query it answered recently from the cache: a batch writing to
 * one department searches the same terms again and again. Keyed by the provider's `cacheKey`
 * (else its name), the normalised query and the limit. Only answers are cached, never a failure;
 * a provider that ignores the query (a fixed list of pages) is returned as it is.
 *
 * @example
 * ```ts
 * const search = cachedSearch(braveSearch({ apiKey }), { cache: memoryResearchCache() });
 * ```
 */
export function cachedSearch(
  provider: SearchProvider,
  { cache, ttlMs = DAY_MS }: CachedSearchOptions,
): SearchProvider {
  if (provider.ignoresQuery === true) return provider;
  const ttl = checkNumberOption('cachedSearch', 'ttlMs', ttlMs, { min: 1000, max: 30 * DAY_MS });
  const scope = provider.cacheKey ?? provider.name;
  return {
    ...provider,
    name: provider.name,
    async search(query, options) {
      const key = researchCacheKey('search', [scope, normalizeQuery(query), String(options.limit)]);
      const cached = await readCache(cache, key);
      if (Array.isArray(cached)) return cached as SearchResult[];
      const results = await provider.search(query, options);
      await writeCache(cache, key, results, ttl);
      return results;
    },
  };
}
