import type { Headers } from 'undici';
import { checkNumberOption } from '../../core/check-option.js';
import { checkUserAgent } from '../user-agent.js';
import { decodeBody } from './decode-body.js';
import { type Body, type FetchSettings, fetchBody } from './fetch-body.js';
import type { HttpFetcher, HttpFetcherOptions, HttpText } from './fetch-types.js';
import { createGuardedAgent } from './guarded-dispatcher.js';
import type { HopRequest } from './redirect-request.js';

export type {
  HttpFailure,
  HttpFetcher,
  HttpFetcherOptions,
  HttpFetchOptions,
  HttpPage,
  HttpRaw,
  HttpRawOptions,
  HttpText,
} from './fetch-types.js';

const COMPONENT = 'web_scraper http fetcher';
const ACCEPT_HTML = 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.1';
/** The largest body `fetchRaw` may be asked to keep, as for `maxBytes`. */
const MAX_CAP_BYTES = 50 * 1024 * 1024;

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
  const settings: FetchSettings = { guard, agent, userAgent, timeoutMs, maxRedirects };

  return {
    async fetchPage(url, { signal } = {}) {
      const request = { method: 'GET', headers: { accept: ACCEPT_HTML }, body: undefined };
      const result = await fetchBody(settings, url, { signal, expect: 'html', cap: maxBytes, request });
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
      const result = await fetchBody(settings, url, { signal, expect: 'text', cap, request });
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
      const result = await fetchBody(settings, url, {
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

/** Headers as a record; `set-cookie` lines stay apart, joined by `\n` (as Playwright's `fulfill` takes them). */
function headerRecord(headers: Headers): Record<string, string> {
  const record: Record<string, string> = {};
  for (const [name, value] of headers) if (name !== 'set-cookie') record[name] = value;
  const cookies = headers.getSetCookie();
  if (cookies.length > 0) record['set-cookie'] = cookies.join('\n');
  return record;
}
