import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArxivClient, ConfigurationError } from '../../src/index.js';
import { ArxivErrorFeed } from '../../src/papers/arxiv/parse-arxiv-feed.js';
import { parseArxivFeed, rankPapers } from '../../src/papers/index.js';
import { searxngSearch } from '../../src/search/index.js';
import { type FixtureWorld, startFixtureWorld } from '../../src/testing/index.js';
import { extractPlaceholders } from '../../src/text/placeholders.js';

let world: FixtureWorld;

beforeAll(async () => {
  world = await startFixtureWorld();
});

afterAll(async () => {
  await world.close();
});

async function get(url: string) {
  const response = await fetch(url);
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
}

const HER_RECENT_TITLES = [
  'Verifying Operation Cards: Loop Bounds for Analytical Engine Programs',
  'Compiling Algebraic Specifications to Operation Cards',
  'Symbolic Differentiation on General-Purpose Engines',
  'Beyond Number: Engines that Compose Music',
];

describe('startFixtureWorld: the world', () => {
  it('is about Dr. Ada Lovelace, with a research template whose placeholders fit her', () => {
    expect(world.recipient).toEqual({
      name: 'Dr. Ada Lovelace',
      interest: 'analytical engines and symbolic computation',
    });
    expect(extractPlaceholders(world.template)).toEqual([
      '{{professor_name}}',
      '[Your Name]',
      '{{research_area}}',
      '{{paper_reference}}',
    ]);
    expect(world.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(world.pages).toEqual({
      faculty: `${world.origin}/faculty/ada-lovelace`,
      lab: `${world.origin}/lab`,
      news: `${world.origin}/news/award`,
      chemist: `${world.origin}/chemistry/people/imani-okafor`,
    });
  });

  it('serves the faculty page, the JavaScript lab page, the news article and a robots.txt, and records every request', async () => {
    const before = world.requests.length;
    const faculty = await get(world.pages.faculty);
    expect(faculty).toMatchObject({ status: 200, type: 'text/html; charset=utf-8' });
    expect(faculty.text).toContain('<h1>Dr. Ada Lovelace</h1>');
    const lab = await get(world.pages.lab);
    expect(lab.text).toContain('<div id="app"></div>');
    expect(lab.text).toContain('setTimeout');
    expect((await get(world.pages.news)).text).toContain('2026 Babbage Medal for Symbolic Computation');
    expect(await get(`${world.origin}/robots.txt`)).toMatchObject({
      status: 200,
      text: 'User-agent: *\nDisallow: /searxng/\nDisallow: /arxiv/\nDisallow: /openalex/\nDisallow: /s2/\nDisallow: /crossref/\n',
    });
    expect((await get(`${world.origin}/nowhere?x=1`)).status).toBe(404);
    expect(world.requests.slice(before)).toEqual([
      'GET /faculty/ada-lovelace',
      'GET /lab',
      'GET /news/award',
      'GET /robots.txt',
      'GET /nowhere?x=1',
    ]);
  });

  it('starts on the port it is given, refuses one out of range, and closes twice without complaint', async () => {
    const probe = await startFixtureWorld();
    const port = Number(new URL(probe.origin).port);
    await probe.close();
    const onPort = await startFixtureWorld({ port });
    try {
      expect(onPort.origin).toBe(`http://127.0.0.1:${port}`);
      expect((await get(onPort.pages.faculty)).status).toBe(200);
    } finally {
      await onPort.close();
      await onPort.close();
    }
    await expect(fetch(onPort.pages.faculty)).rejects.toThrow();
    await expect(startFixtureWorld({ port: 70_000 })).rejects.toThrow(ConfigurationError);
  });
});

describe('startFixtureWorld: the SearXNG endpoint', () => {
  it("answers format=json in SearXNG's shape, with her three pages for a query naming her", async () => {
    const { status, type, text } = await get(
      `${world.searchUrl}/search?q=Lovelace+engines&format=json&pageno=1`,
    );
    expect(status).toBe(200);
    expect(type).toBe('application/json; charset=utf-8');
    const answer = JSON.parse(text) as {
      query: string;
      results: { url: string; title: string; content: string; engine: string }[];
    };
    expect(answer).toMatchObject({ query: 'Lovelace engines', answers: [], suggestions: [], infoboxes: [] });
    expect(answer.results.map((result) => result.url)).toEqual([
      world.pages.faculty,
      world.pages.lab,
      world.pages.news,
    ]);
    for (const result of answer.results) {
      expect(result).toMatchObject({
        title: expect.any(String),
        content: expect.any(String),
        engine: 'duckduckgo',
      });
      expect(result.title.length).toBeGreaterThan(10);
      expect(result.content).toMatch(/Lovelace/);
    }
  });

  it('is read by searxngSearch; a query not naming her finds nothing', async () => {
    const search = searxngSearch({ baseUrl: world.searchUrl });
    const results = await search.search('Dr. Ada Lovelace analytical engines', { limit: 5 });
    expect(results.map((result) => result.url)).toEqual([
      world.pages.faculty,
      world.pages.lab,
      world.pages.news,
    ]);
    expect(results[0]).toMatchObject({
      title: 'Ada Lovelace | Northbridge University',
      snippet: expect.stringContaining('Professor'),
    });
    expect(await search.search('Charles Babbage difference engine', { limit: 5 })).toEqual([]);
  });

  it('refuses formats other than JSON with 403, as an instance with only JSON enabled does, and a missing query with 400', async () => {
    expect((await get(`${world.searchUrl}/search?q=Lovelace`)).status).toBe(403);
    expect((await get(`${world.searchUrl}/search?q=Lovelace&format=html`)).status).toBe(403);
    expect((await get(`${world.searchUrl}/search?format=json`)).status).toBe(400);
  });
});

describe('startFixtureWorld: the arXiv endpoint', () => {
  const query = (parameters: Record<string, string>) =>
    `${world.arxivUrl}?${new URLSearchParams(parameters)}`;

  it("serves an Atom feed parseArxivFeed reads: her four recent papers, a namesake's and an old one", async () => {
    const { status, type, text } = await get(
      query({ search_query: 'au:"Ada Lovelace"', start: '0', max_results: '15' }),
    );
    expect(status).toBe(200);
    expect(type).toBe('application/atom+xml; charset=utf-8');
    const feed = parseArxivFeed(text);
    expect(feed).toMatchObject({ totalResults: 6, startIndex: 0, itemsPerPage: 15 });
    expect(feed.entries).toHaveLength(6);
    const byTitle = new Map(feed.entries.map((entry) => [entry.title, entry]));
    expect([...byTitle.keys()]).toEqual(expect.arrayContaining(HER_RECENT_TITLES));
    const verifier = byTitle.get(HER_RECENT_TITLES[0] ?? '');
    expect(verifier).toMatchObject({
      id: '2602.04117',
      versionedId: '2602.04117v2',
      abstractUrl: 'https://arxiv.org/abs/2602.04117v2',
      pdfUrl: 'https://arxiv.org/pdf/2602.04117v2',
      primaryCategory: 'cs.LO',
      authors: [{ name: 'Ada Lovelace', affiliations: ['Northbridge University'] }],
      journalRef: 'Journal of Computing Machinery 41(2) (2026) 113-137',
    });
    expect(verifier?.abstract).not.toMatch(/\n/);
    expect(feed.entries.flatMap((entry) => entry.authors.map((author) => author.name))).toEqual(
      expect.arrayContaining(['Adrian Lovelace', 'A. Lovelace']),
    );
  });

  it("answers ArxivClient's search, and the ranking keeps her recent papers only", async () => {
    const client = new ArxivClient({ baseUrl: world.arxivUrl, minRequestIntervalMs: 0 });
    const result = await client.search({ author: world.recipient.name, interest: world.recipient.interest });
    expect(result.entries).toHaveLength(6);
    const ranked = rankPapers({
      entries: result.entries,
      recipientName: world.recipient.name,
      recipientInterest: world.recipient.interest,
      now: new Date('2026-11-28T00:00:00Z'),
    });
    expect(ranked).toMatchObject({ droppedAsNamesake: 1, droppedAsOld: 1 });
    expect(ranked.papers.map((paper) => paper.title).sort()).toEqual([...HER_RECENT_TITLES].sort());
  });

  it('narrows by all: terms, pages with start and max_results, finds nothing for someone else', async () => {
    const narrowed = parseArxivFeed(
      (await get(query({ search_query: 'au:"Ada Lovelace" AND (all:music)' }))).text,
    );
    expect(narrowed.entries.map((entry) => entry.title)).toEqual([
      'Beyond Number: Engines that Compose Music',
    ]);
    const all = parseArxivFeed((await get(query({ search_query: 'au:lovelace' }))).text);
    const page = parseArxivFeed(
      (await get(query({ search_query: 'au:lovelace', start: '2', max_results: '2' }))).text,
    );
    expect(page).toMatchObject({ totalResults: 6, startIndex: 2, itemsPerPage: 2 });
    expect(page.entries.map((entry) => entry.id)).toEqual(all.entries.slice(2, 4).map((entry) => entry.id));
    const nobody = parseArxivFeed((await get(query({ search_query: 'au:"Charles Babbage"' }))).text);
    expect(nobody).toMatchObject({ totalResults: 0, entries: [] });
  });

  it("answers a bad start with HTTP 400 and arXiv's error feed", async () => {
    const { status, text } = await get(query({ search_query: 'au:lovelace', start: '-1' }));
    expect(status).toBe(400);
    expect(() => parseArxivFeed(text)).toThrow(ArxivErrorFeed);
    expect(() => parseArxivFeed(text)).toThrow(/non-negative integers/);
  });
});
