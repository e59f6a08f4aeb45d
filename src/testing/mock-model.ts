import { MockLanguageModelV4 } from 'ai/test';

// Derived rather than imported: @ai-sdk/provider is the AI SDK's dependency, not the host's.
type GenerateResult = Awaited<ReturnType<MockLanguageModelV4['doGenerate']>>;

/** Tokens each mocked answer reports, so usage accounting can be tested. */
export interface MockUsage {
  inputTokens: number;
  outputTokens: number;
}

/**
 * One mocked model answer. An object or array is sent as its JSON text (what a structured-output
 * call expects); a string is sent as it is, so malformed answers can be tested too.
 *
 * @example
 * ```ts
 * const model = new MockLanguageModelV4({ doGenerate: async () => mockAnswer({ facts: 'Ada Lovelace ... [PAGE 1]' }) });
 * ```
 */
export function mockAnswer(
  answer: unknown,
  usage: MockUsage = { inputTokens: 100, outputTokens: 50 },
): GenerateResult {
  return {
    content: [{ type: 'text', text: typeof answer === 'string' ? answer : JSON.stringify(answer) }],
    finishReason: { unified: 'stop', raw: 'stop' },
    usage: {
      inputTokens: { total: usage.inputTokens, noCache: usage.inputTokens, cacheRead: 0, cacheWrite: 0 },
      outputTokens: { total: usage.outputTokens, text: usage.outputTokens, reasoning: 0 },
    },
    warnings: [],
  };
}

/**
 * A mock language model (the AI SDK's `MockLanguageModelV4`) that gives these answers in order,
 * one per call (a call past the last answer throws), and records every call in `doGenerateCalls`, so a step can be unit-tested
 * without a provider.
 *
 * @example
 * ```ts
 * const model = createMockModel([{ templateType: 'research', searchTerms: ['Ada Lovelace engines'], placeholders: [] }]);
 * await new TemplateParserStep({ model }).execute(data);
 * model.doGenerateCalls[0]?.prompt; // what the step sent
 * ```
 */
export function createMockModel(
  answers: readonly unknown[],
  { modelId = 'mock-model' }: { modelId?: string } = {},
) {
  if (answers.length === 0) throw new TypeError('createMockModel needs at least one answer');
  const results = answers.map((answer) => mockAnswer(answer));
  let calls = 0;
  return new MockLanguageModelV4({
    modelId,
    doGenerate: async () => {
      const result = results[calls];
      calls += 1;
      if (result === undefined) {
        throw new Error(`createMockModel: call ${calls} has no answer; only ${results.length} were given`);
      }
      return result;
    },
  });
}
