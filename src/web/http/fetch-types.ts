import type { PageSkipReason } from '../page-outcome.js';
import type { UrlGuard } from '../ssrf/ssrf-guard.js';

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
