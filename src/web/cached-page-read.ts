import { type ResearchCache, readCache, researchCacheKey, writeCache } from '../core/cache/research-cache.js';
import type { PageOutcome } from './page-outcome.js';

/** Where a reader keeps pages' extracted text, and for how long. */
export interface PageCache {
  cache: ResearchCache;
  ttlMs: number;
}

/** A URL as a cache key: without its fragment, which never reaches the server. */
function cacheUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.hash = '';
    return parsed.href;
  } catch {
    return url;
  }
}

/**
 * Reads a page through the cache: a page read recently (with the same strategy and text cap)
 * comes from the cache; otherwise `read` runs and a page that gave text is kept, unless its
 * server said `Cache-Control: no-store`. Failures are never kept: the next run tries again.
 */
export async function readThroughCache(
  { cache, ttlMs }: PageCache,
  url: string,
  options: { strategy: string; maxChars: number },
  read: () => Promise<PageOutcome>,
): Promise<PageOutcome> {
  const key = researchCacheKey('page', [options.strategy, String(options.maxChars), cacheUrl(url)]);
  const cached = await readCache(cache, key);
  if (isReadPage(cached)) return cached;
  const outcome = await read();
  if (outcome.ok && outcome.noStore !== true) await writeCache(cache, key, outcome, ttlMs);
  return outcome;
}

function isReadPage(value: unknown): value is PageOutcome {
  return (
    value !== null &&
    typeof value === 'object' &&
    (value as PageOutcome).ok === true &&
    typeof (value as { text?: unknown }).text === 'string'
  );
}
