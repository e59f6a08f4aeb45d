import { fetch, type Headers } from 'undici';
import { checkNumberOption } from '../../core/check-option.js';
import { describeNetworkError } from '../../core/errors/describe-network-error.js';
import type { PageSkipReason } from '../page-outcome.js';
import type { UrlGuard } from '../ssrf/ssrf-guard.js';
import { UrlBlockedError } from '../ssrf/url-blocked-error.js';
import { checkUserAgent } from '../user-agent.js';
import { decodeBody, looksLikeHtml, mediaTypeOf } from './decode-body.js';
import { createGuardedAgent } from './guarded-dispatcher.js';
import { readCappedBody } from './read-capped-body.js';
import { type HopRequest, nextHopRequest, REDIRECT_STATUSES } from './redirect-request.js';

const COMPONENT = 'web_scraper http fetcher';
const HTML_TYPES: ReadonlySet<string> = new Set(['text/html', 'application/xhtml+xml']);
const ACCEPT_HTML = 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.1';
/** The largest body `fetchRaw` may be asked to keep, as for `maxBytes`. */
const MAX_CAP_BYTES = 50 * 1024 * 1024;

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
  /** The Cache-Control header as sent ('' when absent): `no-store` keeps the page out of caches. */
  cacheControl: string;
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
  /** For `blocked`: the URL refused (the hop, or the hop whose connection was refused) and why. */
  refused?: { url: string; reason: string };
}

/** Options for {@link HttpFetcher.fetchRaw}. */
export interface HttpRawOptions extends HttpFetchOptions {
  /** Bytes of decoded body kept; reading stops there (`truncated`). 1 to 50 MiB. */
  maxBytes: number;
  /** Default GET. A redirect rewrites it as browsers do (303, and POST after 301/302, become GET). */
  method?: string;
  /** Sent as given (lower-case names), except `user-agent`, which is always the fetcher's. */
  headers?: Readonly<Record<string, string>>;
  /** The request body (POST from a page's fetch/XHR or form). Dropped when a redirect turns it into a GET. */
  body?: Uint8Array;
  /**
   * `'html'`: ask for HTML and accept only a 2xx HTML answer (sniffed when untyped), as `fetchPage`
   * does; anything else is a failure whose body is never read. Default: any status, any type.
   */
  accept?: 'html';
}

/** Any response, as bytes: what a browser is handed. */
export interface HttpRaw extends HttpSuccess {
  /**
   * Response headers as sent, names lower case; several `set-cookie` are joined by `\n`.
   * `content-encoding` and `content-length` describe the wire, not `body`.
   */
  headers: Record<string, string>;
  /** The decoded body (gzip, deflate and br undone), at most `maxBytes`: see `truncated`. */
  body: Uint8Array;
}

/** The plain-HTTP half of the web scraper. One per scraper run: its connection pool is shared. */
export interface HttpFetcher {
  /** Fetches an HTML page: `not-html` for any other content type, whose body is never read. */
  fetchPage(url: string, options?: HttpFetchOptions): Promise<HttpPage | HttpFailure>;
  /** Fetches any text resource whatever its content type (robots.txt), capped at `maxBytes`. */
  fetchText(url: string, options?: HttpFetchOptions & { maxBytes?: number }): Promise<HttpText | HttpFailure>;
  /**
   * Fetches any URL as a browser would need it: method, headers and body passed on, every hop
   * checked, redirects followed (never returned), and the final response's status, headers and
   * decoded bytes, cut at `maxBytes` while reading. A 4xx/5xx is a response here, not a failure.
   *
   * @throws ConfigurationError for a `maxBytes` out of range.
   */
  fetchRaw(url: string, options: HttpRawOptions): Promise<HttpRaw | HttpFailure>;
  /** Closes the pool, aborting anything still in flight. */
  close(): Promise<void>;
}

interface Body {
  finalUrl: URL;
  status: number;
  contentType: string;
  headers: Headers;
  bytes: Uint8Array;
  truncated: boolean;
}

/**
 * What an answer must be: `html` (a 2xx HTML page, other bodies unread), `text` (a 2xx of any
 * type) or `raw` (any status, any type).
 */
type Expect = 'html' | 'text' | 'raw';

type Failure = Omit<HttpFailure, 'ok' | 'url'>;

/** Headers as a record; `set-cookie` lines stay apart, joined by `\n` (as Playwright's `fulfill` takes them). */
function headerRecord(headers: Headers): Record<string, string> {
  const record: Record<string, string> = {};
  for (const [name, value] of headers) if (name !== 'set-cookie') record[name] = value;
  const cookies = headers.getSetCookie();
  if (cookies.length > 0) record['set-cookie'] = cookies.join('\n');
  return record;
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
    {
      signal,
      expect,
      cap,
      request,
    }: { signal?: AbortSignal | undefined; expect: Expect; cap: number; request: HopRequest },
  ): Promise<Body | Failure> {
    const timeout = AbortSignal.timeout(timeoutMs);
    const combined = signal === undefined ? timeout : AbortSignal.any([signal, timeout]);
    let hop = 0;
    let current: URL;
    let hopRequest = request;
    const failed = (error: unknown, phase: 'check' | 'fetch'): Failure => {
      if (signal?.aborted) throw signal.reason;
      if (timeout.aborted) return { reason: 'timeout', detail: `no complete answer within ${timeoutMs} ms` };
      const blocked = findBlocked(error);
      if (blocked !== undefined) {
        const where = phase === 'fetch' ? 'connection to ' : hop > 0 ? 'redirect to ' : '';
        return {
          reason: 'blocked',
          detail: `${where}${blocked.url} refused: ${blocked.reason}`,
          refused: { url: current.href, reason: blocked.reason },
        };
      }
      return { reason: 'network', detail: describeNetworkError(error, { innermost: true }) };
    };

    if (!URL.canParse(url)) {
      const detail = `not a valid URL: ${url.slice(0, 200)}`;
      return { reason: 'blocked', detail, refused: { url, reason: 'not a valid URL' } };
    }
    for (current = new URL(url); ; hop += 1) {
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
          method: hopRequest.method,
          headers: { ...hopRequest.headers, 'user-agent': userAgent },
          ...(hopRequest.body === undefined ? {} : { body: hopRequest.body }),
        });
        const { status } = response;
        const contentType = response.headers.get('content-type');
        const location = response.headers.get('location');
        if (REDIRECT_STATUSES.has(status) && (location !== null || expect !== 'raw')) {
          void response.body?.cancel().catch(() => {});
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
          const next = new URL(location, current);
          hopRequest = nextHopRequest(hopRequest, status, current, next);
          current = next;
          continue;
        }
        if (status >= 300 && expect !== 'raw') {
          void response.body?.cancel().catch(() => {});
          return { reason: 'http-status', detail: `HTTP ${status} from ${current.href}`, status };
        }
        const mediaType = mediaTypeOf(contentType);
        if (expect === 'html' && mediaType !== '' && !HTML_TYPES.has(mediaType)) {
          // Never read a PDF, image or download we are not going to use.
          void response.body?.cancel().catch(() => {});
          return { reason: 'not-html', detail: `content type ${mediaType} from ${current.href}`, status };
        }
        // The decoded stream: a gzip bomb stops at the cap, since decoding follows reading.
        const { bytes, truncated } = await readCappedBody(response.body, cap);
        if (expect === 'html' && mediaType === '' && !looksLikeHtml(bytes)) {
          return {
            reason: 'not-html',
            detail: `no content type, and the body is not HTML (${current.href})`,
            status,
          };
        }
        return {
          finalUrl: current,
          status,
          contentType: contentType ?? '',
          headers: response.headers,
          bytes,
          truncated,
        };
      } catch (error) {
        return failed(error, 'fetch');
      }
    }
  }

  return {
    async fetchPage(url, { signal } = {}) {
      const request = { method: 'GET', headers: { accept: ACCEPT_HTML }, body: undefined };
      const result = await fetchBody(url, { signal, expect: 'html', cap: maxBytes, request });
      if (!('bytes' in result)) return { ok: false, url, ...result };
      const { text, ...success } = decodedSuccess(url, result, { html: true });
      return { ...success, html: text };
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
      const request = { method: 'GET', headers: { accept: '*/*' }, body: undefined };
      const result = await fetchBody(url, { signal, expect: 'text', cap, request });
      if (!('bytes' in result)) return { ok: false, url, ...result };
      return decodedSuccess(url, result, { html: false });
    },
    async fetchRaw(url, { signal, maxBytes: cap, method = 'GET', headers = {}, body, accept }) {
      checkNumberOption(COMPONENT, 'fetchRaw maxBytes', cap, { min: 1, max: MAX_CAP_BYTES, integer: true });
      const request: HopRequest = {
        method,
        headers: accept === 'html' ? { ...headers, accept: ACCEPT_HTML } : { accept: '*/*', ...headers },
        body,
      };
      const result = await fetchBody(url, {
        signal,
        expect: accept === 'html' ? 'html' : 'raw',
        cap,
        request,
      });
      if (!('bytes' in result)) return { ok: false, url, ...result };
      const { finalUrl, status, contentType, headers: responseHeaders, bytes, truncated } = result;
      return {
        ok: true,
        url,
        finalUrl: finalUrl.href,
        status,
        contentType,
        cacheControl: responseHeaders.get('cache-control') ?? '',
        headers: headerRecord(responseHeaders),
        body: bytes,
        bytes: bytes.byteLength,
        truncated,
      };
    },
    close: () => agent.destroy(),
  };
}

/** A fetched body as the success both `fetchPage` and `fetchText` return, decoded to text. */
function decodedSuccess(
  url: string,
  { finalUrl, status, contentType, headers, bytes, truncated }: Body,
  { html }: { html: boolean },
): HttpText {
  return {
    ok: true,
    url,
    finalUrl: finalUrl.href,
    status,
    contentType,
    cacheControl: headers.get('cache-control') ?? '',
    text: decodeBody(bytes, contentType, { html }),
    bytes: bytes.byteLength,
    truncated,
  };
}

/** True for a Cache-Control header that forbids storing the response (`no-store`). */
export function forbidsStoring(cacheControl: string): boolean {
  return /(^|,)\s*no-store\s*(,|$)/i.test(cacheControl);
}
