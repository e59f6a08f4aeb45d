import type { StepIssue } from '../pipeline-data.js';
import type { TokenUsage } from '../token-usage.js';

/** What a run had done when it ended: carried by the errors a failed run throws, so nothing is lost. */
export interface RunReport {
  /** Every step's warnings so far, in step order. */
  warnings: StepIssue[];
  /** Milliseconds per step that ran. */
  timings: Record<string, number>;
  /** Token usage per step, failed model calls included: what the run cost. */
  usage: Record<string, TokenUsage>;
}

/** The errors that carry a run report. */
export interface CarriesRunReport extends RunReport {
  readonly code: string;
}

/**
 * Fills in the report of an error a run is about to throw. Internal to `runPipeline`: the error
 * was made deep inside a step, before the run's totals were known.
 */
export function attachRunReport(error: CarriesRunReport, report: RunReport): void {
  error.warnings = [...report.warnings];
  error.timings = { ...report.timings };
  error.usage = structuredClone(report.usage);
}
