import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { braveSearch, SearchProviderError, searxngSearch } from '../../src/search/index.js';

const KEY = 'BSA-secret-key-0123456789';
const servers: Server[] = [];

async function serve(handler: Parameters<typeof createServer>[1]): Promise<{ url: string; seen: string[] }> {
  const seen: string[] = [];
  const server = createServer((request, response) => {
    seen.push(JSON.stringify(request.headers));
    handler?.(request, response);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

describe('search requests', () => {
  it('never follow a redirect, so the key headers stay with the configured endpoint', async () => {
    const elsewhere = await serve((_request, response) => response.end('{}'));
    const endpoint = await serve((_request, response) => {
      response.writeHead(302, { location: `${elsewhere.url}/steal` }).end();
    });
    const error = await braveSearch({ apiKey: KEY, baseUrl: endpoint.url, maxRetries: 0 })
      .search('ada lovelace', { limit: 2 })
      .catch((caught: unknown) => caught);
    expect(SearchProviderError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ kind: 'bad-request', retryable: false, statusCode: 302 });
    expect(elsewhere.seen).toEqual([]);
  });

  it('refuse a base URL with a user name or password at construction, without echoing it', () => {
    const build = () => searxngSearch({ baseUrl: 'https://admin:hunter2secret@search.example.org' });
    expect(build).toThrow(expect.objectContaining({ code: 'CONFIGURATION', option: 'baseUrl' }));
    expect(() => build()).not.toThrow(/hunter2secret/);
  });
});
