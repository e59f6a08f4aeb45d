import type { ResearchCache } from '../../core/cache/research-cache.js';
import { checkNumberOption } from '../../core/check-option.js';
import { ConfigurationError } from '../../core/errors/configuration-error.js';
import type { LlmStepOptions } from '../../llm/llm-step-settings.js';
import type { SearchProvider } from '../../search/search-provider.js';
import type { BrowserPool } from '../../web/browser/browser-pool.js';
import type { PageCache } from '../../web/cached-page-read.js';
import type { ScrapeStrategyOption } from '../../web/read-page.js';
import { MAX_PAGES } from './summary/summarize.js';

export type { ScrapeStrategyOption } from '../../web/read-page.js';

/**
 * Options of `WebScraperStep`. The model options (`model`, `modelId`, `temperature`,
 * `maxAttempts`, `maxRetries`) are the summariser's: a cheap model summarises well.
 */
export interface WebScraperOptions extends Omit<LlmStepOptions, 'temperature'> {
  /** Where to search: a provider from `scribe-pipeline/search`, or your own. */
  search: SearchProvider;
  /**
   * `auto` (default): plain HTTP first, Chromium only when that yields too little text (a
   * JavaScript page). `http`: never a browser. `browser`: always Chromium.
   */
  strategy?: ScrapeStrategyOption;
  /**
   * The shared Chromium (see `createBrowserPool`). Without it the step makes its own on first
   * need and closes it in `close()`; pass one to share a browser across steps and runs.
   */
  browserPool?: BrowserPool;
  /**
   * Exceptions to the SSRF guard: exact origins (`http://127.0.0.1:8080`) or addresses
   * (`10.0.0.5`) that may be read although they are not public. Nothing else private is read.
   */
  allow?: readonly string[];
  /** Read robots.txt and skip pages it disallows. Default true. */
  respectRobotsTxt?: boolean;
  /** Sent with every request. Default names the library and links to it. */
  userAgent?: string;
  /** Per page, 1,000 to 60,000 ms. Default 10,000. */
  pageTimeoutMs?: number;
  /** For searching and reading all pages, 5,000 to 300,000 ms. Default 45,000. Summarising comes after. */
  deadlineMs?: number;
  /**
   * For summarising the pages, every model call together, 1,000 to 600,000 ms. Default 120,000.
   * Past it the step fails with a retryable `ModelCallError` (`timedOut`), so the whole step takes
   * at most `deadlineMs` + `summaryDeadlineMs`, whatever the model does.
   */
  summaryDeadlineMs?: number;
  /** Plain-HTTP pages read at once, 1 to 16. Default 4. (Browser pages: the pool's `maxOpenContexts`.) */
  httpConcurrency?: number;
  /** Pages read in all, 1 to 5 (what the summariser takes). Default 5. */
  maxPages?: number;
  /** Results used per search term, 1 to 10. Default 2. */
  resultsPerTerm?: number;
  /** Characters of text kept per page, 1,000 to 50,000. Default 10,000. */
  maxPageChars?: number;
  /**
   * Keeps pages' extracted text for later runs (one department's pages, read for a whole
   * batch): `{ cache, ttlMs }`, `ttlMs` default a day. Pages sent with `Cache-Control: no-store`
   * and failures are never kept. `defaultSteps({ cache })` sets it.
   */
  pageCache?: { cache: ResearchCache; ttlMs?: number };
}

/** The checked options, with defaults. */
export interface WebScraperSettings {
  search: SearchProvider;
  strategy: ScrapeStrategyOption;
  respectRobotsTxt: boolean;
  pageTimeoutMs: number;
  deadlineMs: number;
  summaryDeadlineMs: number;
  httpConcurrency: number;
  maxPages: number;
  resultsPerTerm: number;
  maxPageChars: number;
  pageCache: PageCache | undefined;
}

const STEP = 'web_scraper';
const STRATEGIES: readonly ScrapeStrategyOption[] = ['auto', 'http', 'browser'];

/** Checks the scraping options when the step is built, so a misconfiguration costs nothing. */
export function resolveWebScraperSettings(options: WebScraperOptions): WebScraperSettings {
  const { search, strategy = 'auto', respectRobotsTxt = true } = options;
  if (search == null || typeof search.search !== 'function' || typeof search.name !== 'string') {
    throw new ConfigurationError({
      component: STEP,
      option: 'search',
      message: 'must be a SearchProvider, e.g. braveSearch({ apiKey }) from scribe-pipeline/search',
    });
  }
  if (!STRATEGIES.includes(strategy)) {
    throw new ConfigurationError({
      component: STEP,
      option: 'strategy',
      message: `must be one of ${STRATEGIES.join(', ')}`,
    });
  }
  const integer = (
    option: keyof WebScraperOptions,
    value: number | undefined,
    fallback: number,
    min: number,
    max: number,
  ) => checkNumberOption(STEP, option, value ?? fallback, { min, max, integer: true });
  return {
    search,
    strategy,
    respectRobotsTxt,
    pageTimeoutMs: integer('pageTimeoutMs', options.pageTimeoutMs, 10_000, 1_000, 60_000),
    deadlineMs: integer('deadlineMs', options.deadlineMs, 45_000, 5_000, 300_000),
    summaryDeadlineMs: integer('summaryDeadlineMs', options.summaryDeadlineMs, 120_000, 1_000, 600_000),
    httpConcurrency: integer('httpConcurrency', options.httpConcurrency, 4, 1, 16),
    // The summariser reads at most MAX_PAGES pages; more would be read and then refused.
    maxPages: integer('maxPages', options.maxPages, MAX_PAGES, 1, MAX_PAGES),
    resultsPerTerm: integer('resultsPerTerm', options.resultsPerTerm, 2, 1, 10),
    maxPageChars: integer('maxPageChars', options.maxPageChars, 10_000, 1_000, 50_000),
    pageCache:
      options.pageCache === undefined
        ? undefined
        : {
            cache: options.pageCache.cache,
            ttlMs: checkNumberOption(
              STEP,
              'pageCache.ttlMs',
              options.pageCache.ttlMs ?? 24 * 60 * 60 * 1000,
              {
                min: 1000,
                max: 30 * 24 * 60 * 60 * 1000,
              },
            ),
          },
  };
}
