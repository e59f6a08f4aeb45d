/** How much of a network error {@link describeNetworkError} tells. */
export interface DescribeNetworkErrorOptions {
  /**
   * Follow the whole `cause` chain and give the innermost error as `code: message` (e.g.
   * `ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:80`), for a detail a reader sees per page.
   * Default false: the first cause's code alone (`ECONNREFUSED`), for a short message.
   */
  innermost?: boolean;
}

/**
 * Why a request never got an answer, in a few words. `fetch()` rejects with a bare
 * `TypeError: fetch failed` and keeps the socket or DNS error in `cause`, so the reason is read
 * there: its `code`, else its message, else the error's own message. Internal: not exported from
 * the package root.
 *
 * @example
 * ```ts
 * catch (error) { return { kind: 'network', message: describeNetworkError(error) }; } // "ECONNRESET"
 * ```
 */
export function describeNetworkError(
  error: unknown,
  { innermost = false }: DescribeNetworkErrorOptions = {},
): string {
  return innermost ? describeInnermost(error) : describeFirstCause(error);
}

function describeFirstCause(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
  return (
    (typeof cause?.code === 'string' ? cause.code : undefined) ??
    (typeof cause?.message === 'string' ? cause.message : undefined) ??
    (error instanceof Error ? error.message : String(error))
  );
}

function describeInnermost(error: unknown): string {
  let detail = error instanceof Error ? error.message : String(error);
  // A seen set, so a cause chain that loops back on itself still ends.
  const seen = new Set<unknown>();
  for (
    let current: unknown = error;
    current instanceof Error && !seen.has(current);
    current = current.cause
  ) {
    seen.add(current);
    const { code } = current as { code?: unknown };
    detail = typeof code === 'string' ? `${code}: ${current.message}` : current.message;
  }
  return detail;
}
