import { afterEach, describe, expect, it } from 'vitest';
import { SearchProviderError, searxngSearch } from '../../src/search/index.js';
import { type FakeSearchServer, startFakeSearchServer } from '../helpers/fake-search-server.js';

let server: FakeSearchServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('searxngSearch', () => {
  it('asks GET /search with format=json and the options, without auth unless given a key', async () => {
    server = await startFakeSearchServer({ provider: 'searxng' });
    const search = searxngSearch({
      baseUrl: server.baseUrl,
      categories: ['general', 'science'],
      language: 'en',
    });
    await search.search('ada lovelace', { limit: 2 });

    const [request] = server.requests;
    expect(request).toMatchObject({ method: 'GET', path: '/search' });
    expect(Object.fromEntries(request?.query ?? [])).toEqual({
      q: 'ada lovelace',
      format: 'json',
      pageno: '1',
      categories: 'general,science',
      language: 'en',
    });
    expect(request?.headers.authorization).toBeUndefined();
    expect(search.name).toBe('searxng');
  });

  it('sends apiKey as a Bearer token, for instances behind an authenticating proxy', async () => {
    server = await startFakeSearchServer({ provider: 'searxng' });
    await searxngSearch({ baseUrl: server.baseUrl, apiKey: 'proxy-token-42' }).search('ada', { limit: 2 });
    expect(server.requests[0]?.headers.authorization).toBe('Bearer proxy-token-42');
  });

  it('keeps a path in baseUrl, for instances served under one', async () => {
    server = await startFakeSearchServer({ provider: 'searxng' });
    // The fake answers only /search, so a kept path shows up as a 404 naming the endpoint.
    const search = searxngSearch({ baseUrl: `${server.baseUrl}/searx`, maxRetries: 0 });
    await expect(search.search('ada', { limit: 2 })).rejects.toMatchObject({
      kind: 'bad-request',
      statusCode: 404,
      message: expect.stringContaining(
        `no search endpoint at ${server.baseUrl}/searx/search; check \`baseUrl\``,
      ),
    });
    expect(server.requests[0]?.path).toBe('/searx/search');
  });

  it('maps results[] (content becomes the snippet) and cuts the page to `limit`', async () => {
    server = await startFakeSearchServer({
      provider: 'searxng',
      script: [
        {
          hits: [
            { url: 'https://example.org/a', title: 'A', snippet: 'first' },
            { url: 'javascript:alert(1)', title: 'Script' },
            { url: 'https://example.org/b', title: 'B', snippet: 'second' },
            { url: 'https://example.org/c', title: 'C', snippet: 'third' },
          ],
        },
      ],
    });
    expect(await searxngSearch({ baseUrl: server.baseUrl }).search('ada', { limit: 2 })).toEqual([
      { url: 'https://example.org/a', title: 'A', snippet: 'first' },
      { url: 'https://example.org/b', title: 'B', snippet: 'second' },
    ]);
  });

  it('explains a 403: JSON is not enabled in settings.yml', async () => {
    server = await startFakeSearchServer({
      provider: 'searxng',
      script: [
        {
          status: 403,
          body: '<html><body>403 Forbidden</body></html>',
          headers: { 'content-type': 'text/html' },
        },
      ],
    });
    const error = await searxngSearch({ baseUrl: server.baseUrl })
      .search('ada', { limit: 2 })
      .catch((caught: unknown) => caught);
    expect(SearchProviderError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ kind: 'auth', statusCode: 403, retryable: false, attempts: 1 });
    expect((error as Error).message).toMatch(
      /^searxng search: .*HTTP 403.*`json` under `search\.formats` in its settings\.yml/,
    );
    expect(server.requests).toHaveLength(1);
  });

  it('says to pass apiKey when an instance asks for credentials', async () => {
    server = await startFakeSearchServer({
      provider: 'searxng',
      script: [{ status: 401, body: 'Unauthorized' }],
    });
    await expect(
      searxngSearch({ baseUrl: server.baseUrl }).search('ada', { limit: 2 }),
    ).rejects.toMatchObject({
      kind: 'auth',
      message: expect.stringContaining('pass `apiKey`'),
    });
  });
});
