import { checkNumberOption } from '../../core/check-option.js';
import { ConfigurationError } from '../../core/errors/configuration-error.js';
import type { HttpFetcher } from '../http/fetch-page.js';
import type { PageOutcome, PageSkipReason } from '../page-outcome.js';
import type { UrlGuard } from '../ssrf/ssrf-guard.js';
import { checkUserAgent } from '../user-agent.js';

export const COMPONENT = 'web_scraper browser reader';
/** Bytes of the main document handed to Chromium, as on the HTTP path. */
export const DEFAULT_MAX_DOCUMENT_BYTES = 2 * 1024 * 1024;
/** How long the reader waits for its context to close before returning anyway. */
export const CLOSE_GRACE_MS = 2000;

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
export const MIN_PAGE_BUDGET_MS = 100;

export interface Settings {
  guard: UrlGuard;
  http: HttpFetcher;
  userAgent: string;
  timeoutMs: number;
  settleMs: number;
  maxChars: number;
  maxBytes: number;
}

export interface PageRun extends Settings {
  url: string;
  /** Aborted when the page's time is up or the reader returns: stops the route handler's work. */
  signal: AbortSignal;
  remainingMs: () => number;
}

export function resolveSettings(options: ReadPageInBrowserOptions): Settings {
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

export function skipped(url: string, reason: PageSkipReason, detail: string): PageOutcome {
  return { ok: false, url, strategy: 'browser', reason, detail };
}

export function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split('\n', 1)[0] ?? message).slice(0, 300);
}
