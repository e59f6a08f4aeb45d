import { BasePipelineStep } from '../../core/base-pipeline-step.js';
import type { PipelineData } from '../../core/pipeline-data.js';
import type { StepContext } from '../../core/step-context.js';
import type { StepResult } from '../../core/step-result.js';
import { askUntilValid, rulesBrokenError } from '../../llm/ask-until-valid.js';
import {
  type LlmStepOptions,
  type LlmStepSettings,
  resolveLlmStepSettings,
} from '../../llm/llm-step-settings.js';
import { withModelSession } from '../../llm/model-session.js';
import { composerAnswerSchema } from './answer-schema.js';
import { buildComposerPrompt, COMPOSER_SYSTEM_PROMPT } from './prompts.js';
import { type EmailValidationResult, MAX_EMAIL_CHARACTERS, validateEmail } from './validate-email.js';

/**
 * The composer never shows the model more papers than this, however many `arxiv_helper` found.
 *
 * @example
 * ```ts
 * new ArxivHelperStep({ limit: MAX_PAPERS_IN_PROMPT }); // fetch no more papers than are used
 * ```
 */
export const MAX_PAPERS_IN_PROMPT = 5;

/** Options of the step. Default temperature 0.4: some freedom of phrasing, little invention. `maxAttempts` counts drafts. */
export type EmailComposerOptions = LlmStepOptions;

/**
 * Step `email_composer`: fills the template in the writer's voice from the web research and
 * the arXiv papers, then checks the draft with `validateEmail`. A draft with issues is retried
 * with the issues fed back, up to `maxAttempts`. If the last draft still has issues it is kept
 * with `isConfident` false and the issues as warnings, so the host still gets an email.
 *
 * Writes `finalEmail`, `isConfident` and `compositionMetadata`.
 *
 * @example
 * ```ts
 * const composer = new EmailComposerStep({ model: openai('gpt-4o'), temperature: 0.5 });
 * ```
 */
export class EmailComposerStep extends BasePipelineStep {
  readonly name = 'email_composer';
  readonly #settings: LlmStepSettings;

  constructor(options: EmailComposerOptions = {}) {
    super();
    this.#settings = resolveLlmStepSettings(this.name, options, { temperature: 0.4 });
  }

  protected async executeStep(data: PipelineData, context: StepContext): Promise<StepResult> {
    const modelId = this.#settings.model.modelId;
    const papers = data.arxivPapers.slice(0, MAX_PAPERS_IN_PROMPT);
    // The loop validates every draft; the kept one's result is reused rather than computed again.
    const validations = new Map<string, EmailValidationResult>();
    const validate = (email: string): EmailValidationResult => {
      const validation = validateEmail({
        email,
        recipientName: data.recipientName,
        emailTemplate: data.emailTemplate,
        templateType: data.templateType,
        placeholders: data.templateAnalysis?.placeholders ?? [],
        papers,
        scrapedContent: data.scrapedContent,
      });
      validations.set(email, validation);
      return validation;
    };
    const session = { stepName: this.name, settings: this.#settings, context };
    const result = await withModelSession(session, (ask) =>
      askUntilValid({
        ask,
        schema: composerAnswerSchema,
        check: (answer) => validate(answer.email.trim()).issues,
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
        maxAttempts: this.#settings.maxAttempts,
      }),
    );
    const issuesPerAttempt = result.rounds.map((round) => round.problems);
    // A well-shaped draft with issues is still an email: keep the last one, flagged, unless too
    // long. (A draft that passed is never too long: length is one of the checks.)
    const answer = result.ok ? result.value : result.last.value;
    const email = answer?.email.trim() ?? '';
    if (!result.ok && (answer === undefined || email.length > MAX_EMAIL_CHARACTERS)) {
      throw rulesBrokenError({ stepName: this.name, modelId, last: result.last, attempts: result.attempts });
    }
    if (answer === undefined) throw new TypeError('email_composer: a passing draft without a value');
    const validation = validations.get(email) ?? validate(email);
    const clean = validation.issues.length === 0;
    data.finalEmail = email;
    data.isConfident = clean && answer.isConfident;
    data.compositionMetadata = {
      attempts: result.attempts,
      issuesPerAttempt,
      warnings: validation.warnings,
      wordCount: validation.wordCount,
      modelId,
      temperature: this.#settings.temperature,
      mentionedPapers: validation.mentionedPaperTitles,
      modelConfident: answer.isConfident,
    };
    const warnings = [...validation.warnings];
    if (!clean) {
      warnings.push(
        `kept a draft that still has issues after ${result.attempts} attempts: ${validation.issues.join('; ')}`,
      );
    }
    if (!answer.isConfident)
      warnings.push('the model was not confident the research was enough to personalise the email');
    return this.ok({
      warnings,
      metadata: {
        modelId,
        attempts: result.attempts,
        wordCount: validation.wordCount,
        isConfident: data.isConfident,
      },
    });
  }
}
