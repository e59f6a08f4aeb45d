import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FIXTURE_FACTS, type FixtureSite, HUGE_PAGE_BYTES, startFixtureSite } from './fixture-site.js';

const HTML = 'text/html; charset=utf-8';

/** Text a reader would see: no scripts, styles or tags, whitespace collapsed. */
function visibleText(html: string): string {
  return html
    .replace(/<(script|style|title)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function between(html: string, open: RegExp, close: string): string {
  const start = html.search(open);
  const end = html.indexOf(close, start);
  if (start < 0 || end < 0) throw new Error(`no ${open} ... ${close} in page`);
  return html.slice(start, end + close.length);
}

async function get(site: FixtureSite, path: string) {
  const response = await fetch(site.url(path), { redirect: 'manual' });
  const body = Buffer.from(await response.arrayBuffer());
  return { status: response.status, headers: response.headers, body, text: body.toString('utf8') };
}

describe('fixture site', () => {
  let site: FixtureSite;
  beforeAll(async () => {
    site = await startFixtureSite();
  });
  afterAll(async () => {
    await site.close();
  });

  it('binds the site on 127.0.0.1 and the canary on 127.0.0.2, on real ports', () => {
    expect(site.origin).toMatch(/^http:\/\/127\.0\.0\.1:[1-9]\d*$/);
    expect(site.canary.origin).toMatch(/^http:\/\/127\.0\.0\.2:[1-9]\d*$/);
    expect(site.url('/lab?x=1')).toBe(`${site.origin}/lab?x=1`);
  });

  it.each([
    ['/robots.txt', 200, 'text/plain; charset=utf-8'],
    ['/faculty/ada-lovelace', 200, HTML],
    ['/lab', 200, HTML],
    ['/news/award', 200, HTML],
    ['/private/notes', 200, HTML],
    ['/missing', 404, HTML],
    ['/no-such-route', 404, HTML],
    ['/paper.pdf', 200, 'application/pdf'],
    ['/download', 200, 'application/octet-stream'],
    ['/redirect/chain', 302, HTML],
    ['/hostile/subresources', 200, HTML],
    ['/hostile/meta-refresh', 200, HTML],
    ['/hostile/js-redirect', 200, HTML],
    ['/endless-js', 200, HTML],
    ['/json', 200, 'application/json; charset=utf-8'],
    ['/tiny', 200, HTML],
  ])('%s answers %i with %s', async (path, status, contentType) => {
    const response = await get(site, path);
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toBe(contentType);
  });

  it('robots.txt disallows /private/ for every agent', async () => {
    expect((await get(site, '/robots.txt')).text).toBe('User-agent: *\nDisallow: /private/\n');
  });

  it('the faculty page keeps the profile header, metadata, chrome and a long article', async () => {
    const { text } = await get(site, '/faculty/ada-lovelace');
    expect(text).toContain(
      '<div class="profile-header"><h1>Dr. Ada Lovelace</h1><p>Professor of Computer Science</p></div>',
    );
    expect(text).toContain('<title>Ada Lovelace | Northbridge University</title>');
    expect(text).toMatch(
      /<meta name="description" content="[^"]*analytical engines and symbolic computation/,
    );
    expect(text).toContain('href="/lab"');
    expect(text).toMatch(/<nav[\s>]/);
    expect(text).toContain('class="cookie-banner"');
    expect(between(text, /<footer/, '</footer>').match(/<a /g)?.length).toBeGreaterThanOrEqual(10);
    const article = visibleText(between(text, /<article/, '</article>'));
    expect(article.length).toBeGreaterThanOrEqual(1500);
    expect(article).toMatch(/2025/);
    expect(article).toMatch(/2026/);
    expect(between(text, /<ul class="publications"/, '</ul>').match(/<li>/g)).toHaveLength(4);
    expect(text).not.toContain(FIXTURE_FACTS.awardMarker);
    expect(text).not.toContain(FIXTURE_FACTS.labMarker);
  });

  it('the lab page shows almost no text without JavaScript; its script holds 800+ characters', async () => {
    const { text } = await get(site, '/lab');
    expect(visibleText(text).length).toBeLessThan(40);
    expect(text).toContain('<div id="app"></div>');
    const script = between(text, /<script>/, '</script>');
    expect(script).toContain('setTimeout');
    expect(script).toContain(FIXTURE_FACTS.labMarker);
    const data = JSON.parse(script.match(/const sections = (\[.*\]);/)?.[1] ?? '[]') as string[][];
    expect(data.flat().join(' ').length).toBeGreaterThanOrEqual(800);
    expect(text.replace(script, '')).not.toContain('Lovelace Lab');
  });

  it('only the award article mentions the award; private notes and hostile text are long enough', async () => {
    const award = visibleText((await get(site, '/news/award')).text);
    expect(award).toContain(FIXTURE_FACTS.awardMarker);
    expect(award.length).toBeGreaterThanOrEqual(600);
    const notes = visibleText((await get(site, '/private/notes')).text);
    expect(notes).toContain(FIXTURE_FACTS.privateMarker);
    expect(notes.length).toBeGreaterThanOrEqual(300);
    const endless = (await get(site, '/endless-js')).text;
    expect(visibleText(endless).length).toBeGreaterThanOrEqual(300);
    expect(endless).toMatch(/<script>while \(true\) \{\}<\/script>\s*<\/body>/);
    expect(visibleText((await get(site, '/tiny')).text).length).toBeLessThan(100);
  });

  it('the 404 page, PDF, download and JSON carry the promised bodies and headers', async () => {
    expect((await get(site, '/missing')).text).toContain('Page not found');
    const pdf = (await get(site, '/paper.pdf')).text;
    expect(pdf.startsWith('%PDF-1.4\n')).toBe(true);
    expect(pdf.trimEnd().endsWith('%%EOF')).toBe(true);
    const xrefOffset = Number(pdf.match(/startxref\n(\d+)\n/)?.[1]);
    expect(pdf.slice(xrefOffset, xrefOffset + 4)).toBe('xref');
    const download = await get(site, '/download');
    expect(download.headers.get('content-disposition')).toBe('attachment; filename="data.bin"');
    expect(download.body.length).toBeGreaterThan(0);
    expect(JSON.parse((await get(site, '/json')).text)).toMatchObject({ name: FIXTURE_FACTS.name });
  });

  it.each([
    ['/redirect/chain', () => '/redirect/hop2'],
    ['/redirect/hop2', () => '/news/award'],
    ['/redirect/to-canary', () => `${site.canary.origin}/stolen`],
    ['/redirect/to-canary-late', () => '/redirect/to-canary'],
    ['/redirect/to-metadata', () => 'http://169.254.169.254/latest/meta-data/'],
  ])('%s redirects with 302', async (path, location) => {
    const response = await get(site, path);
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe(location());
  });

  it('following the chain reaches the award article in two same-site hops', async () => {
    const response = await fetch(site.url('/redirect/chain'));
    expect(response.url).toBe(site.url('/news/award'));
    expect(await response.text()).toContain(FIXTURE_FACTS.awardMarker);
  });

  it('the hostile pages point at the canary through every channel, with its real port', async () => {
    const canary = site.canary.origin;
    const webSocket = canary.replace('http:', 'ws:');
    const page = (await get(site, '/hostile/subresources')).text;
    for (const needle of [
      `<img src="${canary}/`,
      `<script src="${canary}/`,
      `<link rel="stylesheet" href="${canary}/`,
      `<link rel="preconnect" href="${canary}"`,
      `<link rel="icon" href="${canary}/`,
      `<iframe src="${canary}/`,
      `background-image:url(${canary}/`,
      `const canary = "${canary}"`,
      "fetch(canary + '/fetch')",
      `new WebSocket("${webSocket}/ws")`,
      "navigator.sendBeacon(canary + '/beacon'",
    ]) {
      expect(page).toContain(needle);
    }
    expect(page).not.toContain('<form');
    expect(visibleText(page).length).toBeGreaterThanOrEqual(600);
    expect((await get(site, '/hostile/meta-refresh')).text).toContain(
      `<meta http-equiv="refresh" content="0;url=${canary}/refresh">`,
    );
    expect((await get(site, '/hostile/js-redirect')).text).toContain(
      `setTimeout(() => { location.href = "${canary}/js-redirect"; }, 10)`,
    );
  });

  it('records every request to the site as METHOD path, in order', async () => {
    const before = site.requests.length;
    await get(site, '/robots.txt');
    await fetch(site.url('/json?x=1'), { method: 'HEAD' });
    await get(site, '/nowhere');
    expect(site.requests.slice(before)).toEqual(['GET /robots.txt', 'HEAD /json?x=1', 'GET /nowhere']);
  });

  it('the canary records HTTP requests, WebSocket handshakes and bare TCP connections', async () => {
    const { canary } = site;
    const response = await fetch(`${canary.origin}/stolen?q=1`, { method: 'POST', body: 'x' });
    expect(await response.text()).toContain(FIXTURE_FACTS.canarySecret);
    expect(canary.requests).toEqual(['POST /stolen?q=1']);
    expect(canary.connections).toBeGreaterThanOrEqual(1);

    const socket = new WebSocket(`${canary.origin.replace('http:', 'ws:')}/ws`);
    await new Promise((resolve) => socket.addEventListener('close', resolve));
    expect(canary.requests).toEqual(['POST /stolen?q=1', 'GET /ws']);

    // A preconnect opens a socket and sends nothing: only the connection count can see it.
    const connectionsBefore = canary.connections;
    const { port } = new URL(canary.origin);
    const bare = connect(Number(port), '127.0.0.2');
    await new Promise((resolve) => bare.once('connect', resolve));
    await vi.waitFor(() => expect(canary.connections).toBe(connectionsBefore + 1));
    bare.destroy();
    expect(canary.requests).toHaveLength(2);
  });

  it('streams all of /huge to a client that reads it all, counting every byte', async () => {
    const before = site.hugeBytesSent;
    const response = await get(site, '/huge');
    expect(response.headers.get('content-type')).toBe(HTML);
    expect(response.headers.get('content-length')).toBeNull();
    expect(HUGE_PAGE_BYTES).toBeGreaterThan(19_000_000);
    expect(response.body.length).toBe(HUGE_PAGE_BYTES);
    expect(response.text.trimEnd().endsWith('</html>')).toBe(true);
    expect(site.hugeBytesSent - before).toBe(HUGE_PAGE_BYTES);
  });
});

describe('fixture site shutdown', () => {
  it('close() resolves while /slow hangs, and the hanging body then fails', async () => {
    const site = await startFixtureSite();
    const response = await fetch(site.url('/slow'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(HTML);
    const reading = response.text();
    await site.close();
    await expect(reading).rejects.toThrow();
  });

  it('/huge stops streaming when the client stops reading', async () => {
    const site = await startFixtureSite();
    try {
      const response = await fetch(site.url('/huge'));
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      let received = 0;
      while (received < 1_000_000) {
        const { value, done } = await reader.read();
        if (done) break;
        received += value.length;
      }
      await reader.cancel();
      expect(received).toBeGreaterThanOrEqual(1_000_000);
    } finally {
      await site.close();
    }
    // Socket buffers may hold a few MB the client never read; a stream ignoring backpressure sends all.
    expect(site.hugeBytesSent).toBeLessThan(HUGE_PAGE_BYTES / 2);
  });
});
