import {
  type Context,
  context as otelContext,
  type Span,
  SpanStatusCode,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import { throwIfAborted } from './abort.js';
import type { PipelineStep } from './base-pipeline-step.js';
import { checkNumberOption } from './check-option.js';
import {
  type CheckpointStore,
  DEFAULT_CHECKPOINT_TTL_MS,
  type StageSnapshot,
} from './checkpoint/checkpoint-store.js';
import { applySnapshot, fieldsOf, stageSnapshot } from './checkpoint/stage-snapshot.js';
import { DEFAULT_PRICE_TABLE, type PriceTable } from './cost/price-table.js';
import { budgetCheck, checkRunBudget, type RunBudget } from './cost/run-budget.js';
import { type RunCost, runCost } from './cost/run-cost.js';
import { InputValidationError } from './errors/input-validation-error.js';
import { PersistenceError } from './errors/persistence-error.js';
import { PipelineAbortedError } from './errors/pipeline-aborted-error.js';
import { PipelineExecutionError } from './errors/pipeline-execution-error.js';
import { attachRunReport, type RunReport } from './errors/run-report.js';
import { ScribeError } from './errors/scribe-error.js';
import { StepExecutionError } from './errors/step-execution-error.js';
import { assertSupportedNode } from './node-floor.js';
import { isParallelGroup, type PipelineStage } from './parallel.js';
import { buildEmailRecord } from './persistence/email-record.js';
import type { EmailStatus, PersistenceAdapter, SaveEmailResult } from './persistence/persistence-adapter.js';
import { applyValidatedInput, PipelineData, type StepIssue, type StepOutputs } from './pipeline-data.js';
import { type PipelineInputShape, parsePipelineInput } from './pipeline-input.js';
import type { ProgressCallback, ProgressEvent, StepProgress } from './progress.js';
import { settleBeforeAbort } from './signal.js';
import type { StepResult } from './step-result.js';
import { ATTRIBUTES, SPAN_NAMES } from './telemetry/attributes.js';
import { getLibraryTracer, recordFailure, recordWarnings } from './telemetry/tracer.js';

/** Options of `runPipeline` shared by both ways of giving the data. */
export interface RunPipelineCommonOptions<Outputs extends StepOutputs> {
  /** Steps in order; `parallel(...)` groups run side by side. */
  steps: readonly PipelineStage<Outputs>[];
  /** Where the finished email is saved, once. Without it nothing is written and `emailId` is undefined. */
  persistence?: PersistenceAdapter;
  onProgress?: ProgressCallback;
  signal?: AbortSignal;
  /** Defaults to the tracer of the host's global OpenTelemetry provider. */
  tracer?: Tracer;
  /** Prices per model id, to turn usage into `cost`. Default `DEFAULT_PRICE_TABLE` (OpenAI's). */
  prices?: PriceTable;
  /**
   * The most the run may spend (tokens and/or dollars). It stops with `BudgetExceededError`,
   * not retryable, before a model call whose estimate would pass it, or after one whose actual
   * cost did.
   */
  budget?: RunBudget;
  /**
   * Where finished stages' outputs are kept until the email is saved, so a second run of the task
   * (after a crash, a failure, a re-run) skips them and spends no tokens on them again: a
   * `CheckpointStore` (`memoryCheckpoints()`, `sqliteCheckpoints()`, ...), or one with `ttlMs`
   * (default a day). A store that fails is a warning, never a failed run.
   */
  checkpoints?: CheckpointStore | { store: CheckpointStore; ttlMs?: number };
}

/**
 * Options of `runPipeline`: pass exactly one of `input` (untrusted, validated here) and `data`
 * (built by the host, e.g. in a test, with earlier outputs already filled in). Either way the
 * inputs are validated and trimmed the same way.
 */
export type RunPipelineOptions<Outputs extends StepOutputs = Record<never, never>> =
  RunPipelineCommonOptions<Outputs> &
    (
      | {
          /** Untrusted input: validated with zod before anything runs. */ input: PipelineInputShape;
          data?: never;
        }
      | {
          /** Data the host built; its inputs are validated and trimmed all the same. */ data: PipelineData<Outputs>;
          input?: never;
        }
    );

/** What a successful run returns. */
export interface PipelineRunResult<Outputs extends StepOutputs = Record<never, never>> extends RunReport {
  data: PipelineData<Outputs>;
  /** The saved email's id; undefined when no persistence adapter was given. */
  emailId: string | undefined;
  /**
   * True when this run's save wrote the email; false when another run of the task had saved a
   * finished one first (a retried job racing its earlier attempt), or nothing was saved.
   */
  created: boolean;
  /** What the run's model calls cost, by the price table's prices (also saved as `metadata.cost`). */
  cost: RunCost;
  /** Steps that did not run because a checkpoint of an earlier run of the task had their outputs. */
  resumedSteps: string[];
  /**
   * `finished`, or `needs_review` when the composer kept a draft that breaks a hard rule
   * (`onInvalidDraft: 'save-for-review'`): never send such an email as it is.
   */
  status: EmailStatus;
}

/** How one step ended: a result, or what it threw. Never rejects, so groups can settle together. */
interface StepOutcome {
  step: PipelineStep<StepOutputs>;
  result?: StepResult;
  error?: unknown;
  warnings: StepIssue[];
}

/**
 * Runs a pipeline: validates the input, runs the steps (stopping at the first fatal result),
 * then saves the email exactly once. Nothing is saved when a run fails or is aborted.
 *
 * @throws InputValidationError before anything runs, listing every bad field.
 * @throws PipelineExecutionError when a step fails fatally; `cause` says why.
 * @throws PipelineAbortedError when `signal` fires.
 * @throws PersistenceError when the save fails.
 * @example
 * ```ts
 * const { emailId, data } = await runPipeline({
 *   input: { taskId, userId, emailTemplate, recipientName, recipientInterest },
 *   steps: [parser, parallel(scraper, arxiv), composer],
 *   persistence: sqlitePersistence({ path: 'emails.db' }),
 *   onProgress: (event) => console.log(event.step, event.status),
 * });
 * ```
 */
export async function runPipeline<Outputs extends StepOutputs = Record<never, never>>(
  options: RunPipelineOptions<Outputs>,
): Promise<PipelineRunResult<Outputs>> {
  // Before any step: on too old a Node, a dependency would fail mid-run with a bare TypeError.
  assertSupportedNode();
  const data = resolveData(options);
  const steps = flattenSteps(options.steps);
  const tracer = options.tracer ?? getLibraryTracer();
  const signal = options.signal ?? new AbortController().signal;
  const { taskId } = data;
  const warnings: StepIssue[] = [];
  const prices = options.prices ?? DEFAULT_PRICE_TABLE;
  const budget = checkRunBudget(options.budget);
  const checkBudget =
    budget === undefined
      ? undefined
      : budgetCheck({
          budget,
          prices,
          spent: () => ({ usage: data.metadata.usage, modelsUsed: data.metadata.modelsUsed }),
        });

  // Checked before the run's span opens: a bad option ends the call before anything starts.
  const checkpointing = resolveCheckpoints(options.checkpoints);

  const rootSpan = tracer.startSpan(SPAN_NAMES.run, {
    attributes: { [ATTRIBUTES.taskId]: taskId, [ATTRIBUTES.stepCount]: steps.length },
  });
  const rootContext = trace.setSpan(otelContext.active(), rootSpan);

  const runStep = async (step: PipelineStep<Outputs>): Promise<StepOutcome> => {
    const stepWarnings: StepIssue[] = [];
    const reportProgress = async (progress: StepProgress) => {
      const event = { taskId, step: step.name, index: steps.indexOf(step), total: steps.length, ...progress };
      const failure = await deliverProgress(options.onProgress, event, signal);
      if (failure !== undefined)
        stepWarnings.push({ step: step.name, message: `progress callback failed: ${errorMessage(failure)}` });
    };
    try {
      const result = await step.execute(data, {
        signal,
        tracer,
        traceContext: rootContext,
        reportProgress,
        ...(checkBudget === undefined ? {} : { checkBudget: (next) => checkBudget(next, step.name) }),
      });
      for (const message of result.warnings) stepWarnings.push({ step: step.name, message });
      return { step, result, warnings: stepWarnings };
    } catch (error) {
      return { step, error, warnings: stepWarnings };
    }
  };

  const resumedSteps: string[] = [];
  const checkpointWarning = (what: string, error: unknown) =>
    warnings.push({ step: 'pipeline', message: `checkpoints: could not ${what}: ${errorMessage(error)}` });

  try {
    const finished = checkpointing
      ? await loadCheckpoints(checkpointing.store, taskId, checkpointWarning)
      : {};
    for (const stage of options.steps) {
      const group = isParallelGroup(stage) ? stage.steps : [stage];
      throwIfAborted(signal, { taskId, stepName: group[0]?.name });
      const key = stageKey(group);
      const snapshot = finished[key];
      if (snapshot !== undefined) {
        // An earlier run of this task finished this stage: take its outputs, spend nothing.
        applySnapshot(data, snapshot);
        for (const step of group) {
          resumedSteps.push(step.name);
          await deliverProgress(
            options.onProgress,
            {
              taskId,
              step: step.name,
              index: steps.indexOf(step),
              total: steps.length,
              status: 'skipped',
              resumed: true,
            },
            signal,
          );
        }
        continue;
      }
      stopIfOverBudget(data, checkBudget, group[0]?.name);
      const before = checkpointing ? jsonFields(data, checkpointWarning) : undefined;
      const outcomes = await Promise.all(group.map(runStep));
      for (const outcome of outcomes) warnings.push(...outcome.warnings);
      settle(data, outcomes);
      if (checkpointing && before) {
        try {
          await checkpointing.store.save(taskId, key, stageSnapshot(data, before), checkpointing.ttlMs);
        } catch (error) {
          checkpointWarning(`save stage ${key}`, error);
        }
      }
    }
    throwIfAborted(signal, { taskId });
    requireFinalEmail(data);
    const cost = runCost(data.metadata.usage, data.metadata.modelsUsed, prices);
    data.metadata.cost = cost;
    const saved = options.persistence
      ? await save(options.persistence, data, warnings, { tracer, rootContext, signal })
      : undefined;
    const emailId = saved?.id;
    if (emailId !== undefined) rootSpan.setAttribute(ATTRIBUTES.emailId, emailId);
    // The email is saved: what the stages wrote is in it, and a later run must start afresh.
    await checkpointing?.store
      .clear(taskId)
      .catch((error: unknown) => checkpointWarning('clear them', error));
    rootSpan.setAttribute(ATTRIBUTES.warningCount, warnings.length);
    rootSpan.setStatus({ code: SpanStatusCode.OK });
    return {
      data,
      emailId,
      created: saved?.created ?? false,
      resumedSteps,
      status: data.emailStatus,
      cost,
      ...runReport(data, warnings),
    };
  } catch (error) {
    if (
      PipelineExecutionError.isInstance(error) ||
      PipelineAbortedError.isInstance(error) ||
      PersistenceError.isInstance(error)
    ) {
      attachRunReport(error, runReport(data, warnings));
    }
    recordWarnings(
      rootSpan,
      warnings.map((warning) => `${warning.step}: ${warning.message}`),
    );
    recordFailure(rootSpan, error);
    throw error;
  } finally {
    rootSpan.end();
  }
}

/** A stage's checkpoint key: its step names, so a changed step list does not reuse a stage's outputs. */
function stageKey(group: readonly { name: string }[]): string {
  return group.map((step) => step.name).join('+');
}

function resolveCheckpoints(
  option: RunPipelineCommonOptions<StepOutputs>['checkpoints'],
): { store: CheckpointStore; ttlMs: number } | undefined {
  if (option === undefined) return undefined;
  const { store, ttlMs = DEFAULT_CHECKPOINT_TTL_MS } = 'store' in option ? option : { store: option };
  return {
    store,
    ttlMs: checkNumberOption('runPipeline', 'checkpoints.ttlMs', ttlMs, {
      min: 1000,
      max: 30 * 24 * 60 * 60 * 1000,
    }),
  };
}

/** The data's fields as JSON; a field JSON cannot hold (a BigInt) costs the checkpoint, not the run. */
function jsonFields(
  data: PipelineData<StepOutputs>,
  warn: (what: string, error: unknown) => void,
): Map<string, string> | undefined {
  try {
    return fieldsOf(data);
  } catch (error) {
    warn('snapshot the data', error);
    return undefined;
  }
}

async function loadCheckpoints(
  store: CheckpointStore,
  taskId: string,
  warn: (what: string, error: unknown) => void,
): Promise<Record<string, StageSnapshot>> {
  try {
    return await store.load(taskId);
  } catch (error) {
    warn('load them', error);
    return {};
  }
}

/**
 * Hands one event to the host's callback. A callback that never settles (a queue's progress
 * write during a Redis outage) must not hold the run past its abort; one that throws never
 * breaks the run: its error is returned for a warning.
 */
async function deliverProgress(
  onProgress: ProgressCallback | undefined,
  event: ProgressEvent,
  signal: AbortSignal,
): Promise<unknown> {
  if (onProgress === undefined) return undefined;
  try {
    await settleBeforeAbort(Promise.resolve(onProgress(event)), signal);
    return undefined;
  } catch (error) {
    return error ?? new Error('progress callback failed');
  }
}

/** A stage is not started once the run has passed its budget. */
function stopIfOverBudget(
  data: PipelineData<StepOutputs>,
  checkBudget: ((next: undefined, stepName: string | undefined) => void) | undefined,
  stepName: string | undefined,
): void {
  try {
    checkBudget?.(undefined, stepName);
  } catch (error) {
    throw new PipelineExecutionError({
      taskId: data.taskId,
      stepName: stepName ?? 'pipeline',
      reason: errorMessage(error),
      cause: error,
    });
  }
}

function resolveData<Outputs extends StepOutputs>(
  options: RunPipelineOptions<Outputs>,
): PipelineData<Outputs> {
  const { input, data } = options as { input?: unknown; data?: PipelineData<Outputs> };
  // The types forbid both and neither; JavaScript callers get the same answer at run time.
  if ((input === undefined) === (data === undefined)) {
    throw new InputValidationError({
      issues: [{ path: 'input', message: 'pass exactly one of `input` and `data`' }],
    });
  }
  if (data === undefined) return new PipelineData<Outputs>(parsePipelineInput(input));
  if (!(data instanceof PipelineData)) {
    throw new InputValidationError({ issues: [{ path: 'data', message: 'must be a PipelineData' }] });
  }
  applyValidatedInput(data, parsePipelineInput(data.input));
  return data;
}

function runReport(data: PipelineData<StepOutputs>, warnings: readonly StepIssue[]): RunReport {
  return { warnings: [...warnings], timings: { ...data.stepTimings }, usage: { ...data.metadata.usage } };
}

/** A run whose steps wrote no email failed, whether or not anything is to be saved. */
function requireFinalEmail(data: PipelineData<StepOutputs>): void {
  if (data.finalEmail.trim() !== '') return;
  throw new PipelineExecutionError({
    taskId: data.taskId,
    stepName: 'pipeline',
    reason: 'no step set data.finalEmail: a run must end with an email',
  });
}

function flattenSteps<Outputs extends StepOutputs>(
  stages: readonly PipelineStage<Outputs>[],
): PipelineStep<Outputs>[] {
  const steps = stages.flatMap((stage) => (isParallelGroup(stage) ? [...stage.steps] : [stage]));
  const issues = steps.flatMap((step, index) =>
    steps.findIndex((other) => other.name === step.name) === index
      ? []
      : [{ path: `steps[${index}].name`, message: `duplicates step name "${step.name}"` }],
  );
  if (steps.length === 0) issues.push({ path: 'steps', message: 'needs at least one step' });
  if (issues.length > 0) throw new InputValidationError({ issues });
  return steps;
}

/** Throws for the first abort, then the first failure, in declared step order. */
function settle(data: PipelineData<StepOutputs>, outcomes: readonly StepOutcome[]): void {
  const aborted = outcomes.find((outcome) => PipelineAbortedError.isInstance(outcome.error));
  if (aborted) throw aborted.error;
  for (const { step, result, error } of outcomes) {
    if (error !== undefined) {
      const reason = errorMessage(StepExecutionError.isInstance(error) ? error.cause : error);
      data.addError(step.name, reason);
      throw new PipelineExecutionError({ taskId: data.taskId, stepName: step.name, reason, cause: error });
    }
    if (result && !result.success) {
      const reason = result.error ?? 'step failed';
      data.addError(step.name, reason);
      throw new PipelineExecutionError({
        taskId: data.taskId,
        stepName: step.name,
        reason,
        cause: result.cause,
      });
    }
  }
}

async function save(
  persistence: PersistenceAdapter,
  data: PipelineData<StepOutputs>,
  warnings: readonly StepIssue[],
  { tracer, rootContext, signal }: { tracer: Tracer; rootContext: Context; signal: AbortSignal },
): Promise<SaveEmailResult> {
  const span: Span = tracer.startSpan(
    SPAN_NAMES.save,
    { attributes: { [ATTRIBUTES.taskId]: data.taskId } },
    rootContext,
  );
  try {
    return await persistence.saveEmail(buildEmailRecord(data, warnings), { signal });
  } catch (error) {
    recordFailure(span, error);
    if (ScribeError.isInstance(error)) throw error;
    throw new PersistenceError({ operation: 'saveEmail', taskId: data.taskId, cause: error });
  } finally {
    span.end();
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
