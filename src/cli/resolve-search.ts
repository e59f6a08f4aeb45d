import {
  braveSearch,
  exaSearch,
  type SearchProvider,
  searxngSearch,
  serperSearch,
  staticUrls,
  tavilySearch,
} from '../search/index.js';
import { UsageError } from './usage-error.js';

/** The `--search` values. */
export const SEARCH_PROVIDERS = ['brave', 'searxng', 'tavily', 'exa', 'serper', 'urls'] as const;
export type SearchProviderName = (typeof SEARCH_PROVIDERS)[number];

/** The environment variable each keyed provider reads its key from. */
export const SEARCH_KEY_ENV = {
  brave: 'BRAVE_API_KEY',
  tavily: 'TAVILY_API_KEY',
  exa: 'EXA_API_KEY',
  serper: 'SERPER_API_KEY',
} as const;

/** What the search flags said. */
export interface SearchFlags {
  search?: string;
  searchKey?: string;
  searchUrl?: string;
  urls: readonly string[];
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Which provider to use: `--search`; else `urls` when `--url` is given; else the first provider
 * whose key (or, for SearXNG, `SEARXNG_URL`) is in the environment, in the order brave, tavily,
 * exa, serper, searxng. Undefined when nothing is configured.
 */
export function chooseSearchProvider(flags: SearchFlags, env: Env): SearchProviderName | undefined {
  if (flags.search !== undefined) {
    const name = flags.search.trim().toLowerCase();
    if (!(SEARCH_PROVIDERS as readonly string[]).includes(name)) {
      throw new UsageError(
        `--search: unknown provider "${flags.search}"; use one of ${SEARCH_PROVIDERS.join(', ')}`,
        {
          field: '--search',
        },
      );
    }
    return name as SearchProviderName;
  }
  if (flags.urls.length > 0) return 'urls';
  for (const [name, variable] of Object.entries(SEARCH_KEY_ENV)) {
    if (present(env[variable])) return name as SearchProviderName;
  }
  return present(env.SEARXNG_URL) ? 'searxng' : undefined;
}

/**
 * Builds the search provider the flags and environment describe, or says which flag or variable
 * is missing (exit 2). Undefined when none is configured: `required` says whether that is an error
 * (it is not for a batch whose every row lists its own pages).
 */
export function resolveSearch(flags: SearchFlags, env: Env, options: { required: true }): SearchProvider;
export function resolveSearch(
  flags: SearchFlags,
  env: Env,
  options: { required: boolean },
): SearchProvider | undefined;
export function resolveSearch(
  flags: SearchFlags,
  env: Env,
  { required }: { required: boolean },
): SearchProvider | undefined {
  const name = chooseSearchProvider(flags, env);
  if (name === undefined) {
    if (!required) return undefined;
    throw new UsageError(
      `no search provider: pass --search ${SEARCH_PROVIDERS.join('|')} with its key (--search-key, or ${Object.values(SEARCH_KEY_ENV).join(', ')}; SEARXNG_URL for searxng), or --url <page>`,
      { field: '--search' },
    );
  }
  if (flags.urls.length > 0 && name !== 'urls') {
    throw new UsageError(`--url lists pages to read, so it goes with --search urls, not --search ${name}`, {
      field: '--url',
    });
  }
  const baseUrl = present(flags.searchUrl) ? flags.searchUrl : undefined;
  switch (name) {
    case 'urls':
      if (flags.urls.length === 0)
        throw new UsageError('--search urls needs at least one --url <page>', { field: '--url' });
      return staticUrls(flags.urls);
    case 'searxng': {
      const root = baseUrl ?? (present(env.SEARXNG_URL) ? env.SEARXNG_URL : undefined);
      if (root === undefined) {
        throw new UsageError(
          '--search searxng needs the instance URL: pass --search-url or set SEARXNG_URL',
          {
            field: '--search-url',
          },
        );
      }
      const apiKey = present(flags.searchKey) ? flags.searchKey : undefined;
      return searxngSearch({ baseUrl: root, ...(apiKey ? { apiKey } : {}) });
    }
    default: {
      const variable = SEARCH_KEY_ENV[name];
      const apiKey = present(flags.searchKey)
        ? flags.searchKey
        : present(env[variable])
          ? env[variable]
          : undefined;
      if (apiKey === undefined) {
        throw new UsageError(`--search ${name} needs an API key: pass --search-key or set ${variable}`, {
          field: variable,
        });
      }
      const options = { apiKey, ...(baseUrl ? { baseUrl } : {}) };
      const factories = { brave: braveSearch, tavily: tavilySearch, exa: exaSearch, serper: serperSearch };
      return factories[name](options);
    }
  }
}

function present(value: string | undefined): value is string {
  return value !== undefined && value.trim() !== '';
}
