// Types only, so the factory and the two displays it picks between import them without a circle.
import type { ProgressEvent } from '../../index.js';
import type { CliStream } from '../cli-io.js';

/** Where a run's progress goes: stderr, never stdout (stdout carries the result alone). */
export interface ProgressDisplay {
  /** The `onProgress` callback to give `runPipeline`. */
  onProgress(event: ProgressEvent): void;
  /** A line of its own (a task skipped, done or failed), kept above the live rows. */
  note(line: string): void;
  /** Stops drawing and leaves the terminal clean. Safe to call twice. */
  stop(): void;
}

/** Options of {@link createProgressDisplay}. */
export interface ProgressDisplayOptions {
  stream: CliStream;
  /** A prefix per task (a batch runs several at once); none when it returns undefined. */
  labelFor?: (taskId: string) => string | undefined;
}
