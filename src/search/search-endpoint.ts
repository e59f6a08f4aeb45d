import { checkUrlOption } from '../core/check-option.js';

/**
 * Checks a provider's `baseUrl` (an http(s) URL, the API's root) at construction and returns the
 * endpoint under it. A base with a path of its own (a proxy, a SearXNG instance under `/searx`)
 * keeps that path: `https://example.org/searx` + `search` is `https://example.org/searx/search`.
 */
export function searchEndpoint(component: string, baseUrl: string, path: string): URL {
  const base = checkUrlOption(component, 'baseUrl', baseUrl);
  base.search = '';
  base.hash = '';
  if (!base.pathname.endsWith('/')) base.pathname = `${base.pathname}/`;
  return new URL(path, base);
}
