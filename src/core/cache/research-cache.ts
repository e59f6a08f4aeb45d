import { createHash } from 'node:crypto';

/**
 * Where research that many runs share is kept for a while: search results, pages' extracted
 * text, paper lookups. Two methods, the shape of a `Keyv` instance, so any Keyv store works
 * (`new Keyv(new KeyvRedis(url))` for workers on many machines, `@keyv/postgres`, ...), and
 * `memoryResearchCache()` is the default in one process. Values are JSON-safe.
 *
 * A cache that fails (Redis down) never fails a run: the lookup counts as a miss and the write is
 * skipped.
 *
 * @example
 * ```ts
 * import Keyv from 'keyv';
 * import KeyvRedis from '@keyv/redis';
 * const cache: ResearchCache = new Keyv(new KeyvRedis('redis://127.0.0.1:6379'), { namespace: 'scribe' });
 * ```
 */
export interface ResearchCache {
  /** The value stored under `key`, or undefined when there is none (or it expired). */
  get(key: string): Promise<unknown>;
  /** Stores `value` under `key` for `ttlMs` milliseconds. */
  set(key: string, value: unknown, ttlMs: number): Promise<unknown>;
}

/**
 * A cache key from its parts: a readable kind, then a SHA-256 of the parts, so a query or URL
 * with odd characters, or of any length, makes a safe key and no two kinds of entry can collide.
 *
 * @example
 * ```ts
 * researchCacheKey('search', ['brave https://api.search.brave.com/res/v1/web/search', 'ada lovelace', '5']);
 * // 'scribe:search:5c0f...'
 * ```
 */
export function researchCacheKey(kind: string, parts: readonly string[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(`${part.length}:${part}`);
  return `scribe:${kind}:${hash.digest('hex')}`;
}

/** Looks `key` up; a failing cache is a miss. */
export async function readCache(cache: ResearchCache, key: string): Promise<unknown> {
  try {
    return await cache.get(key);
  } catch {
    return undefined;
  }
}

/** Stores `value`; a failing cache is skipped (the run has what it needs already). */
export async function writeCache(
  cache: ResearchCache,
  key: string,
  value: unknown,
  ttlMs: number,
): Promise<void> {
  try {
    await cache.set(key, value, ttlMs);
  } catch {
    // Nothing to do: the next run reads the source again.
  }
}
