import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FIXTURE_FACTS } from './fixture-pages/facts.js';
import { notFound, routes } from './fixture-pages/routes.js';

export { FIXTURE_FACTS } from './fixture-pages/facts.js';
export { HUGE_PAGE_BYTES } from './fixture-pages/huge-page.js';

/** A server on an address the SSRF guard must refuse; anything reaching it is a leak. */
export interface CanaryServer {
  /** e.g. 'http://127.0.0.2:41234'. It binds 127.0.0.2, an address the SSRF guard must refuse. */
  readonly origin: string;
  /** Every HTTP request it received, as `METHOD path`, in order. Must stay empty in SSRF tests. */
  readonly requests: string[];
  /** Count of TCP connections accepted (catches preconnects that send no HTTP request). */
  readonly connections: number;
}

/** The fictional university site the web-scraper tests run against (routes listed in fixture-pages/routes.ts). */
export interface FixtureSite {
  /** e.g. 'http://127.0.0.1:40001' (binds 127.0.0.1 on a free port). */
  readonly origin: string;
  /** Absolute URL of a path on the site. */
  url(path: string): string;
  readonly canary: CanaryServer;
  /** Every request the site received, as `METHOD path`, in order (robots.txt fetches included). */
  readonly requests: string[];
  /**
   * Bytes of `/huge` handed to sockets so far, summed over all `/huge` requests. The stream waits for
   * the client to read, so a client that stops early leaves this well under {@link HUGE_PAGE_BYTES}
   * (it still includes what sits in socket buffers unread: allow a few MB of slack over the cap).
   */
  readonly hugeBytesSent: number;
  /** Closes both servers, destroying open sockets (slow/hanging responses must not keep it open). */
  close(): Promise<void>;
}

async function listen(server: Server, host: string): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return `http://${host}:${port}`;
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    // closeAllConnections destroys sockets mid-response too (the /slow and /huge streams).
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

const CANARY_BODY = `<!doctype html><html><head><title>Canary</title></head><body><p>${FIXTURE_FACTS.canarySecret}</p></body></html>`;

async function startCanary(): Promise<{ canary: CanaryServer; server: Server }> {
  const requests: string[] = [];
  let connections = 0;
  const server = createServer((request, response) => {
    requests.push(`${request.method} ${request.url}`);
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(CANARY_BODY);
  });
  server.on('connection', () => {
    connections += 1;
  });
  // WebSocket handshakes arrive as 'upgrade', not 'request'; without this they would go unrecorded.
  server.on('upgrade', (request, socket) => {
    requests.push(`${request.method} ${request.url}`);
    socket.destroy();
  });
  const origin = await listen(server, '127.0.0.2');
  const canary: CanaryServer = {
    origin,
    requests,
    get connections() {
      return connections;
    },
  };
  return { canary, server };
}

/**
 * Starts the fixture site on 127.0.0.1 and its canary on 127.0.0.2, both on free ports.
 *
 * @example
 * const site = await startFixtureSite();
 * try {
 *   const response = await fetch(site.url('/faculty/ada-lovelace'));
 *   expect(site.canary.requests).toEqual([]);
 * } finally {
 *   await site.close();
 * }
 */
export async function startFixtureSite(): Promise<FixtureSite> {
  const { canary, server: canaryServer } = await startCanary();
  const requests: string[] = [];
  let hugeBytesSent = 0;
  const context = {
    canaryOrigin: canary.origin,
    onHugeBytesSent: (bytes: number) => {
      hugeBytesSent += bytes;
    },
  };
  const server = createServer((request, response) => {
    requests.push(`${request.method} ${request.url}`);
    const { pathname } = new URL(request.url ?? '/', 'http://fixture.invalid');
    (routes.get(pathname) ?? notFound)(response, context);
  });
  let origin: string;
  try {
    origin = await listen(server, '127.0.0.1');
  } catch (error) {
    await closeServer(canaryServer);
    throw error;
  }
  return {
    origin,
    url: (path) => new URL(path, origin).href,
    canary,
    requests,
    get hugeBytesSent() {
      return hugeBytesSent;
    },
    close: async () => {
      await Promise.all([closeServer(server), closeServer(canaryServer)]);
    },
  };
}
