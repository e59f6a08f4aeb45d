import { z } from 'zod';
import { checkStringOption } from '../core/check-option.js';
import { ConfigurationError } from '../core/errors/configuration-error.js';
import { requestSearchJson, type StatusFailure } from './request-search-json.js';
import { resolveRequestSettings, type SearchRequestOptions } from './request-settings.js';
import { searchEndpoint } from './search-endpoint.js';
import type { SearchProvider } from './search-provider.js';
import { checkLimit, toSearchResults } from './to-search-results.js';

const COMPONENT = 'searxng search';

/** Options of `searxngSearch`. */
export interface SearxngSearchOptions extends SearchRequestOptions {
  /** The instance's root, e.g. `http://localhost:8888` or `https://example.org/searx`. Required. */
  baseUrl: string;
  /**
   * For an instance behind an authenticating proxy: sent as `Authorization: Bearer <apiKey>`.
   * SearXNG itself has no keys; leave this out for an open instance.
   */
  apiKey?: string;
  /** SearXNG categories, e.g. `['general']`. Default: the instance's. */
  categories?: readonly string[];
  /** SearXNG engines, e.g. `['duckduckgo', 'wikipedia']`. Default: the instance's. */
  engines?: readonly string[];
  /** A language code, e.g. `en`. Default: the instance's. */
  language?: string;
}

const answerSchema = z.object({
  results: z.array(
    z.object({ url: z.string().nullish(), title: z.string().nullish(), content: z.string().nullish() }),
  ),
});

/**
 * Searches a SearXNG instance (`GET /search?format=json`). The instance must allow JSON: list
 * `json` under `search.formats` in its `settings.yml` (most public instances do not; host your
 * own). SearXNG has no page size, so the first page is cut to `limit`; `content` becomes the
 * snippet.
 *
 * @throws ConfigurationError at construction when `baseUrl` is missing or not an http(s) URL, or
 * an option is unusable.
 *
 * @example
 * ```ts
 * const search = searxngSearch({ baseUrl: 'http://localhost:8888' });
 * const results = await search.search('Ada Lovelace analytical engine', { limit: 5 });
 * ```
 */
export function searxngSearch(options: SearxngSearchOptions): SearchProvider {
  const {
    baseUrl,
    apiKey: apiKeyOption,
    categories,
    engines,
    language,
  } = options ?? ({} as SearxngSearchOptions);
  const endpoint = searchEndpoint(COMPONENT, checkStringOption(COMPONENT, 'baseUrl', baseUrl), 'search');
  const apiKey =
    apiKeyOption === undefined ? undefined : checkStringOption(COMPONENT, 'apiKey', apiKeyOption);
  const settings = resolveRequestSettings(COMPONENT, options);
  const extra: Record<string, string> = {};
  if (categories !== undefined) extra.categories = checkList('categories', categories);
  if (engines !== undefined) extra.engines = checkList('engines', engines);
  if (language !== undefined) extra.language = checkStringOption(COMPONENT, 'language', language);

  const describeStatus = (status: number, http: string): StatusFailure | undefined => {
    if (status === 403) {
      return {
        kind: 'auth',
        retryable: false,
        message:
          `the instance refused the request (${http}). SearXNG answers 403 when JSON is not enabled: ` +
          'add `json` under `search.formats` in its settings.yml. Its limiter or bot detection may also refuse clients',
      };
    }
    if (status === 401) {
      const message =
        apiKey === undefined
          ? `the instance asks for credentials (${http}); pass \`apiKey\`, sent as a Bearer token`
          : `the API key was refused (${http})`;
      return { kind: 'auth', retryable: false, message };
    }
    return undefined;
  };

  return {
    name: 'searxng',
    // The endpoint and every option that changes the answer: what a cache must tell apart.
    cacheKey: JSON.stringify(['searxng', String(endpoint), extra]),
    async search(query, { limit, signal }) {
      const q = checkStringOption(COMPONENT, 'query', query);
      checkLimit(COMPONENT, limit);
      const url = new URL(endpoint);
      url.search = new URLSearchParams({ q, format: 'json', pageno: '1', ...extra }).toString();
      const answer = await requestSearchJson(
        {
          provider: 'searxng',
          method: 'GET',
          url,
          headers: apiKey === undefined ? {} : { authorization: `Bearer ${apiKey}` },
          schema: answerSchema,
          secrets: apiKey === undefined ? [] : [apiKey],
          signal,
          describeStatus,
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

function checkList(option: string, values: readonly string[]): string {
  if (!Array.isArray(values) || values.length === 0) {
    throw new ConfigurationError({
      component: COMPONENT,
      option,
      message: 'must be a non-empty list of names',
    });
  }
  return values.map((value, index) => checkStringOption(COMPONENT, `${option}[${index}]`, value)).join(',');
}
