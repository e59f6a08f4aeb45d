// A hostile page that fires many large fetch() calls at once: at most six are fetched at a time,
// the page's byte budget stops the rest, and the refusals are counted.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type BrowserPool, createBrowserPool } from '../../../src/web/browser/browser-pool.js';
import { type RefusedRequests, readPageInBrowser } from '../../../src/web/browser/read-page-in-browser.js';
import { MAX_PAGE_BYTES, MAX_PAGE_REQUESTS_IN_FLIGHT } from '../../../src/web/browser/route-guard.js';
import { createHttpFetcher, type HttpFetcher } from '../../../src/web/http/fetch-page.js';
import { createUrlGuard } from '../../../src/web/ssrf/ssrf-guard.js';

const FETCHES = 60;
const CHUNK = 1024 * 1024;
let server: Server;
let origin: string;
let pool: BrowserPool;
let http: HttpFetcher;
let inFlight = 0;
let maxInFlight = 0;
let bytesServed = 0;

beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url === '/') {
      const prose =
        '<p>The analytical engine read its program from punched cards, and Ada Lovelace wrote about it. </p>'.repeat(
          5,
        );
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end(`<!doctype html><html><head><title>Fan-out</title></head><body><main>${prose}</main>
<script>for (let i = 0; i < ${FETCHES}; i += 1) fetch('/big?' + i).catch(() => {});</script></body></html>`);
      return;
    }
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    response.on('close', () => {
      inFlight -= 1;
    });
    response.writeHead(200, { 'content-type': 'application/octet-stream' });
    bytesServed += CHUNK;
    // Slowly, so requests overlap if nothing holds them back.
    setTimeout(() => response.end(Buffer.alloc(CHUNK, 0x61)), 30);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  pool = createBrowserPool({ executablePath: '/usr/bin/chromium' });
  http = createHttpFetcher({ guard: createUrlGuard({ allow: [origin] }), timeoutMs: 10_000 });
});

afterAll(async () => {
  await Promise.all([pool?.close(), http?.close()]);
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
});

it('fetches at most six of a page’s requests at once and refuses what passes its byte budget', async () => {
  const refused: RefusedRequests[] = [];
  const outcome = await readPageInBrowser(pool, `${origin}/`, {
    guard: createUrlGuard({ allow: [origin] }),
    http,
    timeoutMs: 20_000,
    settleMs: 3000,
    onRequestsRefused: (report) => refused.push(report),
  });
  expect(outcome).toMatchObject({ ok: true });
  expect(maxInFlight).toBeGreaterThan(1);
  expect(maxInFlight).toBeLessThanOrEqual(MAX_PAGE_REQUESTS_IN_FLIGHT);
  // The budget, plus what the requests already in flight when it ran out brought.
  expect(bytesServed).toBeLessThanOrEqual(MAX_PAGE_BYTES + MAX_PAGE_REQUESTS_IN_FLIGHT * CHUNK);
  expect(refused[0]?.first.reason).toMatch(/byte budget is spent/);
  expect(refused[0]?.count).toBeGreaterThan(0);
});
