import { z } from 'zod';
import { checkStringOption } from '../core/check-option.js';
import { requestSearchJson, type StatusFailure } from './request-search-json.js';
import { resolveRequestSettings, type SearchRequestOptions } from './request-settings.js';
import { searchEndpoint } from './search-endpoint.js';
import type { SearchProvider } from './search-provider.js';
import { checkLimit, toSearchResults } from './to-search-results.js';

export const TAVILY_BASE_URL = 'https://api.tavily.com';
const COMPONENT = 'tavily search';
/** Tavily's largest `max_results`. */
const MAX_RESULTS = 20;

/** Options of `tavilySearch`. */
export interface TavilySearchOptions extends SearchRequestOptions {
  /** The key (`tvly-...`), sent as `Authorization: Bearer`. */
  apiKey: string;
  /** The API root. Default `https://api.tavily.com`. */
  baseUrl?: string;
  /** `basic` costs 1 credit a search, `advanced` 2. Default `basic`. */
  searchDepth?: 'basic' | 'advanced';
  /** Default `general`. */
  topic?: 'general' | 'news';
}

const answerSchema = z.object({
  results: z.array(
    z.object({ url: z.string().nullish(), title: z.string().nullish(), content: z.string().nullish() }),
  ),
});

/**
 * Searches with Tavily (`POST /search`). Asks for `limit` results (at most 20, Tavily's cap),
 * without an answer or raw page content, and maps `results[]` (`content` becomes the snippet).
 * Tavily's plan limits (HTTP 432, 433) fail at once and are not retryable: waiting does not help.
 *
 * @throws ConfigurationError at construction when `apiKey` is missing or blank or an option is
 * unusable.
 *
 * @example
 * ```ts
 * const search = tavilySearch({ apiKey: process.env.TAVILY_API_KEY ?? '' });
 * const results = await search.search('Ada Lovelace analytical engine', { limit: 5 });
 * ```
 */
export function tavilySearch(options: TavilySearchOptions): SearchProvider {
  const {
    apiKey: apiKeyOption,
    baseUrl = TAVILY_BASE_URL,
    searchDepth = 'basic',
    topic = 'general',
  } = options ?? ({} as TavilySearchOptions);
  const apiKey = checkStringOption(COMPONENT, 'apiKey', apiKeyOption);
  const endpoint = searchEndpoint(COMPONENT, baseUrl, 'search');
  const settings = resolveRequestSettings(COMPONENT, options);
  const depth = checkStringOption(COMPONENT, 'searchDepth', searchDepth);
  const topicName = checkStringOption(COMPONENT, 'topic', topic);

  return {
    name: 'tavily',
    // The endpoint and every option that changes the answer: what a cache must tell apart.
    cacheKey: JSON.stringify(['tavily', String(endpoint), depth, topicName]),
    async search(query, { limit, signal }) {
      const text = checkStringOption(COMPONENT, 'query', query);
      checkLimit(COMPONENT, limit);
      const answer = await requestSearchJson(
        {
          provider: 'tavily',
          method: 'POST',
          url: endpoint,
          headers: { authorization: `Bearer ${apiKey}` },
          body: {
            query: text,
            max_results: Math.min(limit, MAX_RESULTS),
            search_depth: depth,
            topic: topicName,
            include_answer: false,
            include_raw_content: false,
            include_images: false,
          },
          schema: answerSchema,
          secrets: [apiKey],
          signal,
          describeStatus: describeTavilyStatus,
        },
        settings,
      );
      return toSearchResults(
        answer.results.map((hit) => ({ ...hit, snippet: hit.content })),
        limit,
      );
    },
  };
}

function describeTavilyStatus(status: number, http: string): StatusFailure | undefined {
  if (status === 432) {
    return { kind: 'rate-limit', retryable: false, message: `the plan's credit limit is used up (${http})` };
  }
  if (status === 433) {
    return { kind: 'rate-limit', retryable: false, message: `the pay-as-you-go limit is reached (${http})` };
  }
  return undefined;
}
