import type { BrowserContext } from 'playwright-core';
import { looksLikeHtml, mediaTypeOf } from './decode-body.js';
import { followRedirectHops } from './follow-redirect-hops.js';
import type { PageSkipReason } from './page-outcome.js';
import { headersForFulfil, type PreparedDocument } from './route-guard.js';
import type { UrlGuard } from './ssrf-guard.js';

const HTML_TYPES: ReadonlySet<string> = new Set(['text/html', 'application/xhtml+xml']);
const ACCEPT_HTML = 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.1';

/** The page's own document, fetched and checked before the browser sees it. */
export type MainDocument =
  | {
      ok: true;
      /** Where the body came from, after redirects. */
      finalUrl: string;
      status: number;
      /** Bytes of body handed to the browser. */
      bytes: number;
      /** True when the body was cut at the byte cap. */
      truncated: boolean;
      document: PreparedDocument;
    }
  | { ok: false; reason: PageSkipReason; detail: string };

/** Options for {@link fetchMainDocument}. */
export interface FetchMainDocumentOptions {
  guard: UrlGuard;
  signal: AbortSignal;
  remainingMs: () => number;
  /** Bytes of body handed to the browser; the rest is cut (the page is then marked truncated). */
  maxBytes: number;
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split('\n', 1)[0] ?? message).slice(0, 300);
}

/**
 * Fetches the page's own URL through the context's request client (so cookies it sets reach the
 * page), one hop at a time with every hop checked by the guard, and classifies the answer the way
 * the HTTP path does: refused, HTTP error, not HTML. Only an HTML page comes back, ready to be
 * served to the browser's navigation to `finalUrl`; so a PDF or an attachment never reaches
 * Chromium (which would start a download), and the page's URL is its real one, against which
 * relative links resolve.
 *
 * @throws when the signal fires (the caller owns that abort).
 */
export async function fetchMainDocument(
  context: BrowserContext,
  url: string,
  { guard, signal, remainingMs, maxBytes }: FetchMainDocumentOptions,
): Promise<MainDocument> {
  let hops: Awaited<ReturnType<typeof followRedirectHops>>;
  try {
    hops = await followRedirectHops(url, {
      guard,
      signal,
      fetchHop: (hop) =>
        context.request.fetch(hop.url, {
          method: hop.method,
          headers: { accept: ACCEPT_HTML },
          maxRedirects: 0,
          maxRetries: 0,
          failOnStatusCode: false,
          timeout: Math.max(1, remainingMs()),
          signal,
        }),
    });
  } catch (error) {
    signal.throwIfAborted();
    if (error instanceof Error && error.name === 'TimeoutError') {
      return { ok: false, reason: 'timeout', detail: `no answer from ${url} in time` };
    }
    return { ok: false, reason: 'network', detail: firstLine(error) };
  }
  if (hops.kind === 'refused') {
    const detail =
      hops.index === 0
        ? `${hops.url} refused: ${hops.reason}`
        : `redirect to ${hops.url} refused: ${hops.reason}`;
    return { ok: false, reason: 'blocked', detail };
  }
  if (hops.kind === 'failed')
    return { ok: false, reason: 'network', detail: `${hops.message} (${hops.url})` };

  const { response, url: finalUrl } = hops;
  const status = response.status();
  const headers = response.headers();
  if (status >= 300) return { ok: false, reason: 'http-status', detail: `HTTP ${status} from ${finalUrl}` };
  if (/^\s*attachment/i.test(headers['content-disposition'] ?? '')) {
    return {
      ok: false,
      reason: 'not-html',
      detail: `a download (Content-Disposition: attachment) from ${finalUrl}`,
    };
  }
  const mediaType = mediaTypeOf(headers['content-type'] ?? null);
  if (mediaType !== '' && !HTML_TYPES.has(mediaType)) {
    return { ok: false, reason: 'not-html', detail: `content type ${mediaType} from ${finalUrl}` };
  }
  const body = await response.body();
  if (mediaType === '' && !looksLikeHtml(body)) {
    return {
      ok: false,
      reason: 'not-html',
      detail: `no content type, and the body is not HTML (${finalUrl})`,
    };
  }
  const truncated = body.byteLength > maxBytes;
  const kept = truncated ? body.subarray(0, maxBytes) : body;
  const fulfilHeaders = headersForFulfil(headers, status);
  // Sniffed as HTML above: say so, or Chromium might sniff it differently (or as a download).
  if (mediaType === '') fulfilHeaders['content-type'] = 'text/html';
  return {
    ok: true,
    finalUrl,
    status,
    bytes: kept.byteLength,
    truncated,
    document: { status, headers: fulfilHeaders, body: kept },
  };
}
