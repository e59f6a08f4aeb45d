import { extractFromHtml, finishExtraction, hasTooLittleText } from './extract/extract.js';
import { ExtractionFailedError } from './extract/extraction-failed-error.js';
import { forbidsStoring, type HttpFetcher } from './http/fetch-page.js';
import type { PageOutcome, RawExtraction } from './page-outcome.js';

/** How pages are read: plain HTTP, Chromium, or HTTP first and Chromium for JavaScript pages. */
export type ScrapeStrategyOption = 'auto' | 'http' | 'browser';

/** Reads one page in Chromium. */
export type BrowserReader = (url: string, options: { signal: AbortSignal }) => Promise<PageOutcome>;

export interface ReadPageOptions {
  strategy: ScrapeStrategyOption;
  http: HttpFetcher;
  browser: BrowserReader;
  maxChars: number;
  signal: AbortSignal;
  /**
   * Parses fetched HTML, e.g. an `ExtractionPool`'s `extract` (in a worker thread, off the event
   * loop). Default `extractFromHtml` on the calling thread.
   */
  extract?: (html: string, url: string, options: { signal: AbortSignal }) => Promise<RawExtraction>;
}

/**
 * Reads one page by the strategy. `auto` keeps Chromium off the common path: the page is fetched
 * over plain HTTP and extracted; only when that leaves too little text (a page rendered by
 * JavaScript) is it opened in the browser. Failures that a browser cannot change (refused,
 * robots, HTTP errors, not HTML) end there.
 */
export async function readPage(url: string, options: ReadPageOptions): Promise<PageOutcome> {
  if (options.strategy === 'browser') return options.browser(url, { signal: options.signal });
  const overHttp = await readOverHttp(url, options);
  const worthABrowser = !overHttp.ok && overHttp.reason === 'too-little-text';
  if (options.strategy === 'auto' && worthABrowser) return options.browser(url, { signal: options.signal });
  return overHttp;
}

async function readOverHttp(
  url: string,
  { http, maxChars, signal, extract }: ReadPageOptions,
): Promise<PageOutcome> {
  const page = await http.fetchPage(url, { signal });
  if (!page.ok) return { ok: false, url, strategy: 'http', reason: page.reason, detail: page.detail };
  let raw: RawExtraction;
  try {
    raw = extract
      ? await extract(page.html, page.finalUrl, { signal })
      : extractFromHtml(page.html, page.finalUrl);
  } catch (error) {
    if (!(error instanceof ExtractionFailedError)) throw error;
    return { ok: false, url, strategy: 'http', reason: 'unparsable', detail: error.message };
  }
  const extracted = finishExtraction(raw, { maxChars });
  if (hasTooLittleText(extracted.text)) {
    return {
      ok: false,
      url,
      strategy: 'http',
      reason: 'too-little-text',
      detail: `only ${extracted.text.length} characters of readable text`,
    };
  }
  return {
    ok: true,
    url,
    finalUrl: page.finalUrl,
    strategy: 'http',
    status: page.status,
    bytes: page.bytes,
    truncated: page.truncated,
    ...(forbidsStoring(page.cacheControl) ? { noStore: true } : {}),
    ...extracted,
  };
}
