/** Anything with a static `isInstance` check, as every error class of this library has. */
export interface ErrorKind<T> {
  /** Whether `error` is one of this kind, from any copy of the library. */
  isInstance(error: unknown): error is T;
}

/**
 * The first error of a kind in an error's `cause` chain, the error itself included. Hosts use it
 * to reach, say, the `ModelCallError` (and its `statusCode`) under a `PipelineExecutionError`.
 *
 * @example
 * ```ts
 * const modelError = findErrorInChain(error, ModelCallError);
 * if (modelError?.statusCode === 429) backOff();
 * ```
 */
export function findErrorInChain<T>(error: unknown, kind: ErrorKind<T>): T | undefined {
  const seen = new Set<unknown>();
  for (let current = error; current != null && !seen.has(current); ) {
    if (kind.isInstance(current)) return current;
    seen.add(current);
    current = typeof current === 'object' ? (current as { cause?: unknown }).cause : undefined;
  }
  return undefined;
}
