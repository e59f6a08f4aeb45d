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
import { extractPlaceholders, mergePlaceholders } from '../../text/placeholders.js';
import { parserAnswerRules, parserAnswerSchema } from './answer-schema.js';
import { buildParserPrompt, PARSER_SYSTEM_PROMPT } from './prompts.js';

/** Options of the step. Default temperature 0.1: classification wants the same answer every time. */
export type TemplateParserOptions = LlmStepOptions;

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

  protected async executeStep(data: PipelineData, context: StepContext): Promise<StepResult> {
    const modelId = this.#settings.model.modelId;
    const localPlaceholders = extractPlaceholders(data.emailTemplate);
    const session = { stepName: this.name, settings: this.#settings, context };
    const result = await withModelSession(session, (ask) =>
      askUntilValid({
        ask,
        schema: parserAnswerSchema,
        rules: parserAnswerRules(data.recipientName),
        system: PARSER_SYSTEM_PROMPT,
        prompt: (previous) => buildParserPrompt(data, previous?.problems ?? []),
        maxAttempts: this.#settings.maxAttempts,
      }),
    );
    if (!result.ok) throw rulesBrokenError({ stepName: this.name, modelId, ...result });

    const { value, attempts } = result;
    const placeholders = mergePlaceholders(data.emailTemplate, localPlaceholders, value.placeholders);
    data.templateType = value.templateType;
    data.searchTerms = value.searchTerms;
    data.templateAnalysis = {
      templateType: value.templateType,
      searchTerms: value.searchTerms,
      placeholders,
      localPlaceholders,
      modelPlaceholders: value.placeholders,
    };
    return this.ok({
      metadata: {
        modelId,
        attempts,
        placeholderCount: placeholders.length,
        searchTermCount: value.searchTerms.length,
      },
      warnings: attempts > 1 ? [`the model needed ${attempts} attempts to answer within the rules`] : [],
    });
  }
}
