import { afterEach, describe, expect, it } from 'vitest';
import { serperSearch } from '../../src/search/index.js';
import { type FakeSearchServer, startFakeSearchServer } from '../helpers/fake-search-server.js';

const KEY = 'serper-0123456789abcdef';
let server: FakeSearchServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('serperSearch', () => {
  it('POSTs q with X-API-KEY, num rounded up to the next ten, and gl/hl', async () => {
    server = await startFakeSearchServer({ provider: 'serper' });
    const search = serperSearch({ apiKey: KEY, baseUrl: server.baseUrl, gl: 'uk', hl: 'en' });
    await search.search('ada lovelace', { limit: 5 });
    await search.search('ada lovelace', { limit: 11 });
    await search.search('ada lovelace', { limit: 100 });

    const [first, second, third] = server.requests;
    expect(first).toMatchObject({ method: 'POST', path: '/search' });
    expect(first?.headers['x-api-key']).toBe(KEY);
    expect(first?.body).toEqual({ q: 'ada lovelace', num: 10, gl: 'uk', hl: 'en' });
    expect(second?.body).toMatchObject({ num: 20 });
    expect(third?.body).toMatchObject({ num: 100 });
    expect(search.name).toBe('serper');
  });

  it('maps organic[] (link is the URL), keeps at most `limit`, and reads a missing organic as none', async () => {
    server = await startFakeSearchServer({
      provider: 'serper',
      script: [
        {
          hits: [
            { url: 'https://example.org/a', title: 'A', snippet: 'alpha' },
            { url: '/relative/path', title: 'Relative' },
            { url: 'https://example.org/b', title: 'B', snippet: 'beta' },
            { url: 'https://example.org/c', title: 'C', snippet: 'gamma' },
          ],
        },
        { json: { searchParameters: { q: 'zzz' }, credits: 1 } },
      ],
    });
    const search = serperSearch({ apiKey: KEY, baseUrl: server.baseUrl });
    expect(await search.search('ada', { limit: 2 })).toEqual([
      { url: 'https://example.org/a', title: 'A', snippet: 'alpha' },
      { url: 'https://example.org/b', title: 'B', snippet: 'beta' },
    ]);
    expect(await search.search('zzz', { limit: 2 })).toEqual([]);
  });
});
