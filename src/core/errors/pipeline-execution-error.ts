import { readRetryable, ScribeError } from './scribe-error.js';

const marker = 'scribe-pipeline.error.pipeline-execution';
const symbol = Symbol.for(marker);

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
 * cause says so; a failure a step returned deliberately, with no cause, is not.
 */
export class PipelineExecutionError extends ScribeError {
  private readonly [symbol] = true;
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
    return { ...super.toJSON(), taskId: this.taskId, stepName: this.stepName, reason: this.reason };
  }
}
