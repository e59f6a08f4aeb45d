import type { ScribeErrorCode } from './errors/error-codes.js';

/** Where a step is in its life. */
export type StepStatus = 'started' | 'completed' | 'failed' | 'skipped';

/** One progress report, sent to the host's `onProgress` callback. */
export interface ProgressEvent {
  taskId: string;
  step: string;
  status: StepStatus;
  /** The step's 0-based position among all steps of the run (parallel groups flattened). */
  index: number;
  /** How many steps the run has. */
  total: number;
  /** With `completed`, `failed` and `skipped`: milliseconds, to a tenth. */
  durationMs?: number;
  /** With `completed` and `skipped`: the step's non-fatal warnings. */
  warnings?: readonly string[];
  /** With `failed`: what went wrong, and the error's code when the library knows it. */
  error?: { message: string; code?: ScribeErrorCode };
  /** With `skipped`: true when the step did not run because a checkpoint had its outputs. */
  resumed?: boolean;
}

/** The host's progress callback. It may be async; a throw or rejection never breaks a run. */
export type ProgressCallback = (event: ProgressEvent) => void | Promise<void>;

/** What a step reports about itself; the pipeline fills in task id, step name, index and total. */
export type StepProgress = Pick<ProgressEvent, 'status' | 'durationMs' | 'warnings' | 'error' | 'resumed'>;
