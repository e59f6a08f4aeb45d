import type { Agent } from 'undici';
import { fetch, type Headers, type Response } from 'undici';
import { describeNetworkError } from '../../core/errors/describe-network-error.js';
import type { UrlGuard } from '../ssrf/ssrf-guard.js';
import { UrlBlockedError } from '../ssrf/url-blocked-error.js';
import { looksLikeHtml, mediaTypeOf } from './decode-body.js';
import type { HttpFailure } from './fetch-types.js';
import { readCappedBody } from './read-capped-body.js';
import { type HopRequest, nextHopRequest, REDIRECT_STATUSES } from './redirect-request.js';

const HTML_TYPES: ReadonlySet<string> = new Set(['text/html', 'application/xhtml+xml']);

/** A final answer's body, read up to the cap. */
export interface Body {
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
export type Expect = 'html' | 'text' | 'raw';

/** A fetch that gave no usable body, before the fetcher adds `ok` and the URL. */
export type Failure = Omit<HttpFailure, 'ok' | 'url'>;

/** What every fetch of one fetcher shares. */
export interface FetchSettings {
  guard: UrlGuard;
  agent: Agent;
  userAgent: string;
  timeoutMs: number;
  maxRedirects: number;
}

/** One fetch: what it must be, how much of it to read, and the first hop's request. */
export interface FetchRequest {
  signal?: AbortSignal | undefined;
  expect: Expect;
  cap: number;
  request: HopRequest;
}

/**
 * Fetches `url`, following redirects by hand: every hop is checked by the guard before it is
 * contacted, and the body of the final answer is read as a stream up to `cap`. Failures are
 * values; only the caller's abort rejects.
 */
export async function fetchBody(
  settings: FetchSettings,
  url: string,
  { signal, expect, cap, request }: FetchRequest,
): Promise<Body | Failure> {
  if (!URL.canParse(url)) {
    return {
      reason: 'blocked',
      detail: `not a valid URL: ${url.slice(0, 200)}`,
      refused: { url, reason: 'not a valid URL' },
    };
  }
  const timeout = AbortSignal.timeout(settings.timeoutMs);
  const combined = signal === undefined ? timeout : AbortSignal.any([signal, timeout]);
  const failed = (error: unknown, phase: 'check' | 'fetch', current: URL, hop: number): Failure => {
    if (signal?.aborted) throw signal.reason;
    if (timeout.aborted)
      return { reason: 'timeout', detail: `no complete answer within ${settings.timeoutMs} ms` };
    return describeFailure(error, phase, current, hop);
  };
  let hopRequest = request;
  let current = new URL(url);
  for (let hop = 0; ; hop += 1) {
    try {
      await settings.guard.check(current, { signal: combined });
    } catch (error) {
      return failed(error, 'check', current, hop);
    }
    try {
      const response = await sendHop(settings, current, hopRequest, combined);
      const location = response.headers.get('location');
      if (REDIRECT_STATUSES.has(response.status) && (location !== null || expect !== 'raw')) {
        void response.body?.cancel().catch(() => {});
        const next = redirectTarget(response.status, location, current, hop, settings.maxRedirects);
        if (!(next instanceof URL)) return next;
        hopRequest = nextHopRequest(hopRequest, response.status, current, next);
        current = next;
        continue;
      }
      return await readAnswer(response, current, expect, cap);
    } catch (error) {
      return failed(error, 'fetch', current, hop);
    }
  }
}

/** One hop, never following a redirect itself, over the guarded agent. */
function sendHop(
  settings: FetchSettings,
  url: URL,
  request: HopRequest,
  signal: AbortSignal,
): Promise<Response> {
  return fetch(url, {
    dispatcher: settings.agent,
    redirect: 'manual',
    signal,
    method: request.method,
    headers: { ...request.headers, 'user-agent': settings.userAgent },
    ...(request.body === undefined ? {} : { body: request.body }),
  });
}

/** Where a redirect leads, or why it is not followed. */
function redirectTarget(
  status: number,
  location: string | null,
  current: URL,
  hop: number,
  maxRedirects: number,
): URL | Failure {
  if (location === null)
    return { reason: 'http-status', detail: `HTTP ${status} without a Location`, status };
  if (hop >= maxRedirects) return { reason: 'network', detail: `more than ${maxRedirects} redirects` };
  if (!URL.canParse(location, current.href)) {
    return { reason: 'network', detail: `HTTP ${status} to an invalid Location: ${location.slice(0, 200)}` };
  }
  return new URL(location, current);
}

/** The final answer: refused by status or type before its body is read, else read up to `cap`. */
async function readAnswer(
  response: Response,
  current: URL,
  expect: Expect,
  cap: number,
): Promise<Body | Failure> {
  const { status } = response;
  const contentType = response.headers.get('content-type');
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
}

/** A refusal by the guard (now or at connect time), else a network failure. */
function describeFailure(error: unknown, phase: 'check' | 'fetch', current: URL, hop: number): Failure {
  const blocked = findBlocked(error);
  if (blocked === undefined)
    return { reason: 'network', detail: describeNetworkError(error, { innermost: true }) };
  const where = phase === 'fetch' ? 'connection to ' : hop > 0 ? 'redirect to ' : '';
  return {
    reason: 'blocked',
    detail: `${where}${blocked.url} refused: ${blocked.reason}`,
    refused: { url: current.href, reason: blocked.reason },
  };
}

function findBlocked(error: unknown): UrlBlockedError | undefined {
  for (let current = error; current instanceof Error; current = current.cause) {
    if (UrlBlockedError.isInstance(current)) return current;
  }
  return undefined;
}
