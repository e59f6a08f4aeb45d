import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkNumberOption } from '../../core/check-option.js';
import { answerArxivQuery } from './arxiv-route.js';
import { OUTREACH_TEMPLATE } from './outreach-template.js';
import { CHEMIST } from './pages/chemist-page.js';
import { PROFESSOR } from './pages/professor.js';
import { answerCrossref } from './scholarly/crossref-route.js';
import { type ScholarlyApi, type ScholarlyFault, ScholarlyFaults } from './scholarly/faults.js';
import { answerOpenAlex } from './scholarly/openalex-route.js';
import { answerSemanticScholar } from './scholarly/semantic-scholar-route.js';
import { answerSearch, type WorldSearchEntry, worldSearchDirectory } from './search-route.js';
import { answerSitePath, PAGE_PATHS } from './site-routes.js';
import type { WorldResponse } from './world-response.js';

/**
 * A small offline world to run the whole pipeline in: a university site, a search engine, arXiv,
 * and OpenAlex-, Semantic Scholar- and Crossref-shaped APIs.
 */
export interface FixtureWorld {
  /** Base URL of a SearXNG-shaped search endpoint: pass to `searxngSearch({ baseUrl })`. Answers JSON (`format=json`) with the world's pages for any query naming the professor; none otherwise. */
  readonly searchUrl: string;
  /** arXiv-shaped endpoint: pass to `new ArxivClient({ baseUrl: world.arxivUrl, minRequestIntervalMs: 0 })`. Serves a realistic Atom feed for the professor. */
  readonly arxivUrl: string;
  /** The site's origin, for the scraper's SSRF allow list: `allow: [world.origin]`. */
  readonly origin: string;
  /** OpenAlex-shaped API: `openAlexSource({ apiKey: 'any', baseUrl: world.openAlexUrl, minRequestIntervalMs: 0 })`. Knows both Ada Lovelaces and the chemist. */
  readonly openAlexUrl: string;
  /** Semantic Scholar Graph API-shaped: `semanticScholarSource({ baseUrl: world.semanticScholarUrl, minRequestIntervalMs: 0 })`. */
  readonly semanticScholarUrl: string;
  /** Crossref-shaped: `crossrefSource({ baseUrl: world.crossrefUrl, minRequestIntervalMs: 0 })`. */
  readonly crossrefUrl: string;
  /** The recipient the world is about: Ada Lovelace, a computer scientist with arXiv papers and a namesake at another university. */
  readonly recipient: { name: string; interest: string };
  /**
   * A second recipient at the same university: a chemist with no arXiv papers, whose papers only
   * OpenAlex, Semantic Scholar and Crossref know (her OpenAlex record was merged: a 301). Her page
   * names her department and links her ORCID.
   */
  readonly chemist: { name: string; interest: string; affiliation: string; orcid: string };
  /** A research-outreach template that fits the recipient. */
  readonly template: string;
  /** URLs of the pages: faculty (static), lab (rendered by JavaScript), news (static), the chemist's (static). */
  readonly pages: { faculty: string; lab: string; news: string; chemist: string };
  /**
   * Makes the next `times` requests (default 1) to one scholarly API answer with a fault instead:
   * its rate limit, its daily limit (OpenAlex), a 500, or JSON cut off mid-way.
   */
  failNext(api: ScholarlyApi, fault: ScholarlyFault, times?: number): void;
  /** Every request the world received, as `METHOD path` (query string included), in order. */
  readonly requests: readonly string[];
  /** Stops the server, cutting open connections. Safe to call more than once. */
  close(): Promise<void>;
}

/** Options of `startFixtureWorld`. */
export interface FixtureWorldOptions {
  /** The port on 127.0.0.1, 0 to 65,535. Default 0: a free port. */
  port?: number;
}

const COMPONENT = 'startFixtureWorld';
// Path prefixes put the search engine and arXiv on the same server as the site.
const SEARCH_PREFIX = '/searxng';
const ARXIV_PATH = '/arxiv/api/query';
const OPENALEX_PREFIX = '/openalex';
const SEMANTIC_SCHOLAR_PREFIX = '/s2/graph/v1';
const CROSSREF_PREFIX = '/crossref';

interface WorldState {
  directory: WorldSearchEntry[];
  faults: ScholarlyFaults;
}

function route(request: IncomingMessage, url: URL, world: WorldState): WorldResponse {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return { status: 405, contentType: 'text/plain; charset=utf-8', body: 'Method Not Allowed\n' };
  }
  const { pathname } = url;
  if (pathname === `${SEARCH_PREFIX}/search`) return answerSearch(url, world.directory);
  if (pathname === ARXIV_PATH) return answerArxivQuery(url);
  if (pathname.startsWith(`${OPENALEX_PREFIX}/`)) {
    return (
      world.faults.take('openalex') ??
      answerOpenAlex(pathname.slice(OPENALEX_PREFIX.length), url, OPENALEX_PREFIX)
    );
  }
  if (pathname.startsWith(`${SEMANTIC_SCHOLAR_PREFIX}/`)) {
    return (
      world.faults.take('semantic_scholar') ??
      answerSemanticScholar(pathname.slice(SEMANTIC_SCHOLAR_PREFIX.length), url)
    );
  }
  if (pathname === `${CROSSREF_PREFIX}/works`) return world.faults.take('crossref') ?? answerCrossref(url);
  return answerSitePath(pathname);
}

function send(response: ServerResponse, answer: WorldResponse, head: boolean): void {
  response.writeHead(answer.status, {
    ...answer.headers,
    'content-type': answer.contentType,
    'content-length': Buffer.byteLength(answer.body),
  });
  response.end(head ? undefined : answer.body);
}

/**
 * Starts the fixture world on 127.0.0.1: one HTTP server holding a university site about
 * Dr. Ada Lovelace (a static faculty page, a lab page rendered by JavaScript, a news article and a
 * robots.txt), a SearXNG-shaped search under `/searxng` and an arXiv-shaped API under `/arxiv` with
 * six of her papers (four recent, one by a namesake, one from 2009). With `createFakeModel` it runs
 * `defaultSteps` end to end with no network and no API key. Close it when done.
 *
 * @example
 * ```ts
 * const world = await startFixtureWorld();
 * await using steps = defaultSteps({
 *   model: createFakeModel(),
 *   search: searxngSearch({ baseUrl: world.searchUrl }),
 *   scraper: { allow: [world.origin] },
 *   arxiv: { client: new ArxivClient({ baseUrl: world.arxivUrl, minRequestIntervalMs: 0 }) },
 * });
 * try {
 *   const { data } = await runPipeline({
 *     input: { taskId: 't1', userId: 'u1', emailTemplate: world.template, recipientName: world.recipient.name, recipientInterest: world.recipient.interest },
 *     steps,
 *   });
 * } finally {
 *   await world.close();
 * }
 * ```
 */
export async function startFixtureWorld({ port = 0 }: FixtureWorldOptions = {}): Promise<FixtureWorld> {
  checkNumberOption(COMPONENT, 'port', port, { min: 0, max: 65_535, integer: true });
  const requests: string[] = [];
  const state: WorldState = { directory: [], faults: new ScholarlyFaults() };
  const server = createServer((request, response) => {
    requests.push(`${request.method} ${request.url}`);
    const url = new URL(request.url ?? '/', 'http://world.invalid');
    send(response, route(request, url, state), request.method === 'HEAD');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const pages = {
    faculty: `${origin}${PAGE_PATHS.faculty}`,
    lab: `${origin}${PAGE_PATHS.lab}`,
    news: `${origin}${PAGE_PATHS.news}`,
    chemist: `${origin}${PAGE_PATHS.chemist}`,
  };
  state.directory = worldSearchDirectory(pages);
  let closing: Promise<void> | undefined;
  return {
    searchUrl: `${origin}${SEARCH_PREFIX}`,
    arxivUrl: `${origin}${ARXIV_PATH}`,
    openAlexUrl: `${origin}${OPENALEX_PREFIX}`,
    semanticScholarUrl: `${origin}${SEMANTIC_SCHOLAR_PREFIX}`,
    crossrefUrl: `${origin}${CROSSREF_PREFIX}`,
    origin,
    recipient: { name: PROFESSOR.name, interest: PROFESSOR.researchInterest },
    chemist: {
      name: CHEMIST.name,
      interest: CHEMIST.researchInterest,
      affiliation: CHEMIST.university,
      orcid: CHEMIST.orcid,
    },
    template: OUTREACH_TEMPLATE,
    pages,
    requests,
    failNext(api, fault, times = 1) {
      checkNumberOption(COMPONENT, 'times', times, { min: 1, max: 1000, integer: true });
      state.faults.add(api, fault, times);
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      return closing;
    },
  };
}
