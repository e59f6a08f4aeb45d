import type { BrowserContext, Frame, Request, Route, WebSocketRoute } from 'playwright-core';
import type { HttpFetcher } from '../http/fetch-page.js';
import type { UrlGuard } from '../ssrf/ssrf-guard.js';
import { UrlBlockedError } from '../ssrf/url-blocked-error.js';
import { FifoSemaphore } from './fifo-semaphore.js';

/** Never fetched: readable text needs none of them, and they are most of a page's bytes. */
const SKIPPED_RESOURCE_TYPES = new Set(['image', 'media', 'font']);

/** Headers that describe the bytes on the wire, not the (decoded, possibly cut) body we hand over. */
const WIRE_HEADERS = new Set([
  'content-length',
  'content-encoding',
  'transfer-encoding',
  'connection',
  'keep-alive',
]);

/**
 * The request headers passed on from the browser: what a page's fetch/XHR or form needs to be
 * answered as it expects. Chromium's own (user-agent, client hints, sec-fetch-*) and anything
 * about the connection stay behind; the User-Agent is the fetcher's.
 */
const FORWARDED_HEADERS: ReadonlySet<string> = new Set([
  'accept',
  'accept-language',
  'authorization',
  'content-language',
  'content-type',
  'origin',
  'x-requested-with',
]);

/**
 * Bytes of decoded body one request of a page may bring (a script, a stylesheet, a frame's
 * document, a fetch). A response that goes on past it is not handed over cut: its request fails.
 */
export const MAX_REQUEST_BYTES = 2 * 1024 * 1024;

/**
 * Requests of one page fetched at once, like a browser's per-host limit: a page that fires
 * hundreds of fetches at once has them queued here, not all buffered in Node together.
 */
export const MAX_PAGE_REQUESTS_IN_FLIGHT = 6;

/**
 * Bytes of decoded body one page may bring in all its requests. Readable text needs a document,
 * some scripts and styles; past this, every further request of the page is refused (and counted).
 */
export const MAX_PAGE_BYTES = 16 * 1024 * 1024;

/** At most this many refusals are kept per context: one hostile page can make thousands. */
const MAX_REFUSALS_KEPT = 20;

/** A URL the guard refused inside the browser. */
export interface Refusal {
  url: string;
  reason: string;
  /** The frame whose navigation was refused; undefined for subresources and WebSockets. */
  frame?: Frame;
}

/** A response ready to hand to the browser, prepared outside it. */
export interface PreparedDocument {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** What the route guard saw, and the hook the reader uses to serve the main document. */
export interface RouteGuardState {
  /** The first refusals (at most 20), in order. */
  readonly refusals: readonly Refusal[];
  /** Every refusal, counted. */
  readonly refusalCount: number;
  /** The first refused navigation of `frame` (a meta refresh, a script, a redirect), if any. */
  refusedNavigation(frame: Frame): Refusal | undefined;
  /**
   * Serves `document` to the next navigation request for `url` (fragment ignored) instead of
   * fetching it: the reader has already fetched and checked it, hop by hop.
   */
  prime(url: string, document: PreparedDocument): void;
  /** The URL a navigation's body really came from, after redirects the handler followed. */
  finalUrlOf(url: string): string;
}

/** Options for {@link installRouteGuard}. */
export interface RouteGuardOptions {
  /** Checks WebSockets (every HTTP request is checked by `http`, which should use the same guard). */
  guard: UrlGuard;
  /** Fetches every request the page makes: checked hops, pinned connections, capped bodies. */
  http: HttpFetcher;
  /** Ends pending guard checks and fetches (the page's deadline or the caller's abort). */
  signal: AbortSignal;
}

/**
 * The headers to hand the browser with a body we fetched: without those that describe the bytes
 * on the wire, and without a 3xx's Location, so nothing we hand over can make Chromium follow a hop.
 */
export function headersForFulfil(headers: Record<string, string>, status: number): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).filter(([name]) => {
      const lower = name.toLowerCase();
      return !WIRE_HEADERS.has(lower) && !(lower === 'location' && status >= 300 && status < 400);
    }),
  );
}

function withoutFragment(url: string): string {
  const hash = url.indexOf('#');
  return hash === -1 ? url : url.slice(0, hash);
}

function navigatingFrame(request: Request): Frame | undefined {
  if (!request.isNavigationRequest()) return undefined;
  try {
    return request.frame();
  } catch {
    // Requests from workers have no frame; they are no navigation anyway.
    return undefined;
  }
}

function forwardedHeaders(request: Request): Record<string, string> {
  return Object.fromEntries(
    Object.entries(request.headers()).filter(([name]) => FORWARDED_HEADERS.has(name.toLowerCase())),
  );
}

/**
 * Puts every request of a context through the SSRF guard, in the browser. Images, media and fonts
 * are aborted outright. Every other request (documents, iframes, navigations a page starts by meta
 * refresh or script, scripts, styles, fetch/XHR, beacons, favicons) is fetched in Node through
 * `http.fetchRaw`, one hop at a time: each URL and each redirect's Location is checked before it
 * is contacted, each connection goes only to an address the guard approved (no second DNS
 * lookup), and the body is cut at {@link MAX_REQUEST_BYTES} of decoded bytes while it streams, so
 * a gzip bomb costs Node about 2 MiB. A response cut there fails its request rather than hand the
 * page a broken script or JSON. The browser is only ever handed the final, non-redirect response:
 * a 3xx would let Chromium follow the redirect unchecked (redirect hops never reach `route()`).
 * Method, body and a few request headers ({@link FORWARDED_HEADERS}) are passed on; cookies are not.
 * WebSockets are checked by the guard (by name) and closed without connecting when refused; one
 * that passes is connected by Chromium through the pool's `egress` (the refusing proxy by
 * default), not over a pinned connection.
 *
 * Relative URLs in a navigation that the handler redirected resolve against the URL asked for,
 * not the final one (the browser sees one response for the request it made). Each of those
 * requests is checked like any other, so that never opens a way round the guard; the reader
 * avoids it for the main document by resolving redirects first and navigating to the final URL.
 *
 * Call before opening any page in the context.
 */
export async function installRouteGuard(
  context: BrowserContext,
  { guard, http, signal }: RouteGuardOptions,
): Promise<RouteGuardState> {
  const refusals: Refusal[] = [];
  let refusalCount = 0;
  const inFlight = new FifoSemaphore(MAX_PAGE_REQUESTS_IN_FLIGHT);
  let bytesLeft = MAX_PAGE_BYTES;
  const primed = new Map<string, PreparedDocument>();
  const finalUrls = new Map<string, string>();
  // Weak: frames come and go with the page, and the map must not keep them.
  const refusedNavigations = new WeakMap<Frame, Refusal>();

  const refuse = (refusal: Refusal) => {
    refusalCount += 1;
    if (refusals.length < MAX_REFUSALS_KEPT) refusals.push(refusal);
    if (refusal.frame && !refusedNavigations.has(refusal.frame))
      refusedNavigations.set(refusal.frame, refusal);
  };

  async function handle(route: Route): Promise<void> {
    const request = route.request();
    const url = request.url();
    if (SKIPPED_RESOURCE_TYPES.has(request.resourceType())) {
      await route.abort('blockedbyclient');
      return;
    }
    const frame = navigatingFrame(request);
    const document = frame ? primed.get(withoutFragment(url)) : undefined;
    if (document) {
      primed.delete(withoutFragment(url));
      await route.fulfill(document);
      return;
    }
    const body = request.postDataBuffer();
    const release = await inFlight.acquire(signal);
    let result: Awaited<ReturnType<HttpFetcher['fetchRaw']>>;
    try {
      if (bytesLeft <= 0) {
        refuse({
          url,
          reason: `the page's ${MAX_PAGE_BYTES} byte budget is spent`,
          ...(frame ? { frame } : {}),
        });
        await route.abort('blockedbyclient');
        return;
      }
      result = await http.fetchRaw(url, {
        signal,
        maxBytes: Math.min(MAX_REQUEST_BYTES, bytesLeft),
        method: request.method(),
        headers: forwardedHeaders(request),
        ...(body === null ? {} : { body }),
      });
      if (result.ok) bytesLeft -= result.bytes;
    } finally {
      release();
    }
    if (!result.ok) {
      if (result.refused) {
        refuse({ ...result.refused, ...(frame ? { frame } : {}) });
        await route.abort('blockedbyclient');
      } else {
        await route.abort('failed');
      }
    } else if (result.truncated) {
      await route.abort('failed');
    } else {
      if (frame && withoutFragment(result.finalUrl) !== withoutFragment(url)) {
        finalUrls.set(withoutFragment(url), result.finalUrl);
      }
      const { status, headers, body: bytes } = result;
      await route.fulfill({
        status,
        headers: headersForFulfil(headers, status),
        body: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      });
    }
  }

  async function handleWebSocket(webSocket: WebSocketRoute): Promise<void> {
    // The guard knows http(s): a WebSocket handshake is an HTTP request to the same host and port.
    const asHttp = webSocket.url().replace(/^ws(s?):/i, 'http$1:');
    try {
      await guard.check(asHttp, { signal });
    } catch (error) {
      if (UrlBlockedError.isInstance(error)) refuse({ url: webSocket.url(), reason: error.reason });
      await webSocket.close();
      return;
    }
    webSocket.connectToServer();
  }

  await context.route('**/*', async (route) => {
    try {
      await handle(route);
    } catch {
      // The context closing, a fetch timing out, a name that does not resolve: the request fails
      // as a network error would. (Aborting a route already handled throws too: ignore that.)
      await route.abort('failed').catch(() => {});
    }
  });
  await context.routeWebSocket(
    () => true,
    async (webSocket) => {
      await handleWebSocket(webSocket).catch(() => {});
    },
  );

  return {
    get refusals() {
      return refusals;
    },
    get refusalCount() {
      return refusalCount;
    },
    refusedNavigation(frame) {
      return refusedNavigations.get(frame);
    },
    prime(url, document) {
      primed.set(withoutFragment(url), document);
    },
    finalUrlOf(url) {
      return finalUrls.get(withoutFragment(url)) ?? url;
    },
  };
}
