import type { Browser, BrowserContext, BrowserContextOptions, LaunchOptions } from 'playwright-core';
import { ConfigurationError } from '../../core/errors/configuration-error.js';
import type { ExecutableAttempt, ExecutableSource } from './browser-launch-error.js';

export const COMPONENT = 'browser_pool';

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
  /** For tests: the environment, the other candidate paths, and the launch itself. @internal */
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

export function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n', 1)[0] ?? message;
}

export function checkEgress(egress: BrowserEgress | undefined): BrowserEgress {
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

export function proxyArgs(proxyServer: string): string[] {
  return [`--proxy-server=${proxyServer}`, '--proxy-bypass-list=<-loopback>'];
}

export function checkLaunchArgs(args: readonly string[] | undefined): readonly string[] {
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
