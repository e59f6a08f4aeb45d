import { setTimeout as sleep } from 'node:timers/promises';
import { LIBRARY_NAME, VERSION } from '../../version.js';
import type { ArxivEntry } from './arxiv-entry.js';
import { buildAuthorQuery } from './arxiv-query.js';
import { type ArxivFailureKind, ArxivRequestError } from './arxiv-request-error.js';
import { ArxivErrorFeed, parseArxivFeed } from './parse-arxiv-feed.js';
import { type RequestLimiter, sharedArxivLimiter } from './request-limiter.js';

export const ARXIV_API_URL = 'https://export.arxiv.org/api/query';
/** The longest Retry-After the client waits out itself. */
const MAX_RETRY_AFTER_MS = 60_000;
/** arXiv's terms: at most one request every three seconds. */
export const ARXIV_MIN_INTERVAL_MS = 3000;

export interface ArxivClientOptions {
  /** The API endpoint. Default `https://export.arxiv.org/api/query`. */
  baseUrl?: string;
  /** Per request, body included. Default 30,000. */
  timeoutMs?: number;
  /** Retries after the first request, for 429, 5xx, resets, timeouts and spurious empty pages. Default 3. */
  maxRetries?: number;
  /** Added to the User-Agent, e.g. a contact address arXiv can write to. */
  contact?: string;
  /**
   * Minimum time between request starts, shared process-wide. Default 3,000 (arXiv's terms). A
   * lower value is refused for arXiv's own hosts: it exists for tests against a local server.
   */
  minRequestIntervalMs?: number;
  /** For tests: a limiter of their own, a fetch to observe, and backoff randomness. */
  _internal?: { limiter?: RequestLimiter; fetch?: typeof fetch; random?: () => number };
}

export interface ArxivSearchOptions {
  /** The person, as written anywhere ("Dr. Ada Lovelace", "Lovelace, Ada"). */
  author: string;
  /** Narrows the search to papers matching this interest's words. */
  interest?: string;
  /** 1 to 2,000. Default 15. */
  maxResults?: number;
  signal?: AbortSignal;
}

export interface ArxivSearchResult {
  /** The `search_query` sent. */
  query: string;
  totalResults: number;
  entries: ArxivEntry[];
  /** Requests made, retries included. */
  attempts: number;
}

interface Failure {
  kind: ArxivFailureKind;
  message: string;
  retryable: boolean;
  statusCode?: number;
  retryAfterMs?: number;
  cause?: unknown;
}

/**
 * A polite arXiv API client: every request of every client in the process goes through one
 * limiter (one in flight, 3 s between starts), with timeouts and retries that back off
 * exponentially with jitter and honour Retry-After.
 *
 * @example
 * ```ts
 * const arxiv = new ArxivClient({ contact: 'mailto:team@example.org' });
 * const { entries } = await arxiv.search({ author: 'Geoffrey Hinton', interest: 'capsule networks' });
 * ```
 */
export class ArxivClient {
  readonly #baseUrl: string;
  readonly #timeoutMs: number;
  readonly #maxRetries: number;
  readonly #minIntervalMs: number;
  readonly #userAgent: string;
  readonly #limiter: RequestLimiter;
  readonly #fetch: typeof fetch;
  readonly #random: () => number;

  constructor(options: ArxivClientOptions = {}) {
    const { baseUrl = ARXIV_API_URL, timeoutMs = 30_000, maxRetries = 3, contact, _internal } = options;
    const minIntervalMs = options.minRequestIntervalMs ?? ARXIV_MIN_INTERVAL_MS;
    let url: URL;
    try {
      url = new URL(baseUrl);
    } catch {
      throw new TypeError(`ArxivClient: \`baseUrl\` is not a URL: ${baseUrl}`);
    }
    if (!Number.isFinite(timeoutMs) || timeoutMs <= 0)
      throw new RangeError('ArxivClient: `timeoutMs` must be a positive number');
    if (!Number.isInteger(maxRetries) || maxRetries < 0 || maxRetries > 10) {
      throw new RangeError('ArxivClient: `maxRetries` must be an integer from 0 to 10');
    }
    if (!Number.isFinite(minIntervalMs) || minIntervalMs < 0) {
      throw new RangeError('ArxivClient: `minRequestIntervalMs` must be a number >= 0');
    }
    if (minIntervalMs < ARXIV_MIN_INTERVAL_MS && /(^|\.)arxiv\.org$/i.test(url.hostname)) {
      throw new RangeError(
        `ArxivClient: \`minRequestIntervalMs\` below ${ARXIV_MIN_INTERVAL_MS} would break arXiv's terms of use; it is only for local test servers`,
      );
    }
    this.#baseUrl = url.toString();
    this.#timeoutMs = timeoutMs;
    this.#maxRetries = maxRetries;
    this.#minIntervalMs = minIntervalMs;
    this.#userAgent = `${LIBRARY_NAME}/${VERSION} (+https://www.npmjs.com/package/${LIBRARY_NAME}${contact ? `; ${contact}` : ''})`;
    this.#limiter = _internal?.limiter ?? sharedArxivLimiter();
    this.#fetch = _internal?.fetch ?? fetch;
    this.#random = _internal?.random ?? Math.random;
  }

  /**
   * Finds a person's papers, sorted by arXiv's relevance.
   *
   * @throws ArxivRequestError when arXiv cannot be reached, answers with an error, or keeps
   * failing after the retries. An abort rejects with the signal's reason.
   */
  async search({
    author,
    interest,
    maxResults = 15,
    signal,
  }: ArxivSearchOptions): Promise<ArxivSearchResult> {
    if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 2000) {
      throw new RangeError('ArxivClient.search: `maxResults` must be an integer from 1 to 2,000');
    }
    const query = buildAuthorQuery(author, interest);
    const url = new URL(this.#baseUrl);
    url.search = new URLSearchParams({
      search_query: query,
      start: '0',
      max_results: String(maxResults),
      sortBy: 'relevance',
      sortOrder: 'descending',
    }).toString();

    for (let attempt = 1; ; attempt += 1) {
      const outcome = await this.#limiter.run(() => this.#request(url, signal), {
        minIntervalMs: this.#minIntervalMs,
        signal,
      });
      if (!('kind' in outcome)) return { query, ...outcome, attempts: attempt };
      // A long Retry-After would stall the run; the host's queue is better placed to wait that long.
      const waitTooLong = (outcome.retryAfterMs ?? 0) > MAX_RETRY_AFTER_MS;
      if (!outcome.retryable || attempt > this.#maxRetries || waitTooLong) {
        throw new ArxivRequestError({ ...outcome, attempts: attempt, retryable: outcome.retryable });
      }
      // Full jitter on an exponential base; a Retry-After is a floor that holds back everyone.
      const backoffMs = this.#random() * Math.min(30_000, 1000 * 2 ** (attempt - 1));
      if (outcome.retryAfterMs !== undefined) this.#limiter.pauseFor(outcome.retryAfterMs);
      await sleep(backoffMs, undefined, { signal });
    }
  }

  async #request(
    url: URL,
    signal: AbortSignal | undefined,
  ): Promise<{ totalResults: number; entries: ArxivEntry[] } | Failure> {
    const timeout = AbortSignal.timeout(this.#timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    let status: number;
    let body: string;
    let retryAfterMs: number | undefined;
    try {
      const response = await this.#fetch(url, {
        headers: { 'user-agent': this.#userAgent, accept: 'application/atom+xml' },
        signal: combined,
      });
      status = response.status;
      retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
      body = await response.text();
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (timeout.aborted)
        return {
          kind: 'timeout',
          message: `no answer within ${this.#timeoutMs} ms`,
          retryable: true,
          cause: error,
        };
      return { kind: 'network', message: describeNetworkError(error), retryable: true, cause: error };
    }

    let feed: ReturnType<typeof parseArxivFeed> | undefined;
    try {
      feed = parseArxivFeed(body);
    } catch (error) {
      if (error instanceof ArxivErrorFeed) {
        return {
          kind: 'api-error',
          message: `${error.message} (HTTP ${status})`,
          statusCode: status,
          retryable: isRetryableStatus(status),
        };
      }
      if (status === 200)
        return {
          kind: 'malformed-response',
          message: `unreadable answer: ${(error as Error).message}`,
          statusCode: status,
          retryable: false,
          cause: error,
        };
    }
    if (status !== 200) {
      return {
        kind: 'http-status',
        message: `HTTP ${status}`,
        statusCode: status,
        retryable: isRetryableStatus(status),
        retryAfterMs,
      };
    }
    if (feed === undefined)
      return {
        kind: 'malformed-response',
        message: 'unreadable answer',
        statusCode: status,
        retryable: false,
      };
    // arXiv sometimes answers with an empty page while claiming results: worth another try.
    if (feed.entries.length === 0 && feed.totalResults > feed.startIndex) {
      return {
        kind: 'empty-page',
        message: `an empty page although ${feed.totalResults} results exist`,
        statusCode: status,
        retryable: true,
      };
    }
    return { totalResults: feed.totalResults, entries: feed.entries };
  }
}

function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/** Retry-After in seconds or as an HTTP date; undefined when absent or unreadable. */
function parseRetryAfter(value: string | null): number | undefined {
  if (value === null) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}
