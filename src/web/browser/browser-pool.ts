import type { Browser, BrowserContext, BrowserContextOptions, LaunchOptions } from 'playwright-core';
import { checkNumberOption, checkStringOption } from '../../core/check-option.js';
import { ConfigurationError } from '../../core/errors/configuration-error.js';
import { settleBeforeAbort } from '../../core/signal.js';
import { BrowserLaunchError, type ExecutableAttempt, type ExecutableSource } from './browser-launch-error.js';
import { FifoSemaphore } from './fifo-semaphore.js';
import { type RefusingProxy, startRefusingProxy } from './refusing-proxy.js';
import {
  EXECUTABLE_PATH_ENV,
  executableProblem,
  listExecutableCandidates,
  SYSTEM_CHROMIUM_PATH,
  SYSTEM_HEADLESS_SHELL_PATH,
} from './resolve-executable.js';

const COMPONENT = 'browser_pool';

/**
 * The Chromium flags every launch gets (before `launchArgs`): no sandbox (containers run as root),
 * no GPU, no background traffic of Chromium's own (updates, sync, field trials), no QUIC (so every
 * HTTP request is TCP and visible to request routing), and WebRTC limited to proxied UDP so a page
 * cannot reach addresses through STUN/ICE.
 */
export const DEFAULT_LAUNCH_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--force-webrtc-ip-handling-policy=disable_non_proxied_udp',
];

/**
 * Where Chromium's own connections go: those it opens without asking request routing, so the
 * route guard never sees them (measured on Chromium 156: a TCP preconnect when any navigation
 * starts, speculation-rules prefetches and prerenders, which even Local Network Access lets
 * through, and WebSockets opened by workers).
 * - `'refuse'` (default): through a local proxy that closes every connection, so they reach
 *   nothing. Pages still load, because the reader fetches every request itself in Node, through
 *   the guard, and hands Chromium the responses; only WebSockets cannot connect.
 * - `{ proxyServer }`: through the host's egress proxy (e.g. Smokescreen), which should refuse
 *   private addresses; WebSockets then work through it.
 * - `'direct'`: no proxy; those connections go wherever a page points them.
 *
 * Loopback traffic goes through the proxy too (`--proxy-bypass-list=<-loopback>`).
 */
export type BrowserEgress = 'refuse' | 'direct' | { proxyServer: string };

/** What happened to the pool's browser; for logs and metrics. */
export type BrowserPoolEvent =
  | {
      type: 'launch';
      executablePath: string;
      source: ExecutableSource;
      /** Candidates tried first that could not be used. */
      skipped: readonly ExecutableAttempt[];
      durationMs: number;
    }
  /** A browser the pool launched has been closed, after `idleTimeoutMs` without pages or by `close()`. */
  | { type: 'close'; reason: 'idle' | 'pool-closed' }
  /** The browser went away without the pool closing it (a crash, or closed behind the pool's back). */
  | { type: 'disconnect'; injected: boolean };

/** Options for {@link createBrowserPool}. */
export interface BrowserPoolOptions {
  /** A Browser the host launched. Never closed by the pool; if it disconnects, acquiring fails. */
  browser?: Browser;
  /**
   * The Chromium to launch. When absent or unusable the pool tries, in order, the environment
   * variable PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH, Debian's headless shell
   * (/usr/bin/chromium-headless-shell: faster and leaner), Playwright's own download, then
   * /usr/bin/chromium.
   */
  executablePath?: string;
  /** Closes a browser the pool launched after this long with no context open. Default 30,000; 0 = never. */
  idleTimeoutMs?: number;
  /** Extra Chromium flags, after {@link DEFAULT_LAUNCH_ARGS} and the egress flags (a later flag wins). */
  launchArgs?: readonly string[];
  /** Where Chromium's own connections go; see {@link BrowserEgress}. Default `'refuse'`. Ignored for an injected browser. */
  egress?: BrowserEgress;
  /** Contexts (pages) open at once across everything using this pool; the rest wait in order. Default 1. */
  maxOpenContexts?: number;
  /** How long one launch may take. Default 30,000. */
  launchTimeoutMs?: number;
  /** Told about launches, closes and disconnects. Its exceptions are ignored. */
  onEvent?: (event: BrowserPoolEvent) => void;
  /** For tests: the environment, the other candidate paths, and the launch itself. */
  _internal?: {
    env?: Readonly<Record<string, string | undefined>>;
    /** Replaces `chromium.executablePath()`; undefined means "no Playwright download". */
    playwrightExecutablePath?: () => string | undefined;
    systemExecutablePath?: string;
    headlessShellPath?: string;
    launch?: (options: LaunchOptions) => Promise<Browser>;
  };
}

/** Options for one context: Playwright's context options plus a signal for the wait. */
export interface AcquireContextOptions extends BrowserContextOptions {
  /** Stops waiting for a slot or a launch; the context is not created (or closed at once). */
  signal?: AbortSignal;
}

/** One shared Chromium handing out fresh, isolated contexts. */
export interface BrowserPool {
  /**
   * Waits for a free slot (FIFO), launches the browser if needed (concurrent callers share one
   * launch), and returns a new context. The slot is freed when the context closes, so the caller
   * must close it (in `finally`).
   *
   * @throws BrowserLaunchError when no browser can be had (no executable, dead injected browser,
   * closed pool). An abort rejects with the signal's reason.
   */
  acquireContext(options?: AcquireContextOptions): Promise<BrowserContext>;
  /** Closes the browser if the pool launched it, after any launch in progress. Idempotent; final. */
  close(): Promise<void>;
  /** True while a browser this pool launched is running. */
  readonly launched: boolean;
  /** Slots held: contexts open or being created. */
  readonly openContexts: number;
  /** Callers waiting for a slot. */
  readonly waiting: number;
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n', 1)[0] ?? message;
}

function checkEgress(egress: BrowserEgress | undefined): BrowserEgress {
  if (egress === undefined || egress === 'refuse' || egress === 'direct') return egress ?? 'refuse';
  const proxyServer = typeof egress === 'object' && egress !== null ? egress.proxyServer : undefined;
  if (typeof proxyServer !== 'string' || !/^(https?|socks[45]):\/\/[^\s,;]+$/i.test(proxyServer)) {
    throw new ConfigurationError({
      component: COMPONENT,
      option: 'egress',
      message:
        "must be 'refuse', 'direct' or { proxyServer: 'http://host:port' } (http, https, socks4 or socks5)",
    });
  }
  return { proxyServer };
}

function proxyArgs(proxyServer: string): string[] {
  return [`--proxy-server=${proxyServer}`, '--proxy-bypass-list=<-loopback>'];
}

function checkLaunchArgs(args: readonly string[] | undefined): readonly string[] {
  if (args === undefined) return [];
  if (!Array.isArray(args) || args.some((arg) => typeof arg !== 'string' || !arg.startsWith('-'))) {
    throw new ConfigurationError({
      component: COMPONENT,
      option: 'launchArgs',
      message: 'must be a list of Chromium flags, each starting with "-"',
    });
  }
  return [...args];
}

/**
 * Creates the pool that owns (or borrows) the process's Chromium. Nothing happens until the first
 * `acquireContext`: Playwright is imported and Chromium launched then, so a host that never scrapes
 * with a browser never loads either.
 *
 * @example
 * ```ts
 * const pool = createBrowserPool({ idleTimeoutMs: 60_000 });
 * const context = await pool.acquireContext({ userAgent: 'my-bot/1.0', serviceWorkers: 'block' });
 * try { const page = await context.newPage(); await page.goto('https://example.org/'); }
 * finally { await context.close(); }
 * await pool.close(); // at shutdown
 * ```
 */
export function createBrowserPool(options: BrowserPoolOptions = {}): BrowserPool {
  const injected = options.browser;
  const executablePath =
    options.executablePath === undefined
      ? undefined
      : checkStringOption(COMPONENT, 'executablePath', options.executablePath);
  const idleTimeoutMs = checkNumberOption(COMPONENT, 'idleTimeoutMs', options.idleTimeoutMs ?? 30_000, {
    min: 0,
    max: 86_400_000,
  });
  const maxOpenContexts = checkNumberOption(COMPONENT, 'maxOpenContexts', options.maxOpenContexts ?? 1, {
    min: 1,
    max: 64,
    integer: true,
  });
  const launchTimeoutMs = checkNumberOption(COMPONENT, 'launchTimeoutMs', options.launchTimeoutMs ?? 30_000, {
    min: 1000,
    max: 300_000,
  });
  const launchArgs = checkLaunchArgs(options.launchArgs);
  const egress = checkEgress(options.egress);
  const { onEvent, _internal } = options;

  const slots = new FifoSemaphore(maxOpenContexts);
  /** Browsers we are closing on purpose: their 'disconnected' is not a crash. */
  const closingOnPurpose = new WeakSet<Browser>();
  let own: Browser | undefined;
  let launching: Promise<Browser> | undefined;
  let idleClosing: Promise<void> | undefined;
  let idleTimer: NodeJS.Timeout | undefined;
  let closing: Promise<void> | undefined;
  let refusingProxy: Promise<RefusingProxy> | undefined;

  const emit = (event: BrowserPoolEvent) => {
    try {
      onEvent?.(event);
    } catch {
      // A broken listener must not break the browser's life cycle.
    }
  };
  const poolClosed = () =>
    new BrowserLaunchError({
      failure: 'pool-closed',
      message: 'The browser pool is closed; it launches nothing more.',
    });

  injected?.on('disconnected', () => emit({ type: 'disconnect', injected: true }));

  async function launch(): Promise<Browser> {
    // An idle close still running would overlap two Chromiums in memory.
    if (idleClosing) await idleClosing;
    // Loaded here, on first use, so importing the library never loads Playwright.
    const { chromium } = await import('playwright-core');
    let playwrightPath: string | undefined;
    try {
      playwrightPath = _internal?.playwrightExecutablePath
        ? _internal.playwrightExecutablePath()
        : chromium.executablePath();
    } catch {
      playwrightPath = undefined;
    }
    const candidates = listExecutableCandidates({
      executablePath,
      envPath: (_internal?.env ?? process.env)[EXECUTABLE_PATH_ENV],
      playwrightPath,
      headlessShellPath: _internal?.headlessShellPath ?? SYSTEM_HEADLESS_SHELL_PATH,
      systemPath: _internal?.systemExecutablePath ?? SYSTEM_CHROMIUM_PATH,
    });
    const launchWith =
      _internal?.launch ?? ((launchOptions: LaunchOptions) => chromium.launch(launchOptions));
    const egressArgs = await egressLaunchArgs();
    const attempts: ExecutableAttempt[] = [];
    let lastError: unknown;
    for (const candidate of candidates) {
      const problem = await executableProblem(candidate.path);
      if (problem !== undefined) {
        attempts.push({ ...candidate, problem });
        continue;
      }
      const startedAt = performance.now();
      try {
        const browser = await launchWith({
          executablePath: candidate.path,
          headless: true,
          args: [...DEFAULT_LAUNCH_ARGS, ...egressArgs, ...launchArgs],
          timeout: launchTimeoutMs,
        });
        browser.on('disconnected', () => onDisconnected(browser));
        own = browser;
        emit({
          type: 'launch',
          executablePath: candidate.path,
          source: candidate.source,
          skipped: [...attempts],
          durationMs: performance.now() - startedAt,
        });
        // Every caller may have given up while it launched (aborted): then no context will ever
        // close to schedule the idle close, and the browser would run until the pool closes.
        if (slots.active === 0) scheduleIdleClose();
        return browser;
      } catch (error) {
        lastError = error;
        attempts.push({ ...candidate, problem: `failed to launch: ${firstLine(error)}` });
      }
    }
    throw BrowserLaunchError.noExecutable(attempts, lastError);
  }

  async function egressLaunchArgs(): Promise<string[]> {
    if (egress === 'direct') return [];
    if (egress !== 'refuse') return proxyArgs(egress.proxyServer);
    // One refusing proxy for the pool's life: relaunches reuse it.
    refusingProxy ??= startRefusingProxy().catch((error: unknown) => {
      refusingProxy = undefined;
      throw error;
    });
    return proxyArgs((await refusingProxy).url);
  }

  function onDisconnected(browser: Browser): void {
    if (own === browser) {
      own = undefined;
      clearIdleTimer();
    }
    if (!closingOnPurpose.has(browser)) emit({ type: 'disconnect', injected: false });
  }

  function currentBrowser(): Promise<Browser> {
    if (closing) return Promise.reject(poolClosed());
    if (injected) {
      if (injected.isConnected()) return Promise.resolve(injected);
      return Promise.reject(
        new BrowserLaunchError({
          failure: 'injected-disconnected',
          message:
            'The browser passed to the pool has disconnected; the pool never replaces a browser it did not launch.',
        }),
      );
    }
    if (own?.isConnected()) return Promise.resolve(own);
    launching ??= launch().finally(() => {
      launching = undefined;
    });
    return launching;
  }

  function clearIdleTimer(): void {
    if (idleTimer !== undefined) clearTimeout(idleTimer);
    idleTimer = undefined;
  }

  function scheduleIdleClose(): void {
    clearIdleTimer();
    if (idleTimeoutMs === 0 || own === undefined || closing) return;
    idleTimer = setTimeout(() => {
      idleTimer = undefined;
      const browser = own;
      if (browser === undefined || slots.active > 0) return;
      own = undefined;
      closingOnPurpose.add(browser);
      idleClosing = browser
        .close()
        .catch(() => {})
        .then(() => {
          idleClosing = undefined;
          emit({ type: 'close', reason: 'idle' });
        });
    }, idleTimeoutMs);
    // An idle browser must not be what keeps the host's process alive.
    idleTimer.unref();
  }

  function freeSlot(release: () => void): void {
    release();
    if (slots.active === 0) scheduleIdleClose();
  }

  async function acquireContext({ signal, ...contextOptions }: AcquireContextOptions = {}) {
    if (closing) throw poolClosed();
    const release = await slots.acquire(signal);
    clearIdleTimer();
    let context: BrowserContext;
    try {
      const browser = await settleBeforeAbort(currentBrowser(), signal);
      // close() may have started while we waited for the launch it now waits for.
      if (closing) throw poolClosed();
      context = await browser.newContext(contextOptions);
    } catch (error) {
      freeSlot(release);
      throw error;
    }
    // 'close' also fires when the browser disconnects, so a crash frees the slot too.
    context.once('close', () => freeSlot(release));
    if (signal?.aborted) {
      await context.close().catch(() => {});
      throw signal.reason;
    }
    return context;
  }

  function close(): Promise<void> {
    closing ??= (async () => {
      clearIdleTimer();
      slots.rejectWaiting(poolClosed());
      await launching?.catch(() => {});
      await idleClosing;
      const browser = own;
      own = undefined;
      if (browser !== undefined) {
        closingOnPurpose.add(browser);
        await browser.close().catch(() => {});
        emit({ type: 'close', reason: 'pool-closed' });
      }
      await (await refusingProxy?.catch(() => undefined))?.close();
    })();
    return closing;
  }

  return {
    acquireContext,
    close,
    get launched() {
      return own?.isConnected() === true;
    },
    get openContexts() {
      return slots.active;
    },
    get waiting() {
      return slots.waiting;
    },
  };
}
