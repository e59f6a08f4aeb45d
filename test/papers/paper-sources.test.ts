import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  crossrefSource,
  openAlexSource,
  type PaperLookup,
  type PaperQuery,
  type PaperSource,
  PaperSourceError,
  selectPapers,
  semanticScholarSource,
} from '../../src/papers/index.js';
import { RequestLimiter } from '../../src/papers/limits/request-limiter.js';
import { type FixtureWorld, startFixtureWorld } from '../../src/testing/index.js';

let world: FixtureWorld;
beforeAll(async () => {
  world = await startFixtureWorld();
});
afterAll(async () => {
  await world.close();
});

const now = new Date('2026-12-01T00:00:00Z');
// Each test gets its own limiter, so a pause one test provokes never holds back another; sleeps
// are recorded, not waited.
function testing(sleeps: number[] = []) {
  return {
    minRequestIntervalMs: 0,
    _internal: {
      limiter: new RequestLimiter(),
      random: () => 0,
      sleep: async (ms: number) => {
        sleeps.push(ms);
      },
    },
  };
}
const sources: Record<string, (sleeps?: number[]) => PaperSource> = {
  openalex: (sleeps) =>
    openAlexSource({ apiKey: 'test-key', baseUrl: world.openAlexUrl, ...testing(sleeps) }),
  semantic_scholar: (sleeps) =>
    semanticScholarSource({ baseUrl: world.semanticScholarUrl, ...testing(sleeps) }),
  crossref: (sleeps) =>
    crossrefSource({ baseUrl: world.crossrefUrl, mailto: 'team@example.org', ...testing(sleeps) }),
};
const ada = (): PaperQuery => ({
  name: world.recipient.name,
  interest: world.recipient.interest,
  since: '2016-12-01',
  limit: 15,
});
const decide = (lookup: PaperLookup, pageText: string, interest = world.recipient.interest) =>
  selectPapers([lookup], {
    evidence: { orcids: [], affiliations: [], interest, pageText },
    recipientName: world.recipient.name,
    maxAgeYears: 10,
    limit: 5,
    now,
  });
const ADA_PAGE = 'Ada Lovelace is Professor of Computer Science at Northbridge University.';
const NAMESAKE_TITLES = [
  'Trade Ledgers of Fourteenth-Century Seville',
  'Scribes and Seals in the Castilian Chancery',
];

describe.each(Object.keys(sources))('%s in the fixture world', (name) => {
  it('finds both Ada Lovelaces; the pages naming Northbridge keep hers and drop the namesake', async () => {
    const lookup = await (sources[name] as () => PaperSource)().lookup(ada());
    expect(lookup.source).toBe(name);
    expect(lookup.candidates.map(({ candidate }) => candidate.institutions)).toEqual([
      ['Northbridge University'],
      ['Universidad de Sevilla'],
    ]);
    const selection = decide(lookup, ADA_PAGE);
    const titles = selection.papers.map((paper) => paper.title);
    expect(titles).toContain('A Calculus of Engine Programs with Loops');
    for (const title of NAMESAKE_TITLES) expect(titles).not.toContain(title);
    expect(selection.sources[0]).toMatchObject({ basis: 'institution-on-pages', candidates: 2 });
    expect(selection.droppedAsNamesake).toBeGreaterThanOrEqual(1);
    // Every paper names where it came from, with that source's id and the DOI.
    for (const paper of selection.papers) {
      expect(paper.sources).toEqual([name]);
      expect(paper.sourceIds?.[name]).toBeTruthy();
      expect(paper.doi).toMatch(/^10\.5555\//);
      expect(paper.venue).toBeTruthy();
    }
  });

  it('without pages, lets the topics decide when they clearly differ', async () => {
    const lookup = await (sources[name] as () => PaperSource)().lookup(ada());
    const selection = decide(lookup, '');
    expect(selection.sources[0]?.basis).toBe('topic');
    const titles = selection.papers.map((paper) => paper.title);
    expect(titles).toContain('A Calculus of Engine Programs with Loops');
    for (const title of NAMESAKE_TITLES) expect(titles).not.toContain(title);
  });

  it('keeps nobody when nothing tells the two apart, and says so', async () => {
    const lookup = await (sources[name] as () => PaperSource)().lookup(ada());
    const selection = decide(lookup, '', 'undergraduate teaching');
    expect(selection.papers).toEqual([]);
    expect(selection.sources[0]?.basis).toBe('ambiguous');
    expect(selection.warnings[0]).toContain(name);
    expect(selection.warnings[0]).toContain('none clearly the recipient');
  });

  it('gives a chemist with no arXiv papers her papers, abstracts included', async () => {
    const lookup = await (sources[name] as () => PaperSource)().lookup({
      name: world.chemist.name,
      interest: world.chemist.interest,
      since: '2016-12-01',
      limit: 15,
    });
    const selection = decide(lookup, '');
    expect(selection.papers.map((paper) => paper.title)).toContain(
      'Enantioselective Organocatalytic Michael Additions in Water',
    );
    expect(selection.papers.every((paper) => paper.abstract.length > 40)).toBe(true);
  });

  it('turns an answer cut off mid-JSON into a typed, non-retryable error', async () => {
    world.failNext(name as 'openalex', 'bad-json');
    const failure = await (sources[name] as () => PaperSource)()
      .lookup(ada())
      .catch((error: unknown) => error);
    expect(PaperSourceError.isInstance(failure)).toBe(true);
    expect(failure).toMatchObject({
      source: name,
      kind: 'malformed-response',
      retryable: false,
      attempts: 1,
    });
  });

  it('waits out a rate limit (Retry-After as the floor) and then succeeds', async () => {
    const sleeps: number[] = [];
    world.failNext(name as 'openalex', 'rate-limit');
    const lookup = await (sources[name] as (sleeps: number[]) => PaperSource)(sleeps).lookup(ada());
    expect(lookup.candidates).toHaveLength(2);
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]).toBeGreaterThanOrEqual(1000);
  });
});

describe('openAlexSource', () => {
  it('follows a merged author’s 301 from the ORCID lookup, and skips the name search', async () => {
    const before = world.requests.length;
    const lookup = await sources.openalex?.().lookup({
      name: world.chemist.name,
      interest: world.chemist.interest,
      orcid: world.chemist.orcid,
      since: '2016-12-01',
      limit: 15,
    });
    const asked = world.requests.slice(before).map((line) => line.split('?')[0]);
    expect(asked).toEqual([
      `GET /openalex/authors/orcid:${world.chemist.orcid}`,
      'GET /openalex/authors/A5000000003',
      'GET /openalex/works',
    ]);
    expect(lookup?.candidates[0]?.candidate).toMatchObject({ id: 'A5000000003', orcid: world.chemist.orcid });
    expect(lookup?.candidates[0]?.papers).toHaveLength(3);
    // The key went along with the redirect, within OpenAlex's origin.
    expect(world.requests.slice(before).every((line) => line.includes('api_key=test-key'))).toBe(true);
  });

  it('stops at the daily limit at once (no retry) and keeps the key out of the message', async () => {
    const sleeps: number[] = [];
    world.failNext('openalex', 'daily-limit');
    const failure = await sources
      .openalex?.(sleeps)
      .lookup(ada())
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ kind: 'daily-limit', retryable: false, attempts: 1, statusCode: 429 });
    expect(sleeps).toEqual([]);
    expect(String((failure as Error).message)).not.toContain('test-key');
  });

  it('refuses to be built without a key', () => {
    expect(() => openAlexSource({ apiKey: ' ' })).toThrow(/apiKey.*required/);
  });

  it('caps the answer’s size', async () => {
    const small = openAlexSource({ apiKey: 'k', baseUrl: world.openAlexUrl, maxBytes: 1024, ...testing() });
    await expect(small.lookup(ada())).rejects.toMatchObject({ kind: 'too-large', retryable: false });
  });
});

describe('crossrefSource', () => {
  it('drops works of another person its fuzzy author search returns', async () => {
    const lookup = await sources.crossref?.().lookup(ada());
    expect(lookup?.droppedAsNamesake).toBe(1);
    const titles = lookup?.candidates.flatMap(({ papers }) => papers.map((paper) => paper.title));
    expect(titles).not.toContain('Resonator Losses in Superconducting Circuits at Millikelvin Temperatures');
  });
});

describe('requests to a paper source', () => {
  it('does not follow a redirect that leaves the source’s origin (the key would go with it)', async () => {
    const { createServer } = await import('node:http');
    const server = createServer((request, response) => {
      response.writeHead(301, { location: `${world.openAlexUrl}${request.url}` }).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      const before = world.requests.length;
      const source = openAlexSource({
        apiKey: 'secret-key',
        baseUrl: `http://127.0.0.1:${port}`,
        ...testing(),
      });
      const failure = await source.lookup(ada()).catch((error: unknown) => error);
      expect(failure).toMatchObject({ kind: 'bad-request', retryable: false, statusCode: 301 });
      expect(world.requests.length).toBe(before);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('after a daily limit, asks no more until the pause ends: other runs fail at once without a request', async () => {
    const source = sources.openalex?.();
    world.failNext('openalex', 'daily-limit');
    await expect(source?.lookup(ada())).rejects.toMatchObject({ kind: 'daily-limit' });
    const before = world.requests.length;
    await expect(source?.lookup(ada())).rejects.toMatchObject({ kind: 'rate-limit', retryable: true });
    expect(world.requests.length).toBe(before);
  });
});
