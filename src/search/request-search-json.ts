import type { z } from 'zod';
import { describeNetworkError } from '../core/errors/describe-network-error.js';
import { backoffDelayMs, MAX_RETRY_AFTER_MS, parseRetryAfter } from './backoff.js';
import { readErrorDetail, redactSecrets } from './error-detail.js';
import { readJsonAnswer } from './json-answer.js';
import type { RequestSettings } from './request-settings.js';
import { type SearchFailureKind, SearchProviderError } from './search-provider-error.js';

/** How a provider reads an error status: the kind, whether a retry may help, and the message. */
export interface StatusFailure {
  kind: SearchFailureKind;
  retryable: boolean;
  message: string;
}

/** One search request, sent through `requestSearchJson`. */
export interface SearchRequest<T> {
  /** The provider's `name`, for errors. */
  provider: string;
  method: 'GET' | 'POST';
  url: URL;
  /** Auth and other headers; User-Agent and Accept are added. */
  headers?: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
  /** Checks the answer's shape; unknown fields should pass. */
  schema: z.ZodType<T>;
  /** Values that must never appear in an error message (the API key). */
  secrets: readonly string[];
  signal?: AbortSignal | undefined;
  /**
   * Reads a status the provider uses in its own way (Brave's 422, Tavily's 432, SearXNG's 403).
   * `http` is e.g. `HTTP 422 SUBSCRIPTION_TOKEN_INVALID`, for the message. Undefined falls back to
   * the common reading.
   */
  describeStatus?: (status: number, http: string) => StatusFailure | undefined;
}

interface Failure extends StatusFailure {
  statusCode?: number;
  retryAfterMs?: number;
  cause?: unknown;
}

/**
 * Sends one search request and returns its checked JSON answer. Retries 429, 5xx, timeouts and
 * network failures up to `maxRetries` times, with exponential backoff and jitter that honours
 * Retry-After up to 30 s; a longer Retry-After fails at once, retryable, with `retryAfterMs`.
 *
 * @throws SearchProviderError for every failure; the signal's reason when the signal fires.
 */
export async function requestSearchJson<T>(request: SearchRequest<T>, settings: RequestSettings): Promise<T> {
  const { signal } = request;
  for (let attempt = 1; ; attempt += 1) {
    signal?.throwIfAborted();
    const outcome = await attemptOnce(request, settings);
    if (outcome.ok) return outcome.value;
    const { failure } = outcome;
    // A long Retry-After would stall the run; the host's queue is better placed to wait that long.
    const waitTooLong = (failure.retryAfterMs ?? 0) > MAX_RETRY_AFTER_MS;
    if (!failure.retryable || attempt > settings.maxRetries || waitTooLong) {
      throw new SearchProviderError({
        ...failure,
        provider: request.provider,
        message: redactSecrets(failure.message, request.secrets),
        attempts: attempt,
      });
    }
    await settings.sleep(backoffDelayMs(attempt, settings.random, failure.retryAfterMs), signal);
  }
}

type Outcome<T> = { ok: true; value: T } | { ok: false; failure: Failure };

async function attemptOnce<T>(request: SearchRequest<T>, settings: RequestSettings): Promise<Outcome<T>> {
  const { signal } = request;
  const timeout = AbortSignal.timeout(settings.timeoutMs);
  const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
  let status: number;
  let retryAfter: string | null;
  let text: string;
  try {
    const response = await settings.fetch(request.url, {
      method: request.method,
      headers: {
        'user-agent': settings.userAgent,
        accept: 'application/json',
        ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...request.headers,
      },
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal: combined,
      // A redirect would carry the key headers to wherever it points: never follow one.
      redirect: 'manual',
    });
    status = response.status;
    retryAfter = response.headers.get('retry-after');
    text = await response.text();
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    if (timeout.aborted) {
      const message = `no complete answer within ${settings.timeoutMs} ms`;
      return fail({ kind: 'timeout', retryable: true, message, cause: error });
    }
    const message = `the service could not be reached (${describeNetworkError(error)})`;
    return fail({ kind: 'network', retryable: true, message, cause: error });
  }

  if (status >= 300 && status <= 399) {
    const message = `the endpoint answered with a redirect (HTTP ${status}), which is not followed so the key stays with it; check \`baseUrl\``;
    return fail({ kind: 'bad-request', retryable: false, message, statusCode: status });
  }
  if (status < 200 || status > 299) {
    const detail = readErrorDetail(text);
    const http = `HTTP ${status}${detail === undefined ? '' : ` ${redactSecrets(detail, request.secrets)}`}`;
    const described = request.describeStatus?.(status, http) ?? describeStatus(status, http, request.url);
    return fail({ ...described, statusCode: status, retryAfterMs: parseRetryAfter(retryAfter) });
  }

  const answer = readJsonAnswer(text, request.schema, status);
  if (answer.ok) return answer;
  const { message, cause } = answer;
  return fail({ kind: 'malformed-response', retryable: false, message, statusCode: status, cause });
}

function fail(failure: Failure): { ok: false; failure: Failure } {
  return { ok: false, failure };
}

/** The common reading of an error status, used when the provider has no reading of its own. */
function describeStatus(status: number, http: string, url: URL): StatusFailure {
  if (status === 401 || status === 403 || status === 422) {
    return { kind: 'auth', retryable: false, message: `the API key was refused (${http})` };
  }
  if (status === 429) return { kind: 'rate-limit', retryable: true, message: `rate limited (${http})` };
  if (status === 408) return { kind: 'timeout', retryable: true, message: `the service timed out (${http})` };
  if (status >= 500) return { kind: 'server', retryable: true, message: `the service failed (${http})` };
  if (status === 404 || status === 405) {
    const endpoint = `${url.origin}${url.pathname}`;
    return {
      kind: 'bad-request',
      retryable: false,
      message: `no search endpoint at ${endpoint}; check \`baseUrl\` (${http})`,
    };
  }
  return { kind: 'bad-request', retryable: false, message: `the request was refused (${http})` };
}
