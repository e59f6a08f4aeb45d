import { ScribeError } from '../../core/errors/scribe-error.js';

const marker = 'scribe-pipeline.error.url-blocked';
const symbol = Symbol.for(marker);

/**
 * The SSRF guard refused a URL: its scheme, port, credentials, or an address its host resolves to.
 * Never retryable: the same URL will be refused again. Category `user` because the URL came from
 * the caller's input or from a page, not from a fault of ours.
 *
 * @example
 * ```ts
 * try { await guard.check('http://169.254.169.254/latest/meta-data/'); }
 * catch (error) { if (UrlBlockedError.isInstance(error)) console.warn(error.reason); }
 * ```
 */
export class UrlBlockedError extends ScribeError {
  private readonly [symbol] = true;
  /** The URL refused (the redirect hop, not the page first asked for, when a hop was refused). */
  readonly url: string;
  /** Why, in a few words, e.g. `127.0.0.2 is a loopback address`. */
  readonly reason: string;

  constructor({ url, reason, cause }: { url: string; reason: string; cause?: unknown }) {
    super({
      code: 'URL_BLOCKED',
      message: `URL refused: ${url}: ${reason}`,
      retryable: false,
      category: 'user',
      cause,
    });
    this.name = 'UrlBlockedError';
    this.url = url;
    this.reason = reason;
  }

  static override isInstance(error: unknown): error is UrlBlockedError {
    return ScribeError.hasMarker(error, marker);
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), url: this.url, reason: this.reason };
  }
}
