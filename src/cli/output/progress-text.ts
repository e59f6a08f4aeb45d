import type { ProgressEvent } from '../../index.js';
import { countOf, formatDuration, oneLine } from './format.js';

/** `web_scraper completed in 812 ms (2 warnings)`: what a finished step's line says. */
export function describeFinishedStep(event: ProgressEvent): string {
  const duration = formatDuration(event.durationMs ?? 0);
  const count = event.warnings?.length ?? 0;
  const warnings = count === 0 ? '' : ` (${countOf(count, 'warning')})`;
  switch (event.status) {
    case 'started':
      return `${event.step} started`;
    case 'completed':
      return `${event.step} completed in ${duration}${warnings}`;
    case 'skipped':
      return `${event.step} skipped after ${duration}${warnings}`;
    case 'failed':
      return `${event.step} failed after ${duration}: ${oneLine(event.error?.message ?? 'unknown error')}`;
  }
}
