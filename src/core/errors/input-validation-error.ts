import { ScribeError } from './scribe-error.js';

const marker = 'scribe-pipeline.error.input-validation';
const symbol = Symbol.for(marker);

/** One invalid field: its dotted path (`recipientName`, `metadata.tags.0`) and what is wrong. */
export interface FieldIssue {
  path: string;
  message: string;
}

/**
 * Pipeline input failed validation at the boundary. Lists every bad field; never retryable.
 *
 * @example
 * ```ts
 * try { parsePipelineInput(request.body); }
 * catch (error) {
 *   if (InputValidationError.isInstance(error)) return reply.status(400).send({ issues: error.issues });
 *   throw error;
 * }
 * ```
 */
export class InputValidationError extends ScribeError {
  private readonly [symbol] = true;
  readonly issues: readonly FieldIssue[];

  constructor({ issues }: { issues: readonly FieldIssue[] }) {
    super({
      code: 'INPUT_VALIDATION',
      message: `Invalid pipeline input: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`,
      retryable: false,
      category: 'user',
    });
    this.name = 'InputValidationError';
    this.issues = issues;
  }

  static override isInstance(error: unknown): error is InputValidationError {
    return ScribeError.hasMarker(error, marker);
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), issues: this.issues };
  }
}
