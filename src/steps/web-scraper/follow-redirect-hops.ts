import type { APIResponse } from 'playwright-core';
import type { UrlGuard } from './ssrf-guard.js';
import { UrlBlockedError } from './url-blocked-error.js';

/** Redirects followed for one request before giving up (browsers allow 20; pages never need more than a few). */
export const MAX_REDIRECT_HOPS = 5;

/** One request to make with redirects off. */
export interface Hop {
  url: string;
  method: string;
  /** True once a redirect has turned the request into a bodiless GET (301/302 after POST, 303). */
  dropBody: boolean;
  /** 0 for the request itself, then 1, 2... for each redirect. */
  index: number;
}

/** How following a request's redirects ended. */
export type HopsResult =
  /** A response that is not a redirect, from `url` (the last hop). */
  | { kind: 'response'; response: APIResponse; url: string; redirects: readonly string[] }
  /** The guard refused `url`: the request itself (`index` 0) or a redirect target. */
  | { kind: 'refused'; url: string; reason: string; index: number }
  /** A redirect that cannot be followed: too many, or a Location that is not a URL. */
  | { kind: 'failed'; url: string; message: string };

/** The statuses Chromium follows (the Fetch standard's redirect statuses). */
const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

function isRedirect(response: APIResponse): boolean {
  // Without a Location there is nothing to follow, for us or for the browser.
  return REDIRECT_STATUSES.has(response.status()) && response.headers().location !== undefined;
}

/** The Fetch standard's method rewrite: 303 turns anything but HEAD into GET; 301/302 turn POST into GET. */
function nextMethod(status: number, method: string): { method: string; dropBody: boolean } {
  if ((status === 303 && method !== 'HEAD') || ((status === 301 || status === 302) && method === 'POST')) {
    return { method: 'GET', dropBody: true };
  }
  return { method, dropBody: false };
}

/**
 * Makes a request one hop at a time: each URL (the first included) goes through the guard before
 * it is fetched, with redirects off, and each redirect's Location is checked the same way. Only a
 * response that is not a redirect comes back, so a browser handed it never follows a hop itself
 * (Chromium follows a 3xx it is given without showing the hop to request routing).
 *
 * @throws whatever `fetchHop` throws (network errors, timeouts) and the guard's non-refusal
 * errors (a name that does not resolve).
 */
export async function followRedirectHops(
  url: string,
  {
    method = 'GET',
    guard,
    fetchHop,
    signal,
    maxRedirects = MAX_REDIRECT_HOPS,
  }: {
    method?: string;
    guard: UrlGuard;
    fetchHop: (hop: Hop) => Promise<APIResponse>;
    signal?: AbortSignal;
    maxRedirects?: number;
  },
): Promise<HopsResult> {
  const redirects: string[] = [];
  let hop: Hop = { url, method, dropBody: false, index: 0 };
  for (;;) {
    try {
      await guard.check(hop.url, signal ? { signal } : {});
    } catch (error) {
      if (UrlBlockedError.isInstance(error)) {
        return { kind: 'refused', url: hop.url, reason: error.reason, index: hop.index };
      }
      throw error;
    }
    const response = await fetchHop(hop);
    if (!isRedirect(response)) return { kind: 'response', response, url: hop.url, redirects };
    const status = response.status();
    const location = response.headers().location ?? '';
    // Nothing of a redirect's body is needed; free it now rather than when the context closes.
    await response.dispose().catch(() => {});
    let target: string;
    try {
      target = new URL(location, hop.url).href;
    } catch {
      return {
        kind: 'failed',
        url: hop.url,
        message: `redirect to an invalid Location: ${location.slice(0, 200)}`,
      };
    }
    if (redirects.length >= maxRedirects) {
      return { kind: 'failed', url: hop.url, message: `more than ${maxRedirects} redirects` };
    }
    redirects.push(target);
    const rewrite = nextMethod(status, hop.method);
    hop = {
      url: target,
      method: rewrite.method,
      dropBody: hop.dropBody || rewrite.dropBody,
      index: hop.index + 1,
    };
  }
}
