import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/index.js';
import {
  braveSearch,
  exaSearch,
  type SearchProvider,
  searxngSearch,
  serperSearch,
  tavilySearch,
} from '../../src/search/index.js';

type Factory = (options: Record<string, unknown>) => SearchProvider;
const keyed: [string, Factory][] = [
  ['brave search', (options) => braveSearch(options as never)],
  ['tavily search', (options) => tavilySearch(options as never)],
  ['exa search', (options) => exaSearch(options as never)],
  ['serper search', (options) => serperSearch(options as never)],
];

function configurationError(build: () => unknown): ConfigurationError {
  try {
    build();
  } catch (error) {
    if (ConfigurationError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a ConfigurationError');
}

/** A fetch that fails the test if anything calls it: construction must never send a request. */
const noFetch = (() => {
  throw new Error('no request may be sent');
}) as unknown as typeof fetch;

describe.each(keyed)('%s construction', (component, factory) => {
  it.each([undefined, '', '   ', 42])(
    'refuses apiKey %j before any request, naming provider and option',
    (apiKey) => {
      const error = configurationError(() => factory({ apiKey, fetch: noFetch }));
      expect(error).toMatchObject({ component, option: 'apiKey', code: 'CONFIGURATION', retryable: false });
      expect(error.message).toContain(component);
      expect(error.message).toContain('apiKey');
    },
  );

  it('refuses a call without options, naming apiKey', () => {
    expect(configurationError(() => factory(undefined as never))).toMatchObject({
      option: 'apiKey',
    });
  });

  it.each([
    ['baseUrl', 'not a url'],
    ['baseUrl', 'file:///etc/passwd'],
    ['timeoutMs', 0],
    ['timeoutMs', Number.NaN],
    ['maxRetries', -1],
    ['maxRetries', 1.5],
    ['maxRetries', 11],
  ])('refuses %s = %j', (option, value) => {
    expect(configurationError(() => factory({ apiKey: 'k', fetch: noFetch, [option]: value }))).toMatchObject(
      {
        component,
        option,
      },
    );
  });

  it('refuses a bad limit or a blank query when searching, before any request', async () => {
    const provider = factory({ apiKey: 'k', fetch: noFetch });
    expect(provider.ignoresQuery).toBeUndefined();
    await expect(provider.search('ada', { limit: 0 })).rejects.toMatchObject({ option: 'limit' });
    await expect(provider.search('ada', { limit: 101 })).rejects.toMatchObject({ option: 'limit' });
    await expect(provider.search('ada', { limit: 2.5 })).rejects.toMatchObject({ option: 'limit' });
    await expect(provider.search('  ', { limit: 3 })).rejects.toMatchObject({ option: 'query' });
  });
});

describe('searxng search construction', () => {
  it.each([undefined, '', 'localhost:8888', 'ftp://example.org'])('refuses baseUrl %j', (baseUrl) => {
    expect(configurationError(() => searxngSearch({ baseUrl } as never))).toMatchObject({
      component: 'searxng search',
      option: 'baseUrl',
    });
  });

  it('refuses a blank apiKey and empty lists, but needs no key', () => {
    expect(
      configurationError(() => searxngSearch({ baseUrl: 'http://localhost:8888', apiKey: ' ' })),
    ).toMatchObject({
      option: 'apiKey',
    });
    expect(
      configurationError(() => searxngSearch({ baseUrl: 'http://localhost:8888', engines: [] })),
    ).toMatchObject({
      option: 'engines',
    });
    expect(
      configurationError(() =>
        searxngSearch({ baseUrl: 'http://localhost:8888', categories: ['general', ''] }),
      ),
    ).toMatchObject({ option: 'categories[1]' });
    expect(searxngSearch({ baseUrl: 'http://localhost:8888' }).name).toBe('searxng');
  });
});

describe('the key in requests', () => {
  it('sends the key trimmed, through the injected fetch', async () => {
    const seen: Headers[] = [];
    const recordingFetch = (async (_input: unknown, init?: RequestInit) => {
      seen.push(new Headers(init?.headers));
      return new Response(JSON.stringify({ organic: [] }), { status: 200 });
    }) as typeof fetch;
    await serperSearch({ apiKey: '  padded-key \n', fetch: recordingFetch }).search('ada', { limit: 3 });
    expect(seen[0]?.get('x-api-key')).toBe('padded-key');
  });
});
