import { ScribeError } from '../../core/errors/scribe-error.js';

const marker = 'scribe-pipeline.error.arxiv-request';
const symbol = Symbol.for(marker);

/** What went wrong talking to arXiv. */
export type ArxivFailureKind =
  | 'api-error'
  | 'http-status'
  | 'timeout'
  | 'network'
  | 'malformed-response'
  | 'empty-page'
  /** No request was sent: arXiv's Retry-After pause has longer left than a caller waits in-process. */
  | 'rate-limited';

/**
 * A request to the arXiv API failed, after any retries. `kind` says how; arXiv's own message
 * (from its error feed) is in the message for `api-error`. `retryAfterMs`, when set, is how long
 * a retry should wait: arXiv's Retry-After, or for `rate-limited` the time left of the pause.
 *
 * @example
 * ```ts
 * if (ArxivRequestError.isInstance(error) && error.kind === 'rate-limited') await sleep(error.retryAfterMs ?? 60_000);
 * ```
 */
export class ArxivRequestError extends ScribeError {
  private readonly [symbol] = true;
  readonly kind: ArxivFailureKind;
  readonly statusCode: number | undefined;
  /** How many requests were made, retries included (0 when none was sent). */
  readonly attempts: number;
  /** How long to wait before trying again, when arXiv said so. */
  readonly retryAfterMs: number | undefined;

  constructor({
    kind,
    message,
    statusCode,
    attempts,
    retryable,
    retryAfterMs,
    cause,
  }: {
    kind: ArxivFailureKind;
    message: string;
    statusCode?: number;
    attempts: number;
    retryable: boolean;
    retryAfterMs?: number;
    cause?: unknown;
  }) {
    super({ code: 'ARXIV_REQUEST', message: `arXiv: ${message}`, retryable, category: 'third-party', cause });
    this.name = 'ArxivRequestError';
    this.kind = kind;
    this.statusCode = statusCode;
    this.attempts = attempts;
    this.retryAfterMs = retryAfterMs;
  }

  static override isInstance(error: unknown): error is ArxivRequestError {
    return ScribeError.hasMarker(error, marker);
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      kind: this.kind,
      statusCode: this.statusCode,
      attempts: this.attempts,
      retryAfterMs: this.retryAfterMs,
    };
  }
}
