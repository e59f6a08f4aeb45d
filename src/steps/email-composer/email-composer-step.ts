import { BasePipelineStep } from '../../core/base-pipeline-step.js';
import { ModelCallError } from '../../core/errors/model-call-error.js';
import type { PipelineData } from '../../core/pipeline-data.js';
import type { StepContext } from '../../core/step-context.js';
import type { StepResult } from '../../core/step-result.js';
import { describeSchemaFailure } from '../../llm/generate-structured.js';
import { InvalidModelAnswerError } from '../../llm/invalid-model-answer-error.js';
import {
  type LlmStepOptions,
  type LlmStepSettings,
  resolveLlmStepSettings,
} from '../../llm/llm-step-settings.js';
import { withModelSession } from '../../llm/model-session.js';
import { type ComposerAnswer, composerAnswerSchema } from './answer-schema.js';
import { buildComposerPrompt, COMPOSER_SYSTEM_PROMPT } from './prompts.js';
import { type EmailValidationResult, MAX_EMAIL_CHARACTERS, validateEmail } from './validate-email.js';

/** The composer never shows the model more papers than this. */
export const MAX_PAPERS_IN_PROMPT = 5;

/** Options of the step. Default temperature 0.4: some freedom of phrasing, little invention. `maxAttempts` counts drafts. */
export type EmailComposerOptions = LlmStepOptions;

interface Draft {
  answer: ComposerAnswer;
  validation: EmailValidationResult;
}

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

  protected async executeStep(data: PipelineData, { signal }: StepContext): Promise<StepResult> {
    const modelId = this.#settings.model.modelId;
    const papers = data.arxivPapers.slice(0, MAX_PAPERS_IN_PROMPT);
    const placeholders = readPlaceholders(data.templateAnalysis);
    const issuesPerAttempt: string[][] = [];
    let draft: Draft | undefined;
    let rawAnswer: string | undefined;
    const session = { stepName: this.name, settings: this.#settings, data, signal };
    await withModelSession(session, async (ask) => {
      let feedback: { draft: string; issues: string[] } | undefined;
      for (let attempt = 1; attempt <= this.#settings.maxAttempts; attempt += 1) {
        const answer = await ask({
          schema: composerAnswerSchema,
          system: COMPOSER_SYSTEM_PROMPT,
          prompt: buildComposerPrompt(data, papers, feedback),
        });
        if (!answer.ok) {
          const issues = describeSchemaFailure(answer.error);
          issuesPerAttempt.push(issues);
          rawAnswer = answer.rawText;
          feedback = { draft: answer.rawText ?? '', issues };
          continue;
        }
        const email = answer.value.email.trim();
        const validation = validateEmail({
          email,
          recipientName: data.recipientName,
          emailTemplate: data.emailTemplate,
          templateType: data.templateType,
          placeholders,
          papers,
          scrapedContent: data.scrapedContent,
        });
        issuesPerAttempt.push(validation.issues);
        draft = { answer: { ...answer.value, email }, validation };
        if (validation.issues.length === 0) return;
        feedback = { draft: email, issues: validation.issues };
      }
    });

    if (draft === undefined || draft.answer.email.length > MAX_EMAIL_CHARACTERS) {
      const problems = draft === undefined ? (issuesPerAttempt.at(-1) ?? []) : draft.validation.issues;
      throw new ModelCallError({
        stepName: this.name,
        modelId,
        message: `no usable draft after ${this.#settings.maxAttempts} attempt(s): ${problems.join('; ')}`,
        retryable: false,
        cause: new InvalidModelAnswerError({ rawAnswer: draft?.answer.email ?? rawAnswer, problems }),
      });
    }

    const { answer, validation } = draft;
    const clean = validation.issues.length === 0;
    data.finalEmail = answer.email;
    data.isConfident = clean && answer.isConfident;
    data.compositionMetadata = {
      attempts: issuesPerAttempt.length,
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
        `kept a draft that still has issues after ${issuesPerAttempt.length} attempts: ${validation.issues.join('; ')}`,
      );
    }
    if (!answer.isConfident)
      warnings.push('the model was not confident the research was enough to personalise the email');
    return this.ok({
      warnings,
      metadata: {
        modelId,
        attempts: issuesPerAttempt.length,
        wordCount: validation.wordCount,
        isConfident: data.isConfident,
      },
    });
  }
}

function readPlaceholders(analysis: Record<string, unknown>): string[] {
  const { placeholders } = analysis;
  return Array.isArray(placeholders)
    ? placeholders.filter((item): item is string => typeof item === 'string')
    : [];
}
