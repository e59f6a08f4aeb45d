import { BasePipelineStep } from '../../core/base-pipeline-step.js';
import { InvalidDraftError } from '../../core/errors/invalid-draft-error.js';
import type { PipelineData } from '../../core/pipeline-data.js';
import type { StepContext } from '../../core/step-context.js';
import type { StepResult } from '../../core/step-result.js';
import { askUntilValid, rulesBrokenError } from '../../llm/ask-until-valid.js';
import { withModelSession } from '../../llm/model-session.js';
import { type ComposerAnswer, composerAnswerSchema } from './answer-schema.js';
import { modelClaimCheck } from './claims/model-claim-check.js';
import {
  type EmailComposerOptions,
  type EmailComposerSettings,
  resolveEmailComposerSettings,
} from './email-composer-options.js';
import { buildComposerPrompt, COMPOSER_SYSTEM_PROMPT } from './prompts.js';
import { createDraftReviewer, type DraftReview } from './review-draft.js';
import { MAX_EMAIL_CHARACTERS } from './validate-email.js';

/**
 * The composer never shows the model more papers than this, however many `arxiv_helper` found.
 *
 * @example
 * ```ts
 * new ArxivHelperStep({ limit: MAX_PAPERS_IN_PROMPT }); // fetch no more papers than are used
 * ```
 */
export const MAX_PAPERS_IN_PROMPT = 5;

/**
 * Step `email_composer`: fills the template in the writer's voice from the web research and
 * the papers, and lists the facts it states as claims, each citing its sources (`PAGE n`,
 * `PAPER n`). Every draft is checked: `validateEmail`'s rules, then each claim against the text
 * of the pages and papers it cites (and, with `claimCheck`, by a model). A draft with problems is
 * retried with the problems fed back, up to `maxAttempts`.
 *
 * When the last draft still breaks a hard rule, nothing is passed off as finished: by default
 * the step fails with an `InvalidDraftError` (the draft and its problems inside); with
 * `onInvalidDraft: 'save-for-review'` the draft becomes the run's email with
 * `emailStatus: 'needs_review'`.
 *
 * Writes `finalEmail`, `emailStatus`, `isConfident` and `compositionMetadata` (with the claims).
 *
 * @example
 * ```ts
 * const composer = new EmailComposerStep({ model: openai('gpt-4o'), onInvalidDraft: 'save-for-review' });
 * ```
 */
export class EmailComposerStep extends BasePipelineStep {
  readonly name = 'email_composer';
  readonly #settings: EmailComposerSettings;

  constructor(options: EmailComposerOptions = {}) {
    super();
    this.#settings = resolveEmailComposerSettings(this.name, options);
  }

  protected async executeStep(data: PipelineData, context: StepContext): Promise<StepResult> {
    const settings = this.#settings.composer;
    const modelId = settings.model.modelId;
    const papers = data.arxivPapers.slice(0, MAX_PAPERS_IN_PROMPT);
    const reviewer = createDraftReviewer(data, papers);
    // The loop checks every draft; the kept one's review is reused rather than made again.
    const reviews = new Map<ComposerAnswer, DraftReview>();
    const warnings: string[] = [];
    const review = async (answer: ComposerAnswer): Promise<DraftReview> => {
      let found = reviewer.review(answer);
      const checker = this.#settings.claimCheck;
      // The model judges only what passed word for word: a draft that already failed is retried anyway.
      if (checker !== undefined && found.problems.length === 0) {
        const session = { stepName: this.name, settings: checker, context, part: 'claim_check' };
        const checked = await withModelSession(session, (ask) =>
          modelClaimCheck({ ask, claims: found.claims.claims }),
        );
        if (checked.warning !== undefined) warnings.push(checked.warning);
        found = { ...found, problems: checked.problems };
      }
      reviews.set(answer, found);
      return found;
    };

    const session = { stepName: this.name, settings, context };
    const result = await withModelSession(session, (ask) =>
      askUntilValid({
        ask,
        schema: composerAnswerSchema,
        check: async (answer) => (await review(answer)).problems,
        system: COMPOSER_SYSTEM_PROMPT,
        prompt: (previous) =>
          buildComposerPrompt(
            data,
            papers,
            previous && {
              draft: previous.value?.email.trim() ?? previous.rawAnswer ?? '',
              issues: previous.problems,
            },
          ),
        maxAttempts: settings.maxAttempts,
      }),
    );

    const answer = result.ok ? result.value : result.last.value;
    // No draft had the answer's shape: there is nothing to keep or show.
    if (answer === undefined) {
      if (result.ok) throw new TypeError('email_composer: a passing draft without a value');
      throw rulesBrokenError({ stepName: this.name, modelId, last: result.last, attempts: result.attempts });
    }
    const kept = reviews.get(answer) ?? (await review(answer));
    const finished = kept.problems.length === 0;
    // A draft over the length limit is never kept, not even for review.
    if (!finished && (this.#settings.onInvalidDraft === 'fail' || kept.email.length > MAX_EMAIL_CHARACTERS)) {
      throw new InvalidDraftError({
        stepName: this.name,
        draft: kept.email,
        problems: kept.problems,
        claims: kept.claims.claims,
        attempts: result.attempts,
      });
    }

    data.finalEmail = kept.email;
    data.emailStatus = finished ? 'finished' : 'needs_review';
    data.isConfident = finished && answer.isConfident;
    data.compositionMetadata = {
      attempts: result.attempts,
      issuesPerAttempt: result.rounds.map((round) => round.problems),
      warnings: kept.validation.warnings,
      wordCount: kept.validation.wordCount,
      modelId,
      temperature: settings.temperature,
      mentionedPapers: kept.validation.mentionedPaperTitles,
      modelConfident: answer.isConfident,
      claims: kept.claims.claims,
      claimCheck: this.#settings.claimCheck === undefined ? 'sources' : 'sources+model',
      problems: kept.problems,
    };
    warnings.push(...kept.validation.warnings);
    if (!finished) {
      warnings.push(
        `saved for review, not as finished: the last of ${result.attempts} drafts still breaks the rules: ${kept.problems.join('; ')}`,
      );
    }
    if (!answer.isConfident)
      warnings.push('the model was not confident the research was enough to personalise the email');
    return this.ok({
      warnings,
      metadata: {
        modelId,
        attempts: result.attempts,
        wordCount: kept.validation.wordCount,
        isConfident: data.isConfident,
        status: data.emailStatus,
        claims: kept.claims.claims.length,
      },
    });
  }
}
