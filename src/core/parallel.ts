import type { PipelineStep } from './base-pipeline-step.js';
import type { StepOutputs } from './pipeline-data.js';

/** Steps that run side by side on the same data. */
export interface ParallelGroup<Outputs extends StepOutputs = Record<never, never>> {
  readonly kind: 'parallel';
  readonly steps: readonly PipelineStep<Outputs>[];
}

/** One entry of a pipeline's step list. */
export type PipelineStage<Outputs extends StepOutputs = Record<never, never>> =
  | PipelineStep<Outputs>
  | ParallelGroup<Outputs>;

/**
 * Groups steps that depend only on earlier steps, not on each other, so they run side by side.
 * They must write disjoint fields of the data. If any fails fatally, the group fails once all
 * of them have settled.
 *
 * @example
 * ```ts
 * steps: [parser, parallel(scraper, arxiv), composer]
 * ```
 */
export function parallel<Outputs extends StepOutputs = Record<never, never>>(
  ...steps: PipelineStep<Outputs>[]
): ParallelGroup<Outputs> {
  if (steps.length === 0) throw new TypeError('parallel() needs at least one step');
  return { kind: 'parallel', steps };
}

/** True for a group made by `parallel()`. */
export function isParallelGroup<Outputs extends StepOutputs>(
  stage: PipelineStage<Outputs>,
): stage is ParallelGroup<Outputs> {
  return (stage as Partial<ParallelGroup<Outputs>>).kind === 'parallel';
}
