import { ScribeError } from './scribe-error.js';

const marker = 'scribe-pipeline.error.step-validation';
const symbol = Symbol.for(marker);

/**
 * A step found the pipeline data unfit to run on (a required earlier output is missing).
 * This is a wiring mistake in the step list, so a retry cannot help.
 *
 * @example
 * ```ts
 * const check = defineStep({
 *   name: 'check',
 *   validateInput: (data) => (data.finalEmail ? [] : ['finalEmail is empty: run after a composer']),
 *   execute: () => {},
 * });
 * // On data no composer has written to, this rejects with a StepExecutionError whose cause is a
 * // StepValidationError with that one problem in `problems`.
 * await check.execute(data);
 * ```
 */
export class StepValidationError extends ScribeError {
  private readonly [symbol] = true;
  readonly stepName: string;
  readonly problems: readonly string[];

  constructor({ stepName, problems }: { stepName: string; problems: readonly string[] }) {
    super({
      code: 'STEP_VALIDATION',
      message: `Step "${stepName}" cannot run on this data: ${problems.join('; ')}`,
      retryable: false,
      category: 'system',
    });
    this.name = 'StepValidationError';
    this.stepName = stepName;
    this.problems = problems;
  }

  static override isInstance(error: unknown): error is StepValidationError {
    return ScribeError.hasMarker(error, marker);
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), stepName: this.stepName, problems: this.problems };
  }
}
