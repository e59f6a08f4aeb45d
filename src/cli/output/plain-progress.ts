import { describeFinishedStep } from './progress-text.js';
import type { ProgressDisplay, ProgressDisplayOptions } from './progress-types.js';

/** One `[scribe] ...` line per event, for logs and pipes: no escape codes, no redrawing. */
export function createPlainProgress({ stream, labelFor }: ProgressDisplayOptions): ProgressDisplay {
  return {
    onProgress(event) {
      const label = labelFor?.(event.taskId);
      stream.write(`[scribe] ${label === undefined ? '' : `${label} `}${describeFinishedStep(event)}\n`);
    },
    note(line) {
      stream.write(`[scribe] ${line}\n`);
    },
    stop() {},
  };
}
