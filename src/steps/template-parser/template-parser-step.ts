import { BasePipelineStep } from '../../core/base-pipeline-step.js';
import { ModelCallError } from '../../core/errors/model-call-error.js';
import type { PipelineData } from '../../core/pipeline-data.js';
import type { StepContext } from '../../core/step-context.js';
import type { StepResult } from '../../core/step-result.js';
import { checkNumberOption } from '../../llm/check-number-option.js';
import { describeSchemaFailure, formatZodIssues, generateStructured } from '../../llm/generate-structured.js';
import { InvalidModelAnswerError } from '../../llm/invalid-model-answer-error.js';
import { type ModelOptions, type ModelSource, resolveModelSource } from '../../llm/model-source.js';
import { toModelCallError } from '../../llm/to-model-call-error.js';
import { addUsage, emptyUsage, recordModelUse } from '../../llm/token-usage.js';
import { extractPlaceholders, mergePlaceholders } from '../../text/placeholders.js';
import { parserAnswerRules, parserAnswerSchema } from './answer-schema.js';
import { buildParserPrompt, PARSER_SYSTEM_PROMPT } from './prompts.js';

/** Options of `TemplateParserStep`. */
export interface TemplateParserOptions extends ModelOptions {
  /** Sampling temperature. Default 0.1: classification wants the same answer every time. */
  temperature?: number;
  /** How many answers to ask for when the model breaks the output rules. Default 3. */
  maxAttempts?: number;
  /** The AI SDK's retries of rate limits and server errors, per call. Default 2. */
  maxRetries?: number;
  /** For tests: the environment read for the OpenAI fallback. */
  _internal?: { env?: Record<string, string | undefined> };
}

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
  readonly #model: ModelSource;
  readonly #temperature: number;
  readonly #maxAttempts: number;
  readonly #maxRetries: number;

  constructor(options: TemplateParserOptions = {}) {
    super();
    this.#temperature = checkNumberOption(this.name, 'temperature', options.temperature ?? 0.1, {
      min: 0,
      max: 2,
    });
    this.#maxAttempts = checkNumberOption(this.name, 'maxAttempts', options.maxAttempts ?? 3, {
      min: 1,
      max: 10,
      integer: true,
    });
    this.#maxRetries = checkNumberOption(this.name, 'maxRetries', options.maxRetries ?? 2, {
      min: 0,
      max: 10,
      integer: true,
    });
    this.#model = resolveModelSource(this.name, options, options._internal?.env);
  }

  protected async executeStep(data: PipelineData, { signal }: StepContext): Promise<StepResult> {
    const modelId = this.#model.modelId;
    const rules = parserAnswerRules(data.recipientName);
    const localPlaceholders = extractPlaceholders(data.emailTemplate);
    let usage = emptyUsage();
    let problems: string[] = [];
    let rawAnswer: string | undefined;
    try {
      const model = await this.#model.load();
      for (let attempt = 1; attempt <= this.#maxAttempts; attempt += 1) {
        const answer = await generateStructured({
          model,
          schema: parserAnswerSchema,
          system: PARSER_SYSTEM_PROMPT,
          prompt: buildParserPrompt(data, problems),
          temperature: this.#temperature,
          signal,
          functionId: `scribe.${this.name}`,
          maxRetries: this.#maxRetries,
        });
        usage = addUsage(usage, answer.usage);
        if (answer.ok) {
          const checked = rules.safeParse(answer.value);
          if (checked.success) {
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
              warnings:
                attempt > 1 ? [`the model needed ${attempt} attempts to answer within the rules`] : [],
            });
          }
          problems = formatZodIssues(checked.error.issues);
          rawAnswer = JSON.stringify(answer.value);
        } else {
          problems = describeSchemaFailure(answer.error);
          rawAnswer = answer.rawText;
        }
      }
    } catch (error) {
      if (signal.aborted) throw error;
      throw toModelCallError(error, { stepName: this.name, modelId });
    } finally {
      recordModelUse(data, this.name, modelId, usage);
    }
    throw new ModelCallError({
      stepName: this.name,
      modelId,
      message: `the answer broke the output rules ${this.#maxAttempts} time(s); last problems: ${problems.join('; ')}`,
      retryable: false,
      cause: new InvalidModelAnswerError({ rawAnswer, problems }),
    });
  }
}
