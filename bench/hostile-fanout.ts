// Benchmark: a hostile page that fires 300 fetch() calls of 2 MB at once. Before the route guard's
// per-page limits, Node fetched them all at once and grew by 409 MiB at default settings. Node's
// RSS is sampled every 20 ms while the page is read in Chromium (the headless shell) at the
// default settings; the target is growth <= 64 MiB.
//
//   node --import tsx bench/hostile-fanout.ts
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createBrowserPool } from '../src/web/browser/browser-pool.js';
import { readPageInBrowser } from '../src/web/browser/read-page-in-browser.js';
import { createHttpFetcher } from '../src/web/http/fetch-page.js';
import { createUrlGuard } from '../src/web/ssrf/ssrf-guard.js';
import { assertNoChromiumLeft } from './harness/chromium.js';
import { writeReport } from './harness/results.js';
import { round } from './harness/stats.js';
import { printTable } from './harness/table.js';

const FETCHES = 300;
const BODY = Buffer.alloc(2 * 1024 * 1024, 0x61);
const TARGET_MIB = 64;
const MiB = 1024 * 1024;
let served = 0;

const server = createServer((request, response) => {
  if (request.url === '/') {
    response.writeHead(200, { 'content-type': 'text/html' });
    response.end(`<!doctype html><html><head><title>Fan-out</title></head><body><main>${'<p>Ada Lovelace wrote about the analytical engine and its punched cards. </p>'.repeat(5)}</main>
<script>for (let i = 0; i < ${FETCHES}; i += 1) fetch('/big?' + i).catch(() => {});</script></body></html>`);
    return;
  }
  served += 1;
  response.writeHead(200, { 'content-type': 'application/octet-stream' });
  response.end(BODY);
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const guard = createUrlGuard({ allow: [origin] });
const http = createHttpFetcher({ guard });
const pool = createBrowserPool();
const startedAt = performance.now();
try {
  // Warm: Chromium launched, modules loaded, a first page read, so growth is the page's alone.
  await readPageInBrowser(pool, `${origin}/`, { guard, http, timeoutMs: 15_000 });
  globalThis.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  served = 0;
  const outcome = await readPageInBrowser(pool, `${origin}/`, { guard, http, timeoutMs: 15_000 });
  clearInterval(sampler);
  const growthMiB = (peak - before) / MiB;
  printTable(`A page firing ${FETCHES} fetch() calls of 2 MB, read in Chromium at default settings`, [
    {
      'page read': outcome.ok ? 'ok' : outcome.reason,
      'requests served': served,
      'Node RSS before MiB': round(before / MiB, 1),
      'peak MiB': round(peak / MiB, 1),
      'growth MiB': round(growthMiB, 1),
    },
  ]);
  writeReport({
    benchmark: 'hostile-fanout',
    command: 'node --import tsx bench/hostile-fanout.ts',
    durationMs: performance.now() - startedAt,
    config: { fetches: FETCHES, bodyBytes: BODY.length },
    results: {
      pageOk: outcome.ok,
      requestsServed: served,
      rssBeforeMiB: before / MiB,
      rssPeakMiB: peak / MiB,
      growthMiB,
    },
    targets: [
      {
        target: `hostile fan-out page: Node RSS growth <= ${TARGET_MIB} MiB`,
        measured: `${round(growthMiB, 1)} MiB`,
        met: growthMiB <= TARGET_MIB,
      },
    ],
  });
} finally {
  await Promise.all([pool.close(), http.close()]);
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await assertNoChromiumLeft();
}
