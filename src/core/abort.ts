import { PipelineAbortedError } from './errors/pipeline-aborted-error.js';
import { settleBeforeAbort } from './signal.js';

interface AbortPlace {
  taskId: string;
  stepName?: string;
}

/** Throws `PipelineAbortedError` when the signal has fired. */
export function throwIfAborted(signal: AbortSignal, place: AbortPlace): void {
  if (signal.aborted) throw new PipelineAbortedError({ ...place, cause: signal.reason });
}

/**
 * Settles with the work, or rejects with `PipelineAbortedError` as soon as the signal fires, so
 * a run stops promptly even when a step ignores its signal. The work itself is not cancelled:
 * steps should pass the signal on to what they call.
 */
export async function raceWithAbort<T>(work: Promise<T>, signal: AbortSignal, place: AbortPlace): Promise<T> {
  try {
    return await settleBeforeAbort(work, signal);
  } catch (error) {
    if (signal.aborted && error === signal.reason) {
      throw new PipelineAbortedError({ ...place, cause: signal.reason });
    }
    throw error;
  }
}
