import type { Browser, BrowserContext } from 'playwright-core';
import { checkNumberOption, checkStringOption } from '../../core/check-option.js';
import { settleBeforeAbort } from '../../core/signal.js';
import { BrowserLaunchError } from './browser-launch-error.js';
import {
  type AcquireContextOptions,
  type BrowserPool,
  type BrowserPoolEvent,
  type BrowserPoolOptions,
  COMPONENT,
  checkEgress,
  checkLaunchArgs,
  DEFAULT_LAUNCH_ARGS,
  proxyArgs,
} from './browser-pool-options.js';
import { FifoSemaphore } from './fifo-semaphore.js';
import { launchChromium } from './launch-chromium.js';
import { type RefusingProxy, startRefusingProxy } from './refusing-proxy.js';

export {
  type AcquireContextOptions,
  type BrowserEgress,
  type BrowserPool,
  type BrowserPoolEvent,
  type BrowserPoolOptions,
  DEFAULT_LAUNCH_ARGS,
} from './browser-pool-options.js';

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
    const launched = await launchChromium({
      executablePath,
      launchArgs: [...DEFAULT_LAUNCH_ARGS, ...(await egressLaunchArgs()), ...launchArgs],
      launchTimeoutMs,
      ...(_internal === undefined ? {} : { internal: _internal }),
    });
    const { browser } = launched;
    browser.on('disconnected', () => onDisconnected(browser));
    own = browser;
    emit({
      type: 'launch',
      executablePath: launched.executablePath,
      source: launched.source,
      skipped: launched.skipped,
      durationMs: launched.durationMs,
    });
    // Every caller may have given up while it launched (aborted): then no context will ever
    // close to schedule the idle close, and the browser would run until the pool closes.
    if (slots.active === 0) scheduleIdleClose();
    return browser;
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
