import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGzip } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ConfigurationError } from '../../../src/core/errors/configuration-error.js';
import { VERSION } from '../../../src/version.js';
import { createHttpFetcher, type HttpFetcher } from '../../../src/web/http/fetch-page.js';
import { createUrlGuard, type HostLookup } from '../../../src/web/ssrf/ssrf-guard.js';
import { DEFAULT_USER_AGENT } from '../../../src/web/user-agent.js';
import {
  FIXTURE_FACTS,
  type FixtureSite,
  HUGE_PAGE_BYTES,
  startFixtureSite,
} from '../../helpers/fixture-site.js';

/** A one-off server for what the fixture site does not serve (headers seen, charsets, loops). */
async function startScriptedServer(handle: (request: IncomingMessage, response: ServerResponse) => void) {
  const seen: IncomingMessage[] = [];
  /** The body of each request, in order, as text. */
  const bodies: string[] = [];
  const server = createServer((request, response) => {
    seen.push(request);
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      bodies.push(Buffer.concat(chunks).toString());
      handle(request, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    seen,
    bodies,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

let site: FixtureSite;
const opened: HttpFetcher[] = [];

/** A fetcher whose guard allows exactly the fixture origin (plus `allow`), closed after each test. */
function fetcherFor(
  options: { allow?: string[]; lookup?: HostLookup; timeoutMs?: number; maxBytes?: number } = {},
) {
  const { allow = [], lookup, ...rest } = options;
  const fetcher = createHttpFetcher({
    guard: createUrlGuard({ allow: [site.origin, ...allow], lookup }),
    ...rest,
  });
  opened.push(fetcher);
  return fetcher;
}

function expectCanaryUntouched() {
  expect(site.canary.requests).toEqual([]);
  expect(site.canary.connections).toBe(0);
}

beforeAll(async () => {
  site = await startFixtureSite();
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((fetcher) => fetcher.close()));
});
afterAll(async () => {
  expectCanaryUntouched();
  await site.close();
});

describe('createHttpFetcher: pages', () => {
  it('reads a static page', async () => {
    const page = await fetcherFor().fetchPage(site.url('/faculty/ada-lovelace'));
    if (!page.ok) throw new Error(page.detail);
    expect(page.finalUrl).toBe(site.url('/faculty/ada-lovelace'));
    expect(page.status).toBe(200);
    expect(page.contentType).toBe('text/html; charset=utf-8');
    expect(page.html).toContain(`<h1>${FIXTURE_FACTS.name}</h1>`);
    expect(page.bytes).toBe(Buffer.byteLength(page.html));
    expect(page.truncated).toBe(false);
  });

  it('follows a same-site redirect chain and reports the final URL', async () => {
    const page = await fetcherFor().fetchPage(site.url('/redirect/chain'));
    if (!page.ok) throw new Error(page.detail);
    expect(page.url).toBe(site.url('/redirect/chain'));
    expect(page.finalUrl).toBe(site.url('/news/award'));
    expect(page.html).toContain(FIXTURE_FACTS.awardMarker);
    expect(site.requests).toEqual(
      expect.arrayContaining(['GET /redirect/chain', 'GET /redirect/hop2', 'GET /news/award']),
    );
  });

  it('skips a 404 as http-status', async () => {
    const page = await fetcherFor().fetchPage(site.url('/missing'));
    expect(page).toMatchObject({ ok: false, reason: 'http-status', status: 404 });
  });

  it.each(['/paper.pdf', '/download', '/json'])('skips %s as not-html', async (path) => {
    const page = await fetcherFor().fetchPage(site.url(path));
    expect(page).toMatchObject({ ok: false, reason: 'not-html', status: 200 });
    if (!page.ok)
      expect(page.detail).toMatch(
        /^content type (application\/pdf|application\/octet-stream|application\/json) from /,
      );
  });

  it('never reads the body of a non-HTML answer: it drops the connection instead', async () => {
    let resolveClosed: () => void = () => {};
    const closed = new Promise<void>((resolve) => {
      resolveClosed = resolve;
    });
    const chunk = Buffer.alloc(64 * 1024, 0x25);
    const total = 16 * 1024 * 1024;
    let sent = 0;
    // A 16 MB PDF streamed with backpressure: a client that read it (even to decide) would take
    // all of it, since the cap below is larger; one that never reads leaves it stalled.
    const server = await startScriptedServer((_request, response) => {
      response.on('close', resolveClosed);
      response.writeHead(200, { 'content-type': 'application/pdf' });
      const pump = () => {
        while (!response.destroyed && sent < total) {
          sent += chunk.length;
          if (!response.write(chunk)) return;
        }
        if (sent >= total) response.end();
      };
      response.on('drain', pump);
      pump();
    });
    try {
      const fetcher = fetcherFor({ allow: [server.origin], maxBytes: 32 * 1024 * 1024 });
      await expect(fetcher.fetchPage(`${server.origin}/paper.pdf`)).resolves.toMatchObject({
        reason: 'not-html',
      });
      expect(sent).toBeLessThan(total / 2);
      await closed;
    } finally {
      await server.close();
    }
  });

  it('stops reading /huge at maxBytes, cancels the stream and marks the page truncated', async () => {
    const page = await fetcherFor().fetchPage(site.url('/huge'));
    if (!page.ok) throw new Error(page.detail);
    expect(page.truncated).toBe(true);
    expect(page.bytes).toBe(2 * 1024 * 1024);
    expect(page.html.length).toBe(2 * 1024 * 1024);
    // A fetcher that buffered the whole page would have received all of it before returning.
    expect(site.hugeBytesSent).toBeLessThan(8 * 1024 * 1024);
    expect(site.hugeBytesSent).toBeLessThan(HUGE_PAGE_BYTES / 2);
  });

  it('drops the connection once the cap is reached, instead of leaving the body half-read', async () => {
    let resolveClosed: () => void = () => {};
    const closed = new Promise<void>((resolve) => {
      resolveClosed = resolve;
    });
    const chunk = Buffer.from('<p>more</p>\n'.repeat(5000));
    const server = await startScriptedServer((_request, response) => {
      response.on('close', resolveClosed);
      response.writeHead(200, { 'content-type': 'text/html' });
      const pump = () => {
        while (!response.destroyed && response.write(chunk)) {}
      };
      response.on('drain', pump);
      pump();
    });
    try {
      const fetcher = fetcherFor({ allow: [server.origin], maxBytes: 64 * 1024, timeoutMs: 120_000 });
      await expect(fetcher.fetchPage(`${server.origin}/endless`)).resolves.toMatchObject({ truncated: true });
      // Only a cancelled stream closes the socket: a reader merely released would hold it open.
      await closed;
    } finally {
      await server.close();
    }
  });

  it('honours a smaller maxBytes', async () => {
    const page = await fetcherFor({ maxBytes: 64 * 1024 }).fetchPage(site.url('/huge'));
    expect(page).toMatchObject({ ok: true, bytes: 64 * 1024, truncated: true });
  });

  it('times out on a page that never finishes, with reason timeout', async () => {
    const page = await fetcherFor({ timeoutMs: 300 }).fetchPage(site.url('/slow'));
    expect(page).toMatchObject({ ok: false, reason: 'timeout', detail: 'no complete answer within 300 ms' });
  });

  it("rejects with the caller's abort reason, not a page failure", async () => {
    const controller = new AbortController();
    const before = site.requests.filter((request) => request === 'GET /slow').length;
    const pending = fetcherFor({ timeoutMs: 120_000 }).fetchPage(site.url('/slow'), {
      signal: controller.signal,
    });
    // Abort once the server holds the request, so the abort lands mid-body, not before sending.
    await vi.waitFor(() => {
      expect(site.requests.filter((request) => request === 'GET /slow').length).toBe(before + 1);
    });
    const reason = new Error('run cancelled');
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
  });

  it('rejects at once when the signal is already aborted', async () => {
    const reason = new Error('already cancelled');
    const count = site.requests.length;
    await expect(
      fetcherFor().fetchPage(site.url('/faculty/ada-lovelace'), { signal: AbortSignal.abort(reason) }),
    ).rejects.toBe(reason);
    expect(site.requests.length).toBe(count);
  });
});

describe('createHttpFetcher: SSRF', () => {
  it('refuses a redirect to the canary without touching it', async () => {
    const page = await fetcherFor().fetchPage(site.url('/redirect/to-canary'));
    expect(page).toMatchObject({ ok: false, reason: 'blocked' });
    if (!page.ok) {
      expect(page.detail).toBe(
        `redirect to ${site.canary.origin}/stolen refused: 127.0.0.2 is a loopback address`,
      );
    }
    expectCanaryUntouched();
  });

  it('refuses a forbidden hop late in a chain', async () => {
    const page = await fetcherFor().fetchPage(site.url('/redirect/to-canary-late'));
    expect(page).toMatchObject({ ok: false, reason: 'blocked' });
    expect(site.requests).toEqual(
      expect.arrayContaining(['GET /redirect/to-canary-late', 'GET /redirect/to-canary']),
    );
    expectCanaryUntouched();
  });

  it('refuses a redirect to the cloud metadata address', async () => {
    const page = await fetcherFor().fetchPage(site.url('/redirect/to-metadata'));
    expect(page).toMatchObject({ ok: false, reason: 'blocked' });
    if (!page.ok)
      expect(page.detail).toMatch(
        /^redirect to http:\/\/169\.254\.169\.254\/latest\/meta-data\/ refused: .*link-local/,
      );
  });

  it('refuses the canary asked for directly, and non-http schemes', async () => {
    const fetcher = fetcherFor();
    await expect(fetcher.fetchPage(`${site.canary.origin}/`)).resolves.toMatchObject({ reason: 'blocked' });
    await expect(fetcher.fetchPage('file:///etc/passwd')).resolves.toMatchObject({ reason: 'blocked' });
    await expect(fetcher.fetchPage('not a url')).resolves.toMatchObject({ reason: 'blocked' });
    expectCanaryUntouched();
  });

  it('refuses at connect time a name that rebinds to the canary after the check', async () => {
    const canaryPort = new URL(site.canary.origin).port;
    const answers: string[] = [];
    // Allowed at check time (127.0.0.1 is allowed on any port), the canary's address a moment later.
    const lookup: HostLookup = async () => {
      const address = answers.length === 0 ? '127.0.0.1' : '127.0.0.2';
      answers.push(address);
      return [{ address, family: 4 }];
    };
    const fetcher = fetcherFor({ allow: ['127.0.0.1'], lookup });
    const page = await fetcher.fetchPage(`http://rebind.test:${canaryPort}/stolen`);
    expect(page).toMatchObject({ ok: false, reason: 'blocked' });
    if (!page.ok) {
      expect(page.detail).toBe(
        `connection to http://rebind.test:${canaryPort}/ refused: rebind.test resolves to 127.0.0.2: 127.0.0.2 is a loopback address`,
      );
    }
    expect(answers).toEqual(['127.0.0.1', '127.0.0.2']);
    expectCanaryUntouched();
  });

  it('connects to the very address the guard checked, never to a fresh lookup', async () => {
    // The system resolver has never heard of this name: only the guard's lookup knows it, so the
    // page loads only if the socket goes to the address the connect-time check returned.
    const lookup: HostLookup = async (hostname) =>
      hostname === 'faculty.alias.test' ? [{ address: '127.0.0.1', family: 4 }] : [];
    const port = new URL(site.origin).port;
    const page = await fetcherFor({ allow: ['127.0.0.1'], lookup }).fetchPage(
      `http://faculty.alias.test:${port}/faculty/ada-lovelace`,
    );
    expect(page).toMatchObject({ ok: true, status: 200 });
  });

  it('refuses at connect time a name that was public when checked', async () => {
    let calls = 0;
    const lookup: HostLookup = async () => {
      calls += 1;
      return [{ address: calls === 1 ? '93.184.215.14' : '127.0.0.2', family: 4 }];
    };
    const page = await fetcherFor({ lookup }).fetchPage('http://rebind.test/');
    expect(page).toMatchObject({ ok: false, reason: 'blocked' });
    if (!page.ok)
      expect(page.detail).toMatch(/^connection to http:\/\/rebind\.test\/ refused: .*127\.0\.0\.2/);
    expect(calls).toBe(2);
  });
});

describe('createHttpFetcher: headers, charsets and failures', () => {
  it('sends the honest User-Agent, or the host override', async () => {
    const server = await startScriptedServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' }).end('<p>hello</p>');
    });
    try {
      await fetcherFor({ allow: [server.origin] }).fetchPage(`${server.origin}/`);
      const guard = createUrlGuard({ allow: [server.origin] });
      const custom = createHttpFetcher({ guard, userAgent: 'acme-outreach/2.0 (+mailto:ops@acme.test)' });
      opened.push(custom);
      await custom.fetchPage(`${server.origin}/`);
      expect(server.seen.map((request) => request.headers['user-agent'])).toEqual([
        DEFAULT_USER_AGENT,
        'acme-outreach/2.0 (+mailto:ops@acme.test)',
      ]);
      expect(DEFAULT_USER_AGENT).toBe(
        `scribe-pipeline/${VERSION} (+https://github.com/scribe-pipeline/scribe-pipeline)`,
      );
    } finally {
      await server.close();
    }
  });

  it('decodes by the header charset, then <meta charset>, then UTF-8', async () => {
    const bodies: Record<string, { type: string; body: Buffer }> = {
      '/header': { type: 'text/html; charset=ISO-8859-1', body: Buffer.from('<p>caf\xe9</p>', 'latin1') },
      '/meta': {
        type: 'text/html',
        body: Buffer.from(
          '<html><head><meta charset="windows-1252"></head><p>\x93quoted\x94 caf\xe9</p>',
          'latin1',
        ),
      },
      '/http-equiv': {
        type: 'text/html',
        body: Buffer.from(
          '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><p>na\xefve</p>',
          'latin1',
        ),
      },
      '/default': { type: 'text/html', body: Buffer.from('<p>café ☕</p>', 'utf8') },
      '/bogus-label': {
        type: 'text/html; charset=x-no-such-charset',
        body: Buffer.from('<p>café</p>', 'utf8'),
      },
    };
    const server = await startScriptedServer((request, response) => {
      const entry = bodies[request.url ?? ''];
      if (entry === undefined) return void response.writeHead(404).end();
      response.writeHead(200, { 'content-type': entry.type }).end(entry.body);
    });
    try {
      const fetcher = fetcherFor({ allow: [server.origin] });
      const html = async (path: string) => {
        const page = await fetcher.fetchPage(`${server.origin}${path}`);
        if (!page.ok) throw new Error(page.detail);
        return page.html;
      };
      expect(await html('/header')).toBe('<p>café</p>');
      expect(await html('/meta')).toContain('<p>“quoted” café</p>');
      expect(await html('/http-equiv')).toContain('<p>naïve</p>');
      expect(await html('/default')).toBe('<p>café ☕</p>');
      expect(await html('/bogus-label')).toBe('<p>café</p>');
    } finally {
      await server.close();
    }
  });

  it('sniffs a body without a content type: HTML passes, anything else is not-html', async () => {
    const server = await startScriptedServer((request, response) => {
      // No Content-Type at all (Node adds none unless told).
      response.writeHead(200);
      response.end(
        request.url === '/html' ? '\n<!DOCTYPE html><title>t</title><p>hi</p>' : '%PDF-1.4 binary',
      );
    });
    try {
      const fetcher = fetcherFor({ allow: [server.origin] });
      await expect(fetcher.fetchPage(`${server.origin}/html`)).resolves.toMatchObject({
        ok: true,
        contentType: '',
      });
      await expect(fetcher.fetchPage(`${server.origin}/other`)).resolves.toMatchObject({
        reason: 'not-html',
      });
    } finally {
      await server.close();
    }
  });

  it('gives up after maxRedirects hops', async () => {
    const server = await startScriptedServer((request, response) => {
      const hop = Number(new URL(request.url ?? '/', 'http://x').searchParams.get('hop') ?? 0);
      response.writeHead(302, { location: `/loop?hop=${hop + 1}` }).end();
    });
    try {
      const page = await fetcherFor({ allow: [server.origin] }).fetchPage(`${server.origin}/loop`);
      expect(page).toMatchObject({ ok: false, reason: 'network', detail: 'more than 5 redirects' });
      expect(server.seen).toHaveLength(6);
    } finally {
      await server.close();
    }
  });

  it('reports a refused connection as network', async () => {
    const server = await startScriptedServer(() => {});
    await server.close();
    const page = await fetcherFor({ allow: [server.origin] }).fetchPage(`${server.origin}/`);
    expect(page).toMatchObject({ ok: false, reason: 'network' });
    if (!page.ok) expect(page.detail).toContain('ECONNREFUSED');
  });

  it('fetches any text with fetchText (robots.txt), capped', async () => {
    const fetcher = fetcherFor();
    const robots = await fetcher.fetchText(site.url('/robots.txt'));
    expect(robots).toMatchObject({ ok: true, status: 200, text: 'User-agent: *\nDisallow: /private/\n' });
    await expect(fetcher.fetchText(site.url('/huge'), { maxBytes: 1000 })).resolves.toMatchObject({
      ok: true,
      bytes: 1000,
      truncated: true,
    });
  });

  it('refuses unusable options when built', () => {
    const guard = createUrlGuard();
    expect(() => createHttpFetcher({ guard, timeoutMs: 0 })).toThrow(ConfigurationError);
    expect(() => createHttpFetcher({ guard, maxBytes: 10 })).toThrow(ConfigurationError);
    expect(() => createHttpFetcher({ guard, maxRedirects: 11 })).toThrow(ConfigurationError);
    expect(() => createHttpFetcher({ guard, userAgent: 'bad\r\nx-injected: 1' })).toThrow(ConfigurationError);
  });
});

/** A gzip body that decodes to `decodedBytes` spaces (about 1/1000 of that on the wire). */
async function gzipOfSpaces(decodedBytes: number): Promise<Buffer> {
  const gzip = createGzip({ level: 9 });
  const chunks: Buffer[] = [];
  gzip.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = once(gzip, 'end');
  const spaces = Buffer.alloc(1024 * 1024, 0x20);
  for (let written = 0; written < decodedBytes; written += spaces.length) {
    if (!gzip.write(spaces)) await once(gzip, 'drain');
  }
  gzip.end();
  await ended;
  return Buffer.concat(chunks);
}

describe('createHttpFetcher: fetchRaw', () => {
  it('returns any status and type as bytes with headers, cookies kept apart', async () => {
    const server = await startScriptedServer((_request, response) => {
      response.setHeader('set-cookie', ['a=1; Path=/', 'b=2; Path=/']);
      response
        .writeHead(404, { 'content-type': 'application/pdf', 'x-note': 'kept' })
        .end('%PDF-1.4 missing');
    });
    try {
      const raw = await fetcherFor({ allow: [server.origin] }).fetchRaw(`${server.origin}/x.pdf`, {
        maxBytes: 1024,
      });
      if (!raw.ok) throw new Error(raw.detail);
      expect(raw).toMatchObject({ status: 404, contentType: 'application/pdf', bytes: 16, truncated: false });
      expect(Buffer.from(raw.body).toString()).toBe('%PDF-1.4 missing');
      expect(raw.headers['x-note']).toBe('kept');
      expect(raw.headers['set-cookie']).toBe('a=1; Path=/\nb=2; Path=/');
      expect(server.seen[0]?.headers.accept).toBe('*/*');
    } finally {
      await server.close();
    }
  });

  it('passes method, headers and body on; 307 keeps them, 303 makes a bodiless GET', async () => {
    const server = await startScriptedServer((request, response) => {
      const path = request.url ?? '/';
      if (path === '/form') response.writeHead(307, { location: '/kept' }).end();
      else if (path === '/kept') response.writeHead(303, { location: '/result' }).end();
      else response.writeHead(200, { 'content-type': 'text/plain' }).end('done');
    });
    try {
      const raw = await fetcherFor({ allow: [server.origin] }).fetchRaw(`${server.origin}/form`, {
        maxBytes: 1024,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-requested-with': 'page', 'user-agent': 'spoofed' },
        body: Buffer.from('{"q":1}'),
      });
      expect(raw).toMatchObject({ ok: true, status: 200, finalUrl: `${server.origin}/result` });
      expect(server.seen.map((request) => `${request.method} ${request.url}`)).toEqual([
        'POST /form',
        'POST /kept',
        'GET /result',
      ]);
      expect(server.bodies).toEqual(['{"q":1}', '{"q":1}', '']);
      expect(server.seen.map((request) => request.headers['content-type'])).toEqual([
        'application/json',
        'application/json',
        undefined,
      ]);
      expect(server.seen.map((request) => request.headers['x-requested-with'])).toEqual([
        'page',
        'page',
        'page',
      ]);
      // The User-Agent is always the fetcher's own, whatever the caller passes.
      expect(new Set(server.seen.map((request) => request.headers['user-agent']))).toEqual(
        new Set([DEFAULT_USER_AGENT]),
      );
    } finally {
      await server.close();
    }
  });

  it("drops a page's Authorization and Cookie when a redirect leaves the origin", async () => {
    const other = await startScriptedServer((_request, response) => response.writeHead(204).end());
    const server = await startScriptedServer((request, response) => {
      if (request.url === '/same') response.writeHead(302, { location: '/away' }).end();
      else response.writeHead(302, { location: `${other.origin}/landing` }).end();
    });
    try {
      const fetcher = fetcherFor({ allow: [server.origin, other.origin] });
      const raw = await fetcher.fetchRaw(`${server.origin}/same`, {
        maxBytes: 1024,
        headers: { authorization: 'Bearer page-token', cookie: 'session=1' },
      });
      expect(raw).toMatchObject({ ok: true, status: 204 });
      expect(server.seen.map((request) => request.headers.authorization)).toEqual([
        'Bearer page-token',
        'Bearer page-token',
      ]);
      expect(server.seen.map((request) => request.headers.cookie)).toEqual(['session=1', 'session=1']);
      expect(other.seen.map((request) => [request.headers.authorization, request.headers.cookie])).toEqual([
        [undefined, undefined],
      ]);
    } finally {
      await Promise.all([server.close(), other.close()]);
    }
  });

  it('returns a 3xx without a Location as the response; a refused hop names its URL and reason', async () => {
    const fetcher = fetcherFor();
    const server = await startScriptedServer((_request, response) => response.writeHead(302).end('bare'));
    try {
      const bare = await fetcherFor({ allow: [server.origin] }).fetchRaw(`${server.origin}/`, {
        maxBytes: 64,
      });
      expect(bare).toMatchObject({ ok: true, status: 302, bytes: 4 });
    } finally {
      await server.close();
    }
    const refused = await fetcher.fetchRaw(site.url('/redirect/to-canary'), { maxBytes: 1024 });
    expect(refused).toMatchObject({
      ok: false,
      reason: 'blocked',
      refused: { url: `${site.canary.origin}/stolen`, reason: '127.0.0.2 is a loopback address' },
    });
    expectCanaryUntouched();
  });

  it("with accept: 'html', takes only a 2xx HTML page and never reads other bodies", async () => {
    const fetcher = fetcherFor();
    await expect(
      fetcher.fetchRaw(site.url('/paper.pdf'), { maxBytes: 1024, accept: 'html' }),
    ).resolves.toMatchObject({ ok: false, reason: 'not-html' });
    await expect(
      fetcher.fetchRaw(site.url('/missing'), { maxBytes: 1024, accept: 'html' }),
    ).resolves.toMatchObject({
      ok: false,
      reason: 'http-status',
      status: 404,
    });
    const page = await fetcher.fetchRaw(site.url('/redirect/chain'), { maxBytes: 1024, accept: 'html' });
    expect(page).toMatchObject({ ok: true, finalUrl: site.url('/news/award'), bytes: 1024, truncated: true });
  });

  it('stops decoding a gzip bomb at maxBytes: the cap counts decoded bytes as they stream', async () => {
    const bomb = await gzipOfSpaces(300 * 1024 * 1024);
    const server = await startScriptedServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip' }).end(bomb);
    });
    try {
      const fetcher = fetcherFor({ allow: [server.origin] });
      const before = process.memoryUsage().rss;
      const raw = await fetcher.fetchRaw(`${server.origin}/bomb`, { maxBytes: 1024 * 1024 });
      const growth = process.memoryUsage().rss - before;
      expect(raw).toMatchObject({ ok: true, bytes: 1024 * 1024, truncated: true });
      if (raw.ok) {
        expect(raw.body.every((byte) => byte === 0x20)).toBe(true);
        // The header still describes the wire: whoever hands the bytes on must drop it.
        expect(raw.headers['content-encoding']).toBe('gzip');
      }
      expect(growth).toBeLessThan(100 * 1024 * 1024);
    } finally {
      await server.close();
    }
  });

  it('refuses a maxBytes out of range', async () => {
    const fetcher = fetcherFor();
    await expect(fetcher.fetchRaw(site.url('/'), { maxBytes: 0 })).rejects.toThrow(ConfigurationError);
    await expect(fetcher.fetchRaw(site.url('/'), { maxBytes: 51 * 1024 * 1024 })).rejects.toThrow(/maxBytes/);
  });
});
