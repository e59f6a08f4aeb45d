import {
  type EmailStatus,
  type PipelineInput,
  type ProgressEvent,
  parsePipelineInput,
  type RunCost,
  type ScribeErrorCode,
  type StepIssue,
  type TokenUsage,
} from '../index.js';

/**
 * The name every email job is added under.
 *
 * @example
 * ```ts
 * const jobs = await queue.getJobs(['failed']);
 * const emailJobs = jobs.filter((job) => job.name === SCRIBE_JOB_NAME);
 * ```
 */
export const SCRIBE_JOB_NAME = 'scribe-email';

/** What one failed attempt of a job spent before it failed: kept in the job's data. */
export interface SpentAttempt {
  /** 1 for the first attempt. */
  attempt: number;
  /** ISO 8601: when the attempt failed. */
  failedAt: string;
  /** Token usage per step: what the attempt's model calls cost. */
  usage: Record<string, TokenUsage>;
  /** Milliseconds per step that ran. */
  timings: Record<string, number>;
  error: { code: ScribeErrorCode | undefined; message: string; retryable: boolean };
}

/**
 * A job's data: the pipeline input, validated again by the worker, plus `spent`, which the
 * worker appends to when an attempt fails. Nothing else may be in it.
 */
export type ScribeJobData = PipelineInput & { spent?: SpentAttempt[] };

/** What a completed job returns (BullMQ keeps it as the job's `returnvalue`). */
export interface ScribeJobResult {
  /** The saved email's id. */
  emailId: string;
  /**
   * True when this attempt did not write the email: it was already saved when the job started
   * (the job was retried after a crash that came after the write: nothing ran and the numbers
   * below are empty), or a concurrent attempt of the task saved first (the numbers below are what
   * this attempt spent for nothing). Bill a task's email once: where this is false.
   */
  alreadySaved: boolean;
  /**
   * `needs_review` when the composer's steps keep failing drafts for review
   * (`onInvalidDraft: 'save-for-review'`): the job completed, but the email must not be sent.
   */
  status: EmailStatus;
  /** Milliseconds per step. */
  timings: Record<string, number>;
  warnings: StepIssue[];
  /** Token usage per step of this attempt. */
  usage: Record<string, TokenUsage>;
  /** What this attempt's model calls cost; absent when nothing ran (`alreadySaved`). */
  cost?: RunCost;
}

/** What the worker writes with `job.updateProgress` at each step event. */
export interface ScribeJobProgress extends Omit<ProgressEvent, 'warnings'> {
  /** Share of the run's steps that have finished (completed, skipped or failed), 0 to 100. */
  percent: number;
  warnings?: string[];
}

/**
 * The BullMQ job id of a task: the task id itself, escaped only where BullMQ would refuse it
 * (ids that read as integers, and `:`), and never the same for two task ids.
 *
 * @example
 * ```ts
 * const job = await queue.getJob(jobIdForTask('task-1')); // 'task-1'
 * jobIdForTask('42'); // '42%'
 * ```
 */
export function jobIdForTask(taskId: string): string {
  // Escaping `%` first keeps the mapping one-to-one; a lone trailing `%` never comes out of the
  // escaping, so it can mark an integer-looking id without colliding with another task's id.
  const escaped = taskId.replaceAll('%', '%25').replaceAll(':', '%3A');
  return `${Number.parseInt(escaped, 10)}` === escaped ? `${escaped}%` : escaped;
}

/**
 * Reads a job's pipeline input: `spent` is set aside, everything else must be valid input.
 *
 * @throws InputValidationError listing every bad field.
 */
export function readJobInput(data: unknown): PipelineInput {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return parsePipelineInput(data);
  const { spent: _spent, ...input } = data as Record<string, unknown>;
  return parsePipelineInput(input);
}
