/**
 * Waits `delayMs`, or rejects with the signal's own reason as soon as it fires. Node's
 * `timers/promises` rejects with a generic AbortError instead; callers up the stack (the step's
 * deadline) recognise their abort by its reason, so the reason must come back unchanged.
 */
export function abortableSleep(delayMs: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, delayMs);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
