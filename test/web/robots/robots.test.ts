import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHttpFetcher, type HttpFetcher } from '../../../src/web/http/fetch-page.js';
import { createRobotsCache } from '../../../src/web/robots/robots.js';
import { createUrlGuard } from '../../../src/web/ssrf/ssrf-guard.js';
import { type FixtureSite, startFixtureSite } from '../../helpers/fixture-site.js';

/** A server answering /robots.txt as the test says, recording each robots.txt request. */
async function startRobotsServer(answer: (response: ServerResponse) => void) {
  let robotsRequests = 0;
  const server = createServer((request, response) => {
    if (request.url === '/robots.txt') {
      robotsRequests += 1;
      answer(response);
    } else {
      response.writeHead(200, { 'content-type': 'text/html' }).end('<p>page</p>');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get robotsRequests() {
      return robotsRequests;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

let site: FixtureSite;
const opened: HttpFetcher[] = [];

function fetcherFor(allow: string[] = [], timeoutMs?: number): HttpFetcher {
  const fetcher = createHttpFetcher({ guard: createUrlGuard({ allow: [site.origin, ...allow] }), timeoutMs });
  opened.push(fetcher);
  return fetcher;
}

const robotsFetches = () => site.requests.filter((request) => request === 'GET /robots.txt').length;

beforeAll(async () => {
  site = await startFixtureSite();
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((fetcher) => fetcher.close()));
});
afterAll(async () => {
  expect(site.canary.requests).toEqual([]);
  expect(site.canary.connections).toBe(0);
  await site.close();
});

describe('createRobotsCache', () => {
  it('disallows /private/ and allows the rest of the fixture site', async () => {
    const robots = createRobotsCache({ fetcher: fetcherFor() });
    expect(await robots.isAllowed(site.url('/private/notes'))).toBe(false);
    expect(await robots.isAllowed(site.url('/private/'))).toBe(false);
    expect(await robots.isAllowed(site.url('/faculty/ada-lovelace'))).toBe(true);
    expect(await robots.isAllowed(site.url('/privateer'))).toBe(true);
    expect(await robots.isAllowed(site.url('/'))).toBe(true);
  });

  it('fetches robots.txt once for many concurrent asks, and not again later', async () => {
    const before = robotsFetches();
    const robots = createRobotsCache({ fetcher: fetcherFor() });
    const paths = ['/faculty/ada-lovelace', '/lab', '/news/award', '/private/notes', '/tiny'];
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        robots.isAllowed(site.url(paths[index % paths.length] ?? '/')),
      ),
    );
    expect(answers.filter((allowed) => !allowed)).toHaveLength(4);
    expect(await robots.isAllowed(site.url('/private/notes'))).toBe(false);
    expect(robotsFetches()).toBe(before + 1);
    // A new cache (a new run) fetches again.
    await createRobotsCache({ fetcher: fetcherFor() }).isAllowed(site.url('/'));
    expect(robotsFetches()).toBe(before + 2);
  });

  it('keeps one entry per origin', async () => {
    const other = await startRobotsServer((response) => {
      response.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow: /\n');
    });
    try {
      const before = robotsFetches();
      const robots = createRobotsCache({ fetcher: fetcherFor([other.origin]) });
      expect(await robots.isAllowed(`${other.origin}/faculty/ada-lovelace`)).toBe(false);
      expect(await robots.isAllowed(site.url('/faculty/ada-lovelace'))).toBe(true);
      expect([other.robotsRequests, robotsFetches() - before]).toEqual([1, 1]);
    } finally {
      await other.close();
    }
  });

  it('matches rules written for our product token, and not for an overriding User-Agent', async () => {
    const server = await startRobotsServer((response) => {
      response
        .writeHead(200, { 'content-type': 'text/plain' })
        .end('User-agent: scribe-pipeline\nDisallow: /people/\n\nUser-agent: *\nAllow: /\n');
    });
    try {
      const fetcher = fetcherFor([server.origin]);
      expect(await createRobotsCache({ fetcher }).isAllowed(`${server.origin}/people/ada`)).toBe(false);
      const custom = createRobotsCache({ fetcher, userAgent: 'acme-outreach/2.0 (+mailto:ops@acme.test)' });
      expect(await custom.isAllowed(`${server.origin}/people/ada`)).toBe(true);
    } finally {
      await server.close();
    }
  });

  it.each([
    [404, true],
    [403, true],
    [410, true],
    [500, true],
    [503, true],
  ])('treats robots.txt answering %i as allowing everything', async (status, allowed) => {
    const server = await startRobotsServer((response) => {
      response.writeHead(status, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow: /\n');
    });
    try {
      const robots = createRobotsCache({ fetcher: fetcherFor([server.origin]) });
      expect(await robots.isAllowed(`${server.origin}/people/ada`)).toBe(allowed);
      expect(server.robotsRequests).toBe(1);
    } finally {
      await server.close();
    }
  });

  it('treats a robots.txt that times out as allowing everything', async () => {
    const server = await startRobotsServer(() => {});
    try {
      const robots = createRobotsCache({ fetcher: fetcherFor([server.origin], 200) });
      expect(await robots.isAllowed(`${server.origin}/people/ada`)).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('ignores rules past the 500 KiB cap', async () => {
    const server = await startRobotsServer((response) => {
      const padding = `# ${'x'.repeat(98)}\n`.repeat(6000);
      response
        .writeHead(200, { 'content-type': 'text/plain' })
        .end(`User-agent: *\nDisallow: /early/\n${padding}Disallow: /late/\n`);
    });
    try {
      const robots = createRobotsCache({ fetcher: fetcherFor([server.origin]) });
      expect(await robots.isAllowed(`${server.origin}/early/page`)).toBe(false);
      expect(await robots.isAllowed(`${server.origin}/late/page`)).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('never fetches robots.txt from a host the guard refuses', async () => {
    const robots = createRobotsCache({ fetcher: fetcherFor() });
    expect(await robots.isAllowed(`${site.canary.origin}/stolen`)).toBe(true);
    expect(site.canary.requests).toEqual([]);
    expect(site.canary.connections).toBe(0);
  });

  it('lets one asker abort while another still gets the shared answer', async () => {
    let release: () => void = () => {};
    const server = await startRobotsServer((response) => {
      release = () =>
        response.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow: /x/\n');
    });
    try {
      const robots = createRobotsCache({ fetcher: fetcherFor([server.origin], 60_000) });
      const controller = new AbortController();
      const first = robots.isAllowed(`${server.origin}/x/1`, { signal: controller.signal });
      const second = robots.isAllowed(`${server.origin}/y/1`);
      await vi.waitFor(() => expect(server.robotsRequests).toBe(1));
      const reason = new Error('deadline');
      controller.abort(reason);
      await expect(first).rejects.toBe(reason);
      release();
      await expect(second).resolves.toBe(true);
      expect(await robots.isAllowed(`${server.origin}/x/2`)).toBe(false);
      expect(server.robotsRequests).toBe(1);
      await expect(
        robots.isAllowed(`${server.origin}/x/3`, { signal: AbortSignal.abort(reason) }),
      ).rejects.toBe(reason);
    } finally {
      await server.close();
    }
  });
});

describe('createRobotsCache when the fetcher itself throws', () => {
  it('rejects the askers instead of leaving them hanging, and tries again on the next ask', async () => {
    let calls = 0;
    const fetcher = {
      fetchText: async () => {
        calls += 1;
        if (calls === 1) throw new Error('fetcher broke');
        return { ok: false as const, url: 'x', reason: 'http-status' as const, detail: '404' };
      },
    };
    const robots = createRobotsCache({ fetcher });
    await expect(robots.isAllowed('https://example.org/a')).rejects.toThrow('fetcher broke');
    await expect(robots.isAllowed('https://example.org/b')).resolves.toBe(true);
    expect(calls).toBe(2);
  });
});
