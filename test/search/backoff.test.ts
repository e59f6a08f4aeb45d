import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { abortableSleep } from '../../src/core/signal.js';
import { backoffDelayMs, MAX_RETRY_AFTER_MS, parseRetryAfter } from '../../src/search/backoff.js';

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-28T12:00:00Z');
  it.each([
    ['3', 3000],
    [' 0 ', 0],
    ['Sat, 28 Nov 2026 12:00:07 GMT', 7000],
    ['Sat, 28 Nov 2026 11:59:00 GMT', 0],
    ['Saturday, 28-Nov-26 12:00:07 GMT', 7000],
    [null, undefined],
    ['soon', undefined],
    ['-5', undefined],
    ['1.5', undefined],
  ])('%j is %j ms', (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });
});

describe('backoffDelayMs', () => {
  it('grows with the attempt, stays between half and all of its ceiling, and never goes under Retry-After', () => {
    expect(backoffDelayMs(1, () => 0)).toBe(250);
    expect(backoffDelayMs(1, () => 1)).toBe(500);
    expect(backoffDelayMs(3, () => 0)).toBe(1000);
    expect(backoffDelayMs(20, () => 1)).toBe(8000);
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        fc.option(fc.integer({ min: 0, max: MAX_RETRY_AFTER_MS }), { nil: undefined }),
        (attempt, random, retryAfterMs) => {
          const delay = backoffDelayMs(attempt, () => random, retryAfterMs);
          const ceiling = Math.min(8000, 500 * 2 ** (attempt - 1));
          expect(delay).toBeGreaterThanOrEqual(Math.max(ceiling / 2, retryAfterMs ?? 0));
          expect(delay).toBeLessThanOrEqual(Math.max(ceiling, retryAfterMs ?? 0));
        },
      ),
    );
  });
});

describe('abortableSleep', () => {
  it('resolves after the wait', async () => {
    await expect(abortableSleep(5, undefined)).resolves.toBeUndefined();
  });

  it('rejects with the reason at once when the signal has fired, and when it fires during the wait', async () => {
    const reason = new Error('stop');
    await expect(abortableSleep(60_000, AbortSignal.abort(reason))).rejects.toBe(reason);
    const controller = new AbortController();
    const waiting = abortableSleep(60_000, controller.signal);
    controller.abort(reason);
    await expect(waiting).rejects.toBe(reason);
  });
});
