/** Options shared by every kind of step result. */
export interface StepResultOptions {
  /** JSON-safe facts about the run of the step (counts, model ids, ...). */
  metadata?: Record<string, unknown>;
  /** Non-fatal problems, in the order they happened. */
  warnings?: readonly string[];
}

/**
 * What a step reports. A failure is fatal and stops the pipeline; a success may still carry
 * warnings, and the pipeline goes on. A skipped step is a success that did nothing.
 *
 * @example
 * ```ts
 * return StepResult.ok('my_step', { warnings: ['no papers found'] });
 * return StepResult.fail('my_step', 'search provider rejected the API key');
 * ```
 */
export class StepResult {
  readonly success: boolean;
  readonly stepName: string;
  readonly error: string | undefined;
  /** With a failure: the error behind it, read for retryability (never shown in messages). */
  readonly cause: unknown;
  readonly skipped: boolean;
  readonly metadata: Record<string, unknown> | undefined;
  readonly warnings: readonly string[];

  constructor({
    success,
    stepName,
    error,
    cause,
    skipped = false,
    metadata,
    warnings = [],
  }: StepResultOptions & {
    success: boolean;
    stepName: string;
    error?: string;
    cause?: unknown;
    skipped?: boolean;
  }) {
    if (stepName.trim() === '') throw new TypeError('StepResult needs a non-empty stepName');
    if (!success && (error === undefined || error.trim() === '')) {
      throw new TypeError(`A failed StepResult for step "${stepName}" needs an error message`);
    }
    if (!success && skipped) throw new TypeError('A StepResult cannot be both failed and skipped');
    this.success = success;
    this.stepName = stepName;
    this.error = success ? undefined : error;
    this.cause = cause;
    this.skipped = skipped;
    this.metadata = metadata;
    this.warnings = [...warnings];
  }

  /** A success, possibly with warnings. */
  static ok(stepName: string, options: StepResultOptions = {}): StepResult {
    return new StepResult({ success: true, stepName, ...options });
  }

  /** A fatal failure. `cause`, when given, decides whether a retry of the run can help. */
  static fail(
    stepName: string,
    error: string,
    options: StepResultOptions & { cause?: unknown } = {},
  ): StepResult {
    return new StepResult({ success: false, stepName, error, ...options });
  }

  /** A success that did nothing; `reason` is stored as `metadata.skipped`. */
  static skip(stepName: string, reason: string, options: StepResultOptions = {}): StepResult {
    return new StepResult({
      success: true,
      skipped: true,
      stepName,
      ...options,
      metadata: { ...options.metadata, skipped: reason },
    });
  }
}
