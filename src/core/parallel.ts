import type { PipelineStep } from './base-pipeline-step.js';

/** Steps that run side by side on the same data. */
export interface ParallelGroup {
  readonly kind: 'parallel';
  readonly steps: readonly PipelineStep[];
}

/** One entry of a pipeline's step list. */
export type PipelineStage = PipelineStep | ParallelGroup;

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
export function parallel(...steps: PipelineStep[]): ParallelGroup {
  if (steps.length === 0) throw new TypeError('parallel() needs at least one step');
  return { kind: 'parallel', steps };
}

/** True for a group made by `parallel()`. */
export function isParallelGroup(stage: PipelineStage): stage is ParallelGroup {
  return (stage as Partial<ParallelGroup>).kind === 'parallel';
}
