import { UnrecoverableError } from 'bullmq';
import {
  PersistenceError,
  PipelineAbortedError,
  PipelineExecutionError,
  type RunReport,
  ScribeError,
  type ScribeErrorCode,
} from '../index.js';
import type { SpentAttempt } from './scribe-job.js';

/** The error a failed job fails with when no retry can help: BullMQ fails it at once. */
export type UnrecoverableJobError = UnrecoverableError & {
  /** The library's code; undefined for an unexpected error (a bug). */
  code: ScribeErrorCode | undefined;
  retryable: false;
  /** What the run threw. */
  cause: unknown;
};

/**
 * Decides what BullMQ sees of a run's failure. A `ScribeError` that says a retry can help is
 * thrown as it is, so the job's attempts and backoff apply. Anything else becomes BullMQ's
 * `UnrecoverableError`, which fails the job without using its remaining attempts: a
 * non-retryable `ScribeError` (bad input, a deliberate step failure, an abort), and any error
 * that is not a `ScribeError`, which the pipeline only lets through for a bug, and a bug fails
 * the same way on every attempt (after paying for the same model calls again).
 *
 * The message keeps the code in front (`[INPUT_VALIDATION] Invalid pipeline input: ...`),
 * because BullMQ stores only the message as the job's `failedReason`.
 *
 * @example
 * ```ts
 * try { return await work(); } catch (error) { throw toJobError(error); }
 * ```
 */
export function toJobError(error: unknown): Error {
  if (ScribeError.isInstance(error) && error.retryable) return error;
  const code = ScribeError.isInstance(error) ? error.code : undefined;
  const message =
    code === undefined
      ? `[UNEXPECTED] ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`
      : `[${code}] ${(error as Error).message}`;
  const unrecoverable: UnrecoverableJobError = Object.assign(new UnrecoverableError(message), {
    code,
    retryable: false as const,
    cause: error,
  });
  return unrecoverable;
}

/** What a failed attempt spent, from the run report the pipeline's errors carry. */
export function spentAttempt(error: unknown, attempt: number, failedAt: Date): SpentAttempt {
  const report = runReportOf(error);
  return {
    attempt,
    failedAt: failedAt.toISOString(),
    usage: structuredClone(report?.usage ?? {}),
    timings: { ...report?.timings },
    error: {
      code: ScribeError.isInstance(error) ? error.code : undefined,
      message: error instanceof Error ? error.message : String(error),
      retryable: ScribeError.isInstance(error) && error.retryable,
    },
  };
}

function runReportOf(error: unknown): RunReport | undefined {
  if (PipelineExecutionError.isInstance(error)) return error;
  if (PipelineAbortedError.isInstance(error)) return error;
  if (PersistenceError.isInstance(error)) return error;
  return undefined;
}
