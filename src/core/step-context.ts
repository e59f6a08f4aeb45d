import { type Context, context as otelContext, type Tracer } from '@opentelemetry/api';
import type { ModelCallEstimate } from './cost/run-budget.js';
import type { StepProgress } from './progress.js';
import { getLibraryTracer } from './telemetry/tracer.js';
import type { TokenUsage } from './token-usage.js';

/**
 * What a step may use besides the data: deliberately narrow. Every field has a default so a step
 * can be unit-tested with `step.execute(data)` alone.
 */
export interface StepContext {
  /** Fires when the host aborts the run; pass it to every network or model call. */
  signal: AbortSignal;
  /** The tracer step spans are made with. */
  tracer: Tracer;
  /** The OpenTelemetry context step spans are parented to (the run's root span). */
  traceContext: Context;
  /** Reports the step's progress to the host. Never throws. */
  reportProgress: (progress: StepProgress) => Promise<void>;
  /**
   * Records tokens the step spent on a model call, failed calls included. The step template adds
   * it to the run's usage and model list; call it as each call ends so a failed step still counts.
   */
  recordModelUsage: (usage: ModelUsageReport) => void;
  /**
   * Checks the run's `budget`: with an estimate, before a model call (throws
   * `BudgetExceededError` when the call would pass it); without, after one. A no-op when the run
   * has no budget. `withModelSession` calls it around every call.
   */
  checkBudget: (next?: ModelCallEstimate) => void;
}

/** One model call's cost, as a step reports it. */
export interface ModelUsageReport {
  modelId: string;
  usage: TokenUsage;
  /**
   * A part of the step with a model of its own (the composer's `claim_check`): its usage and
   * model are recorded under `<step>.<part>`, so each model's tokens stay apart.
   */
  part?: string;
}

/** Fills in defaults for whatever the caller did not pass. Internal: steps get a full context. */
export function resolveStepContext(partial: Partial<StepContext> = {}): StepContext {
  return {
    signal: partial.signal ?? new AbortController().signal,
    tracer: partial.tracer ?? getLibraryTracer(),
    traceContext: partial.traceContext ?? otelContext.active(),
    reportProgress: partial.reportProgress ?? (async () => {}),
    recordModelUsage: partial.recordModelUsage ?? (() => {}),
    checkBudget: partial.checkBudget ?? (() => {}),
  };
}
