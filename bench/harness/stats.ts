/** The middle value (mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Median, minimum and maximum of one side's rounds, and the rounds themselves. */
export interface Summary {
  median: number;
  min: number;
  max: number;
  rounds: number[];
}

/** Summarises one side's per-round measurements. */
export function summarize(values: readonly number[]): Summary {
  return {
    median: median(values),
    min: Math.min(...values),
    max: Math.max(...values),
    rounds: [...values],
  };
}

/** Rounds to `digits` decimals, for tables and JSON that people read. */
export function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Bytes as MiB, one decimal. */
export function mebibytes(bytes: number): number {
  return round(bytes / (1024 * 1024), 1);
}
