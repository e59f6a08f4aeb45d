import { execFile } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type Browser, chromium, type LaunchOptions } from 'playwright-core';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigurationError } from '../../../src/core/errors/configuration-error.js';
import { BrowserLaunchError } from '../../../src/web/browser/browser-launch-error.js';
import {
  type BrowserPool,
  type BrowserPoolEvent,
  type BrowserPoolOptions,
  createBrowserPool,
} from '../../../src/web/browser/browser-pool.js';
import { listChromiumProcesses, waitForNoChromiumProcesses } from '../../helpers/chromium-processes.js';
import { deferred } from '../../helpers/pipeline.js';

const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/** A pool on the system Chromium whose events can be awaited. */
function poolWithEvents(options: BrowserPoolOptions = {}) {
  const events: BrowserPoolEvent[] = [];
  const waiters: { match: (event: BrowserPoolEvent) => boolean; resolve: () => void }[] = [];
  const pool = createBrowserPool({
    executablePath: SYSTEM_CHROMIUM,
    ...options,
    onEvent: (event) => {
      events.push(event);
      for (const waiter of waiters.filter((candidate) => candidate.match(event))) waiter.resolve();
    },
  });
  /** Resolves on the next event of this type (or at once if `alreadySeen` of them happened). */
  const next = (type: BrowserPoolEvent['type'], alreadySeen = 0) =>
    new Promise<void>((resolve) => {
      if (events.filter((event) => event.type === type).length > alreadySeen) resolve();
      else waiters.push({ match: (event) => event.type === type, resolve });
    });
  const count = (type: BrowserPoolEvent['type']) => events.filter((event) => event.type === type).length;
  return { pool, events, next, count };
}

/** A launch that waits for `hold` before really launching, counting calls. */
function heldLaunch() {
  const hold = deferred();
  const state = { calls: 0, started: deferred() };
  const launch = async (options: LaunchOptions): Promise<Browser> => {
    state.calls += 1;
    state.started.resolve();
    await hold.promise;
    return chromium.launch(options);
  };
  return { launch, hold, state };
}

const pools: BrowserPool[] = [];
function track<T extends { pool: BrowserPool }>(made: T): T {
  pools.push(made.pool);
  return made;
}

afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.close()));
  expect(await waitForNoChromiumProcesses()).toEqual([]);
});

describe('createBrowserPool: laziness', () => {
  it('launches nothing and loads no Playwright until the first context is asked for', async () => {
    const { pool } = track(poolWithEvents());
    expect(pool.launched).toBe(false);
    expect(listChromiumProcesses()).toEqual([]);

    const context = await pool.acquireContext();
    expect(pool.launched).toBe(true);
    expect(listChromiumProcesses().length).toBeGreaterThan(0);
    await context.close();
    await pool.close();
    expect(pool.launched).toBe(false);
    expect(await waitForNoChromiumProcesses()).toEqual([]);
  });

  it('does not load playwright-core when the module is imported and a pool created (fresh process)', async () => {
    // A fresh Node process: vitest itself has loaded Playwright for these tests.
    const script = `
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const loaded = () => Object.keys(require.cache).some((key) => key.includes('/playwright-core/'));
const { createBrowserPool } = await import('./src/web/browser/browser-pool.ts');
await import('./src/web/browser/read-page-in-browser.ts');
const pool = createBrowserPool({ executablePath: '${SYSTEM_CHROMIUM}' });
const before = loaded();
const context = await pool.acquireContext();
const after = loaded();
await context.close();
await pool.close();
console.log(JSON.stringify({ before, after }));`;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      { cwd: process.cwd() },
    );
    // `after` proves the check can see Playwright loaded at all.
    expect(JSON.parse(stdout.trim())).toEqual({ before: false, after: true });
  });
});

describe('createBrowserPool: sharing and slots', () => {
  it('shares one launch between acquires that start before it resolves', async () => {
    const held = heldLaunch();
    const { pool, count } = track(poolWithEvents({ maxOpenContexts: 2, _internal: { launch: held.launch } }));
    const first = pool.acquireContext();
    await held.state.started.promise;
    // The launch is in progress and held: this acquire must join it, not start another.
    const second = pool.acquireContext();
    held.hold.resolve();
    const [a, b] = await Promise.all([first, second]);
    expect(held.state.calls).toBe(1);
    expect(count('launch')).toBe(1);
    expect(a.browser()).toBe(b.browser());
    expect(a).not.toBe(b);
    await Promise.all([a.close(), b.close()]);
    await pool.close();
  });

  it('keeps to maxOpenContexts, serving waiters in order as contexts close', async () => {
    const { pool } = track(poolWithEvents({ maxOpenContexts: 1 }));
    const first = await pool.acquireContext();
    const order: string[] = [];
    const second = pool.acquireContext().then((context) => {
      order.push('second');
      return context;
    });
    const third = pool.acquireContext().then((context) => {
      order.push('third');
      return context;
    });
    const controller = new AbortController();
    const abandoned = pool.acquireContext({ signal: controller.signal });
    expect(pool.openContexts).toBe(1);
    expect(pool.waiting).toBe(3);
    const reason = new Error('deadline');
    controller.abort(reason);
    await expect(abandoned).rejects.toBe(reason);
    expect(pool.waiting).toBe(2);

    expect(order).toEqual([]);
    await first.close();
    const secondContext = await second;
    expect(order).toEqual(['second']);
    expect(pool.openContexts).toBe(1);
    await secondContext.close();
    await (await third).close();
    expect(order).toEqual(['second', 'third']);
    await pool.close();
  });

  it('gives each acquire a fresh, isolated context with the options asked for', async () => {
    const { pool } = track(poolWithEvents({ maxOpenContexts: 2 }));
    const a = await pool.acquireContext({ userAgent: 'agent-a/1.0' });
    const b = await pool.acquireContext({ userAgent: 'agent-b/1.0' });
    const pageA = await a.newPage();
    const pageB = await b.newPage();
    expect(await pageA.evaluate(() => navigator.userAgent)).toBe('agent-a/1.0');
    expect(await pageB.evaluate(() => navigator.userAgent)).toBe('agent-b/1.0');
    await a.close();
    await b.close();
    await pool.close();
  });
});

describe('createBrowserPool: life cycle', () => {
  it('closes an idle browser it launched, then relaunches on the next use', async () => {
    const { pool, next, count } = track(poolWithEvents({ idleTimeoutMs: 100 }));
    const context = await pool.acquireContext();
    const closed = next('close');
    await context.close();
    await closed;
    expect(pool.launched).toBe(false);
    expect(count('launch')).toBe(1);
    expect(await waitForNoChromiumProcesses()).toEqual([]);

    const again = await pool.acquireContext();
    expect(count('launch')).toBe(2);
    expect(pool.launched).toBe(true);
    await again.close();
    await pool.close();
  });

  it('does not close a browser that has a context open, however long it stays open', async () => {
    const { pool, next, count } = track(poolWithEvents({ idleTimeoutMs: 50, maxOpenContexts: 2 }));
    const kept = await pool.acquireContext();
    const closed = next('close');
    // Opening and closing a second context starts no idle timer while `kept` is open.
    await (await pool.acquireContext()).close();
    const page = await kept.newPage();
    await page.setContent('<p>still here</p>');
    expect(await page.textContent('p')).toBe('still here');
    expect(count('close')).toBe(0);
    await kept.close();
    await closed;
    expect(pool.launched).toBe(false);
    await pool.close();
  });

  it('relaunches after the browser process is killed', async () => {
    const { pool, next, count } = track(poolWithEvents());
    const context = await pool.acquireContext();
    const contextClosed = new Promise<void>((resolve) => context.once('close', () => resolve()));
    const disconnected = next('disconnect');
    // The browser is the Chromium that is this process's direct child.
    const [browserProcess] = listChromiumProcesses().filter((entry) => entry.ppid === process.pid);
    expect(browserProcess).toBeDefined();
    process.kill(browserProcess?.pid ?? 0, 'SIGKILL');
    await disconnected;
    await contextClosed;
    expect(pool.launched).toBe(false);
    // The crash freed the dead context's slot: the next acquire is not stuck behind it.
    expect(pool.openContexts).toBe(0);

    const again = await pool.acquireContext();
    const page = await again.newPage();
    await page.setContent('<p>back</p>');
    expect(await page.textContent('p')).toBe('back');
    expect(count('launch')).toBe(2);
    await again.close();
    await pool.close();
  });

  it('relaunches after its browser is closed behind its back', async () => {
    const { pool, next, count } = track(poolWithEvents());
    const context = await pool.acquireContext();
    const disconnected = next('disconnect');
    await context.browser()?.close();
    await disconnected;
    expect(pool.launched).toBe(false);
    const again = await pool.acquireContext();
    expect(again.browser()?.isConnected()).toBe(true);
    expect(count('launch')).toBe(2);
    await again.close();
    await pool.close();
  });

  it('close() waits for a launch in progress, closes what it launched, is idempotent and final', async () => {
    const held = heldLaunch();
    const { pool, count, events } = track(poolWithEvents({ _internal: { launch: held.launch } }));
    const acquiring = pool.acquireContext();
    const waiting = pool.acquireContext();
    await held.state.started.promise;
    const closing = pool.close();
    expect(pool.close()).toBe(closing);
    await expect(waiting).rejects.toMatchObject({ failure: 'pool-closed' });
    held.hold.resolve();
    await expect(acquiring).rejects.toSatisfy(BrowserLaunchError.isInstance);
    await closing;
    expect(count('launch')).toBe(1);
    expect(events.at(-1)).toEqual({ type: 'close', reason: 'pool-closed' });
    expect(pool.launched).toBe(false);
    expect(await waitForNoChromiumProcesses()).toEqual([]);
    await expect(pool.acquireContext()).rejects.toMatchObject({
      code: 'BROWSER_LAUNCH',
      failure: 'pool-closed',
    });
  });
});

describe('createBrowserPool: an injected browser', () => {
  it('uses it, never closes it, and fails clearly once it has disconnected', async () => {
    const browser = await chromium.launch({ executablePath: SYSTEM_CHROMIUM });
    try {
      const { pool } = track(poolWithEvents({ browser, idleTimeoutMs: 10 }));
      const context = await pool.acquireContext();
      expect(context.browser()).toBe(browser);
      expect(pool.launched).toBe(false);
      await context.close();
      await pool.close();
      expect(browser.isConnected()).toBe(true);

      const { pool: second, next: secondNext } = track(poolWithEvents({ browser }));
      const disconnected = secondNext('disconnect');
      await browser.close();
      await disconnected;
      const error = await second.acquireContext().catch((caught: unknown) => caught);
      expect(BrowserLaunchError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ failure: 'injected-disconnected', retryable: false, category: 'system' });
      expect(String((error as Error).message)).toMatch(/never replaces a browser it did not launch/);
    } finally {
      await browser.close();
    }
  });
});

describe('createBrowserPool: egress', () => {
  /** A server that records requests and connections; `proxy` answers absolute-form requests as a proxy would. */
  async function recordingServer() {
    const requests: string[] = [];
    let connections = 0;
    const server = createServer((request, response) => {
      requests.push(`${request.method} ${request.url}`);
      response.writeHead(200, { 'content-type': 'text/html' }).end('<p>reached</p>');
    });
    server.on('connection', () => {
      connections += 1;
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return {
      origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      requests,
      connections: () => connections,
      close: () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    };
  }

  /** Opens `url` in a context with no request routing: only Chromium's own network stack is involved. */
  async function openUnrouted(pool: BrowserPool, url: string): Promise<string> {
    const context = await pool.acquireContext();
    try {
      const page = await context.newPage();
      return await page.goto(url).then(
        async () => `loaded: ${await page.textContent('p')}`,
        (error: Error) => `failed: ${error.message.split('\n')[0]}`,
      );
    } finally {
      await context.close();
    }
  }

  it("by default sends Chromium's own connections to a proxy that refuses them, so they reach nothing", async () => {
    const target = await recordingServer();
    try {
      const { pool } = track(poolWithEvents());
      expect(await openUnrouted(pool, `${target.origin}/page`)).toMatch(/^failed: .*net::ERR_/);
      expect(target.requests).toEqual([]);
      expect(target.connections()).toBe(0);
      await pool.close();
    } finally {
      await target.close();
    }
  });

  it("lets them through with 'direct', and sends them to the host's proxy with { proxyServer }", async () => {
    const target = await recordingServer();
    const proxy = await recordingServer();
    try {
      const { pool: direct } = track(poolWithEvents({ egress: 'direct' }));
      expect(await openUnrouted(direct, `${target.origin}/direct`)).toBe('loaded: reached');
      expect(target.requests).toContain('GET /direct');
      await direct.close();

      const { pool: proxied } = track(poolWithEvents({ egress: { proxyServer: proxy.origin } }));
      expect(await openUnrouted(proxied, `${target.origin}/proxied`)).toBe('loaded: reached');
      // An HTTP proxy gets the absolute URL; the target itself is never contacted.
      expect(proxy.requests).toContain(`GET ${target.origin}/proxied`);
      expect(target.requests.filter((request) => request.includes('/proxied'))).toEqual([]);
      await proxied.close();
    } finally {
      await Promise.all([target.close(), proxy.close()]);
    }
  });
});

describe('createBrowserPool: finding Chromium', () => {
  it('lists every candidate tried and why each failed', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'browser-pool-'));
    try {
      const notExecutable = join(directory, 'chromium-not-executable');
      await writeFile(notExecutable, '#!/bin/sh\n');
      await chmod(notExecutable, 0o644);
      const pool = createBrowserPool({
        // Exists and is executable, but is no browser: the launch itself fails.
        executablePath: '/bin/false',
        _internal: {
          env: { PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH: join(directory, 'from-env') },
          playwrightExecutablePath: () => notExecutable,
          headlessShellPath: join(directory, 'headless-shell'),
          systemExecutablePath: join(directory, 'system', 'chromium'),
        },
      });
      pools.push(pool);
      const error = await pool.acquireContext().catch((caught: unknown) => caught);
      expect(BrowserLaunchError.isInstance(error)).toBe(true);
      const launchError = error as BrowserLaunchError;
      expect(launchError).toMatchObject({
        code: 'BROWSER_LAUNCH',
        category: 'system',
        retryable: false,
        failure: 'no-executable',
      });
      expect(launchError.attempts.map(({ path, source }) => ({ path, source }))).toEqual([
        { path: '/bin/false', source: 'option' },
        { path: join(directory, 'from-env'), source: 'env' },
        { path: join(directory, 'headless-shell'), source: 'headless-shell' },
        { path: notExecutable, source: 'playwright' },
        { path: join(directory, 'system', 'chromium'), source: 'system' },
      ]);
      expect(launchError.attempts.map((attempt) => attempt.problem.split(':')[0])).toEqual([
        'failed to launch',
        'does not exist',
        'does not exist',
        'is not executable',
        'does not exist',
      ]);
      for (const attempt of launchError.attempts) expect(launchError.message).toContain(attempt.path);
      expect(launchError.toJSON()).toMatchObject({
        failure: 'no-executable',
        attempts: launchError.attempts,
      });
      // A failed launch leaves the pool usable: it tries again next time rather than caching the failure.
      await expect(pool.acquireContext()).rejects.toMatchObject({ failure: 'no-executable' });
      expect(pool.openContexts).toBe(0);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });

  it('falls through to the next candidate and reports the ones it skipped', async () => {
    const { pool, events } = track(
      poolWithEvents({
        executablePath: '/nonexistent/chromium',
        _internal: {
          env: { PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH: SYSTEM_CHROMIUM },
          playwrightExecutablePath: () => undefined,
        },
      }),
    );
    const context = await pool.acquireContext();
    expect(events[0]).toMatchObject({
      type: 'launch',
      executablePath: SYSTEM_CHROMIUM,
      source: 'env',
      skipped: [{ path: '/nonexistent/chromium', source: 'option', problem: 'does not exist' }],
    });
    await context.close();
    await pool.close();
  });

  it('refuses unusable options when built', () => {
    expect(() => createBrowserPool({ maxOpenContexts: 0 })).toThrow(ConfigurationError);
    expect(() => createBrowserPool({ idleTimeoutMs: -1 })).toThrow(/idleTimeoutMs/);
    expect(() => createBrowserPool({ launchArgs: ['about:blank'] })).toThrow(/launchArgs/);
    expect(() => createBrowserPool({ executablePath: ' ' })).toThrow(/executablePath/);
    expect(() => createBrowserPool({ egress: { proxyServer: 'not a url' } })).toThrow(/egress/);
    expect(() => createBrowserPool({ egress: 'off' as 'direct' })).toThrow(/egress/);
  });
});

describe('createBrowserPool: a caller that gives up during the launch', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('still closes the browser it launched once idle', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let closed = false;
    const fakeBrowser = {
      on: () => fakeBrowser,
      isConnected: () => !closed,
      close: async () => {
        closed = true;
      },
    } as unknown as Browser;
    const hold = deferred();
    const started = deferred();
    const { pool, next } = track(
      poolWithEvents({
        idleTimeoutMs: 1000,
        _internal: {
          launch: async () => {
            started.resolve();
            await hold.promise;
            return fakeBrowser;
          },
        },
      }),
    );
    const controller = new AbortController();
    const acquiring = pool.acquireContext({ signal: controller.signal });
    await started.promise;
    controller.abort(new Error('the caller gave up'));
    await expect(acquiring).rejects.toThrow('the caller gave up');
    hold.resolve();
    await next('launch');
    expect(pool.launched).toBe(true);
    await vi.advanceTimersByTimeAsync(1000);
    expect(closed).toBe(true);
    expect(pool.launched).toBe(false);
  });
});
