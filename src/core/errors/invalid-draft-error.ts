import type { EmailClaim } from '../claims.js';
import { ScribeError } from './scribe-error.js';

const marker = 'scribe-pipeline.error.invalid-draft';
const symbol = Symbol.for(marker);

/** What an `InvalidDraftError` carries. */
export interface InvalidDraftErrorOptions {
  stepName: string;
  /** The last draft, as the model wrote it (trimmed). Empty when no answer had the right shape. */
  draft: string;
  /** The hard rules the last draft still breaks. */
  problems: string[];
  /** The last draft's claims with what the claim check found. */
  claims: EmailClaim[];
  attempts: number;
}

/**
 * The composer's last draft still broke a hard rule (an unfilled placeholder, a length limit, an
 * invented title or year, an unsupported claim) after every attempt, so no email was saved. Not
 * retryable: the same material would likely fail the same way. The draft and its problems are
 * kept so a host can show them for review; with `onInvalidDraft: 'save-for-review'` the composer
 * saves such a draft with `status: 'needs_review'` instead of throwing.
 *
 * @example
 * ```ts
 * const invalid = findErrorInChain(error, InvalidDraftError);
 * if (invalid) await reviewQueue.add({ draft: invalid.draft, problems: invalid.problems });
 * ```
 */
export class InvalidDraftError extends ScribeError {
  private readonly [symbol] = true;
  readonly stepName: string;
  readonly draft: string;
  readonly problems: string[];
  readonly claims: EmailClaim[];
  readonly attempts: number;

  constructor({ stepName, draft, problems, claims, attempts }: InvalidDraftErrorOptions) {
    super({
      code: 'INVALID_DRAFT',
      message: `${stepName}: the last of ${attempts} draft(s) still breaks the rules: ${problems.join('; ')}`,
      retryable: false,
      category: 'third-party',
    });
    this.name = 'InvalidDraftError';
    this.stepName = stepName;
    this.draft = draft;
    this.problems = [...problems];
    this.claims = claims;
    this.attempts = attempts;
  }

  static override isInstance(error: unknown): error is InvalidDraftError {
    return ScribeError.hasMarker(error, marker);
  }

  /** JSON-safe, for job data: the problems and sizes, not the draft itself (it may be long and personal). */
  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      stepName: this.stepName,
      problems: this.problems,
      attempts: this.attempts,
      draftChars: this.draft.length,
    };
  }
}
