/** One hit from a web search, mapped from whatever shape the provider answers with. */
export interface SearchResult {
  /** An absolute http(s) URL. Providers drop hits without one. */
  url: string;
  /** The page title as the provider gives it; '' when it gives none. */
  title: string;
  /** A short plain-text excerpt; '' when the provider gives none. */
  snippet: string;
}

/** What one search call asks for. */
export interface SearchOptions {
  /** The most results to return, 1 to 100. Providers ask for this many and cut their answer to it. */
  limit: number;
  /** Stops the request and any wait between retries; the call then rejects with the signal's reason. */
  signal?: AbortSignal;
}

/**
 * A web-search backend. The web-scraper step calls `search` once per search term and reads the
 * pages behind the results. Implement it to plug in a provider this library does not ship.
 *
 * Contract: resolve with at most `limit` results, every `url` absolute http(s); reject with a
 * `SearchProviderError` (or any error with a boolean `retryable`) when the provider fails; reject
 * with `signal.reason` when the signal fires.
 *
 * @example
 * ```ts
 * const intranet: SearchProvider = {
 *   name: 'intranet',
 *   async search(query, { limit, signal }) {
 *     const response = await fetch(`https://search.internal/?q=${encodeURIComponent(query)}`, { signal });
 *     const hits: { href: string; heading: string }[] = await response.json();
 *     return hits.slice(0, limit).map((hit) => ({ url: hit.href, title: hit.heading, snippet: '' }));
 *   },
 * };
 * ```
 */
export interface SearchProvider {
  /** A short, stable name for logs, warnings and errors, e.g. `brave`. */
  readonly name: string;
  /**
   * True for a provider whose answer does not depend on the query (a fixed list of pages): the
   * web scraper then asks it once and takes its pages up to `maxPages`, rather than a few per
   * search term.
   */
  readonly ignoresQuery?: boolean;
  /**
   * What tells this provider's answers apart from another's of the same name, for caches (see
   * `cachedSearch`): e.g. `searxng https://search.example.org`. Default: `name`.
   */
  readonly cacheKey?: string;
  /** At most `options.limit` results for `query`; rejects with the signal's reason on abort. */
  search(query: string, options: SearchOptions): Promise<SearchResult[]>;
}
