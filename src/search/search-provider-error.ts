import { ScribeError } from '../core/errors/scribe-error.js';

const marker = 'scribe-pipeline.error.search-provider';
const symbol = Symbol.for(marker);

/**
 * How a search request failed:
 * - `auth`: the key was refused (HTTP 401, 403, or Brave's 422), or SearXNG refused JSON (403);
 * - `rate-limit`: HTTP 429, or a plan's usage limit (Tavily's 432 and 433, which are not retryable);
 * - `server`: HTTP 5xx;
 * - `bad-request`: HTTP 400 and other 4xx answers, e.g. a wrong `baseUrl` (404);
 * - `malformed-response`: a success status whose body is not JSON of the expected shape;
 * - `timeout`: no complete answer within `timeoutMs`;
 * - `network`: DNS, connection or TLS failure, or a connection cut mid-answer.
 */
export type SearchFailureKind =
  | 'auth'
  | 'rate-limit'
  | 'server'
  | 'bad-request'
  | 'malformed-response'
  | 'timeout'
  | 'network';

/** What a `SearchProviderError` is built from. */
export interface SearchProviderErrorOptions {
  /** The provider's `name`, e.g. `brave`. */
  provider: string;
  kind: SearchFailureKind;
  /** What went wrong, without the provider prefix. Must never contain a key. */
  message: string;
  retryable: boolean;
  statusCode?: number;
  retryAfterMs?: number;
  /** Requests made, retries included. Default 1. */
  attempts?: number;
  cause?: unknown;
}

/**
 * A web-search request failed, after any retries. `kind` says how and `retryable` whether the
 * host's queue should try the job again later: rate limits, server errors, timeouts and network
 * failures are; refused keys, bad requests, exhausted plans and malformed answers are not. When
 * the provider asked for a longer pause than the client waits out itself, `retryAfterMs` says how
 * long. The message names the provider and never contains the API key.
 *
 * @example
 * ```ts
 * const searchError = findErrorInChain(error, SearchProviderError);
 * if (searchError?.kind === 'auth') alertOps(`${searchError.provider}: the search key was refused`);
 * ```
 */
export class SearchProviderError extends ScribeError {
  private readonly [symbol] = true;
  readonly provider: string;
  readonly kind: SearchFailureKind;
  /** HTTP status of the provider's last answer, when there was one. */
  readonly statusCode: number | undefined;
  /** The provider's Retry-After, in milliseconds, when it sent one. */
  readonly retryAfterMs: number | undefined;
  /** Requests made, retries included. */
  readonly attempts: number;

  constructor({
    provider,
    kind,
    message,
    retryable,
    statusCode,
    retryAfterMs,
    attempts = 1,
    cause,
  }: SearchProviderErrorOptions) {
    super({
      code: 'SEARCH_PROVIDER',
      message: `${provider} search: ${message}`,
      retryable,
      category: 'third-party',
      cause,
    });
    this.name = 'SearchProviderError';
    this.provider = provider;
    this.kind = kind;
    this.statusCode = statusCode;
    this.retryAfterMs = retryAfterMs;
    this.attempts = attempts;
  }

  static override isInstance(error: unknown): error is SearchProviderError {
    return ScribeError.hasMarker(error, marker);
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      provider: this.provider,
      kind: this.kind,
      statusCode: this.statusCode,
      retryAfterMs: this.retryAfterMs,
      attempts: this.attempts,
    };
  }
}
