import { ScribeError } from '../../core/errors/scribe-error.js';

const marker = 'scribe-pipeline.error.browser-launch';
const symbol = Symbol.for(marker);

/** Where a Chromium executable candidate came from, in the order they are tried. */
export type ExecutableSource = 'option' | 'env' | 'headless-shell' | 'playwright' | 'system';

/** One executable the pool considered, and why it could not be used. */
export interface ExecutableAttempt {
  path: string;
  source: ExecutableSource;
  /** e.g. `does not exist`, `is not executable`, or the launch error's first line. */
  problem: string;
}

/**
 * Why no browser was available:
 * - `no-executable`: every candidate was missing or failed to start (see `attempts`);
 * - `injected-disconnected`: the host's browser is gone, and the pool never replaces a browser it did not launch;
 * - `pool-closed`: the pool was closed; it launches nothing after `close()`.
 */
export type BrowserLaunchFailure = 'no-executable' | 'injected-disconnected' | 'pool-closed';

/**
 * The browser pool could not provide a browser. Not retryable: a missing or broken Chromium, a
 * closed pool or a dead injected browser stays that way until someone changes the setup.
 *
 * @example
 * ```ts
 * try { await pool.acquireContext(); }
 * catch (error) {
 *   if (BrowserLaunchError.isInstance(error)) for (const a of error.attempts) console.error(a.path, a.problem);
 * }
 * ```
 */
export class BrowserLaunchError extends ScribeError {
  private readonly [symbol] = true;
  readonly failure: BrowserLaunchFailure;
  /** Every executable tried, in order, with what was wrong with it (empty unless `no-executable`). */
  readonly attempts: readonly ExecutableAttempt[];

  constructor({
    failure,
    message,
    attempts = [],
    cause,
  }: {
    failure: BrowserLaunchFailure;
    message: string;
    attempts?: readonly ExecutableAttempt[];
    cause?: unknown;
  }) {
    super({ code: 'BROWSER_LAUNCH', message, retryable: false, category: 'system', cause });
    this.name = 'BrowserLaunchError';
    this.failure = failure;
    this.attempts = attempts;
  }

  /** Builds the error listing every candidate tried, one per line, so a log shows what to fix. */
  static noExecutable(attempts: readonly ExecutableAttempt[], cause?: unknown): BrowserLaunchError {
    const lines = attempts.map((attempt) => `  ${attempt.path} (${attempt.source}): ${attempt.problem}`);
    return new BrowserLaunchError({
      failure: 'no-executable',
      message: `Could not launch Chromium; tried:\n${lines.join('\n')}\nSet \`executablePath\` or PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH to a working Chromium, or install one (e.g. apt-get install chromium).`,
      attempts,
      cause,
    });
  }

  static override isInstance(error: unknown): error is BrowserLaunchError {
    return ScribeError.hasMarker(error, marker);
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), failure: this.failure, attempts: this.attempts };
  }
}
