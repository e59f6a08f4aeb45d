import { context as otelContext, SpanStatusCode, trace } from '@opentelemetry/api';
import { raceWithAbort, throwIfAborted } from './abort.js';
import { PipelineAbortedError } from './errors/pipeline-aborted-error.js';
import { ScribeError } from './errors/scribe-error.js';
import { StepExecutionError } from './errors/step-execution-error.js';
import { StepValidationError } from './errors/step-validation-error.js';
import { type PipelineData, roundDuration, type StepOutputs } from './pipeline-data.js';
import type { StepProgress } from './progress.js';
import { type ModelUsageReport, resolveStepContext, type StepContext } from './step-context.js';
import { StepResult, type StepResultOptions } from './step-result.js';
import { ATTRIBUTES, SPAN_NAMES } from './telemetry/attributes.js';
import { asException, recordFailure, recordWarnings } from './telemetry/tracer.js';
import { addUsage, emptyUsage } from './token-usage.js';

/**
 * Anything the pipeline can run as a step. Implement it by extending `BasePipelineStep` or with
 * `defineStep`. `Outputs` types the host's own outputs in `data.outputs`.
 */
export interface PipelineStep<Outputs extends StepOutputs = Record<never, never>> {
  /** Unique within a pipeline; used in span names, timings, progress events and errors. */
  readonly name: string;
  /**
   * Runs the step on the data. Every context field is optional. Resolves with the step's result
   * (a returned failure has `success: false`); rejects with `StepExecutionError` when the step
   * throws, or `PipelineAbortedError` when the signal fires.
   */
  execute(data: PipelineData<Outputs>, context?: Partial<StepContext>): Promise<StepResult>;
}

/**
 * The template every step runs through. `execute` opens the span `pipeline.<name>`, reports
 * `started`, checks the data with `validateInput`, runs `executeStep`, records the timing,
 * reports `completed`, `skipped` or `failed`, and wraps anything thrown in `StepExecutionError`
 * with the original kept as `cause`. An abort surfaces as `PipelineAbortedError`.
 *
 * Subclasses implement `executeStep` (and optionally `validateInput`) and must stay stateless,
 * so one instance can serve concurrent runs.
 *
 * @example
 * ```ts
 * class GreetingStep extends BasePipelineStep {
 *   readonly name = 'greeting';
 *   protected async executeStep(data: PipelineData) {
 *     data.finalEmail = `Dear ${data.recipientName}, ...`;
 *     return this.ok();
 *   }
 * }
 * ```
 */
export abstract class BasePipelineStep<Outputs extends StepOutputs = Record<never, never>>
  implements PipelineStep<Outputs>
{
  abstract readonly name: string;

  async execute(data: PipelineData<Outputs>, partialContext: Partial<StepContext> = {}): Promise<StepResult> {
    const context = resolveStepContext(partialContext);
    // The template owns the bookkeeping, so model helpers never touch PipelineData themselves.
    const recordModelUsage = (report: ModelUsageReport) => recordStepModelUsage(data, this.name, report);
    const place = { taskId: data.taskId, stepName: this.name };
    const span = context.tracer.startSpan(
      SPAN_NAMES.step(this.name),
      { attributes: { [ATTRIBUTES.taskId]: data.taskId, [ATTRIBUTES.stepName]: this.name } },
      context.traceContext,
    );
    const stepContext: StepContext = {
      ...context,
      traceContext: trace.setSpan(context.traceContext, span),
      recordModelUsage,
    };
    const startedAt = performance.now();
    const elapsed = () => performance.now() - startedAt;
    let reportedStart = false;
    try {
      throwIfAborted(context.signal, place);
      await context.reportProgress({ status: 'started' });
      reportedStart = true;
      const problems = this.validateInput(data);
      if (problems.length > 0) throw new StepValidationError({ stepName: this.name, problems });
      // Run inside the step span's context so spans the step's libraries open (the AI SDK's)
      // nest under it when the host has registered a context manager.
      const work = otelContext.with(stepContext.traceContext, () => this.executeStep(data, stepContext));
      const result = await raceWithAbort(work, context.signal, place);
      // A step that swallowed the abort must not be taken for a success or a real failure.
      throwIfAborted(context.signal, place);
      const durationMs = roundDuration(elapsed());
      data.addTiming(this.name, durationMs);
      recordWarnings(span, result.warnings);
      span.setAttribute(ATTRIBUTES.stepWarningCount, result.warnings.length);
      if (!result.success) {
        if (result.cause !== undefined) span.recordException(asException(result.cause));
        span.setStatus({ code: SpanStatusCode.ERROR, message: result.error ?? 'step failed' });
        await context.reportProgress({ status: 'failed', durationMs, error: describeFailure(result) });
        return result;
      }
      span.setAttribute(ATTRIBUTES.stepSkipped, result.skipped);
      await context.reportProgress({
        status: result.skipped ? 'skipped' : 'completed',
        durationMs,
        warnings: result.warnings,
      });
      return result;
    } catch (error) {
      const durationMs = roundDuration(elapsed());
      data.addTiming(this.name, durationMs);
      const wrapped = PipelineAbortedError.isInstance(error)
        ? error
        : new StepExecutionError({ stepName: this.name, taskId: data.taskId, durationMs, cause: error });
      // The original error carries the useful stack; the status says what the pipeline made of it.
      recordFailure(span, error, wrapped.message);
      // A step aborted before it began never started, so it has no failure to report either.
      if (reportedStart) {
        await context.reportProgress({
          status: 'failed',
          durationMs,
          error: { message: wrapped.message, code: wrapped.code },
        });
      }
      throw wrapped;
    } finally {
      span.end();
    }
  }

  /**
   * Checks that the data holds what this step needs (earlier steps' outputs). Returns one message
   * per problem; an empty list means the step can run.
   */
  protected validateInput(_data: PipelineData<Outputs>): readonly string[] {
    return [];
  }

  /** The step's own work. Write outputs to `data`; return a result. Throwing is fine too. */
  protected abstract executeStep(data: PipelineData<Outputs>, context: StepContext): Promise<StepResult>;

  /** A success for this step. */
  protected ok(options?: StepResultOptions): StepResult {
    return StepResult.ok(this.name, options);
  }

  /** A fatal failure for this step. */
  protected fail(error: string, options?: StepResultOptions & { cause?: unknown }): StepResult {
    return StepResult.fail(this.name, error, options);
  }

  /** A skip for this step. */
  protected skip(reason: string, options?: StepResultOptions): StepResult {
    return StepResult.skip(this.name, reason, options);
  }
}

/** A returned failure as a progress event's `error`: its message, and its cause's code if it has one. */
function describeFailure(result: StepResult): StepProgress['error'] {
  const message = result.error ?? 'step failed';
  return ScribeError.isInstance(result.cause) ? { message, code: result.cause.code } : { message };
}

/** Adds one model call's usage to the step's total in the data, for the saved record. */
function recordStepModelUsage(
  data: PipelineData<StepOutputs>,
  stepName: string,
  report: ModelUsageReport,
): void {
  const key = report.part === undefined ? stepName : `${stepName}.${report.part}`;
  data.metadata.usage[key] = addUsage(data.metadata.usage[key] ?? emptyUsage(), report.usage);
  data.metadata.modelsUsed[key] = report.modelId;
}
