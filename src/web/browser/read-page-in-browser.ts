import { setTimeout as sleep } from 'node:timers/promises';
import type { PageOutcome } from '../page-outcome.js';
import type { BrowserPool } from './browser-pool.js';
import {
  CLOSE_GRACE_MS,
  firstLine,
  MIN_PAGE_BUDGET_MS,
  type PageRun,
  type ReadPageInBrowserOptions,
  resolveSettings,
  skipped,
} from './browser-reader-settings.js';
import { readInContext } from './read-in-context.js';
import { installRouteGuard, type RouteGuardState } from './route-guard.js';

export {
  DEFAULT_MAX_DOCUMENT_BYTES,
  type ReadPageInBrowserOptions,
  type RefusedRequests,
} from './browser-reader-settings.js';

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
