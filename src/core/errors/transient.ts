import { readRetryable } from './scribe-error.js';

// Socket and DNS failures that a second attempt commonly gets past.
const TRANSIENT_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_SOCKET',
]);

/**
 * Whether running the same work again may help, for an error of unknown origin: what the error
 * says of itself (`retryable`, `isRetryable`), else true only for timeouts, connection failures
 * and HTTP 408/429/5xx. Anything else is taken for a bug or bad input, which would fail the same
 * way again (and a queue would pay for the same model calls each time).
 *
 * @example
 * ```ts
 * // In a search provider of your own: tell the scraper whether the failure is worth a retry.
 * catch (error) { throw Object.assign(new Error('intranet search failed', { cause: error }), { retryable: isTransientError(error) }); }
 * ```
 */
export function isTransientError(error: unknown): boolean {
  const said = readRetryable(error);
  if (said !== undefined) return said;
  if (error == null || typeof error !== 'object') return false;
  const { name, code, status, statusCode, cause } = error as {
    name?: unknown;
    code?: unknown;
    status?: unknown;
    statusCode?: unknown;
    cause?: unknown;
  };
  if (name === 'TimeoutError') return true;
  if (typeof code === 'string' && TRANSIENT_CODES.has(code)) return true;
  const httpStatus =
    typeof statusCode === 'number' ? statusCode : typeof status === 'number' ? status : undefined;
  if (httpStatus !== undefined) return httpStatus === 408 || httpStatus === 429 || httpStatus >= 500;
  // fetch() wraps the socket error: `TypeError: fetch failed` with the real one as cause.
  return cause !== undefined && cause !== error && isTransientError(cause);
}
