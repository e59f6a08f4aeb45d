import { z } from 'zod';
import { checkStringOption } from '../core/check-option.js';
import { requestSearchJson } from './request-search-json.js';
import { resolveRequestSettings, type SearchRequestOptions } from './request-settings.js';
import { searchEndpoint } from './search-endpoint.js';
import type { SearchProvider } from './search-provider.js';
import { checkLimit, toSearchResults } from './to-search-results.js';

export const BRAVE_BASE_URL = 'https://api.search.brave.com';
const COMPONENT = 'brave search';
/** Brave's own caps on `q`; a longer query is refused with a 422, so it is cut to fit. */
const MAX_QUERY_CHARACTERS = 400;
const MAX_QUERY_WORDS = 50;
/** Brave's largest `count`. */
const MAX_COUNT = 20;

/** Options of `braveSearch`. */
export interface BraveSearchOptions extends SearchRequestOptions {
  /** The subscription token, sent as `X-Subscription-Token`. */
  apiKey: string;
  /** The API root. Default `https://api.search.brave.com`. */
  baseUrl?: string;
  /** Two-letter country code the results come from, e.g. `us`. */
  country?: string;
  /** Language of the results, e.g. `en`. */
  searchLang?: string;
  safesearch?: 'off' | 'moderate' | 'strict';
  /** `pd`, `pw`, `pm`, `py`, or a range `2022-04-01to2022-07-30`. */
  freshness?: string;
}

const hitSchema = z.object({
  url: z.string().nullish(),
  title: z.string().nullish(),
  description: z.string().nullish(),
});
// Brave leaves `web` out when nothing matched.
const answerSchema = z.object({
  web: z.object({ results: z.array(hitSchema).nullish() }).nullish(),
});

/**
 * Searches with the Brave Search API (`GET /res/v1/web/search`). Asks for `limit` results (at
 * most 20, Brave's cap) and maps `web.results[]` (`description` becomes the snippet, without
 * Brave's `<strong>` highlighting).
 *
 * @throws ConfigurationError at construction when `apiKey` is missing or blank or an option is
 * unusable.
 *
 * @example
 * ```ts
 * const search = braveSearch({ apiKey: process.env.BRAVE_API_KEY ?? '' });
 * const results = await search.search('Ada Lovelace analytical engine', { limit: 5 });
 * ```
 */
export function braveSearch(options: BraveSearchOptions): SearchProvider {
  const {
    apiKey: apiKeyOption,
    baseUrl = BRAVE_BASE_URL,
    country,
    searchLang,
    safesearch,
    freshness,
  } = options ?? ({} as BraveSearchOptions);
  const apiKey = checkStringOption(COMPONENT, 'apiKey', apiKeyOption);
  const endpoint = searchEndpoint(COMPONENT, baseUrl, 'res/v1/web/search');
  const settings = resolveRequestSettings(COMPONENT, options);
  const extra: Record<string, string> = {};
  if (country !== undefined) extra.country = checkStringOption(COMPONENT, 'country', country);
  if (searchLang !== undefined) extra.search_lang = checkStringOption(COMPONENT, 'searchLang', searchLang);
  if (safesearch !== undefined) extra.safesearch = checkStringOption(COMPONENT, 'safesearch', safesearch);
  if (freshness !== undefined) extra.freshness = checkStringOption(COMPONENT, 'freshness', freshness);

  return {
    name: 'brave',
    // The endpoint and every option that changes the answer: what a cache must tell apart.
    cacheKey: JSON.stringify(['brave', String(endpoint), extra]),
    async search(query, { limit, signal }) {
      const q = fitBraveQuery(checkStringOption(COMPONENT, 'query', query));
      checkLimit(COMPONENT, limit);
      const url = new URL(endpoint);
      url.search = new URLSearchParams({ q, count: String(Math.min(limit, MAX_COUNT)), ...extra }).toString();
      const answer = await requestSearchJson(
        {
          provider: 'brave',
          method: 'GET',
          url,
          headers: { 'x-subscription-token': apiKey },
          schema: answerSchema,
          secrets: [apiKey],
          signal,
          // Brave answers 422 both for a bad token and for bad parameters; only the code tells them apart.
          describeStatus: (status, http) =>
            status === 422 && /\bVALIDATION\b/.test(http)
              ? { kind: 'bad-request', retryable: false, message: `the request was refused (${http})` }
              : undefined,
        },
        settings,
      );
      const hits = (answer.web?.results ?? []).map((hit) => ({ ...hit, snippet: hit.description }));
      return toSearchResults(hits, limit);
    },
  };
}

/** Cuts a query to Brave's 50 words and 400 characters, at a word boundary. */
export function fitBraveQuery(query: string): string {
  const words = query.split(/\s+/).filter(Boolean).slice(0, MAX_QUERY_WORDS);
  let fitted = '';
  for (const word of words) {
    const next = fitted === '' ? word : `${fitted} ${word}`;
    if (next.length > MAX_QUERY_CHARACTERS) break;
    fitted = next;
  }
  // A single word longer than the cap: cut it rather than send nothing.
  return fitted === '' ? query.trim().slice(0, MAX_QUERY_CHARACTERS) : fitted;
}
