import type { ScribeErrorCode } from './error-codes.js';

const marker = 'scribe-pipeline.error';
const symbol = Symbol.for(marker);

/** Who is to blame for an error: the caller's input, our system, or a service we call. */
export type ErrorCategory = 'user' | 'system' | 'third-party';

/** What every `ScribeError` is built from. */
export interface ScribeErrorOptions {
  /** Stable, machine-readable code, e.g. `INPUT_VALIDATION`. */
  code: ScribeErrorCode;
  message: string;
  /** Whether running the same work again may succeed (a timeout may; bad input never will). */
  retryable: boolean;
  category: ErrorCategory;
  cause?: unknown;
}

/**
 * Base class of every error the library throws. Each error has a stable `code`, says whether a
 * retry can help (`retryable`), and serializes to JSON safely so it can travel in job data.
 *
 * Use the static `isInstance` checks rather than `instanceof`: they work even when two copies of
 * the package are installed.
 *
 * @example
 * ```ts
 * try { await runPipeline(options); }
 * catch (error) { if (ScribeError.isInstance(error) && error.retryable) requeue(); }
 * ```
 */
export class ScribeError extends Error {
  private readonly [symbol] = true;
  readonly code: ScribeErrorCode;
  readonly retryable: boolean;
  readonly category: ErrorCategory;

  constructor({ code, message, retryable, category, cause }: ScribeErrorOptions) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'ScribeError';
    this.code = code;
    this.retryable = retryable;
    this.category = category;
  }

  /** True for any error thrown by any copy of this library. */
  static isInstance(error: unknown): error is ScribeError {
    return ScribeError.hasMarker(error, marker);
  }

  /** For subclasses' `isInstance`: whether `error` carries the marker any copy of this library sets. */
  protected static hasMarker(error: unknown, markerName: string): boolean {
    const markerSymbol = Symbol.for(markerName);
    return (
      error != null &&
      typeof error === 'object' &&
      markerSymbol in error &&
      (error as Record<symbol, unknown>)[markerSymbol] === true
    );
  }

  /** A JSON-safe view: name, code, message, retryable, category and the cause's message. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      retryable: this.retryable,
      category: this.category,
      ...(this.cause === undefined ? {} : { cause: describeCause(this.cause) }),
    };
  }
}

function describeCause(cause: unknown): unknown {
  if (ScribeError.isInstance(cause)) return cause.toJSON();
  if (cause instanceof Error) return { name: cause.name, message: cause.message };
  return String(cause);
}

/**
 * Reads whether an arbitrary error says a retry may help: our `retryable`, or the AI SDK's
 * `isRetryable`. Returns undefined when the error does not say.
 */
export function readRetryable(error: unknown): boolean | undefined {
  if (error == null || typeof error !== 'object') return undefined;
  const candidate = error as { retryable?: unknown; isRetryable?: unknown };
  if (typeof candidate.retryable === 'boolean') return candidate.retryable;
  if (typeof candidate.isRetryable === 'boolean') return candidate.isRetryable;
  return undefined;
}
