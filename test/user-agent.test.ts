import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, it } from 'vitest';
import { ArxivClient } from '../src/papers/arxiv/arxiv-client.js';
import { searxngSearch } from '../src/search/searxng.js';
import { VERSION } from '../src/version.js';
import { DEFAULT_USER_AGENT } from '../src/web/user-agent.js';

it('search, arXiv and the scraper introduce themselves with one User-Agent', async () => {
  const seen = new Map<string, string | undefined>();
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    seen.set(path, request.headers['user-agent']);
    if (path === '/search') {
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"results":[]}');
    } else {
      response
        .writeHead(200, { 'content-type': 'application/atom+xml' })
        .end(
          '<feed xmlns="http://www.w3.org/2005/Atom" xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/"><opensearch:totalResults>0</opensearch:totalResults><opensearch:startIndex>0</opensearch:startIndex></feed>',
        );
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    await searxngSearch({ baseUrl: origin }).search('ada lovelace', { limit: 5 });
    await new ArxivClient({ baseUrl: `${origin}/api/query`, minRequestIntervalMs: 0 }).search({
      author: 'Ada Lovelace',
    });
    expect(seen.get('/search')).toBe(DEFAULT_USER_AGENT);
    expect(seen.get('/api/query')).toBe(DEFAULT_USER_AGENT);
    expect(DEFAULT_USER_AGENT).toBe(
      `scribe-pipeline/${VERSION} (+https://github.com/scribe-pipeline/scribe-pipeline)`,
    );
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});
