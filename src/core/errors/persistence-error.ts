import type { StepIssue } from '../pipeline-data.js';
import type { TokenUsage } from '../token-usage.js';
import type { RunReport } from './run-report.js';
import { readRetryable, ScribeError } from './scribe-error.js';

const marker = 'scribe-pipeline.error.persistence';
const symbol = Symbol.for(marker);

/**
 * Saving or loading an email failed. Retryable unless the cause says otherwise: database
 * outages and lock timeouts pass, and saves are idempotent by task id, so a retry is safe.
 *
 * @example
 * ```ts
 * catch (error) {
 *   // The run's work is done but unsaved: a retry of the whole job saves it at most once.
 *   if (PersistenceError.isInstance(error) && error.retryable) await requeue(task);
 * }
 * ```
 */
export class PersistenceError extends ScribeError implements RunReport {
  private readonly [symbol] = true;
  /** With a run's failure: every step's warnings so far. Empty outside a run. */
  warnings: StepIssue[] = [];
  /** With a run's failure: milliseconds per step that ran. */
  timings: Record<string, number> = {};
  /** With a run's failure: token usage per step so far (what the failed run cost). */
  usage: Record<string, TokenUsage> = {};
  readonly operation: string;
  readonly taskId: string | undefined;

  constructor({
    operation,
    taskId,
    message,
    cause,
    retryable,
  }: { operation: string; taskId?: string; message?: string; cause?: unknown; retryable?: boolean }) {
    const reason = message ?? (cause instanceof Error ? cause.message : String(cause));
    super({
      code: 'PERSISTENCE',
      message: `Persistence ${operation} failed${taskId === undefined ? '' : ` for task ${taskId}`}: ${reason}`,
      retryable: retryable ?? readRetryable(cause) ?? true,
      category: 'system',
      cause,
    });
    this.name = 'PersistenceError';
    this.operation = operation;
    this.taskId = taskId;
  }

  static override isInstance(error: unknown): error is PersistenceError {
    return ScribeError.hasMarker(error, marker);
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      operation: this.operation,
      taskId: this.taskId,
      warnings: this.warnings,
      timings: this.timings,
      usage: this.usage,
    };
  }
}
