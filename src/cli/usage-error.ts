/**
 * A command line the CLI cannot act on: an unknown flag, a missing value, configuration that is
 * absent (no model, no key) or input that fails validation. Always exit code 2, and always found
 * before any request is made, so a mistake never costs a paid call.
 */
export class UsageError extends Error {
  /** The flag, column or environment variable at fault, when there is one (`--name`, `OPENAI_API_KEY`). */
  readonly field: string | undefined;

  constructor(message: string, { field, cause }: { field?: string; cause?: unknown } = {}) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'UsageError';
    this.field = field;
  }
}
