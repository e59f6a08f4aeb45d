import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGzip } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ConfigurationError } from '../../../src/core/errors/configuration-error.js';
import { type BrowserPool, createBrowserPool } from '../../../src/web/browser/browser-pool.js';
import {
  type ReadPageInBrowserOptions,
  type RefusedRequests,
  readPageInBrowser,
} from '../../../src/web/browser/read-page-in-browser.js';
import { createHttpFetcher, type HttpFetcher } from '../../../src/web/http/fetch-page.js';
import type { PageOutcome } from '../../../src/web/page-outcome.js';
import { createUrlGuard, type HostLookup, type UrlGuard } from '../../../src/web/ssrf/ssrf-guard.js';
import { waitForNoChromiumProcesses } from '../../helpers/chromium-processes.js';
import { FIXTURE_FACTS, type FixtureSite, startFixtureSite } from '../../helpers/fixture-site.js';

const INNER_MARKER = 'relative script resolved against the final URL';
const SUBRESOURCE_MARKER = 'text fetched through two allowed redirects';
const CSP_MARKER = 'readable under a strict Content-Security-Policy';
const LATE_DATA_MARKER = 'data that arrived 600 ms after the page loaded';
/** The smallest valid GIF: what an image request would load if it were not skipped. */
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///ywAAAAAAQABAAACAUwAOw==', 'base64');
const PROSE =
  'The analytical engine separated the store, which held numbers, from the mill, which operated on them, and read its program from punched cards. ';
const BOMB_PAGE_MARKER = 'a page whose gzip body decodes to hundreds of megabytes';
/** What the gzip bombs decode to: 300 MB, from about 300 KB on the wire. */
const BOMB_DECODED_BYTES = 300 * 1024 * 1024;
/** Growth of this process's RSS a bounded read stays far below (reading one bomb whole adds 300-600 MB). */
const RSS_GROWTH_LIMIT = 100 * 1024 * 1024;

/** A gzip body that decodes to `prefix` then spaces, BOMB_DECODED_BYTES in all; built as a stream. */
async function gzipBomb(prefix: string): Promise<Buffer> {
  const gzip = createGzip({ level: 9 });
  const chunks: Buffer[] = [];
  gzip.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = once(gzip, 'end');
  const spaces = Buffer.alloc(1024 * 1024, 0x20);
  gzip.write(prefix);
  for (let written = prefix.length; written < BOMB_DECODED_BYTES; written += spaces.length) {
    if (!gzip.write(spaces)) await once(gzip, 'drain');
  }
  gzip.end();
  await ended;
  return Buffer.concat(chunks);
}

/**
 * Pages the fixture site lacks, served from a second allowed origin: redirects of subresources, a
 * relative script after a redirect, channels Chromium uses without asking request routing, a
 * strict CSP, a popup, a meta refresh to an allowed redirect chain.
 */
async function startExtraPages(site: FixtureSite) {
  const canary = site.canary.origin;
  const canaryWs = canary.replace(/^http:/, 'ws:');
  const page = (title: string, body: string, head = '') =>
    `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title>${head}</head><body>${body}</body></html>`;
  const prose = `<p>${PROSE.repeat(3)}</p>`;
  const canaryPort = new URL(canary).port;
  const bomb = await gzipBomb(
    page('A gzip bomb', `<main><h1>Bomb</h1><p>This is ${BOMB_PAGE_MARKER}.</p>${prose}</main>`),
  );
  const html: Record<string, () => { body: string; headers?: Record<string, string> }> = {
    '/subresource-redirects': () => ({
      body: page(
        'Subresources that redirect',
        `<main>${prose}<div id="out"></div>
<p>The illustration <span id="image-state">is still loading</span>.</p>
<img src="/r/image.gif" alt="" onload="document.getElementById('image-state').textContent = 'was loaded'"
  onerror="document.getElementById('image-state').textContent = 'was skipped'">
<iframe src="${site.url('/redirect/to-canary')}"></iframe>
<script>
fetch('/r/to-canary').catch(() => {});
fetch('/r/chain').then((response) => response.text()).then((text) => {
  const p = document.createElement('p'); p.textContent = text; document.getElementById('out').append(p);
});
</script></main>`,
        `<link rel="stylesheet" href="${site.url('/redirect/to-canary')}"><script src="${site.url('/redirect/to-canary-late')}"></script>`,
      ),
    }),
    '/pages/inner': () => ({
      body: page('Inner page', `<main>${prose}<div id="inner"></div></main><script src="inner.js"></script>`),
    }),
    '/speculation': () => ({
      body: page(
        'Speculation rules',
        `<main>${prose}</main><script type="speculationrules">${JSON.stringify({
          prefetch: [{ source: 'list', urls: [`${canary}/speculative-prefetch`] }],
          prerender: [{ source: 'list', urls: [`${canary}/speculative-prerender`] }],
        })}</script>`,
        `<link rel="preconnect" href="${canary}"><link rel="dns-prefetch" href="${canary}">`,
      ),
    }),
    '/worker-websocket': () => ({
      body: page(
        'A worker opens a WebSocket',
        `<main>${prose}</main><script>
const source = "try { new WebSocket('${canaryWs}/from-worker'); } catch (error) {}";
new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })));
</script>`,
      ),
    }),
    '/popup': () => ({
      body: page(
        'Popups',
        `<main>${prose}</main><script>window.open('${canary}/popup'); window.open('/pages/inner');</script>`,
      ),
    }),
    '/csp': () => ({
      body: page('Strict CSP', `<main><h1>Policy</h1><p>This page is ${CSP_MARKER}.</p>${prose}</main>`),
      headers: { 'content-security-policy': "script-src 'none'; object-src 'none'" },
    }),
    '/late-data': () => ({
      body: page(
        'Data arrives late',
        `<main>${prose}<p id="late">Loading…</p></main><script>
fetch('/r/late-data').then((response) => response.text()).then((text) => { document.getElementById('late').textContent = text; });
</script>`,
      ),
    }),
    '/hang-after-load': () => ({
      body: page(
        'Hangs once loaded',
        `<main>${prose}</main><script>
addEventListener('DOMContentLoaded', () => setTimeout(() => { while (true) {} }, 0));
</script>`,
      ),
    }),
    '/bomb-fetch': () => ({
      body: page(
        'A script fetches a gzip bomb',
        `<main>${prose}<p id="bomb">Waiting for the bomb.</p></main><script>
const out = document.getElementById('bomb');
fetch('/r/bomb').then((response) => response.text()).then(
  (text) => { out.textContent = 'The bomb was read: ' + text.length + ' characters.'; },
  () => { out.textContent = 'The bomb fetch failed.'; },
);
</script>`,
      ),
    }),
    '/rebind-fetch': () => ({
      body: page(
        'A script fetches a name that rebinds',
        `<main>${prose}<p id="rebind">Waiting.</p></main><script>
const out = document.getElementById('rebind');
fetch('http://rebind.test:${canaryPort}/stolen').then(
  () => { out.textContent = 'The rebinding fetch was answered.'; },
  () => { out.textContent = 'The rebinding fetch failed.'; },
);
</script>`,
      ),
    }),
    '/meta-to-award': () => ({
      body: page(
        'Moved',
        '<p>Moving.</p>',
        `<meta http-equiv="refresh" content="0;url=${site.url('/redirect/chain')}">`,
      ),
    }),
  };
  const requests: string[] = [];
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://extra.invalid').pathname;
    requests.push(`${request.method} ${path}`);
    const redirects: Record<string, string> = {
      '/r/to-canary': `${canary}/via-subresource`,
      '/r/chain': '/r/hop',
      '/r/hop': '/r/text',
      '/redirect-to-inner': '/pages/inner',
    };
    const target = redirects[path];
    if (target) {
      response.writeHead(302, { location: target }).end();
    } else if (path === '/bomb' || path === '/r/bomb') {
      // Sent gzip whatever the client accepts: the client must decode it, and must stop at its cap.
      response
        .writeHead(200, {
          'content-type': path === '/bomb' ? 'text/html; charset=utf-8' : 'text/plain; charset=utf-8',
          'content-encoding': 'gzip',
          'content-length': String(bomb.byteLength),
        })
        .end(bomb);
    } else if (path === '/r/image.gif') {
      response.writeHead(200, { 'content-type': 'image/gif' }).end(GIF);
    } else if (path === '/r/late-data') {
      setTimeout(
        () => response.writeHead(200, { 'content-type': 'text/plain' }).end(`${LATE_DATA_MARKER}.`),
        600,
      );
    } else if (path === '/r/text') {
      response.writeHead(200, { 'content-type': 'text/plain' }).end(`${SUBRESOURCE_MARKER}. ${PROSE}`);
    } else if (path === '/pages/inner.js') {
      response
        .writeHead(200, { 'content-type': 'text/javascript' })
        .end(
          `document.getElementById('inner').textContent = ${JSON.stringify(`${INNER_MARKER}. ${PROSE}`)};`,
        );
    } else if (html[path]) {
      const { body, headers } = html[path]();
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...headers }).end(body);
    } else {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    requests,
    url: (path: string) => new URL(path, origin).href,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

let site: FixtureSite;
let extra: Awaited<ReturnType<typeof startExtraPages>>;
let guard: UrlGuard;
let http: HttpFetcher;
let pool: BrowserPool;

beforeAll(async () => {
  site = await startFixtureSite();
  extra = await startExtraPages(site);
  guard = createUrlGuard({ allow: [site.origin, extra.origin] });
  http = createHttpFetcher({ guard, timeoutMs: 10_000 });
  // The default executable search (no executablePath): it finds the system Chromium here.
  pool = createBrowserPool();
});

/** TCP connections to the canary that tests with egress 'direct' measured (and asserted) themselves. */
let measuredDirectConnections = 0;

afterEach(() => {
  // Every test, SSRF or not: nothing may ever reach the canary, not even a bare TCP connection
  // (only the 'direct' egress tests below, which measure that on purpose).
  expect(site.canary.requests).toEqual([]);
  expect(site.canary.connections).toBe(measuredDirectConnections);
});

afterAll(async () => {
  await pool.close();
  await http.close();
  await extra.close();
  await site.close();
  expect(await waitForNoChromiumProcesses()).toEqual([]);
});

function read(url: string, options: Partial<ReadPageInBrowserOptions> = {}): Promise<PageOutcome> {
  return readPageInBrowser(pool, url, { guard, http, timeoutMs: 10_000, ...options });
}

function expectRead(outcome: PageOutcome): asserts outcome is Extract<PageOutcome, { ok: true }> {
  if (!outcome.ok) expect.fail(`expected text, got ${outcome.reason}: ${outcome.detail}`);
}

describe('readPageInBrowser: reading', () => {
  it('reads a static page: title, name kept beside Readability, no site chrome', async () => {
    const url = site.url('/faculty/ada-lovelace');
    const outcome = await read(url);
    expectRead(outcome);
    expect(outcome).toMatchObject({ url, finalUrl: url, strategy: 'browser', status: 200, truncated: false });
    expect(outcome.bytes).toBeGreaterThan(1000);
    expect(outcome.title).toContain('Ada Lovelace');
    expect(outcome.text).toContain(FIXTURE_FACTS.title);
    expect(outcome.text).toContain(FIXTURE_FACTS.researchInterest);
    expect(outcome.text).not.toContain('We use cookies');
    expect(outcome.usedReadability).toBe(true);
    // The context was closed: its slot is free.
    expect(pool.openContexts).toBe(0);
  });

  it('settles until the data a script is fetching has arrived (within settleMs)', async () => {
    const outcome = await read(extra.url('/late-data'), { settleMs: 5000 });
    expectRead(outcome);
    expect(outcome.text).toContain(LATE_DATA_MARKER);
  });

  it('reads a page whose text exists only after its script runs', async () => {
    const outcome = await read(site.url('/lab'));
    expectRead(outcome);
    expect(outcome.text).toContain(FIXTURE_FACTS.labMarker);
  });

  it('follows a same-site redirect chain itself, reports the final URL, and fetches the final page once', async () => {
    const before = site.requests.filter((request) => request === 'GET /news/award').length;
    const outcome = await read(site.url('/redirect/chain'));
    expectRead(outcome);
    expect(outcome.finalUrl).toBe(site.url('/news/award'));
    expect(outcome.text).toContain(FIXTURE_FACTS.awardMarker);
    expect(site.requests.filter((request) => request === 'GET /news/award').length - before).toBe(1);
  });

  it('navigates to the final URL, so relative URLs in the page resolve against it', async () => {
    const outcome = await read(extra.url('/redirect-to-inner'));
    expectRead(outcome);
    expect(outcome.finalUrl).toBe(extra.url('/pages/inner'));
    expect(outcome.text).toContain(INNER_MARKER);
    expect(extra.requests).toContain('GET /pages/inner.js');
  });

  it('follows a meta refresh to an allowed redirect chain and reads where it ends', async () => {
    const outcome = await read(extra.url('/meta-to-award'));
    expectRead(outcome);
    expect(outcome.finalUrl).toBe(site.url('/news/award'));
    expect(outcome.text).toContain(FIXTURE_FACTS.awardMarker);
  });

  it('extracts on a page whose Content-Security-Policy forbids every script', async () => {
    const outcome = await read(extra.url('/csp'));
    expectRead(outcome);
    expect(outcome.text).toContain(CSP_MARKER);
    expect(outcome.usedReadability).toBe(true);
  });

  it('cuts a huge document at maxBytes and says so', async () => {
    const outcome = await read(site.url('/huge'), { maxBytes: 256 * 1024 });
    expectRead(outcome);
    expect(outcome).toMatchObject({ truncated: true, bytes: 256 * 1024 });
    expect(outcome.text.length).toBeLessThanOrEqual(10_000);
  });

  it('opens one page at a time by default', async () => {
    const first = read(site.url('/news/award'));
    const second = read(site.url('/faculty/ada-lovelace'));
    expect(pool.openContexts).toBe(1);
    expect(pool.waiting).toBe(1);
    const outcomes = await Promise.all([first, second]);
    expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, true]);
    expect(pool.openContexts).toBe(0);
  });
});

describe('readPageInBrowser: pages it skips', () => {
  it.each([
    ['/missing', 'http-status', /HTTP 404/],
    ['/paper.pdf', 'not-html', /application\/pdf/],
    ['/download', 'not-html', /application\/octet-stream|attachment/],
    ['/json', 'not-html', /application\/json/],
    ['/tiny', 'too-little-text', /characters of readable text/],
  ] as const)('%s -> %s', async (path, reason, detail) => {
    const outcome = await read(site.url(path));
    expect(outcome).toMatchObject({ ok: false, url: site.url(path), strategy: 'browser', reason });
    expect(outcome.ok || outcome.detail).toMatch(detail);
  });

  it('returns by its deadline even when the page stops yielding after it loaded (evaluate never returns)', async () => {
    const outcome = await read(extra.url('/hang-after-load'), { timeoutMs: 2000 });
    expect(outcome).toMatchObject({ ok: false, reason: 'timeout' });
    await vi.waitFor(() => expect(pool.openContexts).toBe(0), { timeout: 5000 });
  });

  it.each(['/slow', '/endless-js'])(
    '%s times out, and its context is closed so the next page reads',
    async (path) => {
      const outcome = await read(site.url(path), { timeoutMs: 2000 });
      expect(outcome).toMatchObject({ ok: false, reason: 'timeout' });
      // Closing the context ends even a renderer stuck in `while (true) {}`.
      await vi.waitFor(() => expect(pool.openContexts).toBe(0), { timeout: 5000 });
      expectRead(await read(site.url('/news/award')));
    },
  );
});

describe('readPageInBrowser: SSRF', () => {
  it.each([
    ['/redirect/to-canary', (canary: string) => `redirect to ${canary}/stolen refused`],
    ['/redirect/to-canary-late', (canary: string) => `redirect to ${canary}/stolen refused`],
    ['/redirect/to-metadata', () => 'redirect to http://169.254.169.254/latest/meta-data/ refused'],
  ] as const)('%s is blocked at the refused hop', async (path, detail) => {
    const outcome = await read(site.url(path));
    expect(outcome).toMatchObject({ ok: false, reason: 'blocked' });
    expect(outcome.ok || outcome.detail).toContain(detail(site.canary.origin));
    expect(site.canary.requests).toEqual([]);
  });

  it('refuses a page at a refused address without contacting it', async () => {
    const outcome = await read(`${site.canary.origin}/direct`);
    expect(outcome).toMatchObject({ ok: false, reason: 'blocked' });
    expect(site.canary.requests).toEqual([]);
  });

  it('reads the hostile page while refusing every channel to the canary, and reports the refusals', async () => {
    const refused: RefusedRequests[] = [];
    const outcome = await read(site.url('/hostile/subresources'), {
      onRequestsRefused: (info) => refused.push(info),
    });
    expectRead(outcome);
    expect(outcome.text).toContain(FIXTURE_FACTS.hostileMarker);
    expect(outcome.text).not.toContain(FIXTURE_FACTS.canarySecret);
    expect(site.canary.requests).toEqual([]);
    // Stylesheet, script, prefetch hint, iframe, fetch, WebSocket, beacon (images are skipped unasked).
    expect(refused).toHaveLength(1);
    expect(refused[0]?.count).toBeGreaterThanOrEqual(6);
    expect(refused[0]?.first.url.startsWith(site.canary.origin)).toBe(true);
  });

  it.each(['/hostile/meta-refresh', '/hostile/js-redirect'])(
    '%s: the navigation to the canary is refused and reported as blocked, never read',
    async (path) => {
      const outcome = await read(site.url(path));
      expect(outcome).toMatchObject({ ok: false, reason: 'blocked' });
      expect(outcome.ok || outcome.detail).toContain(site.canary.origin);
      expect(site.canary.requests).toEqual([]);
    },
  );

  it('checks every redirect hop of subresources too, and still follows allowed ones', async () => {
    const outcome = await read(extra.url('/subresource-redirects'));
    expectRead(outcome);
    expect(outcome.text).toContain(SUBRESOURCE_MARKER);
    expect(extra.requests).toEqual(
      expect.arrayContaining(['GET /r/to-canary', 'GET /r/chain', 'GET /r/text']),
    );
    // Images are never fetched, allowed or not: the page saw its image fail at once.
    expect(outcome.text).toContain('The illustration was skipped');
    expect(site.canary.requests).toEqual([]);
  });

  it("keeps speculation-rules prefetches and preconnects (Chromium's own connections) away from the canary", async () => {
    expectRead(await read(extra.url('/speculation')));
    expect(site.canary.requests).toEqual([]);
    expect(site.canary.connections).toBe(0);
  });

  it('keeps a WebSocket opened by a worker (which request routing never sees) away from the canary', async () => {
    expectRead(await read(extra.url('/worker-websocket')));
    expect(site.canary.requests).toEqual([]);
    expect(site.canary.connections).toBe(0);
  });

  it("refuses a popup's navigation to the canary and reads the page that opened it", async () => {
    const outcome = await read(extra.url('/popup'));
    expectRead(outcome);
    expect(outcome.finalUrl).toBe(extra.url('/popup'));
    expect(site.canary.requests).toEqual([]);
  });
});

/** The growth of this process's RSS, at its highest while `work` ran, over its RSS before. */
async function peakRssGrowth<T>(work: () => Promise<T>): Promise<{ result: T; growth: number }> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage().rss);
  };
  const sampler = setInterval(sample, 10);
  try {
    const result = await work();
    sample();
    return { result, growth: peak - before };
  } finally {
    clearInterval(sampler);
  }
}

describe('readPageInBrowser: gzip bombs', () => {
  beforeAll(async () => {
    // Launch the browser first, so its start-up is not counted as the bomb's memory.
    expectRead(await read(site.url('/news/award')));
  });

  it('stops decoding a page that is a gzip bomb at maxBytes, and reads what it kept', async () => {
    const maxBytes = 256 * 1024;
    const { result: outcome, growth } = await peakRssGrowth(() => read(extra.url('/bomb'), { maxBytes }));
    expectRead(outcome);
    expect(outcome).toMatchObject({ truncated: true, bytes: maxBytes });
    expect(outcome.text).toContain(BOMB_PAGE_MARKER);
    expect(growth).toBeLessThan(RSS_GROWTH_LIMIT);
  });

  it("stops decoding a script's fetch of a gzip bomb at the request cap, and fails that fetch", async () => {
    const { result: outcome, growth } = await peakRssGrowth(() =>
      read(extra.url('/bomb-fetch'), { settleMs: 5000 }),
    );
    expectRead(outcome);
    expect(outcome.text).toContain('The bomb fetch failed.');
    expect(growth).toBeLessThan(RSS_GROWTH_LIMIT);
  });
});

describe('readPageInBrowser: DNS rebinding', () => {
  /**
   * A guard whose lookup answers `rebind.test` with 127.0.0.1 (allowed on any port) when a URL is
   * checked, and with the canary's 127.0.0.2 every time after: a name that rebinds between the
   * check and the connection.
   */
  function rebinding() {
    const answers: string[] = [];
    const lookup: HostLookup = async (hostname) => {
      if (hostname !== 'rebind.test') return [];
      const address = answers.length === 0 ? '127.0.0.1' : '127.0.0.2';
      answers.push(address);
      return [{ address, family: 4 }];
    };
    const rebindingGuard = createUrlGuard({ allow: [site.origin, extra.origin, '127.0.0.1'], lookup });
    return { guard: rebindingGuard, http: createHttpFetcher({ guard: rebindingGuard }), answers };
  }

  it('refuses the main document at connect time when its name rebinds to the canary after the check', async () => {
    const canaryPort = new URL(site.canary.origin).port;
    const names = rebinding();
    try {
      const outcome = await read(`http://rebind.test:${canaryPort}/stolen`, names);
      expect(outcome).toMatchObject({ ok: false, reason: 'blocked' });
      expect(outcome.ok || outcome.detail).toBe(
        `connection to http://rebind.test:${canaryPort}/ refused: rebind.test resolves to 127.0.0.2: 127.0.0.2 is a loopback address`,
      );
      expect(names.answers).toEqual(['127.0.0.1', '127.0.0.2']);
    } finally {
      await names.http.close();
    }
  });

  it("refuses a script's fetch at connect time when its name rebinds to the canary, and reports it", async () => {
    const canaryPort = new URL(site.canary.origin).port;
    const names = rebinding();
    const refused: RefusedRequests[] = [];
    try {
      const outcome = await read(extra.url('/rebind-fetch'), {
        ...names,
        settleMs: 5000,
        onRequestsRefused: (info) => refused.push(info),
      });
      expectRead(outcome);
      expect(outcome.text).toContain('The rebinding fetch failed.');
      expect(names.answers).toEqual(['127.0.0.1', '127.0.0.2']);
      expect(refused).toEqual([
        {
          url: extra.url('/rebind-fetch'),
          first: {
            url: `http://rebind.test:${canaryPort}/stolen`,
            reason: 'rebind.test resolves to 127.0.0.2: 127.0.0.2 is a loopback address',
          },
          count: 1,
        },
      ]);
    } finally {
      await names.http.close();
    }
  });

  it('connects to the very address the guard checked, for the document and for its scripts', async () => {
    // The system resolver has never heard of this name: only the guard's lookup knows it, so the
    // page and its script load only if every connection goes to the address the guard returned.
    const lookup: HostLookup = async (hostname) =>
      hostname === 'extra.alias.test' ? [{ address: '127.0.0.1', family: 4 }] : [];
    const aliased = createUrlGuard({ allow: ['127.0.0.1'], lookup });
    const fetcher = createHttpFetcher({ guard: aliased });
    const port = new URL(extra.origin).port;
    try {
      const outcome = await read(`http://extra.alias.test:${port}/redirect-to-inner`, {
        guard: aliased,
        http: fetcher,
      });
      expectRead(outcome);
      expect(outcome.finalUrl).toBe(`http://extra.alias.test:${port}/pages/inner`);
      expect(outcome.text).toContain(INNER_MARKER);
    } finally {
      await fetcher.close();
    }
  });
});

describe('readPageInBrowser: aborting and options', () => {
  it('rejects with the abort reason mid-page, after closing the context', async () => {
    const slowRequests = () => site.requests.filter((request) => request === 'GET /slow').length;
    const before = slowRequests();
    const controller = new AbortController();
    const reading = read(site.url('/slow'), { signal: controller.signal });
    // Mid-page: the browser side is waiting for the document that never ends.
    await vi.waitFor(() => expect(slowRequests()).toBe(before + 1), { timeout: 10_000 });
    expect(pool.openContexts).toBe(1);
    const reason = new Error('deadline');
    controller.abort(reason);
    await expect(reading).rejects.toBe(reason);
    expect(pool.openContexts).toBe(0);
  });

  it('rejects at once, opening nothing, when the signal has already fired', async () => {
    const reason = new Error('already');
    await expect(read(site.url('/news/award'), { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(pool.openContexts).toBe(0);
  });

  it('refuses unusable options before opening anything', async () => {
    await expect(read(site.url('/tiny'), { timeoutMs: 0 })).rejects.toThrow(ConfigurationError);
    await expect(read(site.url('/tiny'), { maxChars: 10 })).rejects.toThrow(/maxChars/);
    await expect(read(site.url('/tiny'), { userAgent: 'bad\r\nheader: x' })).rejects.toThrow(/userAgent/);
    await expect(
      readPageInBrowser(pool, site.url('/tiny'), {} as unknown as ReadPageInBrowserOptions),
    ).rejects.toThrow(/guard/);
  });
});

describe("readPageInBrowser: request routing alone (egress 'direct')", () => {
  // Without the refusing proxy, the route guard is the only layer: it must still keep every HTTP
  // request away from the canary. Chromium's own preconnect when a navigation starts (an iframe,
  // a meta refresh) can then open a bare TCP connection, sending nothing: measured, not asserted away.
  let direct: BrowserPool;
  beforeAll(() => {
    direct = createBrowserPool({ egress: 'direct' });
  });
  afterAll(async () => {
    await direct.close();
  });

  it.each([
    ['/hostile/subresources', true],
    ['/hostile/meta-refresh', false],
    ['/hostile/js-redirect', false],
    ['/redirect/to-canary-late', false],
  ] as const)('%s: no request reaches the canary', async (path, readable) => {
    const before = site.canary.connections;
    const outcome = await readPageInBrowser(direct, site.url(path), { guard, http });
    expect(outcome.ok).toBe(readable);
    expect(site.canary.requests).toEqual([]);
    const opened = site.canary.connections - before;
    measuredDirectConnections += opened;
    // Measured: one bare connection when the page itself starts a navigation to the canary (iframe,
    // meta refresh, script); none for a redirect, which is followed in Node and never reaches Chromium.
    expect(opened).toBeLessThanOrEqual(path === '/redirect/to-canary-late' ? 0 : 1);
  });

  it('checks every redirect hop of subresources without the proxy too', async () => {
    const before = site.canary.connections;
    const outcome = await readPageInBrowser(direct, extra.url('/subresource-redirects'), { guard, http });
    expectRead(outcome);
    expect(outcome.text).toContain(SUBRESOURCE_MARKER);
    expect(site.canary.requests).toEqual([]);
    measuredDirectConnections += site.canary.connections - before;
  });
});
