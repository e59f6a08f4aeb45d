import { fetch } from 'undici';
import { checkNumberOption } from '../../core/check-option.js';
import { decodeBody, looksLikeHtml, mediaTypeOf } from './decode-body.js';
import { createGuardedAgent } from './guarded-dispatcher.js';
import type { PageSkipReason } from './page-outcome.js';
import { readCappedBody } from './read-capped-body.js';
import type { UrlGuard } from './ssrf-guard.js';
import { UrlBlockedError } from './url-blocked-error.js';
import { checkUserAgent } from './user-agent.js';

const COMPONENT = 'web_scraper http fetcher';
const HTML_TYPES: ReadonlySet<string> = new Set(['text/html', 'application/xhtml+xml']);
const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

/** Options for {@link createHttpFetcher}. */
export interface HttpFetcherOptions {
  /** Checks every URL, every redirect hop and every new connection. */
  guard: UrlGuard;
  /** Default {@link DEFAULT_USER_AGENT}. One line of printable ASCII. */
  userAgent?: string;
  /** For one whole fetch: every hop, headers and body. 100 to 120,000. Default 10,000. */
  timeoutMs?: number;
  /** Bytes of body read before stopping (the page is then marked truncated). 1,024 to 50 MiB. Default 2 MiB. */
  maxBytes?: number;
  /** Redirects followed before giving up. 0 to 10. Default 5. */
  maxRedirects?: number;
}

/** Options for one fetch. */
export interface HttpFetchOptions {
  /** Aborting rejects the fetch with the signal's reason (it is the caller's decision, not a page failure). */
  signal?: AbortSignal;
}

/** Fields every successful fetch has. */
interface HttpSuccess {
  ok: true;
  /** The URL asked for. */
  url: string;
  /** The URL the body came from, after redirects. */
  finalUrl: string;
  status: number;
  /** The Content-Type header as sent ('' when absent). */
  contentType: string;
  /** Bytes of body read (at most `maxBytes`). */
  bytes: number;
  /** True when the body was cut at `maxBytes`. */
  truncated: boolean;
}

/** An HTML page read over plain HTTP. */
export interface HttpPage extends HttpSuccess {
  /** The decoded HTML (possibly cut short: see `truncated`). */
  html: string;
}

/** A text resource (robots.txt) read over plain HTTP. */
export interface HttpText extends HttpSuccess {
  text: string;
}

/** Why a fetch gave nothing: a `PageOutcome`-style failure. */
export interface HttpFailure {
  ok: false;
  /** The URL asked for. */
  url: string;
  reason: PageSkipReason;
  /** One line for the warning, e.g. `redirect to http://10.0.0.1/ refused: 10.0.0.1 is a private address`. */
  detail: string;
  /** The HTTP status, when the failure is one (`http-status`, `not-html`). */
  status?: number;
}

/** The plain-HTTP half of the web scraper. One per scraper run: its connection pool is shared. */
export interface HttpFetcher {
  /** Fetches an HTML page: `not-html` for any other content type, whose body is never read. */
  fetchPage(url: string, options?: HttpFetchOptions): Promise<HttpPage | HttpFailure>;
  /** Fetches any text resource whatever its content type (robots.txt), capped at `maxBytes`. */
  fetchText(url: string, options?: HttpFetchOptions & { maxBytes?: number }): Promise<HttpText | HttpFailure>;
  /** Closes the pool, aborting anything still in flight. */
  close(): Promise<void>;
}

interface Body {
  finalUrl: URL;
  status: number;
  contentType: string;
  bytes: Uint8Array;
  truncated: boolean;
}

type Failure = Omit<HttpFailure, 'ok' | 'url'>;

/** The innermost `code` or message of a fetch error, e.g. `ECONNREFUSED` or `other side closed`. */
function describeNetworkError(error: unknown): string {
  let current: unknown = error;
  let detail = error instanceof Error ? error.message : String(error);
  while (current instanceof Error) {
    const { code } = current as { code?: unknown };
    detail = typeof code === 'string' ? `${code}: ${current.message}` : current.message;
    current = current.cause;
  }
  return detail;
}

function findBlocked(error: unknown): UrlBlockedError | undefined {
  for (let current = error; current instanceof Error; current = current.cause) {
    if (UrlBlockedError.isInstance(current)) return current;
  }
  return undefined;
}

/**
 * Builds the plain-HTTP fetcher: one guarded undici `Agent` (connections checked at connect time),
 * redirects followed by hand with every hop checked, bodies read as streams and cut at `maxBytes`,
 * and an honest User-Agent. Never throws for a page's failure: it returns `{ ok: false, reason,
 * detail }`. Only the caller's abort rejects.
 *
 * @throws ConfigurationError for an out-of-range option.
 *
 * @example
 * ```ts
 * const fetcher = createHttpFetcher({ guard: createUrlGuard() });
 * try {
 *   const page = await fetcher.fetchPage('https://example.org/people/ada');
 *   if (page.ok) console.log(page.finalUrl, page.html.length);
 *   else console.warn(`${page.reason}: ${page.detail}`);
 * } finally {
 *   await fetcher.close();
 * }
 * ```
 */
export function createHttpFetcher(options: HttpFetcherOptions): HttpFetcher {
  const { guard } = options;
  const userAgent = checkUserAgent(COMPONENT, options.userAgent);
  const timeoutMs = checkNumberOption(COMPONENT, 'timeoutMs', options.timeoutMs ?? 10_000, {
    min: 100,
    max: 120_000,
  });
  const maxBytes = checkNumberOption(COMPONENT, 'maxBytes', options.maxBytes ?? 2 * 1024 * 1024, {
    min: 1024,
    max: 50 * 1024 * 1024,
    integer: true,
  });
  const maxRedirects = checkNumberOption(COMPONENT, 'maxRedirects', options.maxRedirects ?? 5, {
    min: 0,
    max: 10,
    integer: true,
  });
  const agent = createGuardedAgent(guard, { connectTimeoutMs: timeoutMs });

  async function fetchBody(
    url: string,
    { signal, accept, cap }: { signal?: AbortSignal; accept: 'html' | 'any'; cap: number },
  ): Promise<Body | Failure> {
    const timeout = AbortSignal.timeout(timeoutMs);
    const combined = signal === undefined ? timeout : AbortSignal.any([signal, timeout]);
    let hop = 0;
    const failed = (error: unknown, phase: 'check' | 'fetch'): Failure => {
      if (signal?.aborted) throw signal.reason;
      if (timeout.aborted) return { reason: 'timeout', detail: `no complete answer within ${timeoutMs} ms` };
      const blocked = findBlocked(error);
      if (blocked !== undefined) {
        const where = phase === 'fetch' ? 'connection to ' : hop > 0 ? 'redirect to ' : '';
        return { reason: 'blocked', detail: `${where}${blocked.url} refused: ${blocked.reason}` };
      }
      return { reason: 'network', detail: describeNetworkError(error) };
    };

    if (!URL.canParse(url)) return { reason: 'blocked', detail: `not a valid URL: ${url.slice(0, 200)}` };
    for (let current = new URL(url); ; hop += 1) {
      try {
        await guard.check(current, { signal: combined });
      } catch (error) {
        return failed(error, 'check');
      }
      try {
        const response = await fetch(current, {
          dispatcher: agent,
          redirect: 'manual',
          signal: combined,
          headers: {
            'user-agent': userAgent,
            accept: accept === 'html' ? 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.1' : '*/*',
          },
        });
        const { status } = response;
        const contentType = response.headers.get('content-type');
        if (REDIRECT_STATUSES.has(status)) {
          void response.body?.cancel().catch(() => {});
          const location = response.headers.get('location');
          if (location === null)
            return { reason: 'http-status', detail: `HTTP ${status} without a Location`, status };
          if (hop >= maxRedirects)
            return { reason: 'network', detail: `more than ${maxRedirects} redirects` };
          if (!URL.canParse(location, current.href)) {
            return {
              reason: 'network',
              detail: `HTTP ${status} to an invalid Location: ${location.slice(0, 200)}`,
            };
          }
          current = new URL(location, current);
          continue;
        }
        if (status >= 300) {
          void response.body?.cancel().catch(() => {});
          return { reason: 'http-status', detail: `HTTP ${status} from ${current.href}`, status };
        }
        const mediaType = mediaTypeOf(contentType);
        if (accept === 'html' && mediaType !== '' && !HTML_TYPES.has(mediaType)) {
          // Never read a PDF, image or download we are not going to use.
          void response.body?.cancel().catch(() => {});
          return { reason: 'not-html', detail: `content type ${mediaType} from ${current.href}`, status };
        }
        const { bytes, truncated } = await readCappedBody(response.body, cap);
        if (accept === 'html' && mediaType === '' && !looksLikeHtml(bytes)) {
          return {
            reason: 'not-html',
            detail: `no content type, and the body is not HTML (${current.href})`,
            status,
          };
        }
        return { finalUrl: current, status, contentType: contentType ?? '', bytes, truncated };
      } catch (error) {
        return failed(error, 'fetch');
      }
    }
  }

  return {
    async fetchPage(url, { signal } = {}) {
      const result = await fetchBody(url, { signal, accept: 'html', cap: maxBytes });
      if (!('bytes' in result)) return { ok: false, url, ...result };
      const { finalUrl, status, contentType, bytes, truncated } = result;
      const html = decodeBody(bytes, contentType, { html: true });
      return {
        ok: true,
        url,
        finalUrl: finalUrl.href,
        status,
        contentType,
        html,
        bytes: bytes.byteLength,
        truncated,
      };
    },
    async fetchText(url, { signal, maxBytes: textCap } = {}) {
      const cap =
        textCap === undefined
          ? maxBytes
          : checkNumberOption(COMPONENT, 'fetchText maxBytes', textCap, {
              min: 1,
              max: maxBytes,
              integer: true,
            });
      const result = await fetchBody(url, { signal, accept: 'any', cap });
      if (!('bytes' in result)) return { ok: false, url, ...result };
      const { finalUrl, status, contentType, bytes, truncated } = result;
      const text = decodeBody(bytes, contentType, { html: false });
      return {
        ok: true,
        url,
        finalUrl: finalUrl.href,
        status,
        contentType,
        text,
        bytes: bytes.byteLength,
        truncated,
      };
    },
    close: () => agent.destroy(),
  };
}
