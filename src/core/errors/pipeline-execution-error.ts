import type { StepIssue } from '../pipeline-data.js';
import type { TokenUsage } from '../token-usage.js';
import type { RunReport } from './run-report.js';
import { readRetryable, ScribeError } from './scribe-error.js';

const marker = 'scribe-pipeline.error.pipeline-execution';
const symbol = Symbol.for(marker);

/** What a `PipelineExecutionError` is built from. */
export interface PipelineExecutionErrorOptions {
  taskId: string;
  /** The step that failed fatally. */
  stepName: string;
  /** The step's own error message. */
  reason: string;
  /** What the step threw or attached to its failure, if anything. */
  cause?: unknown;
  /** Overrides the retryability read from `cause`. */
  retryable?: boolean;
}

/**
 * A run stopped at a fatal step result. Nothing was persisted. Retryable when the underlying
 * cause says so; a failure a step returned deliberately, with no cause, is not. It carries what
 * the run did and cost before it stopped: `warnings`, `timings` and `usage`.
 *
 * @example
 * ```ts
 * catch (error) {
 *   if (PipelineExecutionError.isInstance(error)) {
 *     log.warn({ step: error.stepName, retryable: error.retryable, tokens: error.usage }, error.message);
 *   }
 * }
 * ```
 */
export class PipelineExecutionError extends ScribeError implements RunReport {
  private readonly [symbol] = true;
  /** With a run's failure: every step's warnings so far. Empty outside a run. */
  warnings: StepIssue[] = [];
  /** With a run's failure: milliseconds per step that ran. */
  timings: Record<string, number> = {};
  /** With a run's failure: token usage per step so far (what the failed run cost). */
  usage: Record<string, TokenUsage> = {};
  readonly taskId: string;
  readonly stepName: string;
  readonly reason: string;

  constructor({ taskId, stepName, reason, cause, retryable }: PipelineExecutionErrorOptions) {
    super({
      code: 'PIPELINE_EXECUTION',
      message: `Pipeline for task ${taskId} stopped at step "${stepName}": ${reason}`,
      retryable: retryable ?? readRetryable(cause) ?? false,
      category: ScribeError.isInstance(cause) ? cause.category : 'system',
      cause,
    });
    this.name = 'PipelineExecutionError';
    this.taskId = taskId;
    this.stepName = stepName;
    this.reason = reason;
  }

  static override isInstance(error: unknown): error is PipelineExecutionError {
    return ScribeError.hasMarker(error, marker);
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      taskId: this.taskId,
      stepName: this.stepName,
      reason: this.reason,
      warnings: this.warnings,
      timings: this.timings,
      usage: this.usage,
    };
  }
}
