import { APICallError } from 'ai';
import { MockLanguageModelV4 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import {
  ModelCallError,
  ModelConfigurationError,
  PipelineAbortedError,
  StepExecutionError,
  TemplateParserStep,
} from '../../src/index.js';
import { InvalidModelAnswerError } from '../../src/llm/index.js';
import { createMockModel } from '../../src/testing/index.js';
import { makeData } from '../helpers/pipeline.js';
import { researchTemplate } from '../helpers/steps.js';

const lovelace = {
  recipientName: 'Dr. Ada Lovelace',
  recipientInterest: 'analytical engines',
  emailTemplate: researchTemplate,
};
const goodAnswer = {
  templateType: 'research',
  searchTerms: ['Ada Lovelace analytical engines', 'Lovelace symbolic computation'],
  placeholders: ['professor_name', '{{paper_reference}}', '[Your Name]', '{{university}}'],
};

function promptText(model: MockLanguageModelV4, call: number): string {
  return JSON.stringify(model.doGenerateCalls[call]?.prompt);
}

describe('TemplateParserStep', () => {
  it('stores type, search terms and the merged placeholders, and records usage and model id', async () => {
    const model = createMockModel([goodAnswer], { modelId: 'parser-model' });
    const data = makeData(lovelace);
    const result = await new TemplateParserStep({ model }).execute(data);

    expect(result.success).toBe(true);
    expect(data.templateType).toBe('research');
    expect(data.searchTerms).toEqual(goodAnswer.searchTerms);
    const analysis = data.templateAnalysis;
    if (analysis === undefined) throw new Error('the parser wrote no templateAnalysis');
    expect(analysis.localPlaceholders).toEqual([
      '{{professor_name}}',
      '{{research_area}}',
      '{{paper_reference}}',
      '[Your Name]',
    ]);
    expect(analysis.modelPlaceholders).toEqual(goodAnswer.placeholders);
    expect(analysis.placeholders).toEqual([
      '{{professor_name}}',
      '{{research_area}}',
      '{{paper_reference}}',
      '[Your Name]',
      '{{university}}',
    ]);
    expect(result.metadata).toEqual({
      modelId: 'parser-model',
      attempts: 1,
      placeholderCount: 5,
      searchTermCount: 2,
    });
    expect(data.metadata.usage.template_parser).toEqual({
      inputTokens: 100,
      outputTokens: 50,
      totalTokens: 150,
    });
    expect(data.metadata.modelsUsed.template_parser).toBe('parser-model');
    expect(model.doGenerateCalls[0]?.temperature).toBe(0.1);
    expect(model.doGenerateCalls[0]?.responseFormat).toMatchObject({ type: 'json' });
    expect(promptText(model, 0)).toContain('<template>');
  });

  it('retries invalid JSON and schema violations with the problems fed back, summing usage', async () => {
    const model = createMockModel([
      'this is not json',
      { ...goodAnswer, searchTerms: ['analytical engines history'] },
      goodAnswer,
    ]);
    const data = makeData(lovelace);
    const result = await new TemplateParserStep({ model }).execute(data);

    expect(result.success).toBe(true);
    expect(result.metadata?.attempts).toBe(3);
    expect(result.warnings).toEqual([expect.stringMatching(/\b3 attempts\b/)]);
    expect(promptText(model, 1)).toContain('the answer was not valid JSON');
    expect(promptText(model, 2)).toContain('must name the recipient (Dr. Ada Lovelace)');
    expect(data.metadata.usage.template_parser).toEqual({
      inputTokens: 300,
      outputTokens: 150,
      totalTokens: 450,
    });
  });

  it('fails with a typed, non-retryable error after the last attempt, raw answer only in the cause', async () => {
    const badAnswer = { ...goodAnswer, searchTerms: ['one Lovelace', 'two Lovelace', 'three Lovelace'] };
    const model = createMockModel([badAnswer, badAnswer]);
    const data = makeData(lovelace);
    const error = (await new TemplateParserStep({ model, maxAttempts: 2 })
      .execute(data)
      .catch((caught: unknown) => caught)) as StepExecutionError;

    expect(StepExecutionError.isInstance(error)).toBe(true);
    expect(error.retryable).toBe(false);
    const modelError = error.cause as ModelCallError;
    expect(ModelCallError.isInstance(modelError)).toBe(true);
    expect(modelError.message).toContain('searchTerms: allows at most two search terms');
    expect(modelError.message).not.toContain('three Lovelace');
    const invalid = modelError.cause as InvalidModelAnswerError;
    expect(invalid).toBeInstanceOf(InvalidModelAnswerError);
    expect(JSON.parse(invalid.rawAnswer ?? '')).toEqual(badAnswer);
    expect(model.doGenerateCalls).toHaveLength(2);
    expect(data.templateType).toBeUndefined();
    expect(data.metadata.usage.template_parser?.totalTokens).toBe(300);
  });

  it('passes the abort signal to the model call', async () => {
    const controller = new AbortController();
    let seenSignal: AbortSignal | undefined;
    const model = new MockLanguageModelV4({
      doGenerate: ({ abortSignal }) => {
        seenSignal = abortSignal;
        return new Promise((_resolve, reject) => {
          abortSignal?.addEventListener('abort', () => reject(abortSignal.reason));
          controller.abort(new Error('user cancelled'));
        });
      },
    });
    const error = await new TemplateParserStep({ model })
      .execute(makeData(lovelace), { signal: controller.signal })
      .catch((caught: unknown) => caught);
    expect(PipelineAbortedError.isInstance(error)).toBe(true);
    expect(seenSignal?.aborted).toBe(true);
  });

  it.each([
    [429, true],
    [503, true],
    [401, false],
    [400, false],
  ])('marks a provider %i as retryable: %s', async (statusCode, retryable) => {
    const model = new MockLanguageModelV4({
      doGenerate: async () => {
        throw new APICallError({
          message: `status ${statusCode}`,
          url: 'https://api.example/v1',
          requestBodyValues: {},
          statusCode,
          isRetryable: statusCode === 429 || statusCode >= 500,
        });
      },
    });
    const error = (await new TemplateParserStep({ model, maxRetries: 0 })
      .execute(makeData(lovelace))
      .catch((caught: unknown) => caught)) as StepExecutionError;
    expect(ModelCallError.isInstance(error.cause)).toBe(true);
    expect(error.cause).toMatchObject({ statusCode, retryable });
    expect(error.retryable).toBe(retryable);
  });

  it('says at construction what to set when there is no model', () => {
    const build = (env: Record<string, string | undefined>) => () =>
      new TemplateParserStep({ _internal: { env } });
    expect(build({})).toThrow(ModelConfigurationError);
    expect(build({})).toThrow(/OPENAI_API_KEY/);
    expect(build({})).toThrow(/SCRIBE_MODEL/);
    expect(build({ SCRIBE_MODEL: 'gpt-4o-mini' })).toThrow(/set OPENAI_API_KEY, or OPENAI_BASE_URL/);
    // An OpenAI-compatible server needs no key.
    expect(build({ SCRIBE_MODEL: 'llama3.1', OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1' })).not.toThrow();
    expect(build({ OPENAI_API_KEY: 'sk-test' })).toThrow(/pass `modelId` or set SCRIBE_MODEL/);
    expect(
      () =>
        new TemplateParserStep({ modelId: 'gpt-4o-mini', _internal: { env: { OPENAI_API_KEY: 'sk-test' } } }),
    ).not.toThrow();
  });

  it('rejects out-of-range options at construction, naming the option', () => {
    const model = createMockModel([goodAnswer]);
    expect(() => new TemplateParserStep({ model, temperature: 3 })).toThrow(
      /`temperature` must be a number from 0 to 2/,
    );
    expect(() => new TemplateParserStep({ model, maxAttempts: 0 })).toThrow(/`maxAttempts`/);
  });
});
