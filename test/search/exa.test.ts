import { afterEach, describe, expect, it } from 'vitest';
import { exaSearch } from '../../src/search/index.js';
import {
  type FakeSearchServer,
  startFakeSearchServer,
  successAnswer,
} from '../helpers/fake-search-server.js';

const KEY = 'exa-0123456789abcdef';
let server: FakeSearchServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('exaSearch', () => {
  it('POSTs the query with x-api-key, numResults and short highlights', async () => {
    server = await startFakeSearchServer({ provider: 'exa' });
    const search = exaSearch({ apiKey: KEY, baseUrl: server.baseUrl });
    await search.search('ada lovelace', { limit: 6 });

    const [request] = server.requests;
    expect(request).toMatchObject({ method: 'POST', path: '/search' });
    expect(request?.headers['x-api-key']).toBe(KEY);
    expect(request?.body).toEqual({
      query: 'ada lovelace',
      type: 'auto',
      numResults: 6,
      contents: { highlights: { maxCharacters: 500 } },
    });
    expect(search.name).toBe('exa');
  });

  it('takes text as the snippet when present, else the highlights, else nothing; a null title is ""', async () => {
    const answer = successAnswer('exa', [
      { url: 'https://example.org/a', title: 'A', snippet: 'highlighted sentence' },
      { url: 'https://example.org/b', title: null },
      { url: 'https://example.org/c', title: 'C', snippet: 'unused highlight' },
    ]) as { results: Record<string, unknown>[] };
    answer.results[1] = { ...answer.results[1], highlights: undefined };
    answer.results[2] = { ...answer.results[2], text: 'The full text.' };
    server = await startFakeSearchServer({ provider: 'exa', script: [{ json: answer }] });

    expect(await exaSearch({ apiKey: KEY, baseUrl: server.baseUrl }).search('ada', { limit: 5 })).toEqual([
      { url: 'https://example.org/a', title: 'A', snippet: 'highlighted sentence' },
      { url: 'https://example.org/b', title: '', snippet: '' },
      { url: 'https://example.org/c', title: 'C', snippet: 'The full text.' },
    ]);
  });
});
