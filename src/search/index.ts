/**
 * Web search for the web-scraper step: one `SearchProvider` interface and a factory per provider.
 *
 * Shipped providers: Brave (`braveSearch`), SearXNG (`searxngSearch`), Tavily (`tavilySearch`),
 * Exa (`exaSearch`), Serper (`serperSearch`), and `staticUrls` for a fixed list of pages. Each
 * factory checks its options when called (a missing key throws `ConfigurationError` before any
 * request); each search retries rate limits, server errors, timeouts and network failures with
 * backoff that honours Retry-After, and otherwise fails with a `SearchProviderError`.
 *
 * Google Custom Search is left out on purpose: its JSON API is closed to new customers and shuts
 * down on 2027-01-01. Serper serves Google results instead.
 *
 * @module scribe-pipeline/search
 */
export { type BraveSearchOptions, braveSearch } from './brave.js';
export { type CachedSearchOptions, cachedSearch } from './cached-search.js';
export { type ExaSearchOptions, exaSearch } from './exa.js';
export type { SearchRequestOptions } from './request-settings.js';
export type { SearchOptions, SearchProvider, SearchResult } from './search-provider.js';
export {
  type SearchFailureKind,
  SearchProviderError,
  type SearchProviderErrorOptions,
} from './search-provider-error.js';
export { type SearxngSearchOptions, searxngSearch } from './searxng.js';
export { type SerperSearchOptions, serperSearch } from './serper.js';
export { type StaticUrl, staticUrls } from './static-urls.js';
export { type TavilySearchOptions, tavilySearch } from './tavily.js';
