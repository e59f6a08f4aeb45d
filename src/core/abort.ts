import { PipelineAbortedError } from './errors/pipeline-aborted-error.js';

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
export function raceWithAbort<T>(work: Promise<T>, signal: AbortSignal, place: AbortPlace): Promise<T> {
  if (signal.aborted) {
    // The abandoned work may still reject; nobody is waiting for it any more.
    work.catch(() => {});
    return Promise.reject(new PipelineAbortedError({ ...place, cause: signal.reason }));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new PipelineAbortedError({ ...place, cause: signal.reason }));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
