/**
 * Query parameters that only say where a click came from. Dropped before URLs are compared, so
 * the same page reached from two campaigns counts once. Matched case-insensitively; every `utm_`
 * parameter is dropped too.
 */
export const TRACKING_PARAMETERS: ReadonlySet<string> = new Set([
  'gclid',
  'gclsrc',
  'dclid',
  'gbraid',
  'wbraid',
  'fbclid',
  'msclkid',
  'yclid',
  'twclid',
  'li_fat_id',
  'mc_cid',
  'mc_eid',
  '_hsenc',
  '_hsmi',
  'mkt_tok',
  'igshid',
  'si',
  'ref',
  'ref_src',
  'ref_url',
]);

/**
 * The form of a URL used to tell whether two search results are the same page; undefined for
 * anything that is not an absolute http(s) URL.
 *
 * It lower-cases scheme and host (and drops a trailing dot on the host), drops the default port,
 * the fragment, credentials and tracking parameters (`TRACKING_PARAMETERS`, `utm_*`), drops
 * trailing slashes on the path (keeping `/` for the root), and sorts the remaining query
 * parameters by name (stable for repeated names), so `?b=2&a=1` and `?a=1&b=2` meet: parameter
 * order almost never changes the page, and unsorted duplicates would cost a page slot. Idempotent.
 *
 * It is a comparison key, not an address to fetch: `/about/` and `/about` may differ on a strict
 * server, so callers should fetch the URL the provider gave.
 *
 * @example
 * ```ts
 * normalizeUrl('HTTPS://Example.org:443/People/?utm_source=x&b=2&a=1#bio'); // 'https://example.org/People?a=1&b=2'
 * ```
 */
export function normalizeUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
  // The WHATWG parser already lower-cases scheme and host and drops a default port.
  parsed.hash = '';
  parsed.username = '';
  parsed.password = '';
  if (parsed.hostname.endsWith('.')) parsed.hostname = parsed.hostname.replace(/\.+$/, '');
  parsed.pathname = parsed.pathname.replace(/\/+$/, '') || '/';
  const kept = [...parsed.searchParams].filter(([name]) => !isTrackingParameter(name));
  const params = new URLSearchParams(kept);
  params.sort();
  parsed.search = params.toString();
  return parsed.href;
}

function isTrackingParameter(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.startsWith('utm_') || TRACKING_PARAMETERS.has(lower);
}
