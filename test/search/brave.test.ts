import { afterEach, describe, expect, it } from 'vitest';
import { fitBraveQuery } from '../../src/search/brave.js';
import { braveSearch, SearchProviderError } from '../../src/search/index.js';
import {
  type FakeSearchServer,
  providerError,
  startFakeSearchServer,
} from '../helpers/fake-search-server.js';

const KEY = 'BSA-test-key-0123456789';
let server: FakeSearchServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('braveSearch', () => {
  it('sends the token as X-Subscription-Token and asks for `limit` results with the options', async () => {
    server = await startFakeSearchServer({ provider: 'brave' });
    const search = braveSearch({ apiKey: KEY, baseUrl: server.baseUrl, country: 'gb', searchLang: 'en' });
    await search.search('ada lovelace analytical engine', { limit: 4 });

    const [request] = server.requests;
    expect(request).toMatchObject({ method: 'GET', path: '/res/v1/web/search' });
    expect(request?.headers['x-subscription-token']).toBe(KEY);
    expect(request?.headers.authorization).toBeUndefined();
    expect(Object.fromEntries(request?.query ?? [])).toEqual({
      q: 'ada lovelace analytical engine',
      count: '4',
      country: 'gb',
      search_lang: 'en',
    });
    expect(search.name).toBe('brave');
  });

  it('asks for at most 20, Brave’s cap, and keeps at most `limit`', async () => {
    const hits = Array.from({ length: 25 }, (_, index) => ({
      url: `https://example.org/${index}`,
      title: `${index}`,
    }));
    server = await startFakeSearchServer({ provider: 'brave', script: [{ hits }] });
    const search = braveSearch({ apiKey: KEY, baseUrl: server.baseUrl });
    expect(await search.search('ada', { limit: 50 })).toHaveLength(25);
    expect(server.requests[0]?.query.get('count')).toBe('20');
    expect(await search.search('ada', { limit: 7 })).toHaveLength(7);
  });

  it('maps web.results[]: description becomes plain text, hits without an http(s) URL are dropped', async () => {
    server = await startFakeSearchServer({
      provider: 'brave',
      script: [
        {
          hits: [
            {
              url: 'https://lab.example.org/',
              title: 'Lab &amp; <b>team</b>',
              snippet: 'The <strong>engine</strong>\n notes',
            },
            { url: 'ftp://files.example.org/notes.txt', title: 'Notes' },
            { url: null, title: 'No URL' },
            { url: 'not a url', title: 'Broken' },
            { url: 'http://example.org/people/ada', title: null },
          ],
        },
      ],
    });
    const results = await braveSearch({ apiKey: KEY, baseUrl: server.baseUrl }).search('ada', { limit: 10 });
    expect(results).toEqual([
      { url: 'https://lab.example.org/', title: 'Lab & team', snippet: 'The engine notes' },
      { url: 'http://example.org/people/ada', title: '', snippet: '' },
    ]);
  });

  it('answers no results when Brave leaves `web` out', async () => {
    server = await startFakeSearchServer({
      provider: 'brave',
      script: [{ json: { type: 'search', query: {} } }],
    });
    expect(await braveSearch({ apiKey: KEY, baseUrl: server.baseUrl }).search('zzz', { limit: 5 })).toEqual(
      [],
    );
  });

  it('reads a 422 SUBSCRIPTION_TOKEN_INVALID as a refused key, and a 422 VALIDATION as a bad request', async () => {
    server = await startFakeSearchServer({
      provider: 'brave',
      script: [
        {
          status: 422,
          json: providerError('brave', 422, 'SUBSCRIPTION_TOKEN_INVALID', 'The token is invalid.'),
        },
        {
          status: 422,
          json: providerError('brave', 422, 'VALIDATION', 'Unable to validate request parameter(s)'),
        },
      ],
    });
    const search = braveSearch({ apiKey: KEY, baseUrl: server.baseUrl });
    const refused = await search.search('ada', { limit: 3 }).catch((error: unknown) => error);
    expect(SearchProviderError.isInstance(refused) && refused.message).toBe(
      'brave search: the API key was refused (HTTP 422 SUBSCRIPTION_TOKEN_INVALID)',
    );
    expect(refused).toMatchObject({ kind: 'auth', retryable: false });
    await expect(search.search('ada', { limit: 3 })).rejects.toMatchObject({
      kind: 'bad-request',
      retryable: false,
      message: 'brave search: the request was refused (HTTP 422 VALIDATION)',
    });
    expect(server.requests).toHaveLength(2);
  });

  it('cuts a query to Brave’s 50 words and 400 characters, at a word boundary', async () => {
    const long = Array.from({ length: 60 }, (_, index) => `word${index}`).join(' ');
    expect(fitBraveQuery(long).split(' ')).toHaveLength(50);
    const wide = Array.from({ length: 45 }, () => 'abcdefghij').join(' ');
    const fitted = fitBraveQuery(wide);
    expect(fitted.length).toBeLessThanOrEqual(400);
    expect(fitted.endsWith('abcdefghij')).toBe(true);
    expect(fitBraveQuery('x'.repeat(500))).toHaveLength(400);
    expect(fitBraveQuery('  ada   lovelace ')).toBe('ada lovelace');

    server = await startFakeSearchServer({ provider: 'brave' });
    await braveSearch({ apiKey: KEY, baseUrl: server.baseUrl }).search(long, { limit: 3 });
    expect(server.requests[0]?.query.get('q')?.split(' ')).toHaveLength(50);
  });
});
