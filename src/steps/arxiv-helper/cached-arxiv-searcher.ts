import {
  type ResearchCache,
  readCache,
  researchCacheKey,
  writeCache,
} from '../../core/cache/research-cache.js';
import { checkNumberOption } from '../../core/check-option.js';
import { ArxivClient, type ArxivSearchResult } from '../../papers/arxiv/arxiv-client.js';
import type { ArxivSearcher } from './arxiv-helper-step.js';

/** Options of `cachedArxivSearcher`. */
export interface CachedArxivSearcherOptions {
  cache: ResearchCache;
  /** How long a lookup is kept, 1,000 ms to 30 days. Default 24 hours. */
  ttlMs?: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * An arXiv searcher that answers a lookup it made recently from the cache, so a batch writing to
 * one professor (or re-running after a failure) does not wait arXiv's 3 seconds per request
 * again. Keyed by the endpoint, the author, the interest and the result count; only answers
 * are cached, never a failure.
 *
 * @example
 * ```ts
 * new ArxivHelperStep({ client: cachedArxivSearcher(new ArxivClient(), { cache: memoryResearchCache() }) });
 * ```
 */
export function cachedArxivSearcher(
  searcher: ArxivSearcher = new ArxivClient(),
  { cache, ttlMs = DAY_MS }: CachedArxivSearcherOptions,
): ArxivSearcher {
  const ttl = checkNumberOption('cachedArxivSearcher', 'ttlMs', ttlMs, { min: 1000, max: 30 * DAY_MS });
  const scope = searcher instanceof ArxivClient ? searcher.baseUrl : 'arxiv';
  return {
    async search(options) {
      const { author, interest = '', maxResults = 15 } = options;
      const key = researchCacheKey('arxiv', [
        scope,
        author.trim().toLowerCase(),
        interest.trim().toLowerCase(),
        String(maxResults),
      ]);
      const cached = await readCache(cache, key);
      if (isArxivResult(cached)) return cached;
      const result = await searcher.search(options);
      await writeCache(cache, key, result, ttl);
      return result;
    },
  };
}

function isArxivResult(value: unknown): value is ArxivSearchResult {
  return value !== null && typeof value === 'object' && Array.isArray((value as ArxivSearchResult).entries);
}
