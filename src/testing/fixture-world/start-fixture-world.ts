import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkNumberOption } from '../../core/check-option.js';
import { answerArxivQuery } from './arxiv-route.js';
import { OUTREACH_TEMPLATE } from './outreach-template.js';
import { PROFESSOR } from './pages/professor.js';
import { answerSearch, worldSearchHits } from './search-route.js';
import { answerSitePath, PAGE_PATHS } from './site-routes.js';
import type { WorldResponse } from './world-response.js';

/** A small offline world to run the whole pipeline in: a university site, a search engine and arXiv. */
export interface FixtureWorld {
  /** Base URL of a SearXNG-shaped search endpoint: pass to `searxngSearch({ baseUrl })`. Answers JSON (`format=json`) with the world's pages for any query naming the professor; none otherwise. */
  readonly searchUrl: string;
  /** arXiv-shaped endpoint: pass to `new ArxivClient({ baseUrl: world.arxivUrl, minRequestIntervalMs: 0 })`. Serves a realistic Atom feed for the professor. */
  readonly arxivUrl: string;
  /** The site's origin, for the scraper's SSRF allow list: `allow: [world.origin]`. */
  readonly origin: string;
  /** The recipient the world is about. */
  readonly recipient: { name: string; interest: string };
  /** A research-outreach template that fits the recipient. */
  readonly template: string;
  /** URLs of the pages: faculty (static), lab (rendered by JavaScript), news (static). */
  readonly pages: { faculty: string; lab: string; news: string };
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

function route(
  request: IncomingMessage,
  url: URL,
  world: { hits: ReturnType<typeof worldSearchHits> },
): WorldResponse {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return { status: 405, contentType: 'text/plain; charset=utf-8', body: 'Method Not Allowed\n' };
  }
  if (url.pathname === `${SEARCH_PREFIX}/search`) return answerSearch(url, world.hits);
  if (url.pathname === ARXIV_PATH) return answerArxivQuery(url);
  return answerSitePath(url.pathname);
}

function send(response: ServerResponse, answer: WorldResponse, head: boolean): void {
  response.writeHead(answer.status, {
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
  const state = { hits: worldSearchHits({ faculty: '', lab: '', news: '' }) };
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
  };
  state.hits = worldSearchHits(pages);
  let closing: Promise<void> | undefined;
  return {
    searchUrl: `${origin}${SEARCH_PREFIX}`,
    arxivUrl: `${origin}${ARXIV_PATH}`,
    origin,
    recipient: { name: PROFESSOR.name, interest: PROFESSOR.researchInterest },
    template: OUTREACH_TEMPLATE,
    pages,
    requests,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      return closing;
    },
  };
}
