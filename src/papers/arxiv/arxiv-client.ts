import { checkNumberOption, checkUrlOption, type NumberRange } from '../../core/check-option.js';
import { ConfigurationError } from '../../core/errors/configuration-error.js';
import { describeNetworkError } from '../../core/errors/describe-network-error.js';
import { abortableSleep } from '../../core/signal.js';
import { parseRetryAfter } from '../../search/backoff.js';
import { libraryUserAgent } from '../../version.js';
import type { RequestLimiter } from '../limits/request-limiter.js';
import { sharedLimiterFor } from '../limits/shared-limiters.js';
import type { ArxivEntry } from './arxiv-entry.js';
import { isArxivHost } from './arxiv-host.js';
import { buildAuthorQuery } from './arxiv-query.js';
import { ArxivRequestError } from './arxiv-request-error.js';
import { type ArxivFailure, type ArxivPage, readArxivResponse } from './read-arxiv-response.js';

/**
 * arXiv's API endpoint: the client's default `baseUrl`.
 *
 * @example
 * ```ts
 * const client = new ArxivClient({ baseUrl: process.env.ARXIV_MIRROR ?? ARXIV_API_URL });
 * ```
 */
export const ARXIV_API_URL = 'https://export.arxiv.org/api/query';
/**
 * arXiv's terms: at most one request every three seconds.
 *
 * @example
 * ```ts
 * const client = new ArxivClient({ minRequestIntervalMs: ARXIV_MIN_INTERVAL_MS * 2 }); // gentler still
 * ```
 */
export const ARXIV_MIN_INTERVAL_MS = 3000;
/**
 * The longest Retry-After a caller waits out in-process. Above it, the request fails at once and
 * so does every caller's until the pause ends: the host's queue is better placed to wait that long.
 */
export const ARXIV_MAX_RETRY_AFTER_WAIT_MS = 60_000;
// A Retry-After is obeyed for at most this long, so a bogus far-future date cannot shut arXiv
// out of the process for good; if arXiv still wants quiet, it says so again.
const MAX_PAUSE_MS = 60 * 60_000;
const COMPONENT = 'ArxivClient';

/** Settings of an `ArxivClient`; every one has a default that keeps to arXiv's terms. */
export interface ArxivClientOptions {
  /** The API endpoint. Default `https://export.arxiv.org/api/query`. */
  baseUrl?: string;
  /** Per request, body included: 100 to 300,000. Default 10,000. */
  timeoutMs?: number;
  /** Retries after the first request, for 429, 5xx, resets, timeouts and spurious empty pages: 0 to 10. Default 3. */
  maxRetries?: number;
  /** Added to the User-Agent, e.g. a contact address arXiv can write to. */
  contact?: string;
  /**
   * Minimum time between request starts, shared process-wide per host. Default 3,000 (arXiv's
   * terms). A lower value is refused for arXiv's own hosts: it exists for tests against a local server.
   */
  minRequestIntervalMs?: number;
  /**
   * For tests: a limiter of their own (default: the process-wide one for the base URL's host), a
   * fetch to observe, and backoff randomness.
   *
   * @internal
   */
  _internal?: { limiter?: RequestLimiter; fetch?: typeof fetch; random?: () => number };
}

/** One search for a person's papers. */
export interface ArxivSearchOptions {
  /** The person, as written anywhere ("Dr. Ada Lovelace", "Lovelace, Ada"). */
  author: string;
  /** Narrows the search to papers matching this interest's words. */
  interest?: string;
  /** 1 to 2,000. Default 15. */
  maxResults?: number;
  /** Aborting rejects with the signal's reason, whether waiting for a turn, a request or a backoff. */
  signal?: AbortSignal;
}

/** What a search found, in arXiv's relevance order. */
export interface ArxivSearchResult {
  /** The `search_query` sent. */
  query: string;
  totalResults: number;
  entries: ArxivEntry[];
  /** Requests made, retries included. */
  attempts: number;
}

/**
 * A polite arXiv API client: every request of every client in the process to arXiv's hosts goes
 * through one limiter (one in flight, 3 s between starts), with timeouts and retries that back
 * off exponentially with jitter and honour Retry-After, for every caller in the process.
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

  /** The API endpoint this client asks. */
  get baseUrl(): string {
    return this.#baseUrl;
  }

  constructor(options: ArxivClientOptions = {}) {
    const { baseUrl = ARXIV_API_URL, contact, _internal } = options;
    const url = checkUrlOption(COMPONENT, 'baseUrl', baseUrl);
    const check = (option: string, value: number, range: NumberRange) =>
      checkNumberOption(COMPONENT, option, value, range);
    this.#timeoutMs = check('timeoutMs', options.timeoutMs ?? 10_000, { min: 100, max: 300_000 });
    this.#maxRetries = check('maxRetries', options.maxRetries ?? 3, { min: 0, max: 10, integer: true });
    const minIntervalMs = options.minRequestIntervalMs ?? ARXIV_MIN_INTERVAL_MS;
    this.#minIntervalMs = check('minRequestIntervalMs', minIntervalMs, { min: 0, max: 3_600_000 });
    if (this.#minIntervalMs < ARXIV_MIN_INTERVAL_MS && isArxivHost(url.hostname)) {
      throw new ConfigurationError({
        component: COMPONENT,
        option: 'minRequestIntervalMs',
        message: `below ${ARXIV_MIN_INTERVAL_MS} would break arXiv's terms of use; it is only for local test servers`,
      });
    }
    this.#baseUrl = url.toString();
    this.#userAgent = libraryUserAgent(contact);
    this.#limiter = _internal?.limiter ?? sharedLimiterFor(url.host);
    this.#fetch = _internal?.fetch ?? fetch;
    this.#random = _internal?.random ?? Math.random;
  }

  /**
   * Finds a person's papers, sorted by arXiv's relevance.
   *
   * @throws ArxivRequestError when arXiv cannot be reached, answers with an error, keeps failing
   * after the retries, or has asked for a pause longer than a minute (`rate-limited`, no request
   * sent). An abort rejects with the signal's reason.
   */
  async search({
    author,
    interest,
    maxResults = 15,
    signal,
  }: ArxivSearchOptions): Promise<ArxivSearchResult> {
    checkNumberOption(COMPONENT, 'maxResults', maxResults, { min: 1, max: 2000, integer: true });
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
      const outcome = await this.#limiter.run(() => this.#attempt(url, signal), {
        minIntervalMs: this.#minIntervalMs,
        signal,
        longPause: { maxWaitMs: ARXIV_MAX_RETRY_AFTER_WAIT_MS, instead: rateLimited },
      });
      if (!('kind' in outcome)) return { query, ...outcome, attempts: attempt };
      if (outcome.kind === 'rate-limited') throw new ArxivRequestError({ ...outcome, attempts: attempt - 1 });
      const waitTooLong = (outcome.retryAfterMs ?? 0) > ARXIV_MAX_RETRY_AFTER_WAIT_MS;
      if (!outcome.retryable || attempt > this.#maxRetries || waitTooLong) {
        throw new ArxivRequestError({ ...outcome, attempts: attempt });
      }
      // Full jitter on an exponential base; a Retry-After, already set on the limiter, is the floor.
      // Not search's backoffDelayMs: arXiv's slower base and 30 s cap suit its 3 s interval, and
      // its Retry-After is waited out by every caller through the limiter, not by this one sleep.
      const backoffMs = this.#random() * Math.min(30_000, 1000 * 2 ** (attempt - 1));
      await abortableSleep(backoffMs, signal);
    }
  }

  /** One request, run while holding the limiter's turn. */
  async #attempt(url: URL, signal: AbortSignal | undefined): Promise<ArxivPage | ArxivFailure> {
    const outcome = await this.#request(url, signal);
    // Set the pause before the turn is released, so it holds back the very next caller, whether
    // this client retries or gives up.
    if ('kind' in outcome && outcome.retryable && outcome.retryAfterMs !== undefined) {
      this.#limiter.pauseFor(Math.min(outcome.retryAfterMs, MAX_PAUSE_MS));
    }
    return outcome;
  }

  async #request(url: URL, signal: AbortSignal | undefined): Promise<ArxivPage | ArxivFailure> {
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
    return readArxivResponse(status, body, retryAfterMs);
  }
}

function rateLimited(remainingMs: number): ArxivFailure {
  return {
    kind: 'rate-limited',
    message: `rate limited: arXiv asked for a pause that has ${Math.ceil(remainingMs / 1000)} s left, too long to wait in-process`,
    retryable: true,
    retryAfterMs: remainingMs,
  };
}
