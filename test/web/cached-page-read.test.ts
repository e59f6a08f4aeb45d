import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { memoryResearchCache } from '../../src/index.js';
import { readThroughCache } from '../../src/web/cached-page-read.js';
import { createHttpFetcher } from '../../src/web/http/fetch-page.js';
import type { PageOutcome } from '../../src/web/page-outcome.js';
import { readPage } from '../../src/web/read-page.js';
import { createUrlGuard } from '../../src/web/ssrf/ssrf-guard.js';

const page = (url: string, noStore = false): PageOutcome => ({
  ok: true,
  url,
  finalUrl: url,
  strategy: 'http',
  status: 200,
  bytes: 10,
  truncated: false,
  title: 'Lab',
  text: 'Ada Lovelace leads the lab.',
  usedReadability: true,
  ...(noStore ? { noStore: true } : {}),
});
const options = { strategy: 'auto', maxChars: 10_000 };

describe('readThroughCache', () => {
  it('reads a page once, then from the cache (the fragment does not matter)', async () => {
    const cache = { cache: memoryResearchCache(), ttlMs: 60_000 };
    let reads = 0;
    const read = async () => {
      reads += 1;
      return page('https://uni.example/lab');
    };
    await readThroughCache(cache, 'https://uni.example/lab', options, read);
    expect(await readThroughCache(cache, 'https://uni.example/lab#people', options, read)).toEqual(
      page('https://uni.example/lab'),
    );
    expect(reads).toBe(1);
  });

  it('never keeps a failure, nor a page sent with Cache-Control: no-store', async () => {
    const cache = { cache: memoryResearchCache(), ttlMs: 60_000 };
    let reads = 0;
    const failing = async (): Promise<PageOutcome> => {
      reads += 1;
      return { ok: false, url: 'u', strategy: 'http', reason: 'timeout', detail: 'slow' };
    };
    await readThroughCache(cache, 'https://uni.example/a', options, failing);
    await readThroughCache(cache, 'https://uni.example/a', options, failing);
    const private_ = async () => {
      reads += 1;
      return page('https://uni.example/b', true);
    };
    await readThroughCache(cache, 'https://uni.example/b', options, private_);
    await readThroughCache(cache, 'https://uni.example/b', options, private_);
    expect(reads).toBe(4);
  });

  it('marks a page its server sends with Cache-Control: no-store', async () => {
    const server = createServer((request, response) => {
      const noStore = request.url === '/private';
      response.writeHead(200, {
        'content-type': 'text/html',
        ...(noStore ? { 'cache-control': 'private, no-store' } : { 'cache-control': 'max-age=60' }),
      });
      response.end(
        `<html><head><title>Lab</title></head><body><article><p>${'Ada Lovelace leads the analytical engines lab. '.repeat(10)}</p></article></body></html>`,
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const http = createHttpFetcher({ guard: createUrlGuard({ allow: [origin] }), timeoutMs: 5000 });
    try {
      const read = (path: string) =>
        readPage(`${origin}${path}`, {
          strategy: 'http',
          http,
          browser: async () => {
            throw new Error('no browser here');
          },
          maxChars: 10_000,
          signal: new AbortController().signal,
        });
      expect(await read('/private')).toMatchObject({ ok: true, noStore: true });
      expect(await read('/public')).not.toHaveProperty('noStore');
    } finally {
      await http.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
