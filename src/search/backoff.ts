/** The longest Retry-After a search client waits out itself; a longer one fails at once, retryable. */
export const MAX_RETRY_AFTER_MS = 30_000;
const BASE_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 8000;

/**
 * The wait before retry number `attempt` (1 for the first retry): exponential with "equal jitter"
 * (half fixed, half random), so retries never come at once yet clients spread out. A Retry-After
 * is a floor.
 */
export function backoffDelayMs(attempt: number, random: () => number, retryAfterMs?: number): number {
  const ceiling = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** (attempt - 1));
  const jittered = ceiling / 2 + (random() * ceiling) / 2;
  return Math.max(retryAfterMs ?? 0, jittered);
}

/** Retry-After as milliseconds, from seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // Every HTTP-date form starts with a day name; without this check Date.parse reads "-5" as a year.
  if (!/^[A-Za-z]{3}/.test(trimmed)) return undefined;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
