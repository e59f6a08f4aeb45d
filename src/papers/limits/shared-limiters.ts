import { checkUrlOption } from '../../core/check-option.js';
import { isArxivHost, normaliseHostname } from '../arxiv/arxiv-host.js';
import { RequestLimiter } from './request-limiter.js';

// On globalThis under a registered symbol, so every copy of this package loaded in the process
// finds the same limiters: a service's limit covers all of a host's traffic to it.
const SHARED_LIMITERS = Symbol.for('scribe-pipeline.request-limiters');
// arXiv's terms count the API, OAI-PMH and RSS together, on whichever of its hosts.
const ARXIV_KEY = 'arxiv.org';

/**
 * The process-wide limiter for one host, shared by every client (and every copy of this package)
 * that talks to it. Every arXiv host (`export.arxiv.org`, `arxiv.org`, any spelling) shares one;
 * any other host (a local test server, a mirror) has its own, so it never queues behind arXiv.
 *
 * @param host A URL's `host`: hostname, with `:port` when not the default one.
 * @example
 * ```ts
 * const limiter = sharedLimiterFor(new URL(ARXIV_API_URL).host);
 * await limiter.run(() => fetch(url), { minIntervalMs: ARXIV_MIN_INTERVAL_MS });
 * ```
 */
export function sharedLimiterFor(host: string): RequestLimiter {
  const holder = globalThis as { [SHARED_LIMITERS]?: Map<string, RequestLimiter> };
  holder[SHARED_LIMITERS] ??= new Map();
  const limiters = holder[SHARED_LIMITERS];
  const key = limiterKey(host);
  let limiter = limiters.get(key);
  if (limiter === undefined) {
    limiter = new RequestLimiter();
    limiters.set(key, limiter);
  }
  return limiter;
}

function limiterKey(host: string): string {
  const url = checkUrlOption('sharedLimiterFor', 'host', `http://${host}`);
  if (isArxivHost(url.hostname)) return ARXIV_KEY;
  const hostname = normaliseHostname(url.hostname);
  return url.port === '' ? hostname : `${hostname}:${url.port}`;
}
