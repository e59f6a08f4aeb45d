/** The statuses followed as redirects (the Fetch standard's redirect statuses, as Chromium follows them). */
export const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

/** Headers that describe a request body, dropped when a redirect turns the request into a GET. */
const BODY_HEADERS: ReadonlySet<string> = new Set([
  'content-type',
  'content-length',
  'content-encoding',
  'content-language',
]);

/** Headers a browser drops when a redirect leaves the origin: a page's credentials stay with it. */
const CREDENTIAL_HEADERS: ReadonlySet<string> = new Set(['authorization', 'cookie']);

/** One request as it is sent, hop by hop. Header names are lower case. */
export interface HopRequest {
  method: string;
  headers: Readonly<Record<string, string>>;
  body: Uint8Array | undefined;
}

/**
 * The request for the hop a redirect points to, as browsers make it (the Fetch standard): 303
 * turns anything but HEAD into a bodiless GET, and 301/302 turn POST into one; 307/308 keep the
 * method and body. Leaving the origin drops `Authorization` and `Cookie`.
 *
 * @example
 * ```ts
 * const next = nextHopRequest({ method: 'POST', headers, body }, 303, from, to); // a GET, no body
 * ```
 */
export function nextHopRequest(request: HopRequest, status: number, from: URL, to: URL): HopRequest {
  const toGet =
    (status === 303 && request.method !== 'HEAD') ||
    ((status === 301 || status === 302) && request.method === 'POST');
  const crossOrigin = from.origin !== to.origin;
  const headers = Object.fromEntries(
    Object.entries(request.headers).filter(
      ([name]) => !(toGet && BODY_HEADERS.has(name)) && !(crossOrigin && CREDENTIAL_HEADERS.has(name)),
    ),
  );
  return toGet ? { method: 'GET', headers, body: undefined } : { ...request, headers };
}
