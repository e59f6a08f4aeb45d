import { createServer, type Socket } from 'node:net';

/** A local "proxy" that closes every connection at once. */
export interface RefusingProxy {
  /** e.g. `http://127.0.0.1:41234`, for Chromium's `--proxy-server`. */
  readonly url: string;
  /** Connections closed so far (Chromium's own attempts: preconnects, prefetches, WebSockets). */
  readonly connections: number;
  close(): Promise<void>;
}

/**
 * Starts a proxy that refuses everything, on a free loopback port. Chromium pointed at it can
 * connect nowhere by itself: the reader fetches every request in Node, through the SSRF guard,
 * and hands Chromium the responses, so pages still load; but the connections Chromium opens
 * without asking request routing (preconnects, speculation-rules prefetches, WebSockets from
 * workers) end here instead of at the address a page named. It does not keep the process alive.
 */
export async function startRefusingProxy(): Promise<RefusingProxy> {
  const sockets = new Set<Socket>();
  let connections = 0;
  const server = createServer((socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.unref();
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    get connections() {
      return connections;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
