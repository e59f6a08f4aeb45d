import { checkNumberOption } from '../core/check-option.js';
import { ConfigurationError } from '../core/errors/configuration-error.js';
import { type BrowserPool, createBrowserPool } from './browser/browser-pool.js';
import type { HttpFetcher } from './http/fetch-page.js';
import type { PageOutcome } from './page-outcome.js';
import type { ScrapeStrategyOption } from './read-page.js';
import { createUrlGuard } from './ssrf/ssrf-guard.js';
import { checkUserAgent } from './user-agent.js';
import type * as WebRuntime from './web-runtime.js';

const COMPONENT = 'createPageReader';
const STRATEGIES: readonly ScrapeStrategyOption[] = ['auto', 'http', 'browser'];

/** Options of `createPageReader`; every one has a safe default. */
export interface PageReaderOptions {
  /** Private origins or addresses the SSRF guard may read anyway (`'http://127.0.0.1:8080'`). Default none. */
  allow?: readonly string[];
  /** `auto` (plain HTTP, Chromium for JavaScript pages), `http` or `browser`. Default `auto`. */
  strategy?: ScrapeStrategyOption;
  /** The Chromium pool for JavaScript pages; default one of its own, launched on first need and closed by `close()`. */
  browser?: BrowserPool;
  /** Per page, 1,000 to 60,000 ms. Default 10,000. */
  timeoutMs?: number;
  /** Characters of text kept, 1,000 to 50,000. Default 10,000. */
  maxChars?: number;
  /** Default the library's, which names it and links to it. */
  userAgent?: string;
}

/** What `read` gives: the page's text, or why there is none. */
export type PageRead = PageOutcome;

/** Reads pages as the web scraper does, for a step of your own. */
export interface PageReader {
  /**
   * Reads one page behind the SSRF guard (every URL, redirect hop and connection checked), HTTP
   * first and Chromium when the strategy says so, and extracts its readable text off the event
   * loop. A page that cannot be read is an outcome with `ok: false`, a `reason` and a `detail`,
   * not a throw; an abort rejects with the signal's reason.
   */
  read(url: string, options?: { signal?: AbortSignal }): Promise<PageRead>;
  /** Closes its connections and the browser it launched (never an injected one); the shared parser threads exit on their own when idle. */
  close(): Promise<void>;
  /** `close()`, for `await using`. */
  [Symbol.asyncDispose](): Promise<void>;
}

/**
 * The web scraper's safe page reader on its own: for a host step that reads a page it already
 * knows (a lab's people page, a department listing) without searching or summarising.
 *
 * @example
 * ```ts
 * await using reader = createPageReader({ strategy: 'auto' });
 * const page = await reader.read('https://lovelace-lab.example.org/people');
 * if (page.ok) console.log(page.title, page.finalUrl, page.strategy, page.text.length);
 * else console.warn(`${page.reason}: ${page.detail}`);
 * ```
 */
export function createPageReader(options: PageReaderOptions = {}): PageReader {
  const strategy = options.strategy ?? 'auto';
  if (!STRATEGIES.includes(strategy)) {
    throw new ConfigurationError({
      component: COMPONENT,
      option: 'strategy',
      message: `must be one of ${STRATEGIES.join(', ')}`,
    });
  }
  const timeoutMs = checkNumberOption(COMPONENT, 'timeoutMs', options.timeoutMs ?? 10_000, {
    min: 1_000,
    max: 60_000,
    integer: true,
  });
  const maxChars = checkNumberOption(COMPONENT, 'maxChars', options.maxChars ?? 10_000, {
    min: 1_000,
    max: 50_000,
    integer: true,
  });
  const userAgent = checkUserAgent(COMPONENT, options.userAgent);
  const guard = createUrlGuard(options.allow === undefined ? {} : { allow: options.allow });
  let runtime: Promise<typeof WebRuntime> | undefined;
  let http: HttpFetcher | undefined;
  let ownBrowser: BrowserPool | undefined;
  const browserPool = (): BrowserPool => {
    if (options.browser) return options.browser;
    ownBrowser ??= createBrowserPool();
    return ownBrowser;
  };

  const close = async () => {
    const open = [http?.close(), ownBrowser?.close()];
    http = undefined;
    ownBrowser = undefined;
    await Promise.all(open);
  };
  return {
    async read(url, { signal = new AbortController().signal } = {}) {
      // Loaded on first use, as the scraper does: undici, linkedom and Readability are not small.
      runtime ??= import('./web-runtime.js');
      const { sharedExtractionPool, createHttpFetcher, readPage, readPageInBrowser } = await runtime;
      http ??= createHttpFetcher({ guard, userAgent, timeoutMs });
      const extraction = sharedExtractionPool();
      const fetcher = http;
      return readPage(url, {
        strategy,
        http: fetcher,
        maxChars,
        signal,
        extract: extraction.extract,
        browser: (pageUrl, { signal: pageSignal }) =>
          readPageInBrowser(browserPool(), pageUrl, {
            guard,
            http: fetcher,
            userAgent,
            timeoutMs,
            maxChars,
            signal: pageSignal,
          }),
      });
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}
