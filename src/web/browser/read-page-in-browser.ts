import { setTimeout as sleep } from 'node:timers/promises';
import type { BrowserContext, Page } from 'playwright-core';
import { checkNumberOption } from '../../core/check-option.js';
import { ConfigurationError } from '../../core/errors/configuration-error.js';
import { finishExtraction, hasTooLittleText } from '../extract/extract.js';
import type { HttpFetcher } from '../http/fetch-page.js';
import type { PageOutcome, PageSkipReason } from '../page-outcome.js';
import type { UrlGuard } from '../ssrf/ssrf-guard.js';
import { checkUserAgent } from '../user-agent.js';
import type { BrowserPool } from './browser-pool.js';
import { fetchMainDocument, type MainDocument } from './fetch-main-document.js';
import { extractInPage } from './page-extraction.js';
import { installRouteGuard, type RouteGuardState } from './route-guard.js';
import { settlePage, watchPageActivity } from './settle-page.js';

const COMPONENT = 'web_scraper browser reader';
/** Bytes of the main document handed to Chromium, as on the HTTP path. */
export const DEFAULT_MAX_DOCUMENT_BYTES = 2 * 1024 * 1024;
/** How long the reader waits for its context to close before returning anyway. */
const CLOSE_GRACE_MS = 2000;

/** Refused requests of one page, for a warning (the page itself may still read fine). */
export interface RefusedRequests {
  /** The page asked for. */
  url: string;
  /** The first request refused. */
  first: { url: string; reason: string };
  /** How many were refused. */
  count: number;
}

/** Options for {@link readPageInBrowser}. */
export interface ReadPageInBrowserOptions {
  /** Checks WebSockets; build `http` on this same guard. */
  guard: UrlGuard;
  /**
   * Fetches the main document and every request the page makes, in Node: each hop checked by its
   * guard, connections only to checked addresses, bodies cut at their cap while they are decoded.
   * One per scraper (its connection pool is shared); the reader never closes it.
   */
  http: HttpFetcher;
  /** Default {@link DEFAULT_USER_AGENT}. */
  userAgent?: string;
  /**
   * The page's whole budget from the moment it has its browser context (waiting for a free slot
   * or for the launch is bounded by `signal` instead): fetching, loading, settling, extracting.
   * 1,000 to 120,000. Default 10,000.
   */
  timeoutMs?: number;
  /**
   * Asked once the page has its browser context: a shorter limit than `timeoutMs` for this page,
   * e.g. its fair share of what is left of a caller's deadline, so pages that waited their turn
   * behind slow ones are not left with nothing. The smaller of the two applies (at least 100 ms).
   */
  pageBudgetMs?: () => number;
  /**
   * Longest wait after DOMContentLoaded for the text to stop growing and the page's scripts, data
   * requests and navigations to finish. 0 to 10,000. Default 1,000.
   */
  settleMs?: number;
  /** Characters of text kept. 100 to 1,000,000. Default 10,000. */
  maxChars?: number;
  /**
   * Bytes of the main document handed to the browser (decoded; reading stops there). 1,024 to
   * 50 MiB. Default 2 MiB. Each other request of the page is cut at `MAX_REQUEST_BYTES` and fails.
   */
  maxBytes?: number;
  /** Aborting rejects with the signal's reason, promptly, after closing the page's context. */
  signal?: AbortSignal;
  /** Called once when the guard refused any of the page's requests. */
  onRequestsRefused?: (refused: RefusedRequests) => void;
}

// A page given less than this could not even load; it fails as a timeout instead.
const MIN_PAGE_BUDGET_MS = 100;

interface Settings {
  guard: UrlGuard;
  http: HttpFetcher;
  userAgent: string;
  timeoutMs: number;
  settleMs: number;
  maxChars: number;
  maxBytes: number;
}

interface PageRun extends Settings {
  url: string;
  /** Aborted when the page's time is up or the reader returns: stops the route handler's work. */
  signal: AbortSignal;
  remainingMs: () => number;
}

function resolveSettings(options: ReadPageInBrowserOptions): Settings {
  const { guard, http } = options;
  if (typeof guard?.check !== 'function') {
    throw new ConfigurationError({
      component: COMPONENT,
      option: 'guard',
      message: 'is required (a UrlGuard)',
    });
  }
  if (typeof http?.fetchRaw !== 'function') {
    throw new ConfigurationError({
      component: COMPONENT,
      option: 'http',
      message: 'is required (an HttpFetcher built on the same guard)',
    });
  }
  return {
    guard,
    http,
    userAgent: checkUserAgent(COMPONENT, options.userAgent),
    timeoutMs: checkNumberOption(COMPONENT, 'timeoutMs', options.timeoutMs ?? 10_000, {
      min: 1000,
      max: 120_000,
    }),
    settleMs: checkNumberOption(COMPONENT, 'settleMs', options.settleMs ?? 1000, { min: 0, max: 10_000 }),
    maxChars: checkNumberOption(COMPONENT, 'maxChars', options.maxChars ?? 10_000, {
      min: 100,
      max: 1_000_000,
      integer: true,
    }),
    maxBytes: checkNumberOption(COMPONENT, 'maxBytes', options.maxBytes ?? DEFAULT_MAX_DOCUMENT_BYTES, {
      min: 1024,
      max: 50 * 1024 * 1024,
      integer: true,
    }),
  };
}

function skipped(url: string, reason: PageSkipReason, detail: string): PageOutcome {
  return { ok: false, url, strategy: 'browser', reason, detail };
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split('\n', 1)[0] ?? message).slice(0, 300);
}

/**
 * Reads one page in Chromium: a fresh context, every request fetched in Node through `http` and
 * its SSRF guard (see `installRouteGuard`), the main document fetched and classified first, DOMContentLoaded plus a
 * short settle (never `networkidle`), then Readability in the page and `finishExtraction` in Node.
 * Returns by about `timeoutMs` (plus up to 2 s to close the context) whatever the page does, even
 * when its script never yields; the context is closed on every path.
 *
 * @throws BrowserLaunchError when the pool has no browser to give. An abort rejects with the
 * signal's reason. Every page failure is an outcome, not a throw.
 *
 * @example
 * ```ts
 * const pool = createBrowserPool();
 * const guard = createUrlGuard();
 * const http = createHttpFetcher({ guard });
 * const outcome = await readPageInBrowser(pool, 'https://example.org/people/ada', { guard, http });
 * if (outcome.ok) console.log(outcome.title, outcome.text.length);
 * else console.warn(`${outcome.url}: ${outcome.reason}: ${outcome.detail}`);
 * ```
 */
export async function readPageInBrowser(
  pool: BrowserPool,
  url: string,
  options: ReadPageInBrowserOptions,
): Promise<PageOutcome> {
  const settings = resolveSettings(options);
  const { signal, onRequestsRefused } = options;
  signal?.throwIfAborted();
  const context = await pool.acquireContext({
    ...(signal ? { signal } : {}),
    userAgent: settings.userAgent,
    // Service workers' requests bypass routing; downloads are never wanted.
    serviceWorkers: 'block',
    acceptDownloads: false,
    javaScriptEnabled: true,
  });
  const pageLife = new AbortController();
  const startedAt = performance.now();
  const timeoutMs = Math.round(
    Math.min(
      settings.timeoutMs,
      Math.max(MIN_PAGE_BUDGET_MS, options.pageBudgetMs?.() ?? Number.POSITIVE_INFINITY),
    ),
  );
  const run: PageRun = {
    ...settings,
    timeoutMs,
    url,
    signal: pageLife.signal,
    remainingMs: () => Math.max(0, timeoutMs - (performance.now() - startedAt)),
  };
  let routes: RouteGuardState | undefined;
  const work = (async () => {
    routes = await installRouteGuard(context, run);
    return readInContext(context, routes, run);
  })();
  try {
    return await firstOf(work, {
      timeoutMs,
      onTimeout: () => skipped(url, 'timeout', `the page did not finish within ${timeoutMs} ms`),
      onError: (error) => skipped(url, 'network', `the browser failed: ${firstLine(error)}`),
      signal,
    });
  } finally {
    pageLife.abort();
    // Closing the context kills its renderer, so this returns even when the page's script never yields.
    await Promise.race([context.close().catch(() => {}), sleep(CLOSE_GRACE_MS, undefined, { ref: false })]);
    const first = routes?.refusals[0];
    if (routes && first && onRequestsRefused) {
      try {
        onRequestsRefused({
          url,
          first: { url: first.url, reason: first.reason },
          count: routes.refusalCount,
        });
      } catch {
        // A listener's fault is not the page's.
      }
    }
  }
}

/** The work's outcome, or a timeout outcome at the deadline, or the abort: whichever comes first. */
function firstOf(
  work: Promise<PageOutcome>,
  {
    timeoutMs,
    onTimeout,
    onError,
    signal,
  }: {
    timeoutMs: number;
    onTimeout: () => PageOutcome;
    onError: (error: unknown) => PageOutcome;
    signal: AbortSignal | undefined;
  },
): Promise<PageOutcome> {
  return new Promise<PageOutcome>((resolve, reject) => {
    const timer = setTimeout(() => finish(() => resolve(onTimeout())), timeoutMs);
    const onAbort = () => finish(() => reject(signal?.reason));
    function finish(settle: () => void) {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      settle();
    }
    signal?.addEventListener('abort', onAbort, { once: true });
    if (signal?.aborted) onAbort();
    work.then(
      (outcome) => finish(() => resolve(outcome)),
      (error: unknown) => finish(() => resolve(onError(error))),
    );
  });
}

async function readInContext(
  context: BrowserContext,
  routes: RouteGuardState,
  run: PageRun,
): Promise<PageOutcome> {
  const { url } = run;
  const main = await fetchMainDocument(run.http, url, run);
  if (!main.ok) return skipped(url, main.reason, main.detail);
  routes.prime(main.finalUrl, main.document);

  const page = await context.newPage();
  const busy = watchPageActivity(page);
  // Playwright launches Chromium with popup blocking off: popups would be more renderers to feed.
  context.on('page', (other) => {
    if (other !== page) void other.close().catch(() => {});
  });
  try {
    await page.goto(main.finalUrl, {
      waitUntil: 'domcontentloaded',
      timeout: Math.max(1, run.remainingMs()),
    });
  } catch (error) {
    const failure = navigationFailure(error, page, routes, run);
    if (failure) return failure;
  }
  await settlePage(page, {
    budgetMs: Math.min(run.settleMs, run.remainingMs()),
    busy,
    remainingMs: run.remainingMs,
  });
  return extractPage(page, routes, main, run);
}

/** What a failed `goto` means, or undefined when the page simply moved on (and is read as it is). */
function navigationFailure(
  error: unknown,
  page: Page,
  routes: RouteGuardState,
  run: PageRun,
): PageOutcome | undefined {
  const message = firstLine(error);
  if (error instanceof Error && error.name === 'TimeoutError') {
    return skipped(run.url, 'timeout', `no DOMContentLoaded within ${run.timeoutMs} ms`);
  }
  // A meta refresh or script navigated before DOMContentLoaded: the checks after settling decide.
  if (/interrupted by another navigation/i.test(message)) return undefined;
  const refused = routes.refusedNavigation(page.mainFrame());
  if (refused) return skipped(run.url, 'blocked', `navigation to ${refused.url} refused: ${refused.reason}`);
  if (/Download is starting|ERR_ABORTED/i.test(message)) {
    return skipped(run.url, 'not-html', 'the browser turned the page into a download');
  }
  return skipped(run.url, 'network', message);
}

/** The page left for a refused address, or shows Chromium's error page: never read as text. */
function leftThePage(page: Page, routes: RouteGuardState, url: string): PageOutcome | undefined {
  const refused = routes.refusedNavigation(page.mainFrame());
  if (refused)
    return skipped(url, 'blocked', `the page navigated to ${refused.url}, refused: ${refused.reason}`);
  if (page.url().startsWith('chrome-error:')) {
    return skipped(url, 'network', 'the browser shows an error page instead of the document');
  }
  return undefined;
}

async function extractPage(
  page: Page,
  routes: RouteGuardState,
  main: MainDocument & { ok: true },
  run: PageRun,
) {
  const { url, maxChars } = run;
  const left = leftThePage(page, routes, url);
  if (left) return left;
  const limit = Math.max(100_000, maxChars * 20);
  let raw: Awaited<ReturnType<typeof extractInPage>>;
  try {
    raw = await extractInPage(page, { limit });
  } catch (error) {
    // A navigation replaced the document mid-extraction: read the new one once it has loaded.
    if (!/context was destroyed|navigat/i.test(firstLine(error))) throw error;
    await page.waitForLoadState('domcontentloaded', { timeout: Math.max(1, run.remainingMs()) });
    const leftNow = leftThePage(page, routes, url);
    if (leftNow) return leftNow;
    raw = await extractInPage(page, { limit });
  }
  // Checked again: the page may have navigated away while we read it.
  const leftLater = leftThePage(page, routes, url);
  if (leftLater) return leftLater;
  if (raw === undefined) return skipped(url, 'too-little-text', 'the page gave no readable text');
  const extracted = finishExtraction(raw, { maxChars });
  if (hasTooLittleText(extracted.text)) {
    return skipped(url, 'too-little-text', `only ${extracted.text.length} characters of readable text`);
  }
  const outcome: PageOutcome = {
    ok: true,
    url,
    finalUrl: routes.finalUrlOf(page.url()),
    strategy: 'browser',
    status: main.status,
    bytes: main.bytes,
    truncated: main.truncated,
    ...(main.noStore ? { noStore: true } : {}),
    ...extracted,
  };
  return outcome;
}
