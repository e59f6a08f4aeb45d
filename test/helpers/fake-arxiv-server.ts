import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';

/** What the fake server answers to one request. */
export interface ScriptedResponse {
  status?: number;
  /** A file under test/fixtures/arxiv, without `.xml`. */
  fixture?: string;
  body?: string;
  headers?: Record<string, string>;
  /** Never answer: for timeouts. */
  hang?: boolean;
  /** Answer only once this settles: holds a request in flight for as long as a test needs. */
  holdUntil?: Promise<unknown>;
  /** How long to take before answering. Default 20 ms, so overlapping requests would be seen overlapping. */
  delayMs?: number;
}

export interface ObservedRequest {
  url: URL;
  userAgent: string | undefined;
  /** performance.now() when the request arrived. */
  arrivedAt: number;
}

export function arxivFixture(name: string): string {
  return readFileSync(new URL(`../fixtures/arxiv/${name}.xml`, import.meta.url), 'utf8');
}

/**
 * A local stand-in for arXiv's `/api/query`, answering Atom fixtures. `respond` picks the answer
 * for the n-th request (0-based). It records every request and the most ever in flight at once.
 */
export async function startFakeArxiv(respond: (index: number, url: URL) => ScriptedResponse) {
  const requests: ObservedRequest[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const index = requests.length;
    requests.push({ url, userAgent: request.headers['user-agent'], arrivedAt: performance.now() });
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    response.on('close', () => {
      inFlight -= 1;
    });
    if (url.pathname !== '/api/query') {
      response.writeHead(404).end();
      return;
    }
    const scripted = respond(index, url);
    if (scripted.hang) return;
    const body = scripted.body ?? (scripted.fixture ? arxivFixture(scripted.fixture) : '');
    const answer = () => {
      // The client may have given up (timeout, abort) while the answer was held.
      if (response.destroyed) return;
      response.writeHead(scripted.status ?? 200, {
        'content-type': 'application/atom+xml; charset=utf-8',
        ...scripted.headers,
      });
      response.end(body);
    };
    void Promise.resolve(scripted.holdUntil).then(() => setTimeout(answer, scripted.delayMs ?? 20));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/api/query`,
    requests,
    maxInFlight: () => maxInFlight,
    /** Requests that arrived and have not been answered (or dropped) yet. */
    inFlight: () => inFlight,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A manual clock for `RequestLimiter`: `sleep` moves time forward at once instead of waiting, so
 * a test sees exactly when by the limiter's clock each request started, and nothing depends on
 * how fast the machine is. Sleeping still honours an abort, as a real timer would.
 */
export function manualClock(start = 0) {
  let time = start;
  return {
    now: () => time,
    sleep: async (delayMs: number, signal?: AbortSignal) => {
      signal?.throwIfAborted();
      time += delayMs;
    },
  };
}

/** A fake arXiv server started by `serve`. */
export type FakeArxiv = Awaited<ReturnType<typeof startFakeArxiv>>;

/**
 * For a test file: `serve(respond)` starts a fake arXiv that is closed after each test, so no
 * test leaves a server behind.
 */
export function useFakeArxivServers(): {
  serve: (respond: (index: number) => ScriptedResponse) => Promise<FakeArxiv>;
} {
  const servers: FakeArxiv[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });
  return {
    serve: async (respond) => {
      const server = await startFakeArxiv(respond);
      servers.push(server);
      return server;
    },
  };
}
