import { ScribeError } from './scribe-error.js';
import { isTransientError } from './transient.js';

const marker = 'scribe-pipeline.error.step-execution';
const symbol = Symbol.for(marker);

/** What a `StepExecutionError` is built from. */
export interface StepExecutionErrorOptions {
  stepName: string;
  taskId: string;
  durationMs: number;
  cause: unknown;
}

/**
 * A step threw. The original error is kept in `cause`. Retryable when the cause says so, or when
 * it is plainly transient (a timeout, a dropped connection, HTTP 429/5xx); an unknown error is a
 * bug until shown otherwise, and is not retryable.
 *
 * @example
 * ```ts
 * // In a unit test: a step that throws rejects with StepExecutionError, the original in cause.
 * await expect(step.execute(data)).rejects.toMatchObject({ code: 'STEP_EXECUTION', stepName: 'my_step' });
 * ```
 */
export class StepExecutionError extends ScribeError {
  private readonly [symbol] = true;
  readonly stepName: string;
  readonly taskId: string;
  readonly durationMs: number;

  constructor({ stepName, taskId, durationMs, cause }: StepExecutionErrorOptions) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super({
      code: 'STEP_EXECUTION',
      message: `Step "${stepName}" failed for task ${taskId}: ${reason}`,
      retryable: isTransientError(cause),
      category: ScribeError.isInstance(cause) ? cause.category : 'system',
      cause,
    });
    this.name = 'StepExecutionError';
    this.stepName = stepName;
    this.taskId = taskId;
    this.durationMs = durationMs;
  }

  static override isInstance(error: unknown): error is StepExecutionError {
    return ScribeError.hasMarker(error, marker);
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), stepName: this.stepName, taskId: this.taskId, durationMs: this.durationMs };
  }
}
