// Benchmark 1: what runPipeline costs per step, over 4 and 20 trivial steps, against calling the
// same functions directly; with no tracer given, with the API's no-op tracer, and with a real
// SDK tracer (BasicTracerProvider + BatchSpanProcessor, an exporter that drops the spans, and
// the AsyncLocalStorage context manager a host's SDK setup registers).
//
//   node --import tsx bench/orchestration.ts
import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, BatchSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import {
  defineStep,
  PipelineData,
  type PipelineInput,
  parsePipelineInput,
  runPipeline,
} from '../src/index.js';
import { alternate } from './harness/alternate.js';
import { writeReport } from './harness/results.js';
import { round } from './harness/stats.js';
import { printTable } from './harness/table.js';

const STEP_COUNTS = [4, 20] as const;
/** Step executions per round and side, so a round lasts long enough to time (~0.1 s or more). */
const STEPS_PER_ROUND = 8000;
const ROUNDS = 9;
const TARGET_US_PER_STEP = 100;

type Side = 'direct' | 'noTracer' | 'noopTracer' | 'sdkTracer';
const SIDES: readonly Side[] = ['direct', 'noTracer', 'noopTracer', 'sdkTracer'];

const input: PipelineInput = parsePipelineInput({
  taskId: 'bench-orchestration',
  userId: 'bench',
  emailTemplate: 'Dear {{name}}, I read your work on {{topic}} and would like to ask a question.',
  recipientName: 'Ada Lovelace',
  recipientInterest: 'analytical engines',
});

/** The step bodies: each writes one metadata key; the last writes the email a run must end with. */
function trivialFunctions(count: number): ((data: PipelineData) => void)[] {
  return Array.from({ length: count }, (_, index) => (data: PipelineData) => {
    data.metadata[`step${index}`] = index;
    if (index === count - 1) data.finalEmail = `Dear ${data.recipientName}, thank you.`;
  });
}

/** Counts and drops every span: the cost measured is the library's and the SDK's, not an exporter's I/O. */
let spansExported = 0;
let spansStarted = 0;
const droppingExporter: SpanExporter = {
  export: (spans, done) => {
    spansExported += spans.length;
    done({ code: 0 });
  },
  shutdown: async () => {},
};

const provider = new BasicTracerProvider({
  spanProcessors: [new BatchSpanProcessor(droppingExporter)],
});
const sdkTracer = provider.getTracer('scribe-pipeline-bench');
// No global provider is registered, so this is the API's no-op tracer (what `trace.getTracer` gives).
const noopTracer = trace.getTracer('scribe-pipeline-bench');
const contextManager = new AsyncLocalStorageContextManager();

function sides(count: number): Record<Side, () => Promise<number>> {
  const functions = trivialFunctions(count);
  const steps = functions.map((execute, index) => defineStep({ name: `step_${index}`, execute }));
  const runs = Math.max(1, Math.round(STEPS_PER_ROUND / count));
  /** Microseconds per run, over `runs` runs in a row. */
  const timed = (run: () => Promise<unknown>) => async () => {
    const startedAt = performance.now();
    for (let index = 0; index < runs; index += 1) await run();
    return ((performance.now() - startedAt) * 1000) / runs;
  };
  return {
    direct: timed(async () => {
      const data = new PipelineData(input);
      for (const execute of functions) await execute(data);
      if (data.finalEmail === '') throw new Error('the direct calls wrote no email');
    }),
    noTracer: timed(() => runPipeline({ input, steps })),
    noopTracer: timed(() => runPipeline({ input, steps, tracer: noopTracer })),
    sdkTracer: async () => {
      // Only for these rounds: with a context manager registered, `context.with` does real work
      // for every side, and the no-tracer sides would no longer measure a host without OpenTelemetry.
      context.setGlobalContextManager(contextManager.enable());
      try {
        spansStarted += runs * (count + 1);
        return await timed(() => runPipeline({ input, steps, tracer: sdkTracer }))();
      } finally {
        context.disable();
      }
    },
  };
}

const startedAt = performance.now();
const results: Record<string, unknown> = {};
const rows = [];
const targets = [];
for (const count of STEP_COUNTS) {
  const summary = await alternate<Side>({ sides: sides(count), rounds: ROUNDS, warmupRounds: 2 });
  const direct = summary.direct.median;
  const perStep = (side: Side) => (summary[side].median - direct) / count;
  results[`steps${count}`] = Object.fromEntries(
    SIDES.map((side) => [
      side,
      {
        microsecondsPerRun: summary[side],
        overheadMicrosecondsPerStep: side === 'direct' ? 0 : round(perStep(side), 2),
        ratioToDirect: round(summary[side].median / direct, 1),
      },
    ]),
  );
  for (const side of SIDES) {
    rows.push({
      steps: count,
      side,
      'µs/run (median)': round(summary[side].median, 1),
      'min..max': `${round(summary[side].min, 1)}..${round(summary[side].max, 1)}`,
      'overhead µs/step': side === 'direct' ? 0 : round(perStep(side), 1),
      '% of a 10 ms step': side === 'direct' ? 0 : round((perStep(side) / 10_000) * 100, 3),
    });
    if (side !== 'direct') {
      targets.push({
        target: `${count} steps, ${side}: overhead < ${TARGET_US_PER_STEP} µs/step (1% of a 10 ms step)`,
        measured: `${round(perStep(side), 1)} µs/step`,
        met: perStep(side) < TARGET_US_PER_STEP,
      });
    }
  }
}
await provider.shutdown();
// The batch processor drops spans when its queue is full; a run that exported none measured nothing.
if (spansExported === 0) throw new Error('the SDK tracer exported no span');
console.log(
  `SDK spans: ${spansStarted} started, ${spansExported} exported, ${spansStarted - spansExported} dropped`,
);

printTable(
  `runPipeline overhead (${ROUNDS} alternating rounds, ~${STEPS_PER_ROUND} step runs per round and side)`,
  rows,
);
writeReport({
  benchmark: 'orchestration',
  command: 'node --import tsx bench/orchestration.ts',
  durationMs: performance.now() - startedAt,
  config: {
    stepCounts: STEP_COUNTS,
    stepsPerRound: STEPS_PER_ROUND,
    rounds: ROUNDS,
    warmupRounds: 2,
    sdkTracer:
      'BasicTracerProvider + BatchSpanProcessor (exporter drops spans) + AsyncLocalStorageContextManager',
  },
  results: { ...results, sdkSpans: { started: spansStarted, exported: spansExported } },
  targets,
});
