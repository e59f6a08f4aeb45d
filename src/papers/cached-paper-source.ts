import { type ResearchCache, readCache, researchCacheKey, writeCache } from '../core/cache/research-cache.js';
import { checkNumberOption } from '../core/check-option.js';
import type { PaperLookup } from '../core/paper.js';
import type { PaperSource } from './paper-source.js';

/** Options of `cachedPaperSource`. */
export interface CachedPaperSourceOptions {
  cache: ResearchCache;
  /** How long a lookup is kept, 1,000 ms to 30 days. Default 24 hours. */
  ttlMs?: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A paper source that answers a lookup it made recently from the cache: a batch writing to one
 * professor asks OpenAlex (a paid list request) or Semantic Scholar (a shared, small anonymous
 * pool) once a day, not once per email. Keyed by the source's name and `cacheScope`, and every
 * field of the query; only answers are cached, never a failure.
 *
 * @example
 * ```ts
 * const openalex = cachedPaperSource(openAlexSource({ apiKey }), { cache: memoryResearchCache() });
 * ```
 */
export function cachedPaperSource(
  source: PaperSource,
  { cache, ttlMs = DAY_MS }: CachedPaperSourceOptions,
): PaperSource {
  const ttl = checkNumberOption('cachedPaperSource', 'ttlMs', ttlMs, { min: 1000, max: 30 * DAY_MS });
  return {
    name: source.name,
    ...(source.cacheScope === undefined ? {} : { cacheScope: source.cacheScope }),
    async lookup(query) {
      const key = researchCacheKey('papers', [
        source.name,
        source.cacheScope ?? '',
        query.name.trim().toLowerCase(),
        query.interest.trim().toLowerCase(),
        query.orcid ?? '',
        (query.affiliation ?? '').trim().toLowerCase(),
        query.since,
        String(query.limit),
      ]);
      const cached = await readCache(cache, key);
      if (isLookup(cached)) return cached;
      const lookup = await source.lookup(query);
      await writeCache(cache, key, lookup, ttl);
      return lookup;
    },
  };
}

function isLookup(value: unknown): value is PaperLookup {
  return value !== null && typeof value === 'object' && Array.isArray((value as PaperLookup).candidates);
}
