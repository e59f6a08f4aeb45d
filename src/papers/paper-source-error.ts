import { ScribeError } from '../core/errors/scribe-error.js';

const marker = 'scribe-pipeline.error.paper-source';
const symbol = Symbol.for(marker);

/**
 * How a request to a paper source failed:
 * - `rate-limit`: slow down (Semantic Scholar's 429, OpenAlex's 403); retryable;
 * - `daily-limit`: the day's allowance is spent (OpenAlex's 429); not retryable today;
 * - `auth`: the key was refused (401, or 403 where it means that);
 * - `bad-request`: a 4xx the source explains (OpenAlex's 400 `{error, message}`), or a redirect
 *   that leaves the source's origin;
 * - `server`: HTTP 5xx;
 * - `malformed-response`: a success whose body is not JSON of the expected shape;
 * - `too-large`: the answer went past the size cap;
 * - `timeout`, `network`: no complete answer in time, or none at all.
 */
export type PaperSourceFailureKind =
  | 'rate-limit'
  | 'daily-limit'
  | 'auth'
  | 'bad-request'
  | 'server'
  | 'malformed-response'
  | 'too-large'
  | 'timeout'
  | 'network';

/** What a `PaperSourceError` is built from. */
export interface PaperSourceErrorOptions {
  /** The source's name, e.g. `openalex`. */
  source: string;
  kind: PaperSourceFailureKind;
  /** What went wrong, without the source prefix. Never contains a key. */
  message: string;
  retryable: boolean;
  statusCode?: number;
  retryAfterMs?: number;
  /** Requests made, retries included. Default 1. */
  attempts?: number;
  cause?: unknown;
}

/**
 * A request to a paper source (OpenAlex, Semantic Scholar, Crossref) failed after any retries.
 * The arXiv helper turns it into a warning naming the source: papers are never worth a failed run.
 *
 * @example
 * ```ts
 * if (PaperSourceError.isInstance(error) && error.kind === 'daily-limit') disableOpenAlexUntilTomorrow();
 * ```
 */
export class PaperSourceError extends ScribeError {
  private readonly [symbol] = true;
  readonly source: string;
  readonly kind: PaperSourceFailureKind;
  readonly statusCode: number | undefined;
  readonly retryAfterMs: number | undefined;
  readonly attempts: number;

  constructor({
    source,
    kind,
    message,
    retryable,
    statusCode,
    retryAfterMs,
    attempts = 1,
    cause,
  }: PaperSourceErrorOptions) {
    super({
      code: 'PAPER_SOURCE',
      message: `${source}: ${message}`,
      retryable,
      category: 'third-party',
      cause,
    });
    this.name = 'PaperSourceError';
    this.source = source;
    this.kind = kind;
    this.statusCode = statusCode;
    this.retryAfterMs = retryAfterMs;
    this.attempts = attempts;
  }

  static override isInstance(error: unknown): error is PaperSourceError {
    return ScribeError.hasMarker(error, marker);
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      source: this.source,
      kind: this.kind,
      statusCode: this.statusCode,
      retryAfterMs: this.retryAfterMs,
      attempts: this.attempts,
    };
  }
}
