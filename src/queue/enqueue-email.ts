import type { Job, JobsOptions, Queue } from 'bullmq';
import { parsePipelineInput } from '../index.js';
import { jobIdForTask, SCRIBE_JOB_NAME, type ScribeJobData, type ScribeJobResult } from './scribe-job.js';

/**
 * Job options `enqueueEmail` uses unless the queue's `defaultJobOptions` or the call say
 * otherwise: 3 attempts, 5 s then 10 s between them (exponential), completed jobs kept for a
 * day (at most 10,000), failed ones for a week, for inspection and to answer re-enqueues.
 *
 * @example
 * ```ts
 * await enqueueEmail(queue, input, { ...DEFAULT_EMAIL_JOB_OPTIONS, attempts: 5 });
 * ```
 */
export const DEFAULT_EMAIL_JOB_OPTIONS = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 5000 },
  removeOnComplete: { age: 24 * 60 * 60, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 60 * 60 },
} as const satisfies JobsOptions;

/** Job options a caller may set per email; the job id is always the task's. */
export type EnqueueEmailOptions = Omit<JobsOptions, 'jobId'>;

/**
 * Validates the input at the boundary and queues one email job, whose job id is the task id
 * (see `jobIdForTask`), so the same task cannot be queued twice.
 *
 * A second enqueue of a task while BullMQ still holds its job (waiting, delayed, active, or kept
 * after it completed or failed) adds nothing: it resolves to the job already there, read back
 * from Redis, so its `data` is the first enqueue's. Once that job is removed, the task can be
 * queued again, and the worker then finds the saved email and completes without running the
 * pipeline. Option precedence: this call's options, then the queue's `defaultJobOptions`, then
 * `DEFAULT_EMAIL_JOB_OPTIONS`.
 *
 * @throws InputValidationError listing every bad field; nothing is queued.
 * @example
 * ```ts
 * const queue = new Queue<ScribeJobData, ScribeJobResult>('emails', { connection });
 * const job = await enqueueEmail(queue, request.body);
 * response.status(202).json({ jobId: job.id });
 * ```
 */
export async function enqueueEmail(
  queue: Queue<ScribeJobData, ScribeJobResult>,
  input: unknown,
  options: EnqueueEmailOptions = {},
): Promise<Job<ScribeJobData, ScribeJobResult>> {
  const data = parsePipelineInput(input);
  const jobId = jobIdForTask(data.taskId);
  const added = await queue.add(SCRIBE_JOB_NAME, data, {
    ...DEFAULT_EMAIL_JOB_OPTIONS,
    ...queue.defaultJobOptions,
    ...options,
    jobId,
  });
  // For an id it already holds, BullMQ adds nothing but still returns a job built from this
  // call's arguments; the stored job is the truth. It is gone only if it finished and was
  // removed in between, and then the one just returned is as good as any.
  return (await queue.getJob(jobId)) ?? added;
}
