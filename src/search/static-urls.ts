import { checkUrlOption } from '../core/check-option.js';
import { ConfigurationError } from '../core/errors/configuration-error.js';
import type { SearchProvider, SearchResult } from './search-provider.js';
import { checkLimit, plainText } from './to-search-results.js';

const COMPONENT = 'static urls';

/** A page given up front, with an optional title and snippet for the summary prompt. */
export interface StaticUrl {
  url: string;
  title?: string;
  snippet?: string;
}

/**
 * A "search" that always answers with the pages given here, whatever the query: for hosts that
 * already know which pages to read (a lab page, a profile), or have no search API.
 *
 * Like every provider it obeys `limit` and answers the first `limit` pages, in the order given,
 * so it keeps the `SearchProvider` contract. It says `ignoresQuery`, so the web scraper asks it
 * once and reads its pages up to `maxPages` (default 5); list the most important first.
 *
 * @throws ConfigurationError at construction when the list is empty or an entry is not an
 * absolute http(s) URL.
 *
 * @example
 * ```ts
 * const search = staticUrls([
 *   'https://lovelace-lab.example.org/',
 *   { url: 'https://example.org/people/ada', title: 'Ada Lovelace, profile' },
 * ]);
 * ```
 */
export function staticUrls(urls: readonly (string | StaticUrl)[]): SearchProvider {
  if (!Array.isArray(urls) || urls.length === 0) {
    throw new ConfigurationError({
      component: COMPONENT,
      option: 'urls',
      message: 'must list at least one URL',
    });
  }
  const results: readonly SearchResult[] = urls.map((entry, index) => {
    const option = `urls[${index}]`;
    const { url, title, snippet } = typeof entry === 'string' ? { url: entry } : (entry ?? ({} as StaticUrl));
    if (typeof url !== 'string') {
      throw new ConfigurationError({
        component: COMPONENT,
        option,
        message: 'must be a URL or { url, title?, snippet? }',
      });
    }
    return {
      url: checkUrlOption(COMPONENT, option, url.trim()).href,
      title: plainText(title),
      snippet: plainText(snippet),
    };
  });

  return {
    name: 'static-urls',
    ignoresQuery: true,
    async search(_query, { limit, signal }) {
      signal?.throwIfAborted();
      checkLimit(COMPONENT, limit);
      // Copies, so a caller that edits its results cannot change the next answer.
      return results.slice(0, limit).map((result) => ({ ...result }));
    },
  };
}
