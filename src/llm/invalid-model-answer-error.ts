import { ScribeError } from '../core/errors/scribe-error.js';

const marker = 'scribe-pipeline.error.invalid-model-answer';
const symbol = Symbol.for(marker);

/**
 * The model kept answering outside the rules. Kept as the `cause` of a `ModelCallError`, so the
 * raw answer is there for debugging without ever appearing in a message or a log line (nor in
 * `toJSON()`: it may be long and hold personal data).
 *
 * @example
 * ```ts
 * const invalid = findErrorInChain(error, InvalidModelAnswerError);
 * if (invalid) debugLog.write(invalid.rawAnswer ?? ''); // somewhere private, never the main log
 * ```
 */
export class InvalidModelAnswerError extends ScribeError {
  private readonly [symbol] = true;
  /** The model's last answer as it came, when there was one. */
  readonly rawAnswer: string | undefined;
  readonly problems: readonly string[];

  constructor({ rawAnswer, problems }: { rawAnswer: string | undefined; problems: readonly string[] }) {
    super({
      code: 'INVALID_MODEL_ANSWER',
      message: `the model's answer broke the rules: ${problems.join('; ')}`,
      retryable: false,
      category: 'third-party',
    });
    this.name = 'InvalidModelAnswerError';
    this.rawAnswer = rawAnswer;
    this.problems = problems;
  }

  static override isInstance(error: unknown): error is InvalidModelAnswerError {
    return ScribeError.hasMarker(error, marker);
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), problems: this.problems };
  }
}
