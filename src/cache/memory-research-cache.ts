import { LRUCache } from 'lru-cache';
import type { ResearchCache } from '../core/cache/research-cache.js';
import { checkNumberOption } from '../core/check-option.js';

/** Options of `memoryResearchCache`. */
export interface MemoryResearchCacheOptions {
  /** Entries kept at most; the least recently used go first. 1 to 1,000,000. Default 1,000. */
  maxEntries?: number;
}

/**
 * A research cache in this process's memory (an LRU cache with per-entry expiry): for one worker,
 * or a `scribe batch` of a department's recipients. Values are copied in and out, so a caller
 * cannot change what another run reads. For workers on several machines, pass a shared `Keyv`
 * instead (see `ResearchCache`).
 *
 * @example
 * ```ts
 * const steps = defaultSteps({ model, search, cache: memoryResearchCache({ maxEntries: 5_000 }) });
 * ```
 */
export function memoryResearchCache({ maxEntries = 1000 }: MemoryResearchCacheOptions = {}): ResearchCache {
  const max = checkNumberOption('memoryResearchCache', 'maxEntries', maxEntries, {
    min: 1,
    max: 1_000_000,
    integer: true,
  });
  const entries = new LRUCache<string, { value: unknown }>({ max });
  return {
    async get(key) {
      const entry = entries.get(key);
      return entry === undefined ? undefined : structuredClone(entry.value);
    },
    async set(key, value, ttlMs) {
      entries.set(key, { value: structuredClone(value) }, { ttl: ttlMs });
      return true;
    },
  };
}
