import { context as otelContext, SpanStatusCode } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATTRIBUTES } from '../../src/core/telemetry/index.js';
import {
  defineStep,
  InputValidationError,
  PersistenceError,
  PipelineExecutionError,
  type PipelineStep,
  runPipeline,
  StepExecutionError,
  StepResult,
} from '../../src/index.js';
import { recordingPersistence } from '../helpers/persistence.js';
import { fixedEmailStep, makeData, progressRecorder, validInput } from '../helpers/pipeline.js';
import { createTestTracer } from '../helpers/tracing.js';

function warn(name: string, ...warnings: string[]): PipelineStep {
  return defineStep({ name, execute: () => StepResult.ok(name, { warnings }) });
}

describe('runPipeline', () => {
  // The host's context manager; with it, spans opened inside a step nest under the step's span.
  const contextManager = new AsyncLocalStorageContextManager();
  beforeAll(() => otelContext.setGlobalContextManager(contextManager.enable()));
  afterAll(() => {
    contextManager.disable();
    otelContext.disable();
  });

  it('runs the steps in order, saves once and returns id, warnings and timings', async () => {
    const { adapter, saves } = recordingPersistence();
    const order: string[] = [];
    const tracked = (name: string) => defineStep({ name, execute: () => void order.push(name) });
    const result = await runPipeline({
      input: validInput(),
      steps: [
        tracked('one'),
        warn('two', 'first warning', 'second warning'),
        tracked('three'),
        fixedEmailStep,
      ],
      persistence: adapter,
    });

    expect(order).toEqual(['one', 'three']);
    expect(saves).toHaveLength(1);
    expect(result.emailId).toEqual(expect.any(String));
    expect(result.warnings).toEqual([
      { step: 'two', message: 'first warning' },
      { step: 'two', message: 'second warning' },
    ]);
    expect(Object.keys(result.timings)).toEqual(['one', 'two', 'three', 'compose']);
    const stored = await adapter.getEmailByTaskId(result.data.taskId);
    expect(stored).toMatchObject({ id: result.emailId, email: result.data.finalEmail, isConfident: true });
    expect(stored?.metadata.warnings).toEqual(result.warnings);
    expect(stored?.metadata.stepTimings).toEqual(result.timings);
  });

  it('emits progress events in order with index and total', async () => {
    const progress = progressRecorder();
    const data = makeData();
    await runPipeline({ data, steps: [warn('parse', 'w'), fixedEmailStep], onProgress: progress.onProgress });
    expect(progress.events.map(({ step, status, index, total }) => ({ step, status, index, total }))).toEqual(
      [
        { step: 'parse', status: 'started', index: 0, total: 2 },
        { step: 'parse', status: 'completed', index: 0, total: 2 },
        { step: 'compose', status: 'started', index: 1, total: 2 },
        { step: 'compose', status: 'completed', index: 1, total: 2 },
      ],
    );
    expect(progress.events.every((event) => event.taskId === data.taskId)).toBe(true);
    expect(progress.events[1]).toMatchObject({ warnings: ['w'], durationMs: expect.any(Number) });
  });

  it('stops at a fatal result, persists nothing and says which step failed', async () => {
    const { adapter, saves } = recordingPersistence();
    const ran: string[] = [];
    const error = await runPipeline({
      input: validInput(),
      steps: [
        warn('before', 'kept'),
        defineStep({ name: 'scraper', execute: () => StepResult.fail('scraper', 'every page refused us') }),
        defineStep({ name: 'after', execute: () => void ran.push('after') }),
        fixedEmailStep,
      ],
      persistence: adapter,
    }).catch((caught: unknown) => caught);

    expect(PipelineExecutionError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ stepName: 'scraper', reason: 'every page refused us', retryable: false });
    expect(ran).toEqual([]);
    expect(saves).toHaveLength(0);
  });

  it('turns a thrown error into PipelineExecutionError whose cause is the StepExecutionError', async () => {
    const { adapter, saves } = recordingPersistence();
    const data = makeData();
    const error = (await runPipeline({
      data,
      steps: [
        defineStep({
          name: 'flaky',
          execute: () => {
            throw Object.assign(new Error('503 from model'), { isRetryable: true });
          },
        }),
        fixedEmailStep,
      ],
      persistence: adapter,
    }).catch((caught: unknown) => caught)) as PipelineExecutionError;

    expect(PipelineExecutionError.isInstance(error)).toBe(true);
    expect(StepExecutionError.isInstance(error.cause)).toBe(true);
    expect(error.reason).toBe('503 from model');
    expect(error.retryable).toBe(true);
    expect(data.errors).toEqual([{ step: 'flaky', message: '503 from model' }]);
    expect(saves).toHaveLength(0);
  });

  it('parents step spans under pipeline.run, nests spans opened inside a step, and marks failures', async () => {
    const telemetry = createTestTracer();
    const data = makeData();
    await runPipeline({
      data,
      tracer: telemetry.tracer,
      steps: [
        defineStep({
          name: 'parse',
          // Stands in for the AI SDK opening its own span inside the step.
          execute: () => telemetry.tracer.startActiveSpan('ai.generateText', (span) => void span.end()),
        }),
        warn('enrich', 'no papers'),
        defineStep({ name: 'compose', execute: () => StepResult.fail('compose', 'model refused') }),
      ],
    }).catch(() => undefined);

    const run = telemetry.spanNamed('pipeline.run');
    const parse = telemetry.spanNamed('pipeline.parse');
    const inner = telemetry.spanNamed('ai.generateText');
    const compose = telemetry.spanNamed('pipeline.compose');
    expect(run.attributes[ATTRIBUTES.taskId]).toBe(data.taskId);
    expect(run.parentSpanContext).toBeUndefined();
    for (const step of [parse, telemetry.spanNamed('pipeline.enrich'), compose]) {
      expect(step.parentSpanContext?.spanId).toBe(run.spanContext().spanId);
      expect(step.spanContext().traceId).toBe(run.spanContext().traceId);
    }
    expect(inner.parentSpanContext?.spanId).toBe(parse.spanContext().spanId);
    expect(compose.status).toMatchObject({ code: SpanStatusCode.ERROR, message: 'model refused' });
    expect(run.status.code).toBe(SpanStatusCode.ERROR);
    expect(run.events.some((event) => event.name === 'exception')).toBe(true);
    expect(run.events.filter((event) => event.name === 'scribe.warning')).toHaveLength(1);
  });

  it('marks a successful run span OK with the email id and warning count', async () => {
    const telemetry = createTestTracer();
    const { adapter } = recordingPersistence();
    const result = await runPipeline({
      input: validInput(),
      tracer: telemetry.tracer,
      steps: [warn('a', 'w1'), fixedEmailStep],
      persistence: adapter,
    });
    const run = telemetry.spanNamed('pipeline.run');
    expect(run.status.code).toBe(SpanStatusCode.OK);
    expect(run.attributes[ATTRIBUTES.emailId]).toBe(result.emailId);
    expect(run.attributes[ATTRIBUTES.warningCount]).toBe(1);
    expect(telemetry.spanNamed('pipeline.save').parentSpanContext?.spanId).toBe(run.spanContext().spanId);
  });

  it('rejects bad input before anything runs or is written', async () => {
    const { adapter, saves } = recordingPersistence();
    const ran: string[] = [];
    const error = await runPipeline({
      input: { ...validInput(), recipientName: 'X', emailTemplate: 'short' },
      steps: [defineStep({ name: 'spy', execute: () => void ran.push('spy') }), fixedEmailStep],
      persistence: adapter,
    }).catch((caught: unknown) => caught);

    expect(InputValidationError.isInstance(error)).toBe(true);
    expect((error as InputValidationError).issues.map((issue) => issue.path)).toEqual([
      'emailTemplate',
      'recipientName',
    ]);
    expect(ran).toEqual([]);
    expect(saves).toHaveLength(0);
  });

  it('rejects a step list with duplicate names or no steps, and passing both input and data', async () => {
    await expect(
      runPipeline({ input: validInput(), steps: [fixedEmailStep, fixedEmailStep] }),
    ).rejects.toMatchObject({
      issues: [{ path: 'steps[1].name', message: 'duplicates step name "compose"' }],
    });
    await expect(runPipeline({ input: validInput(), steps: [] })).rejects.toMatchObject({
      issues: [{ path: 'steps' }],
    });
    await expect(
      // @ts-expect-error both `input` and `data`: the types forbid it, JavaScript callers meet the run-time check.
      runPipeline({ input: validInput(), data: makeData(), steps: [fixedEmailStep] }),
    ).rejects.toMatchObject({
      issues: [{ path: 'input' }],
    });
  });

  it('keeps going when the progress callback throws, and reports it as a warning', async () => {
    const { adapter, saves } = recordingPersistence();
    const result = await runPipeline({
      input: validInput(),
      steps: [fixedEmailStep],
      persistence: adapter,
      onProgress: async (event) => {
        if (event.status === 'started') throw new Error('queue connection lost');
      },
    });
    expect(saves).toHaveLength(1);
    expect(result.warnings).toEqual([
      { step: 'compose', message: 'progress callback failed: queue connection lost' },
    ]);
  });

  it('is idempotent: rerunning a task returns the first email id and writes nothing new', async () => {
    const { adapter } = recordingPersistence();
    const input = validInput();
    const first = await runPipeline({ input, steps: [fixedEmailStep], persistence: adapter });
    const again = await runPipeline({
      input,
      steps: [
        defineStep({
          name: 'other',
          execute: (data) => {
            data.finalEmail = 'A different email body.';
          },
        }),
      ],
      persistence: adapter,
    });
    expect(again.emailId).toBe(first.emailId);
    expect((await adapter.getEmailByTaskId(input.taskId))?.email).toBe(first.data.finalEmail);
  });

  it('fails the same way with or without persistence when no step wrote the email', async () => {
    const { adapter, saves } = recordingPersistence();
    const steps = [warn('a', 'thin research')];
    const withSave = await runPipeline({ input: validInput(), steps, persistence: adapter }).catch(
      (caught: unknown) => caught,
    );
    const withoutSave = await runPipeline({ input: validInput(), steps }).catch((caught: unknown) => caught);
    for (const error of [withSave, withoutSave]) {
      expect(error).toMatchObject({ code: 'PIPELINE_EXECUTION', stepName: 'pipeline', retryable: false });
      // What the run did is not lost with the failure.
      expect(error).toMatchObject({
        warnings: [{ step: 'a', message: 'thin research' }],
        timings: { a: expect.any(Number) },
      });
    }
    expect(saves).toHaveLength(0);
  });

  it('wraps an adapter failure in PersistenceError with the cause kept', async () => {
    const cause = new Error('connection refused');
    const error = await runPipeline({
      input: validInput(),
      steps: [fixedEmailStep],
      persistence: {
        saveEmail: () => Promise.reject(cause),
        getEmailByTaskId: async () => undefined,
      },
    }).catch((caught: unknown) => caught);
    expect(PersistenceError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ cause, retryable: true, taskId: expect.any(String) });
  });
});
