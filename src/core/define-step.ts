import { BasePipelineStep } from './base-pipeline-step.js';
import type { PipelineData } from './pipeline-data.js';
import type { StepContext } from './step-context.js';
import { StepResult } from './step-result.js';

/** A step written as plain functions. */
export interface StepDefinition {
  /** Unique within a pipeline. */
  name: string;
  /** Returns one message per problem with the data; an empty list means the step can run. */
  validateInput?: (data: PipelineData) => readonly string[];
  /** The step's work. Returning nothing means success without warnings. */
  execute: (
    data: PipelineData,
    context: StepContext,
  ) => Promise<StepResult | undefined> | StepResult | undefined;
}

class FunctionStep extends BasePipelineStep {
  readonly name: string;
  readonly #definition: StepDefinition;

  constructor(definition: StepDefinition) {
    super();
    this.name = definition.name;
    this.#definition = definition;
  }

  protected override validateInput(data: PipelineData): readonly string[] {
    return this.#definition.validateInput?.(data) ?? [];
  }

  protected async executeStep(data: PipelineData, context: StepContext): Promise<StepResult> {
    return (await this.#definition.execute(data, context)) ?? StepResult.ok(this.name);
  }
}

/**
 * Makes a step from functions. It runs through the same template as `BasePipelineStep`: span,
 * progress, validation, timing and error wrapping.
 *
 * @example
 * ```ts
 * const signature = defineStep({
 *   name: 'signature',
 *   validateInput: (data) => (data.finalEmail ? [] : ['finalEmail is empty']),
 *   execute: (data) => { data.finalEmail += '\n\n-- Sent with scribe'; },
 * });
 * ```
 */
export function defineStep(definition: StepDefinition): BasePipelineStep {
  if (definition.name.trim() === '') throw new TypeError('defineStep needs a non-empty name');
  return new FunctionStep(definition);
}
