import { ScribeError } from './scribe-error.js';

const marker = 'scribe-pipeline.error.model-configuration';
const symbol = Symbol.for(marker);

/**
 * A step was built without a usable model: no `model` was passed and the OpenAI fallback cannot
 * work. Thrown at construction, so a misconfigured host fails at start-up, not mid-run. The
 * message says exactly what to pass or set.
 *
 * @example
 * ```ts
 * // No `model` and no OPENAI_API_KEY: throws at start-up, saying what to pass or set.
 * const parser = new TemplateParserStep();
 * ```
 */
export class ModelConfigurationError extends ScribeError {
  private readonly [symbol] = true;
  readonly stepName: string;

  constructor({ stepName, message }: { stepName: string; message: string }) {
    super({
      code: 'MODEL_CONFIGURATION',
      message: `${stepName}: ${message}`,
      retryable: false,
      category: 'user',
    });
    this.name = 'ModelConfigurationError';
    this.stepName = stepName;
  }

  static override isInstance(error: unknown): error is ModelConfigurationError {
    return ScribeError.hasMarker(error, marker);
  }
}
