/**
 * Reading web pages safely, for steps of your own: the web scraper's reader (SSRF guard on every
 * URL, redirect hop and connection; plain HTTP first, Chromium for JavaScript pages; text
 * extracted off the event loop), without searching or summarising.
 *
 * @module scribe-pipeline/web
 */

export type { PageOutcome, PageSkipReason, ScrapeStrategy } from './page-outcome.js';
export { createPageReader, type PageRead, type PageReader, type PageReaderOptions } from './page-reader.js';
export type { ScrapeStrategyOption } from './read-page.js';
export { UrlBlockedError } from './ssrf/url-blocked-error.js';
