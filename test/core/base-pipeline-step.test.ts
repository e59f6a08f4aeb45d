import { SpanStatusCode } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { ATTRIBUTES } from '../../src/core/telemetry/index.js';
import {
  BasePipelineStep,
  defineStep,
  type PipelineData,
  StepExecutionError,
  type StepProgress,
  StepResult,
  StepValidationError,
} from '../../src/index.js';
import { makeData } from '../helpers/pipeline.js';
import { createTestTracer } from '../helpers/tracing.js';

class EchoStep extends BasePipelineStep {
  readonly name = 'echo';
  protected override validateInput(data: PipelineData): readonly string[] {
    return data.recipientName.startsWith('Invalid') ? ['recipientName is not echoable'] : [];
  }
  protected async executeStep(data: PipelineData): Promise<StepResult> {
    data.finalEmail = `Hello ${data.recipientName}`;
    return this.ok({
      warnings: ['echo is not a real composer'],
      metadata: { length: data.finalEmail.length },
    });
  }
}

function progressLog() {
  const events: StepProgress[] = [];
  return { events, reportProgress: async (progress: StepProgress) => void events.push(progress) };
}

describe('BasePipelineStep.execute', () => {
  it('runs the step, records its timing and reports started then completed', async () => {
    const data = makeData();
    const progress = progressLog();
    const result = await new EchoStep().execute(data, { reportProgress: progress.reportProgress });

    expect(result.success).toBe(true);
    expect(result.metadata).toEqual({ length: 'Hello Grace Hopper'.length });
    expect(data.finalEmail).toBe('Hello Grace Hopper');
    expect(data.stepTimings.echo).toBeGreaterThanOrEqual(0);
    expect(progress.events.map((event) => event.status)).toEqual(['started', 'completed']);
    expect(progress.events[1]?.warnings).toEqual(['echo is not a real composer']);
    expect(progress.events[1]?.durationMs).toBe(data.stepTimings.echo);
  });

  it('opens a span named after the step with task id and step name, and warnings as events', async () => {
    const telemetry = createTestTracer();
    const data = makeData();
    await new EchoStep().execute(data, { tracer: telemetry.tracer });

    const span = telemetry.spanNamed('pipeline.echo');
    expect(span.attributes[ATTRIBUTES.taskId]).toBe(data.taskId);
    expect(span.attributes[ATTRIBUTES.stepName]).toBe('echo');
    expect(span.events.map((event) => event.attributes?.[ATTRIBUTES.warningMessage])).toEqual([
      'echo is not a real composer',
    ]);
    expect(span.status.code).not.toBe(SpanStatusCode.ERROR);
  });

  it('wraps a validation failure in StepExecutionError without running the step', async () => {
    const telemetry = createTestTracer();
    const data = makeData({ recipientName: 'Invalid Person' });
    const progress = progressLog();
    const error = await new EchoStep()
      .execute(data, { tracer: telemetry.tracer, reportProgress: progress.reportProgress })
      .catch((caught: unknown) => caught);

    expect(StepExecutionError.isInstance(error)).toBe(true);
    const wrapped = error as StepExecutionError;
    expect(StepValidationError.isInstance(wrapped.cause)).toBe(true);
    expect((wrapped.cause as StepValidationError).problems).toEqual(['recipientName is not echoable']);
    expect(wrapped.retryable).toBe(false);
    expect(data.finalEmail).toBe('');
    expect(progress.events.map((event) => event.status)).toEqual(['started', 'failed']);
    expect(telemetry.spanNamed('pipeline.echo').status.code).toBe(SpanStatusCode.ERROR);
  });

  it('wraps a thrown error with its cause, step name and task id, and records the exception', async () => {
    const telemetry = createTestTracer();
    const boom = new Error('upstream exploded');
    const step = defineStep({
      name: 'exploder',
      execute: () => {
        throw boom;
      },
    });
    const data = makeData();
    const error = (await step
      .execute(data, { tracer: telemetry.tracer })
      .catch((caught: unknown) => caught)) as StepExecutionError;

    expect(StepExecutionError.isInstance(error)).toBe(true);
    expect(error.cause).toBe(boom);
    expect(error.stepName).toBe('exploder');
    expect(error.taskId).toBe(data.taskId);
    expect(error.message).toContain('upstream exploded');
    // An unknown error is a bug until shown otherwise: a queue must not pay for it again and again.
    expect(error.retryable).toBe(false);
    expect(data.stepTimings.exploder).toBeGreaterThanOrEqual(0);

    const span = telemetry.spanNamed('pipeline.exploder');
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
    const exception = span.events.find((event) => event.name === 'exception');
    expect(exception?.attributes?.['exception.message']).toBe('upstream exploded');
  });

  it.each([
    ['a connection reset', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })],
    ['a timeout', new DOMException('timed out', 'TimeoutError')],
    ['an HTTP 503', Object.assign(new Error('unavailable'), { statusCode: 503 })],
    [
      'fetch failed over a refused connection',
      new TypeError('fetch failed', { cause: Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }) }),
    ],
  ])('marks %s as retryable', async (_label, cause) => {
    const step = defineStep({
      name: 'flaky',
      execute: () => {
        throw cause;
      },
    });
    const error = (await step.execute(makeData()).catch((caught: unknown) => caught)) as StepExecutionError;
    expect(error.retryable).toBe(true);
  });

  it('keeps a cause that says it is not retryable', async () => {
    const step = defineStep({
      name: 'bad_key',
      execute: () => {
        throw Object.assign(new Error('401 unauthorized'), { isRetryable: false });
      },
    });
    const error = (await step.execute(makeData()).catch((caught: unknown) => caught)) as StepExecutionError;
    expect(error.retryable).toBe(false);
  });

  it('reports a returned failure as failed and marks the span, without throwing', async () => {
    const telemetry = createTestTracer();
    const progress = progressLog();
    const failing = defineStep({
      name: 'failing',
      execute: () => StepResult.fail('failing', 'search provider rejected the key'),
    });
    const result = await failing.execute(makeData(), {
      tracer: telemetry.tracer,
      reportProgress: progress.reportProgress,
    });

    expect(result.success).toBe(false);
    expect(result.error).toBe('search provider rejected the key');
    expect(progress.events.map((event) => event.status)).toEqual(['started', 'failed']);
    expect(telemetry.spanNamed('pipeline.failing').status).toMatchObject({
      code: SpanStatusCode.ERROR,
      message: 'search provider rejected the key',
    });
  });

  it('reports skipped for a skipped result', async () => {
    const progress = progressLog();
    const step = defineStep({
      name: 'sometimes',
      execute: () => StepResult.skip('sometimes', 'not a research template'),
    });
    const result = await step.execute(makeData(), { reportProgress: progress.reportProgress });
    expect(result).toMatchObject({
      success: true,
      skipped: true,
      metadata: { skipped: 'not a research template' },
    });
    expect(progress.events.map((event) => event.status)).toEqual(['started', 'skipped']);
  });

  it('treats a step that returns nothing as a plain success', async () => {
    const result = await defineStep({ name: 'quiet', execute: () => undefined }).execute(makeData());
    expect(result).toMatchObject({ success: true, stepName: 'quiet', warnings: [] });
  });
});
