import { mediaTypeOf } from '../http/decode-body.js';
import { forbidsStoring, type HttpFetcher } from '../http/fetch-page.js';
import type { PageSkipReason } from '../page-outcome.js';
import { headersForFulfil, type PreparedDocument } from './route-guard.js';

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
      /** True when the server said `Cache-Control: no-store`. */
      noStore: boolean;
      document: PreparedDocument;
    }
  | { ok: false; reason: PageSkipReason; detail: string };

/** Options for {@link fetchMainDocument}. */
export interface FetchMainDocumentOptions {
  /** Ends the fetch (the page's deadline or the caller's abort): the fetch then rejects. */
  signal: AbortSignal;
  /** Bytes of decoded body handed to the browser; reading stops there (the page is then marked truncated). */
  maxBytes: number;
}

/**
 * Fetches the page's own URL through the scraper's HTTP fetcher (every hop checked, connections
 * pinned to checked addresses, the body cut at `maxBytes` while it is decoded) and classifies the
 * answer as the HTTP path does: refused, HTTP error, not HTML. Only an HTML page comes back, ready
 * to be served to the browser's navigation to `finalUrl`; so a PDF or an attachment never reaches
 * Chromium (which would start a download), and the page's URL is its real one, against which
 * relative links resolve.
 *
 * @throws the signal's reason when it fires (the caller owns that abort).
 */
export async function fetchMainDocument(
  http: HttpFetcher,
  url: string,
  { signal, maxBytes }: FetchMainDocumentOptions,
): Promise<MainDocument> {
  const answer = await http.fetchRaw(url, { signal, maxBytes, accept: 'html' });
  if (!answer.ok) return { ok: false, reason: answer.reason, detail: answer.detail };
  const { finalUrl, status, headers, body, truncated } = answer;
  if (/^\s*attachment/i.test(headers['content-disposition'] ?? '')) {
    return {
      ok: false,
      reason: 'not-html',
      detail: `a download (Content-Disposition: attachment) from ${finalUrl}`,
    };
  }
  const fulfilHeaders = headersForFulfil(headers, status);
  // Sniffed as HTML by the fetcher: say so, or Chromium might sniff it differently (or as a download).
  if (mediaTypeOf(answer.contentType) === '') fulfilHeaders['content-type'] = 'text/html';
  return {
    ok: true,
    finalUrl,
    status,
    bytes: body.byteLength,
    truncated,
    noStore: forbidsStoring(answer.cacheControl),
    document: {
      status,
      headers: fulfilHeaders,
      body: Buffer.from(body.buffer, body.byteOffset, body.byteLength),
    },
  };
}
