import { z } from 'zod';
import { checkStringOption } from '../core/check-option.js';
import { requestSearchJson } from './request-search-json.js';
import { resolveRequestSettings, type SearchRequestOptions } from './request-settings.js';
import { searchEndpoint } from './search-endpoint.js';
import type { SearchProvider } from './search-provider.js';
import { checkLimit, toSearchResults } from './to-search-results.js';

export const EXA_BASE_URL = 'https://api.exa.ai';
const COMPONENT = 'exa search';
/** Highlights are enough for a snippet; full text would cost more and be cut anyway. */
const HIGHLIGHT_CHARACTERS = 500;

/** Options of `exaSearch`. */
export interface ExaSearchOptions extends SearchRequestOptions {
  /** The key, sent as `x-api-key`. */
  apiKey: string;
  /** The API root. Default `https://api.exa.ai`. */
  baseUrl?: string;
  /** Exa's search `type`, e.g. `auto`, `fast`, `neural`, `keyword`. Default `auto`. */
  type?: string;
}

const answerSchema = z.object({
  results: z.array(
    z.object({
      url: z.string().nullish(),
      // Exa sends `title: null` for pages without one.
      title: z.string().nullish(),
      text: z.string().nullish(),
      highlights: z.array(z.string()).nullish(),
    }),
  ),
});

/**
 * Searches with Exa (`POST /search`). Asks for `limit` results with short highlights and maps
 * `results[]`: the snippet is `text` when present, else the highlights joined, else ''.
 *
 * @throws ConfigurationError at construction when `apiKey` is missing or blank or an option is
 * unusable.
 *
 * @example
 * ```ts
 * const search = exaSearch({ apiKey: process.env.EXA_API_KEY ?? '' });
 * const results = await search.search('Ada Lovelace analytical engine', { limit: 5 });
 * ```
 */
export function exaSearch(options: ExaSearchOptions): SearchProvider {
  const { apiKey: apiKeyOption, baseUrl = EXA_BASE_URL, type = 'auto' } = options ?? ({} as ExaSearchOptions);
  const apiKey = checkStringOption(COMPONENT, 'apiKey', apiKeyOption);
  const endpoint = searchEndpoint(COMPONENT, baseUrl, 'search');
  const settings = resolveRequestSettings(COMPONENT, options);
  const searchType = checkStringOption(COMPONENT, 'type', type);

  return {
    name: 'exa',
    // The endpoint and every option that changes the answer: what a cache must tell apart.
    cacheKey: JSON.stringify(['exa', String(endpoint), searchType]),
    async search(query, { limit, signal }) {
      const text = checkStringOption(COMPONENT, 'query', query);
      checkLimit(COMPONENT, limit);
      const answer = await requestSearchJson(
        {
          provider: 'exa',
          method: 'POST',
          url: endpoint,
          headers: { 'x-api-key': apiKey },
          body: {
            query: text,
            type: searchType,
            numResults: limit,
            contents: { highlights: { maxCharacters: HIGHLIGHT_CHARACTERS } },
          },
          schema: answerSchema,
          secrets: [apiKey],
          signal,
        },
        settings,
      );
      const hits = answer.results.map((hit) => ({
        url: hit.url,
        title: hit.title,
        snippet: hit.text?.trim() ? hit.text : (hit.highlights ?? []).join(' '),
      }));
      return toSearchResults(hits, limit);
    },
  };
}
