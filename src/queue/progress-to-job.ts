import type { ProgressCallback } from '../index.js';
import type { ScribeJobProgress } from './scribe-job.js';

/** The one method of a BullMQ job that progress needs. */
export interface ProgressTarget {
  /** Stores the job's progress, as BullMQ's `job.updateProgress` does. */
  updateProgress(progress: ScribeJobProgress): Promise<void>;
}

/**
 * A progress callback for `runPipeline` that writes each step event to a BullMQ job with
 * `job.updateProgress`, adding `percent` (finished steps over all steps). BullMQ publishes each
 * write as a `progress` event that `QueueEvents` listeners in any process receive.
 *
 * Writes go out one at a time, in event order, so the progress BullMQ keeps on the job is the
 * latest even when a parallel group's steps finish together. A failed write rejects for its own
 * event only (`runPipeline` turns that into a warning); later events are still written.
 *
 * @example
 * ```ts
 * await runPipeline({ input: job.data, steps, onProgress: progressToJob(job) });
 * ```
 */
export function progressToJob(job: ProgressTarget, { onProgress }: { onProgress?: ProgressCallback } = {}) {
  let finished = 0;
  let previous: Promise<void> = Promise.resolve();
  const callback: ProgressCallback = async (event) => {
    if (event.status !== 'started') finished += 1;
    const { warnings, ...fields } = event;
    const progress: ScribeJobProgress = {
      ...fields,
      ...(warnings === undefined ? {} : { warnings: [...warnings] }),
      percent: event.total === 0 ? 100 : Math.round((Math.min(finished, event.total) / event.total) * 100),
    };
    const write = previous.then(() => job.updateProgress(progress));
    previous = write.catch(() => {});
    await Promise.all([write, onProgress?.(event)]);
  };
  return callback;
}
