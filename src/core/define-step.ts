import { BasePipelineStep } from './base-pipeline-step.js';
import type { PipelineData, StepOutputs } from './pipeline-data.js';
import type { StepContext } from './step-context.js';
import { StepResult, type StepResultOptions } from './step-result.js';

/** Results bound to the step being defined, so its name is never repeated by hand. */
export interface StepResultHelpers {
  /** A success, possibly with warnings. */
  ok(options?: StepResultOptions): StepResult;
  /** A fatal failure; `cause`, when given, decides whether a retry of the run can help. */
  fail(error: string, options?: StepResultOptions & { cause?: unknown }): StepResult;
  /** A success that did nothing. */
  skip(reason: string, options?: StepResultOptions): StepResult;
}

/** What a defined step's `execute` may return: nothing (success), warnings and metadata, or a result. */
export type StepReturn = StepResult | StepResultOptions | undefined;

/** A step written as plain functions. */
export interface StepDefinition<Outputs extends StepOutputs = Record<never, never>> {
  /** Unique within a pipeline. */
  name: string;
  /** Returns one message per problem with the data; an empty list means the step can run. */
  validateInput?: (data: PipelineData<Outputs>) => readonly string[];
  /**
   * The step's work. Return nothing for a plain success, `{ warnings, metadata }` for a success
   * with those, or one of `result.ok / fail / skip`. Throwing is fine too.
   */
  execute: (
    data: PipelineData<Outputs>,
    context: StepContext,
    result: StepResultHelpers,
    // `void` too, so a function typed as returning nothing fits as it is.
    // biome-ignore lint/suspicious/noConfusingVoidType: a void-returning function is a success.
  ) => Promise<StepReturn | void> | StepReturn | void;
}

class FunctionStep<Outputs extends StepOutputs> extends BasePipelineStep<Outputs> {
  readonly name: string;
  readonly #definition: StepDefinition<Outputs>;
  readonly #helpers: StepResultHelpers;

  constructor(definition: StepDefinition<Outputs>) {
    super();
    this.name = definition.name;
    this.#definition = definition;
    this.#helpers = {
      ok: (options) => this.ok(options),
      fail: (error, options) => this.fail(error, options),
      skip: (reason, options) => this.skip(reason, options),
    };
  }

  protected override validateInput(data: PipelineData<Outputs>): readonly string[] {
    return this.#definition.validateInput?.(data) ?? [];
  }

  protected async executeStep(data: PipelineData<Outputs>, context: StepContext): Promise<StepResult> {
    const returned = await this.#definition.execute(data, context, this.#helpers);
    if (returned === undefined) return this.ok();
    if (!(returned instanceof StepResult)) return this.ok(returned);
    // A result made for another step would put this step's outcome under the wrong name.
    if (returned.stepName !== this.name) {
      throw new TypeError(
        `step "${this.name}" returned a result for step "${returned.stepName}": use the \`result\` helpers (third argument of execute)`,
      );
    }
    return returned;
  }
}

/**
 * Makes a step from functions. It runs through the same template as `BasePipelineStep`: span,
 * progress, validation, timing and error wrapping.
 *
 * @example
 * ```ts
 * const wordCount = defineStep<{ wordCount: number }>({
 *   name: 'word_count',
 *   validateInput: (data) => (data.finalEmail ? [] : ['finalEmail is empty']),
 *   execute: (data, _context, result) => {
 *     data.outputs.wordCount = data.finalEmail.split(/\s+/).length;
 *     if (data.outputs.wordCount > 300) return { warnings: ['long email'] };
 *     return result.ok();
 *   },
 * });
 * ```
 */
export function defineStep<Outputs extends StepOutputs = Record<never, never>>(
  definition: StepDefinition<Outputs>,
): BasePipelineStep<Outputs> {
  if (typeof definition.name !== 'string' || definition.name.trim() === '') {
    throw new TypeError('defineStep needs a non-empty name');
  }
  return new FunctionStep(definition);
}
