import { BasePipelineStep } from '../../core/base-pipeline-step.js';
import { ModelCallError } from '../../core/errors/model-call-error.js';
import type { PipelineData } from '../../core/pipeline-data.js';
import type { StepContext } from '../../core/step-context.js';
import type { StepResult } from '../../core/step-result.js';
import { describeSchemaFailure, formatZodIssues } from '../../llm/generate-structured.js';
import { InvalidModelAnswerError } from '../../llm/invalid-model-answer-error.js';
import {
  type LlmStepOptions,
  type LlmStepSettings,
  resolveLlmStepSettings,
} from '../../llm/llm-step-settings.js';
import { withModelSession } from '../../llm/model-session.js';
import { extractPlaceholders, mergePlaceholders } from '../../text/placeholders.js';
import { parserAnswerRules, parserAnswerSchema } from './answer-schema.js';
import { buildParserPrompt, PARSER_SYSTEM_PROMPT } from './prompts.js';

/** Options of the step. Default temperature 0.1: classification wants the same answer every time. */
export type TemplateParserOptions = LlmStepOptions;

/** What the parser leaves in `data.templateAnalysis`. */
export interface TemplateAnalysis {
  templateType: string;
  searchTerms: string[];
  /** The union of both lists, in template order. */
  placeholders: string[];
  /** Found by pattern in the template. */
  localPlaceholders: string[];
  /** Named by the model. */
  modelPlaceholders: string[];
}

/**
 * Step `template_parser`: asks the model what kind of template this is (research, book or
 * general), which placeholders it has and what to search the web for. Answers that break the
 * rules (search terms must name the recipient, one or two of them) are retried with the
 * problems fed back; after `maxAttempts` the step fails with a non-retryable `ModelCallError`
 * whose `cause` holds the raw answer.
 *
 * Writes `templateType`, `searchTerms` and `templateAnalysis`.
 *
 * @example
 * ```ts
 * const parser = new TemplateParserStep({ model: openai('gpt-4o-mini') });
 * ```
 */
export class TemplateParserStep extends BasePipelineStep {
  readonly name = 'template_parser';
  readonly #settings: LlmStepSettings;

  constructor(options: TemplateParserOptions = {}) {
    super();
    this.#settings = resolveLlmStepSettings(this.name, options, { temperature: 0.1 });
  }

  protected async executeStep(data: PipelineData, { signal }: StepContext): Promise<StepResult> {
    const modelId = this.#settings.model.modelId;
    const rules = parserAnswerRules(data.recipientName);
    const localPlaceholders = extractPlaceholders(data.emailTemplate);
    const session = { stepName: this.name, settings: this.#settings, data, signal };
    return withModelSession(session, async (ask) => {
      let problems: string[] = [];
      let rawAnswer: string | undefined;
      for (let attempt = 1; attempt <= this.#settings.maxAttempts; attempt += 1) {
        const answer = await ask({
          schema: parserAnswerSchema,
          system: PARSER_SYSTEM_PROMPT,
          prompt: buildParserPrompt(data, problems),
        });
        if (!answer.ok) {
          problems = describeSchemaFailure(answer.error);
          rawAnswer = answer.rawText;
          continue;
        }
        const checked = rules.safeParse(answer.value);
        if (!checked.success) {
          problems = formatZodIssues(checked.error.issues);
          rawAnswer = JSON.stringify(answer.value);
          continue;
        }
        const value = checked.data;
        const placeholders = mergePlaceholders(data.emailTemplate, localPlaceholders, value.placeholders);
        data.templateType = value.templateType;
        data.searchTerms = value.searchTerms;
        data.templateAnalysis = {
          templateType: value.templateType,
          searchTerms: value.searchTerms,
          placeholders,
          localPlaceholders,
          modelPlaceholders: value.placeholders,
        } satisfies TemplateAnalysis;
        return this.ok({
          metadata: {
            modelId,
            attempts: attempt,
            placeholderCount: placeholders.length,
            searchTermCount: value.searchTerms.length,
          },
          warnings: attempt > 1 ? [`the model needed ${attempt} attempts to answer within the rules`] : [],
        });
      }
      throw new ModelCallError({
        stepName: this.name,
        modelId,
        message: `the answer broke the output rules ${this.#settings.maxAttempts} time(s); last problems: ${problems.join('; ')}`,
        retryable: false,
        cause: new InvalidModelAnswerError({ rawAnswer, problems }),
      });
    });
  }
}
