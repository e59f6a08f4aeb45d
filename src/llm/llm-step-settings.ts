import { checkNumberOption } from '../core/check-option.js';
import { type ModelOptions, type ModelSource, resolveModelSource } from './model-source.js';

/** Options every LLM step takes. */
export interface LlmStepOptions extends ModelOptions {
  /** Sampling temperature, 0 to 2. */
  temperature?: number;
  /** How many answers to ask for when one breaks the step's rules, 1 to 10. Default 3. */
  maxAttempts?: number;
  /** The AI SDK's own retries of rate limits and server errors per call, 0 to 10. Default 2. */
  maxRetries?: number;
  /**
   * How long one model call may take, its own retries included, in ms: 100 to 600,000. Default
   * per step (the parser 60,000, the summariser 60,000, the composer 90,000). A call that takes
   * longer is stopped and fails the step with a retryable `ModelCallError` (`timedOut: true`).
   */
  timeoutMs?: number;
  /** For tests: the environment read for the OpenAI fallback. @internal */
  _internal?: { env?: Record<string, string | undefined> };
}

/** An LLM step's checked settings. */
export interface LlmStepSettings {
  model: ModelSource;
  temperature: number;
  maxAttempts: number;
  maxRetries: number;
  /** One model call's time limit, in ms. */
  timeoutMs: number;
  /** The AI SDK telemetry function id: `scribe.<stepName>`. */
  functionId: string;
}

/**
 * Checks an LLM step's options at construction; a bad value throws naming the step and option.
 * Without `model`, resolves the OpenAI fallback (or throws `ModelConfigurationError` saying what
 * to set), as the built-in steps do.
 *
 * @example
 * ```ts
 * class SubjectLineStep extends BasePipelineStep {
 *   readonly name = 'subject_line';
 *   readonly #settings = resolveLlmStepSettings(this.name, { model }, { temperature: 0.3 });
 *   // ... withModelSession({ stepName: this.name, settings: this.#settings, context }, ...)
 * }
 * ```
 */
export function resolveLlmStepSettings(
  stepName: string,
  options: LlmStepOptions,
  defaults: { temperature: number; timeoutMs?: number },
): LlmStepSettings {
  return {
    temperature: checkNumberOption(stepName, 'temperature', options.temperature ?? defaults.temperature, {
      min: 0,
      max: 2,
    }),
    maxAttempts: checkNumberOption(stepName, 'maxAttempts', options.maxAttempts ?? 3, {
      min: 1,
      max: 10,
      integer: true,
    }),
    maxRetries: checkNumberOption(stepName, 'maxRetries', options.maxRetries ?? 2, {
      min: 0,
      max: 10,
      integer: true,
    }),
    timeoutMs: checkNumberOption(stepName, 'timeoutMs', options.timeoutMs ?? defaults.timeoutMs ?? 60_000, {
      min: 100,
      max: 600_000,
    }),
    model: resolveModelSource(stepName, options, options._internal?.env),
    functionId: `scribe.${stepName}`,
  };
}
