import { afterEach, describe, expect, it } from 'vitest';
import { tavilySearch } from '../../src/search/index.js';
import {
  type FakeSearchServer,
  providerError,
  startFakeSearchServer,
} from '../helpers/fake-search-server.js';

const KEY = 'tvly-dev-0123456789abcdef';
let server: FakeSearchServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('tavilySearch', () => {
  it('POSTs the query with a Bearer key and max_results, without paying for answers or raw content', async () => {
    server = await startFakeSearchServer({ provider: 'tavily' });
    const search = tavilySearch({ apiKey: KEY, baseUrl: server.baseUrl, searchDepth: 'advanced' });
    await search.search('ada lovelace', { limit: 30 });

    const [request] = server.requests;
    expect(request).toMatchObject({ method: 'POST', path: '/search' });
    expect(request?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.body).toEqual({
      query: 'ada lovelace',
      max_results: 20,
      search_depth: 'advanced',
      topic: 'general',
      include_answer: false,
      include_raw_content: false,
      include_images: false,
    });
    expect(search.name).toBe('tavily');
  });

  it('maps results[] (content becomes the snippet) and keeps at most `limit`', async () => {
    server = await startFakeSearchServer({
      provider: 'tavily',
      script: [
        {
          hits: [
            { url: 'https://example.org/a', title: 'A', snippet: 'alpha' },
            { url: 'mailto:ada@example.org', title: 'Mail' },
            { url: 'https://example.org/b', title: 'B', snippet: 'beta' },
          ],
        },
      ],
    });
    const search = tavilySearch({ apiKey: KEY, baseUrl: server.baseUrl });
    expect(await search.search('ada', { limit: 5 })).toEqual([
      { url: 'https://example.org/a', title: 'A', snippet: 'alpha' },
      { url: 'https://example.org/b', title: 'B', snippet: 'beta' },
    ]);
    expect(await search.search('ada', { limit: 1 })).toHaveLength(1);
    expect(server.requests[1]?.body).toMatchObject({ max_results: 1 });
  });

  it.each([
    [432, 'credit limit'],
    [433, 'pay-as-you-go limit'],
  ])('does not retry a plan limit (HTTP %i)', async (status, words) => {
    server = await startFakeSearchServer({
      provider: 'tavily',
      script: [
        {
          status,
          json: providerError('tavily', status, '', "This request exceeds your plan's set usage limit."),
        },
      ],
    });
    await expect(
      tavilySearch({ apiKey: KEY, baseUrl: server.baseUrl }).search('ada', { limit: 3 }),
    ).rejects.toMatchObject({
      kind: 'rate-limit',
      statusCode: status,
      retryable: false,
      message: expect.stringMatching(
        new RegExp(`^tavily search: .*${words}.*HTTP ${status} This request exceeds`),
      ),
    });
    expect(server.requests).toHaveLength(1);
  });
});
