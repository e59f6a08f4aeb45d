import type { z } from 'zod';
import { describeNetworkError } from '../core/errors/describe-network-error.js';
import { backoffDelayMs, MAX_RETRY_AFTER_MS, parseRetryAfter } from '../search/backoff.js';
import { readErrorDetail, redactSecrets } from '../search/error-detail.js';
import { readJsonAnswer } from '../search/json-answer.js';
import { readCappedBody } from '../web/http/read-capped-body.js';
import type { RequestLimiter } from './limits/request-limiter.js';
import { PaperSourceError, type PaperSourceFailureKind } from './paper-source-error.js';

/** How a source reads an error status: the kind, whether a retry may help, and the message. */
export interface StatusReading {
  kind: PaperSourceFailureKind;
  retryable: boolean;
  message: string;
}

/** One GET to a paper source's JSON API. */
export interface ScholarlyRequest<T> {
  /** The source's name, for errors. */
  source: string;
  url: URL;
  /** Sent besides User-Agent and Accept (e.g. `x-api-key`). */
  headers?: Record<string, string>;
  /** Checks the answer's shape; unknown fields pass. */
  schema: z.ZodType<T>;
  /** Values that must never appear in an error message (the API key). */
  secrets: readonly string[];
  signal?: AbortSignal | undefined;
  /** The source's own reading of a status (OpenAlex's 403 and 429); undefined falls back to the common one. */
  describeStatus?: (status: number, http: string) => StatusReading | undefined;
}

/** The checked, filled-in settings of one source's client. */
export interface ScholarlySettings {
  timeoutMs: number;
  maxRetries: number;
  /** Larger answers fail with `too-large`; the rest of the body is never read. */
  maxBytes: number;
  /** Minimum time between request starts to this source, shared by the process through `limiter`. */
  minIntervalMs: number;
  limiter: RequestLimiter;
  userAgent: string;
  fetch: typeof fetch;
  sleep: (ms: number, signal: AbortSignal | undefined) => Promise<void>;
  random: () => number;
}

interface Failure extends StatusReading {
  statusCode?: number;
  retryAfterMs?: number;
  cause?: unknown;
}
type Outcome<T> = { ok: true; value: T } | { ok: false; failure: Failure };

// Merged entities answer 301 to their new id; a chain longer than this is a loop.
const MAX_REDIRECTS = 3;
// A daily limit without a Retry-After: stop asking for an hour (a longer pause, then a try, is
// cheaper than a day of refusals, and a bogus value cannot shut the source out for good).
const DAILY_LIMIT_PAUSE_MS = 60 * 60_000;

/**
 * Sends one GET through the source's process-wide limiter and returns its checked JSON answer.
 * Retries rate limits, 5xx, timeouts and network failures up to `maxRetries` times with backoff
 * that honours Retry-After (and pauses every caller of the source for it). Follows redirects
 * within the source's origin (OpenAlex's merged entities); the body is read up to `maxBytes`.
 *
 * @throws PaperSourceError for every failure; the signal's reason when the signal fires.
 */
export async function requestScholarlyJson<T>(
  request: ScholarlyRequest<T>,
  settings: ScholarlySettings,
): Promise<T> {
  const { signal } = request;
  for (let attempt = 1; ; attempt += 1) {
    const outcome: Outcome<T> = await settings.limiter.run(() => attemptOnce(request, settings), {
      minIntervalMs: settings.minIntervalMs,
      signal,
      longPause: { maxWaitMs: MAX_RETRY_AFTER_MS, instead: pausedFailure },
    });
    if (outcome.ok) return outcome.value;
    const { failure } = outcome;
    const waitTooLong = (failure.retryAfterMs ?? 0) > MAX_RETRY_AFTER_MS;
    if (!failure.retryable || attempt > settings.maxRetries || waitTooLong) {
      throw new PaperSourceError({
        ...failure,
        source: request.source,
        message: redactSecrets(failure.message, request.secrets),
        attempts: attempt,
      });
    }
    await settings.sleep(backoffDelayMs(attempt, settings.random, failure.retryAfterMs), signal);
  }
}

function pausedFailure(remainingMs: number): Outcome<never> {
  const message = `not asked: the source asked for a pause that has ${Math.ceil(remainingMs / 1000)} s left`;
  return { ok: false, failure: { kind: 'rate-limit', retryable: true, message, retryAfterMs: remainingMs } };
}

/** One request, redirects within the origin included, run while holding the limiter's turn. */
async function attemptOnce<T>(
  request: ScholarlyRequest<T>,
  settings: ScholarlySettings,
): Promise<Outcome<T>> {
  const outcome = await fetchOnce(request, settings);
  // Set before the turn is released, so the pause holds back the very next caller.
  if (!outcome.ok && outcome.failure.kind === 'daily-limit') {
    settings.limiter.pauseFor(outcome.failure.retryAfterMs ?? DAILY_LIMIT_PAUSE_MS);
  } else if (!outcome.ok && outcome.failure.retryable && outcome.failure.retryAfterMs !== undefined) {
    settings.limiter.pauseFor(outcome.failure.retryAfterMs);
  }
  return outcome;
}

async function fetchOnce<T>(request: ScholarlyRequest<T>, settings: ScholarlySettings): Promise<Outcome<T>> {
  const { signal } = request;
  const timeout = AbortSignal.timeout(settings.timeoutMs);
  const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
  let url = request.url;
  try {
    for (let hop = 0; ; hop += 1) {
      const response = await settings.fetch(url, {
        headers: { 'user-agent': settings.userAgent, accept: 'application/json', ...request.headers },
        signal: combined,
        // Followed by hand below: only within the source's origin, so a key header never leaves it.
        redirect: 'manual',
      });
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status <= 399 && location !== null) {
        await response.body?.cancel();
        const next = new URL(location, url);
        if (next.origin !== request.url.origin || hop >= MAX_REDIRECTS) {
          const why =
            hop >= MAX_REDIRECTS ? `more than ${MAX_REDIRECTS} redirects` : `a redirect to ${next.origin}`;
          return fail({
            kind: 'bad-request',
            retryable: false,
            statusCode: response.status,
            message: `${why}, not followed`,
          });
        }
        // A merged entity's new address keeps the query (the key and `select`) of the request.
        for (const [name, value] of request.url.searchParams) {
          if (!next.searchParams.has(name)) next.searchParams.set(name, value);
        }
        url = next;
        continue;
      }
      const body = await readCappedBody(response.body, settings.maxBytes);
      if (body.truncated) {
        const message = `the answer is larger than ${settings.maxBytes} bytes`;
        return fail({ kind: 'too-large', retryable: false, statusCode: response.status, message });
      }
      return readAnswer(request, response, new TextDecoder().decode(body.bytes));
    }
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    if (timeout.aborted) {
      const message = `no complete answer within ${settings.timeoutMs} ms`;
      return fail({ kind: 'timeout', retryable: true, message, cause: error });
    }
    const message = `the service could not be reached (${describeNetworkError(error)})`;
    return fail({ kind: 'network', retryable: true, message, cause: error });
  }
}

function readAnswer<T>(request: ScholarlyRequest<T>, response: Response, text: string): Outcome<T> {
  const { status } = response;
  if (status < 200 || status > 299) {
    const detail = readErrorDetail(text);
    const http = `HTTP ${status}${detail === undefined ? '' : ` ${redactSecrets(detail, request.secrets)}`}`;
    const reading = request.describeStatus?.(status, http) ?? commonReading(status, http);
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
    return fail({ ...reading, statusCode: status, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) });
  }
  const answer = readJsonAnswer(text, request.schema, status);
  if (answer.ok) return answer;
  const { message, cause } = answer;
  return fail({ kind: 'malformed-response', retryable: false, message, statusCode: status, cause });
}

function commonReading(status: number, http: string): StatusReading {
  if (status === 401) return { kind: 'auth', retryable: false, message: `the API key was refused (${http})` };
  if (status === 429) return { kind: 'rate-limit', retryable: true, message: `rate limited (${http})` };
  if (status >= 500) return { kind: 'server', retryable: true, message: `the service failed (${http})` };
  return { kind: 'bad-request', retryable: false, message: `the request was refused (${http})` };
}

function fail(failure: Failure): { ok: false; failure: Failure } {
  return { ok: false, failure };
}
