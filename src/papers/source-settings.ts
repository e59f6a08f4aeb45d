import { checkNumberOption, checkUrlOption } from '../core/check-option.js';
import { abortableSleep } from '../core/signal.js';
import { libraryUserAgent } from '../version.js';
import type { RequestLimiter } from './limits/request-limiter.js';
import { sharedLimiterFor } from './limits/shared-limiters.js';
import type { ScholarlySettings } from './scholarly-request.js';

/** Options every HTTP paper source takes; each has a default that keeps to the source's terms. */
export interface PaperSourceRequestOptions {
  /** The API's base URL (a mirror, or a local test server). */
  baseUrl?: string;
  /** Per request, body included: 100 to 120,000 ms. Default 10,000. */
  timeoutMs?: number;
  /** Retries after the first request, for rate limits, 5xx, timeouts and network failures: 0 to 10. Default 2. */
  maxRetries?: number;
  /** Largest answer read, in bytes: 1 KiB to 64 MiB. Default 4 MiB. */
  maxBytes?: number;
  /** Minimum time between request starts, shared by every client of the host in the process. */
  minRequestIntervalMs?: number;
  /** The fetch to call. Default the global `fetch`. */
  fetch?: typeof fetch;
  /** For tests: the wait between retries, backoff randomness, a limiter of their own. @internal */
  _internal?: {
    sleep?: (ms: number, signal: AbortSignal | undefined) => Promise<void>;
    random?: () => number;
    limiter?: RequestLimiter;
  };
}

/** Checks a source's options at construction, naming `component` in any `ConfigurationError`. */
export function resolveSourceSettings(
  component: string,
  options: PaperSourceRequestOptions,
  defaults: { baseUrl: string; minRequestIntervalMs: number; contact?: string | undefined },
): { baseUrl: URL; settings: ScholarlySettings } {
  const baseUrl = checkUrlOption(component, 'baseUrl', options.baseUrl ?? defaults.baseUrl);
  const number = (option: string, value: number, min: number, max: number, integer = false) =>
    checkNumberOption(component, option, value, { min, max, integer });
  const { _internal } = options;
  return {
    baseUrl,
    settings: {
      timeoutMs: number('timeoutMs', options.timeoutMs ?? 10_000, 100, 120_000),
      maxRetries: number('maxRetries', options.maxRetries ?? 2, 0, 10, true),
      maxBytes: number('maxBytes', options.maxBytes ?? 4 * 1024 * 1024, 1024, 64 * 1024 * 1024, true),
      minIntervalMs: number(
        'minRequestIntervalMs',
        options.minRequestIntervalMs ?? defaults.minRequestIntervalMs,
        0,
        3_600_000,
      ),
      limiter: _internal?.limiter ?? sharedLimiterFor(baseUrl.host),
      userAgent: libraryUserAgent(defaults.contact),
      // Read the global at call time, so hosts that patch fetch later are honoured.
      fetch: options.fetch ?? ((input, init) => fetch(input, init)),
      sleep: _internal?.sleep ?? abortableSleep,
      random: _internal?.random ?? Math.random,
    },
  };
}
