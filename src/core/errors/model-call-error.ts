import { ScribeError } from './scribe-error.js';

const marker = 'scribe-pipeline.error.model-call';
const symbol = Symbol.for(marker);

/**
 * A call to the language model failed. Retryable for rate limits, server errors and timeouts;
 * not for bad keys, bad requests or a model that keeps answering outside the schema. The
 * provider's error is kept in `cause`; for an invalid answer, `cause.text` holds the raw answer
 * (never put in the message: it may be long and may contain personal data).
 *
 * @example
 * ```ts
 * const modelError = findErrorInChain(error, ModelCallError); // under a PipelineExecutionError
 * if (modelError?.statusCode === 401) alertOperator(`${modelError.modelId}: the key was refused`);
 * ```
 */
export class ModelCallError extends ScribeError {
  private readonly [symbol] = true;
  readonly stepName: string;
  readonly modelId: string;
  /** HTTP status of the provider's answer, when there was one. */
  readonly statusCode: number | undefined;
  /** True when the call was stopped at the step's `timeoutMs`. */
  readonly timedOut: boolean;

  constructor({
    stepName,
    modelId,
    message,
    retryable,
    statusCode,
    timedOut = false,
    cause,
  }: {
    stepName: string;
    modelId: string;
    message: string;
    retryable: boolean;
    statusCode?: number;
    timedOut?: boolean;
    cause?: unknown;
  }) {
    super({
      code: 'MODEL_CALL',
      message: `${stepName}: model ${modelId}: ${message}`,
      retryable,
      category: 'third-party',
      cause,
    });
    this.name = 'ModelCallError';
    this.stepName = stepName;
    this.modelId = modelId;
    this.statusCode = statusCode;
    this.timedOut = timedOut;
  }

  static override isInstance(error: unknown): error is ModelCallError {
    return ScribeError.hasMarker(error, marker);
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      stepName: this.stepName,
      modelId: this.modelId,
      statusCode: this.statusCode,
      timedOut: this.timedOut,
    };
  }
}
