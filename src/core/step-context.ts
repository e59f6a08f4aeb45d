import { type Context, context as otelContext, type Tracer } from '@opentelemetry/api';
import type { StepProgress } from './progress.js';
import { getLibraryTracer } from './telemetry/tracer.js';

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
}

/** Fills in defaults for whatever the caller did not pass. */
export function resolveStepContext(partial: Partial<StepContext> = {}): StepContext {
  return {
    signal: partial.signal ?? new AbortController().signal,
    tracer: partial.tracer ?? getLibraryTracer(),
    traceContext: partial.traceContext ?? otelContext.active(),
    reportProgress: partial.reportProgress ?? (async () => {}),
  };
}
