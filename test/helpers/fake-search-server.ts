import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Which provider the fake server impersonates. */
export type FakeProvider = 'brave' | 'searxng' | 'tavily' | 'exa' | 'serper';

/** One search hit, rendered into the impersonated provider's real answer shape. */
export interface FakeHit {
  url: string | null;
  title?: string | null;
  snippet?: string;
}

/** What the fake server answers to one request. */
export interface ScriptedAnswer {
  /** Default 200. */
  status?: number;
  /** Rendered in the provider's real success shape. Default: `SAMPLE_HITS`. */
  hits?: FakeHit[];
  /** An exact JSON body instead (e.g. from `providerError`). */
  json?: unknown;
  /** An exact raw body instead. */
  body?: string;
  headers?: Record<string, string>;
  /** Time before answering. Default 5 ms. */
  delayMs?: number;
  /** Never answer: for timeouts and aborts mid-request. */
  hang?: boolean;
}

/** One request as the server saw it. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** The JSON body, parsed; undefined when there was none. */
  body: unknown;
}

export const SAMPLE_HITS: FakeHit[] = [
  {
    url: 'https://lovelace-lab.example.org/',
    title: 'Lovelace Lab',
    snippet: 'Research on <strong>analytical</strong> engines &amp; notes',
  },
  { url: 'https://example.org/people/ada', title: 'Ada Lovelace', snippet: 'Profile and publications.' },
  { url: 'https://example.org/news/2026/engine', title: 'The engine, revisited', snippet: 'A lecture.' },
];

const ROUTES: Record<FakeProvider, { method: string; path: string }> = {
  brave: { method: 'GET', path: '/res/v1/web/search' },
  searxng: { method: 'GET', path: '/search' },
  tavily: { method: 'POST', path: '/search' },
  exa: { method: 'POST', path: '/search' },
  serper: { method: 'POST', path: '/search' },
};

/**
 * A local stand-in for one search provider's API, answering its real response shapes (the
 * documented fields plus the extra ones the real services send, so lenient parsing is exercised).
 * `script` gives the answer to the n-th request (0-based; the last entry repeats), or is a function
 * of the index and request. Requests on the wrong method or path get a 404; a SearXNG request
 * without `format=json` gets a 403, as an instance with JSON disabled answers.
 */
export async function startFakeSearchServer({
  provider,
  script = [{}],
}: {
  provider: FakeProvider;
  script?: ScriptedAnswer[] | ((index: number, request: RecordedRequest) => ScriptedAnswer);
}) {
  const requests: RecordedRequest[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const raw = Buffer.concat(chunks).toString('utf8');
      const recorded: RecordedRequest = {
        method: request.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: request.headers,
        body: raw === '' ? undefined : safeJson(raw),
      };
      const index = requests.length;
      requests.push(recorded);
      const route = ROUTES[provider];
      if (recorded.method !== route.method || recorded.path !== route.path) {
        send(
          response,
          404,
          { 'content-type': 'application/json' },
          JSON.stringify({ detail: 'Not Found' }),
          0,
        );
        return;
      }
      if (provider === 'searxng' && url.searchParams.get('format') !== 'json') {
        send(response, 403, { 'content-type': 'text/html' }, '<html><body>403 Forbidden</body></html>', 0);
        return;
      }
      const scripted =
        typeof script === 'function'
          ? script(index, recorded)
          : (script[Math.min(index, script.length - 1)] ?? {});
      if (scripted.hang) return;
      const status = scripted.status ?? 200;
      const body =
        scripted.body ??
        JSON.stringify(
          scripted.json ?? successAnswer(provider, scripted.hits ?? SAMPLE_HITS, queryOf(recorded)),
        );
      send(
        response,
        status,
        { 'content-type': 'application/json', ...scripted.headers },
        body,
        scripted.delayMs ?? 5,
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    /** The API root to pass as `baseUrl`. */
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type FakeSearchServer = Awaited<ReturnType<typeof startFakeSearchServer>>;

function send(
  response: import('node:http').ServerResponse,
  status: number,
  headers: Record<string, string>,
  body: string,
  delayMs: number,
) {
  setTimeout(() => {
    if (response.destroyed) return;
    response.writeHead(status, headers);
    response.end(body);
  }, delayMs);
}

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

function queryOf(request: RecordedRequest): string {
  const body = request.body as { query?: string; q?: string } | undefined;
  return request.query.get('q') ?? body?.query ?? body?.q ?? '';
}

/** The provider's real success answer for these hits. */
export function successAnswer(provider: FakeProvider, hits: FakeHit[], query = 'ada lovelace'): unknown {
  switch (provider) {
    case 'brave':
      return {
        type: 'search',
        query: { original: query, show_strict_warning: false, is_navigational: false, country: 'us' },
        mixed: { type: 'mixed', main: hits.map((_, index) => ({ type: 'web', index, all: false })) },
        web: {
          type: 'search',
          family_friendly: true,
          results: hits.map((hit) => ({
            title: hit.title,
            url: hit.url,
            is_source_local: false,
            is_source_both: false,
            description: hit.snippet,
            page_age: '2026-10-02T00:00:00',
            profile: { name: 'Example', url: hit.url, long_name: 'example.org', img: '' },
            language: 'en',
            family_friendly: true,
            type: 'search_result',
            subtype: 'generic',
            meta_url: { scheme: 'https', netloc: 'example.org', hostname: 'example.org', path: '› people' },
            extra_snippets: ['Another passage from the page.'],
          })),
        },
      };
    case 'searxng':
      return {
        query,
        number_of_results: 0,
        results: hits.map((hit, index) => ({
          url: hit.url,
          title: hit.title,
          content: hit.snippet,
          engine: 'duckduckgo',
          parsed_url: ['https', 'example.org', '/', '', '', ''],
          template: 'default.html',
          engines: ['duckduckgo', 'wikipedia'],
          positions: [index + 1],
          score: 2 / (index + 1),
          category: 'general',
          publishedDate: null,
        })),
        answers: [],
        corrections: [],
        infoboxes: [],
        suggestions: [`${query} biography`],
        unresponsive_engines: [['google', 'timeout']],
      };
    case 'tavily':
      return {
        query,
        follow_up_questions: null,
        answer: null,
        images: [],
        results: hits.map((hit, index) => ({
          url: hit.url,
          title: hit.title,
          content: hit.snippet,
          score: 0.9 - index / 10,
          raw_content: null,
        })),
        response_time: 1.02,
        request_id: '123e4567-e89b-12d3-a456-426614174111',
      };
    case 'exa':
      return {
        requestId: 'b5947044c4b78efa9552a7c89b306d95',
        resolvedSearchType: 'neural',
        searchType: 'auto',
        results: hits.map((hit, index) => ({
          id: hit.url,
          title: hit.title,
          url: hit.url,
          publishedDate: '2026-09-10T00:00:00.000Z',
          author: null,
          highlights: hit.snippet === undefined ? [] : [hit.snippet],
          highlightScores: [0.5 - index / 10],
          favicon: 'https://example.org/favicon.ico',
        })),
        costDollars: { total: 0.006, search: { neural: 0.005 }, contents: { highlights: 0.001 } },
      };
    case 'serper':
      return {
        searchParameters: { q: query, type: 'search', engine: 'google' },
        knowledgeGraph: { title: 'Ada Lovelace', type: 'Mathematician' },
        organic: hits.map((hit, index) => ({
          title: hit.title,
          link: hit.url,
          snippet: hit.snippet,
          position: index + 1,
          sitelinks: [],
        })),
        peopleAlsoAsk: [],
        relatedSearches: [{ query: `${query} biography` }],
        credits: 1,
      };
  }
}

/** The provider's real error body, as documented or reported. */
export function providerError(provider: FakeProvider, status: number, code: string, detail: string): unknown {
  switch (provider) {
    case 'brave':
      return {
        type: 'ErrorResponse',
        error: { id: 'c5e9b5a3-0000-4000-8000-000000000000', status, code, detail, meta: {} },
        time: 1_764_000_000,
      };
    case 'tavily':
      return { detail: { error: detail } };
    case 'exa':
      return { requestId: 'e1d2c3', error: detail, tag: code };
    case 'serper':
      return { message: detail, statusCode: status };
    case 'searxng':
      return detail;
  }
}
