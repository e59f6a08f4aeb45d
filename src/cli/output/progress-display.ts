import type { ProgressEvent } from '../../index.js';
import type { CliStream } from '../cli-io.js';
import { createLiveProgress } from './live-progress.js';
import { createPlainProgress } from './plain-progress.js';

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

/**
 * A live display with spinners when `stream` is a terminal; plain lines when it is not (a log,
 * a pipe, a CI job), e.g. `[scribe] web_scraper completed in 812 ms (2 warnings)`.
 */
export function createProgressDisplay(options: ProgressDisplayOptions): ProgressDisplay {
  return options.stream.isTTY === true ? createLiveProgress(options) : createPlainProgress(options);
}
