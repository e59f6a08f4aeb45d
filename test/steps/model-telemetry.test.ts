import { OpenTelemetry } from '@ai-sdk/otel';
import { context as otelContext } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { registerTelemetry } from 'ai';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runPipeline, TemplateParserStep } from '../../src/index.js';
import { createMockModel } from '../../src/testing/index.js';
import { fixedEmailStep, validInput } from '../helpers/pipeline.js';
import { createTestTracer } from '../helpers/tracing.js';

// What a host does: register a context manager and the AI SDK's OpenTelemetry integration.
const telemetry = createTestTracer();
const contextManager = new AsyncLocalStorageContextManager();
beforeAll(() => {
  otelContext.setGlobalContextManager(contextManager.enable());
  registerTelemetry(new OpenTelemetry({ tracer: telemetry.tracer }));
});
afterAll(() => {
  contextManager.disable();
  otelContext.disable();
});

it('nests the AI SDK spans of a model call under the step span, tagged with the step function id', async () => {
  const model = createMockModel([
    { templateType: 'general', searchTerms: ['Grace Hopper compilers'], placeholders: [] },
  ]);
  await runPipeline({
    input: validInput(),
    steps: [new TemplateParserStep({ model }), fixedEmailStep],
    tracer: telemetry.tracer,
  });
  const stepSpan = telemetry.spanNamed('pipeline.template_parser');
  const modelSpans = telemetry
    .spans()
    .filter((span) => span.parentSpanContext?.spanId === stepSpan.spanContext().spanId);
  expect(modelSpans.length).toBeGreaterThan(0);
  expect(modelSpans.every((span) => span.spanContext().traceId === stepSpan.spanContext().traceId)).toBe(
    true,
  );
  expect(JSON.stringify(modelSpans.map((span) => span.attributes))).toContain('scribe.template_parser');
});
