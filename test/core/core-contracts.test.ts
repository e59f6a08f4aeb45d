import { describe, expect, it } from 'vitest';
import {
  defineStep,
  EmailComposerStep,
  findErrorInChain,
  ModelCallError,
  PipelineAbortedError,
  PipelineData,
  PipelineExecutionError,
  parsePipelineInput,
  runPipeline,
  StepResult,
  TemplateParserStep,
} from '../../src/index.js';
import { createMockModel } from '../../src/testing/index.js';
import { fixedEmailStep, makeData, progressRecorder, validInput } from '../helpers/pipeline.js';

const goodParserAnswer = {
  templateType: 'general',
  searchTerms: ['Grace Hopper compilers'],
  placeholders: ['{{name}}', '{{topic}}'],
};

describe('a failed run tells the host what it cost', () => {
  it('PipelineExecutionError carries the usage, timings and warnings gathered so far', async () => {
    // The parser succeeds (and pays), then the composer's model keeps answering outside the schema.
    const parser = new TemplateParserStep({
      model: createMockModel([goodParserAnswer]),
    });
    const composer = new EmailComposerStep({
      model: createMockModel(['not json', 'still not json']),
      maxAttempts: 2,
    });
    const error = await runPipeline({ input: validInput(), steps: [parser, composer] }).catch(
      (caught: unknown) => caught,
    );

    expect(PipelineExecutionError.isInstance(error)).toBe(true);
    const failure = error as PipelineExecutionError;
    expect(failure.usage.template_parser).toEqual({ inputTokens: 100, outputTokens: 50, totalTokens: 150 });
    // Both failed attempts were paid for (100 in, 50 out each), and count.
    expect(failure.usage.email_composer).toEqual({ inputTokens: 200, outputTokens: 100, totalTokens: 300 });
    expect(Object.keys(failure.timings)).toEqual(['template_parser', 'email_composer']);
    expect(failure.toJSON()).toMatchObject({ usage: failure.usage, timings: failure.timings });
    // The host reaches the model error under the pipeline error without walking `.cause` by hand.
    expect(findErrorInChain(error, ModelCallError)?.stepName).toBe('email_composer');
  });

  it('PipelineAbortedError carries them too', async () => {
    const controller = new AbortController();
    const first = defineStep({ name: 'first', execute: () => ({ warnings: ['thin research'] }) });
    const second = defineStep({
      name: 'second',
      execute: () => {
        controller.abort();
      },
    });
    const error = await runPipeline({
      input: validInput(),
      steps: [first, second, fixedEmailStep],
      signal: controller.signal,
    }).catch((caught: unknown) => caught);
    expect(PipelineAbortedError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      warnings: [{ step: 'first', message: 'thin research' }],
      timings: { first: expect.any(Number) },
    });
  });
});

describe('findErrorInChain', () => {
  it('finds the error itself, a cause deep down, or nothing; survives a cycle', () => {
    const root = new ModelCallError({
      stepName: 's',
      modelId: 'm',
      message: 'boom',
      retryable: true,
      statusCode: 429,
    });
    const wrapped = new Error('outer', { cause: new Error('middle', { cause: root }) });
    expect(findErrorInChain(root, ModelCallError)).toBe(root);
    expect(findErrorInChain(wrapped, ModelCallError)?.statusCode).toBe(429);
    const cyclic = new Error('a') as Error & { cause?: unknown };
    cyclic.cause = cyclic;
    expect(findErrorInChain(cyclic, ModelCallError)).toBeUndefined();
    expect(findErrorInChain('not an error', ModelCallError)).toBeUndefined();
  });
});

describe('defineStep', () => {
  it('gives execute result helpers bound to the step, so its name is never repeated', async () => {
    const step = defineStep({
      name: 'check_length',
      execute: (_data, _context, result) => result.skip('nothing to check'),
    });
    const result = await step.execute(makeData());
    expect(result).toMatchObject({ stepName: 'check_length', skipped: true });
  });

  it('takes a plain { warnings, metadata } return as a success', async () => {
    const step = defineStep({ name: 'plain', execute: () => ({ warnings: ['w'], metadata: { n: 1 } }) });
    const result = await step.execute(makeData());
    expect(result).toMatchObject({ success: true, stepName: 'plain', warnings: ['w'], metadata: { n: 1 } });
  });

  it('refuses a result made for another step instead of filing it under the wrong name', async () => {
    const step = defineStep({ name: 'check_length', execute: () => StepResult.ok('check_lenght') });
    await expect(step.execute(makeData())).rejects.toMatchObject({
      code: 'STEP_EXECUTION',
      retryable: false,
      message: expect.stringContaining('check_lenght'),
    });
  });
});

describe('progress events', () => {
  it('a failed step reports the error message and code', async () => {
    const { events, onProgress } = progressRecorder();
    const failing = defineStep({
      name: 'failing',
      execute: () => {
        throw new TypeError('a bug');
      },
    });
    const returning = defineStep({
      name: 'returning',
      execute: (_data, _context, result) =>
        result.fail('no pages', {
          cause: new ModelCallError({ stepName: 'returning', modelId: 'm', message: 'x', retryable: false }),
        }),
    });
    await runPipeline({ input: validInput(), steps: [failing], onProgress }).catch(() => {});
    await runPipeline({ input: validInput(), steps: [returning], onProgress }).catch(() => {});
    const failed = events.filter((event) => event.status === 'failed');
    expect(failed[0]?.error).toEqual({ message: expect.stringContaining('a bug'), code: 'STEP_EXECUTION' });
    expect(failed[1]?.error).toEqual({ message: 'no pages', code: 'MODEL_CALL' });
  });

  it('durations are rounded to a tenth of a millisecond', async () => {
    const { events, onProgress } = progressRecorder();
    await runPipeline({ input: validInput(), steps: [fixedEmailStep], onProgress });
    const completed = events.find((event) => event.status === 'completed');
    const duration = completed?.durationMs ?? Number.NaN;
    expect(Math.round(duration * 10)).toBe(duration * 10);
  });
});

describe('runPipeline({ data })', () => {
  it('validates and trims the inputs exactly like the input path', async () => {
    const raw = { ...validInput(), recipientName: '  Grace Hopper  ' };
    const data = new PipelineData({ ...parsePipelineInput(raw), recipientName: '  Grace Hopper  ' });
    const { data: result } = await runPipeline({ data, steps: [fixedEmailStep] });
    expect(result.recipientName).toBe('Grace Hopper');
    expect(result.finalEmail).toContain('Dear Grace Hopper,');

    const bad = new PipelineData({ ...parsePipelineInput(raw), recipientName: ' ' });
    await expect(runPipeline({ data: bad, steps: [fixedEmailStep] })).rejects.toMatchObject({
      code: 'INPUT_VALIDATION',
      issues: [{ path: 'recipientName' }],
    });
  });

  it('rejects neither input nor data, for JavaScript callers', async () => {
    // @ts-expect-error neither `input` nor `data`: the types forbid it.
    await expect(runPipeline({ steps: [fixedEmailStep] })).rejects.toMatchObject({
      code: 'INPUT_VALIDATION',
    });
  });
});

describe("typed outputs of a host's own steps", () => {
  it('flow through defineStep, runPipeline and the result without casts', async () => {
    const count = defineStep<{ wordCount: number }>({
      name: 'word_count',
      execute: (data) => {
        data.outputs.wordCount = data.finalEmail.split(/\s+/).length;
      },
    });
    const { data } = await runPipeline<{ wordCount: number }>({
      input: validInput(),
      steps: [fixedEmailStep, count],
    });
    const wordCount: number | undefined = data.outputs.wordCount;
    expect(wordCount).toBeGreaterThan(5);
    // @ts-expect-error an output nobody declared does not type-check.
    expect(data.outputs.sentenceCount).toBeUndefined();
  });
});

describe('a progress callback that never settles', () => {
  it('does not hold the run past its abort', async () => {
    const controller = new AbortController();
    const hanging = new Promise<void>(() => {});
    const run = runPipeline({
      input: validInput(),
      steps: [fixedEmailStep],
      signal: controller.signal,
      onProgress: () => {
        // The first event reaches the host; then the host aborts while the callback hangs.
        queueMicrotask(() => controller.abort(new Error('host stops')));
        return hanging;
      },
    });
    // A run held by the callback never settles: say so as a failed assertion, well inside the
    // test's own timeout, rather than as a vitest timeout. The guard only decides on failure.
    let guard: NodeJS.Timeout | undefined;
    const stillPending = new Promise<'still pending'>((resolve) => {
      guard = setTimeout(() => resolve('still pending'), 2000);
    });
    const outcome = await Promise.race([
      run.then(
        () => 'resolved',
        (error: unknown) => error,
      ),
      stillPending,
    ]);
    clearTimeout(guard);
    expect(outcome).toMatchObject({ code: 'PIPELINE_ABORTED' });
  });
});
