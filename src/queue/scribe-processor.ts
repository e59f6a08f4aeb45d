import type { Job } from 'bullmq';
import {
  ConfigurationError,
  type PersistenceAdapter,
  PersistenceError,
  type ProgressCallback,
  type RunPipelineOptions,
  runPipeline,
  ScribeError,
} from '../index.js';
import { spentAttempt, toJobError } from './job-failure.js';
import { progressToJob } from './progress-to-job.js';
import { readJobInput, type ScribeJobData, type ScribeJobResult } from './scribe-job.js';

/** Options of `createScribeProcessor`. */
export interface ScribeProcessorOptions {
  /** The pipeline each job runs. Steps hold no per-run state, so one list serves every job. */
  steps: RunPipelineOptions['steps'];
  /** Where emails are saved; shared by every worker, so it must be a shared database. */
  persistence: PersistenceAdapter;
  /** Also called with each step event, after it is written to the job. */
  onProgress?: ProgressCallback;
  /** Defaults to the tracer of the host's global OpenTelemetry provider. */
  tracer?: RunPipelineOptions['tracer'];
  /** Prices per model id for each job's `cost`; default `DEFAULT_PRICE_TABLE`. */
  prices?: RunPipelineOptions['prices'];
  /** The most one job may spend; past it the job fails with `BudgetExceededError`, not retried. */
  budget?: RunPipelineOptions['budget'];
  /**
   * Where finished stages are kept until the email is saved, so a retried job (after a crash or a
   * failure) skips them: `redisCheckpoints`, `postgresCheckpoints`, `sqliteCheckpoints`.
   */
  checkpoints?: RunPipelineOptions['checkpoints'];
  /** For tests: a fixed clock for `spent[].failedAt`, and the time limit of that record's write. @internal */
  _internal?: { now?: () => Date; spentWriteTimeoutMs?: number };
}

/** A BullMQ processor function for email jobs. */
export type ScribeProcessor = (
  job: Job<ScribeJobData, ScribeJobResult>,
  token: string | undefined,
  signal: AbortSignal | undefined,
) => Promise<ScribeJobResult>;

/**
 * Makes the BullMQ processor that runs one email job:
 *
 * 1. validates `job.data` (bad data fails the job at once, with no retries);
 * 2. when the task's email is already saved (the job is being retried after a crash that came
 *    after the write), returns its id without running anything;
 * 3. runs the pipeline with BullMQ's cancellation signal, writing each step event to the job's
 *    progress, and returns `{ emailId, alreadySaved, timings, warnings, usage }`.
 *
 * On failure it appends what the attempt spent to `job.data.spent`, then rethrows a retryable
 * error as it is (BullMQ's attempts and backoff apply) and turns any other into BullMQ's
 * `UnrecoverableError` (see `toJobError`).
 *
 * @example
 * ```ts
 * const processor = createScribeProcessor({ steps, persistence });
 * const worker = new Worker('emails', processor, { connection, concurrency: 4 });
 * ```
 */
export function createScribeProcessor(options: ScribeProcessorOptions): ScribeProcessor {
  const { steps, persistence, onProgress, tracer, prices, budget, checkpoints, _internal } = options;
  checkProcessorOptions(options);
  const now = _internal?.now ?? (() => new Date());
  const spentWriteTimeoutMs = _internal?.spentWriteTimeoutMs ?? SPENT_WRITE_TIMEOUT_MS;

  // Three declared parameters: BullMQ only creates a cancellation signal for processors whose
  // arity says they take one.
  return async (job, _token, signal) => {
    let input: ReturnType<typeof readJobInput>;
    try {
      input = readJobInput(job.data);
    } catch (error) {
      throw toJobError(error);
    }
    try {
      const saved = await findSaved(persistence, input.taskId, signal);
      // A draft saved for review is not done: the job runs again, and its save replaces the draft.
      if (saved?.status === 'finished')
        return {
          emailId: saved.id,
          alreadySaved: true,
          status: saved.status,
          timings: {},
          warnings: [],
          usage: {},
        };
      const result = await runPipeline({
        input,
        steps,
        persistence,
        signal,
        tracer,
        ...(prices === undefined ? {} : { prices }),
        ...(budget === undefined ? {} : { budget }),
        ...(checkpoints === undefined ? {} : { checkpoints }),
        onProgress: progressToJob(job, { onProgress }),
      });
      if (result.emailId === undefined)
        throw new Error('runPipeline saved nothing although it had persistence');
      const { emailId, created, status, timings, warnings, usage, cost } = result;
      // A concurrent attempt of this task (a stalled job run twice) may have saved first: then this
      // attempt wrote nothing, and the email is that attempt's, already accounted for.
      return { emailId, alreadySaved: !created, status, timings, warnings, usage, cost };
    } catch (error) {
      await recordSpent(job, error, now(), spentWriteTimeoutMs);
      throw toJobError(error);
    }
  };
}

/**
 * The task's saved email, if any. An adapter's own error is wrapped as `runPipeline` wraps those
 * of `saveEmail`: a `PersistenceError`, retryable unless the error says otherwise.
 */
async function findSaved(persistence: PersistenceAdapter, taskId: string, signal: AbortSignal | undefined) {
  try {
    return await persistence.getEmailByTaskId(taskId, { signal });
  } catch (error) {
    if (ScribeError.isInstance(error)) throw error;
    throw new PersistenceError({ operation: 'getEmailByTaskId', taskId, cause: error });
  }
}

/**
 * Appends what the failed attempt spent to the job's data, so the cost of every attempt stays
 * visible on the job (also after the last one). A Redis failure here must not hide the run's
 * own error, which is what decides the retry, so it is dropped.
 */
/**
 * How long the failure's record may take to reach Redis. During an outage `updateData` would wait
 * for the connection to come back, holding the job's failure (and its retry) the whole time; the
 * record is worth less than failing the job on time.
 */
export const SPENT_WRITE_TIMEOUT_MS = 5000;

async function recordSpent(
  job: Job<ScribeJobData, ScribeJobResult>,
  error: unknown,
  failedAt: Date,
  timeoutMs: number,
) {
  const earlier = Array.isArray(job.data.spent) ? job.data.spent : [];
  const spent = [...earlier, spentAttempt(error, job.attemptsMade + 1, failedAt)];
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, timeoutMs);
  });
  try {
    await Promise.race([job.updateData({ ...job.data, spent }).catch(() => {}), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

function checkProcessorOptions({ steps, persistence }: ScribeProcessorOptions): void {
  if (!Array.isArray(steps) || steps.length === 0) {
    throw new ConfigurationError({
      component: 'scribe processor',
      option: 'steps',
      message: 'must list at least one step',
    });
  }
  if (typeof persistence?.saveEmail !== 'function' || typeof persistence.getEmailByTaskId !== 'function') {
    throw new ConfigurationError({
      component: 'scribe processor',
      option: 'persistence',
      message: 'must be a persistence adapter (saveEmail and getEmailByTaskId)',
    });
  }
}
