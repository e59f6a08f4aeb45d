import { type Summary, summarize } from './stats.js';

/** Options of {@link alternate}. */
export interface AlternateOptions<Side extends string> {
  /** Each side measures one round and returns its figure (milliseconds, pages/s...). */
  sides: Record<Side, () => Promise<number>>;
  /** Measured rounds per side. */
  rounds: number;
  /** Rounds per side run first and thrown away (JIT, caches, Chromium's first launch). Default 1. */
  warmupRounds?: number;
  /** Told about each measured round, for progress output. */
  onRound?: (side: Side, round: number, value: number) => void;
}

/**
 * Runs every side once per round, alternating, in the same process: the order flips every round
 * (A B, B A, A B...) so drift in the machine's state (heat, other load, a growing heap) falls on
 * both sides alike instead of on whichever always runs second.
 *
 * @example
 * ```ts
 * const { direct, pipeline } = await alternate({ sides: { direct: runDirect, pipeline: runPipelined }, rounds: 7 });
 * console.log(pipeline.median / direct.median);
 * ```
 */
export async function alternate<Side extends string>(
  options: AlternateOptions<Side>,
): Promise<Record<Side, Summary>> {
  const names = Object.keys(options.sides) as Side[];
  const measured = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<Side, number[]>;
  const warmup = options.warmupRounds ?? 1;
  for (let round = -warmup; round < options.rounds; round += 1) {
    const order = (round + warmup) % 2 === 0 ? names : [...names].reverse();
    for (const name of order) {
      const value = await options.sides[name]();
      if (round < 0) continue;
      measured[name].push(value);
      options.onRound?.(name, round, value);
    }
  }
  return Object.fromEntries(names.map((name) => [name, summarize(measured[name])])) as Record<Side, Summary>;
}

/** Milliseconds one call of `work` takes. */
export async function timeMs(work: () => Promise<unknown>): Promise<number> {
  const startedAt = performance.now();
  await work();
  return performance.now() - startedAt;
}
