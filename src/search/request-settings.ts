import { checkNumberOption } from '../core/check-option.js';
import { abortableSleep } from '../core/signal.js';
import { libraryUserAgent } from '../version.js';

/** Options every HTTP search provider takes. */
export interface SearchRequestOptions {
  /** Per request, answer body included. 100 to 120,000. Default 10,000. */
  timeoutMs?: number;
  /** Retries after the first request, for 429, 5xx, timeouts and network failures. 0 to 10. Default 2. */
  maxRetries?: number;
  /** The fetch to call. Default: the global `fetch`. */
  fetch?: typeof fetch;
  /** For tests: the wait between retries, and backoff randomness. @internal */
  _internal?: {
    sleep?: (ms: number, signal: AbortSignal | undefined) => Promise<void>;
    random?: () => number;
  };
}

/** `SearchRequestOptions` checked and filled in. */
export interface RequestSettings {
  timeoutMs: number;
  maxRetries: number;
  fetch: typeof fetch;
  sleep: (ms: number, signal: AbortSignal | undefined) => Promise<void>;
  random: () => number;
  userAgent: string;
}

export const DEFAULT_SEARCH_TIMEOUT_MS = 10_000;
export const DEFAULT_SEARCH_MAX_RETRIES = 2;

/** Checks the shared options at construction, naming `component` in any `ConfigurationError`. */
export function resolveRequestSettings(component: string, options: SearchRequestOptions): RequestSettings {
  const {
    timeoutMs = DEFAULT_SEARCH_TIMEOUT_MS,
    maxRetries = DEFAULT_SEARCH_MAX_RETRIES,
    fetch: fetchOption,
    _internal,
  } = options;
  return {
    timeoutMs: checkNumberOption(component, 'timeoutMs', timeoutMs, { min: 100, max: 120_000 }),
    maxRetries: checkNumberOption(component, 'maxRetries', maxRetries, { min: 0, max: 10, integer: true }),
    // Read the global at call time, not import time, so hosts that patch fetch later are honoured.
    fetch: fetchOption ?? ((input, init) => fetch(input, init)),
    sleep: _internal?.sleep ?? abortableSleep,
    random: _internal?.random ?? Math.random,
    userAgent: libraryUserAgent(),
  };
}
