// A run whose composer fails, then a retry of the same task: the retry resumes from the
// checkpoints and spends only the composer's tokens.
import { MockLanguageModelV4 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import {
  defineStep,
  EmailComposerStep,
  memoryCheckpoints,
  memoryPersistence,
  type ProgressEvent,
  parallel,
  runPipeline,
  TemplateParserStep,
} from '../../src/index.js';
import { createMockModel, mockAnswer } from '../../src/testing/index.js';
import { validInput } from '../helpers/pipeline.js';

const email =
  'Dear Dr. Hopper, I have been reading about your work on compilers and would love to learn how your group approaches teaching languages to beginners, and whether there might be room for a student like me next summer. I am a second-year student who has written a small interpreter for a course. Best regards, Sam';

function stages() {
  const parserModel = createMockModel(
    [{ templateType: 'general', searchTerms: ['Grace Hopper compilers'], placeholders: [] }],
    {
      modelId: 'parser-model',
    },
  );
  let researchRuns = 0;
  const research = defineStep({
    name: 'research',
    execute: (data, context) => {
      researchRuns += 1;
      data.scrapedContent = 'Grace Hopper builds compilers. [PAGE 1]';
      context.recordModelUsage({
        modelId: 'summary-model',
        usage: { inputTokens: 500, outputTokens: 100, totalTokens: 600 },
      });
    },
  });
  const papers = defineStep({ name: 'papers', execute: () => undefined });
  let composerCalls = 0;
  const composerModel = new MockLanguageModelV4({
    modelId: 'composer-model',
    doGenerate: async () => {
      composerCalls += 1;
      // The provider is down for the first run.
      if (composerCalls === 1) throw Object.assign(new Error('service unavailable'), { statusCode: 503 });
      return mockAnswer({ email, claims: [], isConfident: true }, { inputTokens: 300, outputTokens: 80 });
    },
  });
  const composer = new EmailComposerStep({ model: composerModel, maxRetries: 0, maxAttempts: 1 });
  return {
    steps: [new TemplateParserStep({ model: parserModel }), parallel(research, papers), composer],
    counts: () => ({
      parser: parserModel.doGenerateCalls.length,
      research: researchRuns,
      composer: composerCalls,
    }),
  };
}

describe('checkpoints', () => {
  it('a retry after a composer failure skips the finished stages and spends only the composer’s tokens', async () => {
    const checkpoints = memoryCheckpoints();
    const persistence = memoryPersistence();
    const input = validInput({
      emailTemplate: 'Dear {{name}}, I would like to ask about your work on {{topic}}.',
    });
    const { steps, counts } = stages();

    await expect(runPipeline({ input, steps, persistence, checkpoints })).rejects.toThrow(
      /service unavailable/,
    );
    expect(counts()).toEqual({ parser: 1, research: 1, composer: 1 });
    expect(Object.keys(await checkpoints.load(input.taskId))).toEqual(['template_parser', 'research+papers']);

    const events: ProgressEvent[] = [];
    const result = await runPipeline({
      input,
      steps,
      persistence,
      checkpoints,
      onProgress: (event) => void events.push(event),
    });
    // Only the composer ran again; the parser's mock had one answer and would have thrown.
    expect(counts()).toEqual({ parser: 1, research: 1, composer: 2 });
    expect(result.resumedSteps).toEqual(['template_parser', 'research', 'papers']);
    expect(events.filter((event) => event.resumed).map((event) => [event.step, event.status])).toEqual([
      ['template_parser', 'skipped'],
      ['research', 'skipped'],
      ['papers', 'skipped'],
    ]);
    // The restored stages' outputs are what the composer worked from, and what the email cost in all.
    expect(result.data.searchTerms).toEqual(['Grace Hopper compilers']);
    expect(result.data.scrapedContent).toContain('Grace Hopper builds compilers');
    expect(result.usage.research?.totalTokens).toBe(600);
    expect(result.usage.email_composer?.totalTokens).toBe(380);
    // Saved: the checkpoints are gone, so a later run of the task starts afresh.
    expect(await checkpoints.load(input.taskId)).toEqual({});
    expect((await persistence.getEmailByTaskId(input.taskId))?.email).toBe(email);
  });

  it('a store that fails is a warning, never a failed run', async () => {
    const failing = {
      load: async () => {
        throw new Error('redis is away');
      },
      save: async () => {
        throw new Error('redis is away');
      },
      clear: async () => {
        throw new Error('redis is away');
      },
    };
    const compose = defineStep({
      name: 'compose',
      execute: (data) => {
        data.finalEmail = 'Dear Dr. Hopper, hello.';
      },
    });
    const result = await runPipeline({ input: validInput(), steps: [compose], checkpoints: failing });
    expect(result.warnings.map((warning) => warning.message)).toEqual([
      'checkpoints: could not load them: redis is away',
      'checkpoints: could not save stage compose: redis is away',
      'checkpoints: could not clear them: redis is away',
    ]);
  });
});
