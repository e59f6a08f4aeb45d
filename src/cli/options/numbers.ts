import { UsageError } from '../usage-error.js';

/**
 * Reads a duration flag: a number of milliseconds (`800`, `800ms`) or of seconds (`12s`, `1.5s`).
 * The range is left to the library, whose `ConfigurationError` names it.
 */
export function parseDurationFlag(flag: string, value: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s)?\s*$/.exec(value);
  if (!match) {
    throw new UsageError(`${flag}: expected milliseconds (800, 800ms) or seconds (12s), got "${value}"`, {
      field: flag,
    });
  }
  const amount = Number(match[1]);
  return Math.round(match[2] === 's' ? amount * 1000 : amount);
}

/** Reads a whole-number flag within a range. */
export function parseIntegerFlag(
  flag: string,
  value: string,
  { min, max }: { min: number; max: number },
): number {
  const number = /^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(number) || number < min || number > max) {
    throw new UsageError(`${flag}: expected a whole number from ${min} to ${max}, got "${value}"`, {
      field: flag,
    });
  }
  return number;
}
