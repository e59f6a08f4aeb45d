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
  | 'empty-page';

/**
 * A request to the arXiv API failed, after any retries. `kind` says how; arXiv's own message
 * (from its error feed) is in the message for `api-error`.
 */
export class ArxivRequestError extends ScribeError {
  private readonly [symbol] = true;
  readonly kind: ArxivFailureKind;
  readonly statusCode: number | undefined;
  /** How many requests were made, retries included. */
  readonly attempts: number;

  constructor({
    kind,
    message,
    statusCode,
    attempts,
    retryable,
    cause,
  }: {
    kind: ArxivFailureKind;
    message: string;
    statusCode?: number;
    attempts: number;
    retryable: boolean;
    cause?: unknown;
  }) {
    super({ code: 'ARXIV_REQUEST', message: `arXiv: ${message}`, retryable, category: 'third-party', cause });
    this.name = 'ArxivRequestError';
    this.kind = kind;
    this.statusCode = statusCode;
    this.attempts = attempts;
  }

  static override isInstance(error: unknown): error is ArxivRequestError {
    return ScribeError.hasMarker(error, marker);
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), kind: this.kind, statusCode: this.statusCode, attempts: this.attempts };
  }
}
