import { MockLanguageModelV4 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import {
  BudgetExceededError,
  DEFAULT_PRICE_TABLE,
  defineStep,
  EmailComposerStep,
  findErrorInChain,
  memoryPersistence,
  PipelineExecutionError,
  type PriceTable,
  priceFor,
  runCost,
  runPipeline,
} from '../../src/index.js';
import { createMockModel, mockAnswer } from '../../src/testing/index.js';
import { validInput } from '../helpers/pipeline.js';

const prices: PriceTable = {
  asOf: '2026-12-01',
  models: {
    writer: { inputPerMillion: 2, outputPerMillion: 10 },
    cheap: { inputPerMillion: 0.1, outputPerMillion: 0.4 },
  },
};
const email =
  'Dear Dr. Hopper, I have been reading about your work on compilers and would love to learn how your group approaches teaching languages to beginners, and whether there might be room for a student like me next summer. I am a second-year student who has written a small interpreter for a course. Best regards, Sam';
const answer = { email, claims: [], isConfident: true };
const setup = defineStep({
  name: 'setup',
  execute: (data) => {
    data.templateType = 'general';
  },
});
/** A model that counts its calls and answers with this much usage. */
function countingModel(modelId: string, usage = { inputTokens: 1000, outputTokens: 200 }) {
  const calls: number[] = [];
  const model = new MockLanguageModelV4({
    modelId,
    doGenerate: async () => {
      calls.push(calls.length + 1);
      return mockAnswer(answer, usage);
    },
  });
  return { model, calls };
}
const input = () =>
  validInput({ emailTemplate: 'Dear {{name}}, I would like to ask about your work on {{topic}}.' });

describe('cost', () => {
  it('finds a price by id, without a provider prefix or a dated snapshot suffix', () => {
    expect(priceFor('gpt-4o-mini', DEFAULT_PRICE_TABLE)).toEqual({
      inputPerMillion: 0.15,
      outputPerMillion: 0.6,
    });
    expect(priceFor('openai:gpt-4o-mini', DEFAULT_PRICE_TABLE)).toEqual(
      priceFor('gpt-4o-mini', DEFAULT_PRICE_TABLE),
    );
    expect(priceFor('gpt-4o-2024-08-06', DEFAULT_PRICE_TABLE)).toEqual(
      priceFor('gpt-4o', DEFAULT_PRICE_TABLE),
    );
    expect(priceFor('llama3.1:8b', DEFAULT_PRICE_TABLE)).toBeUndefined();
  });

  it('prices each step by its own model and names the models it could not price', () => {
    const cost = runCost(
      {
        email_composer: { inputTokens: 1_000_000, outputTokens: 100_000, totalTokens: 1_100_000 },
        'email_composer.claim_check': { inputTokens: 2_000_000, outputTokens: 0, totalTokens: 2_000_000 },
        template_parser: { inputTokens: 10, outputTokens: 10, totalTokens: 20 },
      },
      { email_composer: 'writer', 'email_composer.claim_check': 'cheap', template_parser: 'local-llama' },
      prices,
    );
    expect(cost.perStep).toEqual({ email_composer: 3, 'email_composer.claim_check': 0.2 });
    expect(cost.total).toBeCloseTo(3.2, 10);
    expect(cost).toMatchObject({
      currency: 'USD',
      unpricedModels: ['local-llama'],
      pricesAsOf: '2026-12-01',
    });
  });

  it('a run returns its cost and saves it with the email', async () => {
    const persistence = memoryPersistence();
    const run = input();
    const composer = new EmailComposerStep({ model: createMockModel([answer], { modelId: 'writer' }) });
    const result = await runPipeline({ input: run, steps: [setup, composer], persistence, prices });
    // The mock reports 100 input and 50 output tokens: 100 * 2 / 1e6 + 50 * 10 / 1e6.
    expect(result.cost).toEqual({
      currency: 'USD',
      total: 0.0007,
      perStep: { email_composer: 0.0007 },
      unpricedModels: [],
      pricesAsOf: '2026-12-01',
    });
    expect((await persistence.getEmailByTaskId(run.taskId))?.metadata.cost).toEqual(result.cost);
    // This run wrote it; a second run of the task finds it saved and writes nothing.
    expect(result.created).toBe(true);
    const again = new EmailComposerStep({ model: createMockModel([answer], { modelId: 'writer' }) });
    const second = await runPipeline({ input: run, steps: [setup, again], persistence, prices });
    expect(second).toMatchObject({ created: false, emailId: result.emailId });
  });
});

describe('budget', () => {
  it('stops before a model call whose estimate would pass the token budget: no call is made', async () => {
    const { model, calls } = countingModel('writer');
    const error = await runPipeline({
      input: input(),
      steps: [setup, new EmailComposerStep({ model })],
      budget: { maxTokens: 500 },
    }).catch((caught: unknown) => caught);
    expect(PipelineExecutionError.isInstance(error)).toBe(true);
    expect((error as PipelineExecutionError).retryable).toBe(false);
    const over = findErrorInChain(error, BudgetExceededError);
    expect(over).toMatchObject({
      code: 'BUDGET_EXCEEDED',
      limit: 'tokens',
      budget: 500,
      spent: 0,
      stepName: 'email_composer',
    });
    expect(over?.estimate).toBeGreaterThan(500);
    expect(calls).toEqual([]);
  });

  it('stops right after a call whose actual usage passed the budget', async () => {
    const { model, calls } = countingModel('writer', { inputTokens: 40_000, outputTokens: 10_000 });
    const error = await runPipeline({
      input: input(),
      steps: [setup, new EmailComposerStep({ model })],
      budget: { maxTokens: 20_000 },
    }).catch((caught: unknown) => caught);
    expect(findErrorInChain(error, BudgetExceededError)).toMatchObject({ spent: 50_000, estimate: 0 });
    expect(calls).toEqual([1]);
  });

  it('does not start a step once the run is over its dollar budget', async () => {
    const expensive = countingModel('writer', { inputTokens: 100_000, outputTokens: 0 });
    const spend = defineStep({
      name: 'spend',
      execute: (_data, context) => {
        context.recordModelUsage({
          modelId: 'writer',
          usage: { inputTokens: 100_000, outputTokens: 0, totalTokens: 100_000 },
        });
      },
    });
    const error = await runPipeline({
      input: input(),
      steps: [setup, spend, new EmailComposerStep({ model: expensive.model })],
      prices,
      budget: { maxCostUsd: 0.1 },
    }).catch((caught: unknown) => caught);
    expect((error as PipelineExecutionError).stepName).toBe('email_composer');
    expect(findErrorInChain(error, BudgetExceededError)).toMatchObject({
      limit: 'usd',
      budget: 0.1,
      spent: 0.2,
    });
    expect(expensive.calls).toEqual([]);
  });

  it('runs to the end within its budget', async () => {
    const { model } = countingModel('writer');
    const result = await runPipeline({
      input: input(),
      steps: [setup, new EmailComposerStep({ model })],
      prices,
      budget: { maxTokens: 10_000, maxCostUsd: 1 },
    });
    expect(result.status).toBe('finished');
  });
});
