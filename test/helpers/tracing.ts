import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';

/** A real SDK tracer whose finished spans can be read back, without touching the global provider. */
export function createTestTracer() {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  return {
    tracer: provider.getTracer('scribe-pipeline-test'),
    spans: (): ReadableSpan[] => exporter.getFinishedSpans(),
    spanNamed(name: string): ReadableSpan {
      const span = exporter.getFinishedSpans().find((candidate) => candidate.name === name);
      if (!span) throw new Error(`no finished span named ${name}`);
      return span;
    },
  };
}
