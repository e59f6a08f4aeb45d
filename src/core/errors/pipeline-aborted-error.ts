import type { StepIssue } from '../pipeline-data.js';
import type { TokenUsage } from '../token-usage.js';
import type { RunReport } from './run-report.js';
import { ScribeError } from './scribe-error.js';

const marker = 'scribe-pipeline.error.pipeline-aborted';
const symbol = Symbol.for(marker);

/**
 * The host's `AbortSignal` fired. Nothing was persisted. Not retryable: the host chose to stop.
 * The signal's reason is kept in `cause`.
 *
 * @example
 * ```ts
 * const controller = new AbortController();
 * request.on('close', () => controller.abort());
 * try { await runPipeline({ input, steps, signal: controller.signal }); }
 * catch (error) { if (PipelineAbortedError.isInstance(error)) return; throw error; }
 * ```
 */
export class PipelineAbortedError extends ScribeError implements RunReport {
  private readonly [symbol] = true;
  /** With a run's failure: every step's warnings so far. Empty outside a run. */
  warnings: StepIssue[] = [];
  /** With a run's failure: milliseconds per step that ran. */
  timings: Record<string, number> = {};
  /** With a run's failure: token usage per step so far (what the failed run cost). */
  usage: Record<string, TokenUsage> = {};
  readonly taskId: string | undefined;
  /** The step that was running or about to run, if any. */
  readonly stepName: string | undefined;

  constructor({ taskId, stepName, cause }: { taskId?: string; stepName?: string; cause?: unknown } = {}) {
    const where = stepName === undefined ? '' : ` at step "${stepName}"`;
    super({
      code: 'PIPELINE_ABORTED',
      message: `Pipeline${taskId === undefined ? '' : ` for task ${taskId}`} was aborted${where}`,
      retryable: false,
      category: 'user',
      cause,
    });
    this.name = 'PipelineAbortedError';
    this.taskId = taskId;
    this.stepName = stepName;
  }

  static override isInstance(error: unknown): error is PipelineAbortedError {
    return ScribeError.hasMarker(error, marker);
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      taskId: this.taskId,
      stepName: this.stepName,
      warnings: this.warnings,
      timings: this.timings,
      usage: this.usage,
    };
  }
}
