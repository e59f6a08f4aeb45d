import type { ProgressDisplay, ProgressDisplayOptions } from './progress-display.js';
import { describeFinishedStep } from './progress-text.js';

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
