import { createLiveProgress } from './live-progress.js';
import { createPlainProgress } from './plain-progress.js';
import type { ProgressDisplay, ProgressDisplayOptions } from './progress-types.js';

export type { ProgressDisplay, ProgressDisplayOptions } from './progress-types.js';

/**
 * A live display with spinners when `stream` is a terminal; plain lines when it is not (a log,
 * a pipe, a CI job), e.g. `[scribe] web_scraper completed in 812 ms (2 warnings)`.
 */
export function createProgressDisplay(options: ProgressDisplayOptions): ProgressDisplay {
  return options.stream.isTTY === true ? createLiveProgress(options) : createPlainProgress(options);
}
