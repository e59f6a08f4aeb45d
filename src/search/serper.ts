import { z } from 'zod';
import { checkStringOption } from '../core/check-option.js';
import { requestSearchJson } from './request-search-json.js';
import { resolveRequestSettings, type SearchRequestOptions } from './request-settings.js';
import { searchEndpoint } from './search-endpoint.js';
import type { SearchProvider } from './search-provider.js';
import { checkLimit, toSearchResults } from './to-search-results.js';

export const SERPER_BASE_URL = 'https://google.serper.dev';
const COMPONENT = 'serper search';

/** Options of `serperSearch`. */
export interface SerperSearchOptions extends SearchRequestOptions {
  /** The key, sent as `X-API-KEY`. */
  apiKey: string;
  /** The API root. Default `https://google.serper.dev`. */
  baseUrl?: string;
  /** Two-letter country code, e.g. `us`. */
  gl?: string;
  /** Interface language, e.g. `en`. */
  hl?: string;
}

const answerSchema = z.object({
  // Serper leaves `organic` out when nothing matched.
  organic: z
    .array(
      z.object({ link: z.string().nullish(), title: z.string().nullish(), snippet: z.string().nullish() }),
    )
    .nullish(),
});

/**
 * Searches Google through Serper (`POST /search`). Serper takes `num` in steps of ten (its
 * dashboard offers 10, 20, ... 100), so `limit` is rounded up to the next ten, at most 100, and the
 * answer cut to `limit`; `organic[]` is mapped (`link` is the URL).
 *
 * @throws ConfigurationError at construction when `apiKey` is missing or blank or an option is
 * unusable.
 *
 * @example
 * ```ts
 * const search = serperSearch({ apiKey: process.env.SERPER_API_KEY ?? '' });
 * const results = await search.search('Ada Lovelace analytical engine', { limit: 5 });
 * ```
 */
export function serperSearch(options: SerperSearchOptions): SearchProvider {
  const { apiKey: apiKeyOption, baseUrl = SERPER_BASE_URL, gl, hl } = options ?? ({} as SerperSearchOptions);
  const apiKey = checkStringOption(COMPONENT, 'apiKey', apiKeyOption);
  const endpoint = searchEndpoint(COMPONENT, baseUrl, 'search');
  const settings = resolveRequestSettings(COMPONENT, options);
  const extra: Record<string, string> = {};
  if (gl !== undefined) extra.gl = checkStringOption(COMPONENT, 'gl', gl);
  if (hl !== undefined) extra.hl = checkStringOption(COMPONENT, 'hl', hl);

  return {
    name: 'serper',
    // The endpoint and every option that changes the answer: what a cache must tell apart.
    cacheKey: JSON.stringify(['serper', String(endpoint), extra]),
    async search(query, { limit, signal }) {
      const q = checkStringOption(COMPONENT, 'query', query);
      checkLimit(COMPONENT, limit);
      const answer = await requestSearchJson(
        {
          provider: 'serper',
          method: 'POST',
          url: endpoint,
          headers: { 'x-api-key': apiKey },
          body: { q, num: Math.min(100, Math.ceil(limit / 10) * 10), ...extra },
          schema: answerSchema,
          secrets: [apiKey],
          signal,
        },
        settings,
      );
      const hits = (answer.organic ?? []).map((hit) => ({
        url: hit.link,
        title: hit.title,
        snippet: hit.snippet,
      }));
      return toSearchResults(hits, limit);
    },
  };
}
