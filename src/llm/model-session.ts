import type { z } from 'zod';
import { ESTIMATED_OUTPUT_TOKENS, estimateTokens } from '../core/cost/run-budget.js';
import { BudgetExceededError } from '../core/errors/budget-exceeded-error.js';
import { ConfigurationError } from '../core/errors/configuration-error.js';
import { ModelCallError } from '../core/errors/model-call-error.js';
import type { StepContext } from '../core/step-context.js';
import { generateStructured, type StructuredAnswer } from './generate-structured.js';
import type { LlmStepSettings } from './llm-step-settings.js';
import { toModelCallError } from './to-model-call-error.js';

/** Asks the step's model one structured question. */
export type AskModel = <SCHEMA extends z.ZodType>(request: {
  schema: SCHEMA;
  system: string;
  prompt: string;
  /** Overrides the step's temperature for this call. */
  temperature?: number;
}) => Promise<StructuredAnswer<z.infer<SCHEMA>>>;

/** Where a model session runs: the step's name, settings and context. */
export interface ModelSessionOptions {
  stepName: string;
  settings: LlmStepSettings;
  context: Pick<StepContext, 'signal' | 'recordModelUsage'> & Partial<Pick<StepContext, 'checkBudget'>>;
  /** A part of the step with a model of its own: its usage is recorded under `<step>.<part>`. */
  part?: string;
  /**
   * A time limit for every call of the session together (the step's own budget for its model
   * work), beside each call's `timeoutMs`. When it passes, the call under way stops and no other
   * starts: a retryable `ModelCallError` with `timedOut` and this message.
   */
  deadline?: { signal: AbortSignal; message: string };
}

/**
 * Runs an LLM step's model calls: loads the model, stops any call that outlasts the step's
 * `timeoutMs` (a retryable `ModelCallError` with `timedOut`), reports every call's usage (failed
 * attempts included) through the step context as it ends, and turns provider failures into
 * `ModelCallError`. An abort, a `ConfigurationError`, or a `ModelCallError` the work throws
 * itself, passes through.
 * Custom LLM steps use it the way the built-in ones do.
 *
 * @example
 * ```ts
 * protected executeStep(data: PipelineData, context: StepContext) {
 *   return withModelSession({ stepName: this.name, settings: this.#settings, context }, async (ask) => {
 *     const answer = await askUntilValid({ ask, schema, system, prompt: () => 'Summarise...', maxAttempts: 3 });
 *     ...
 *   });
 * }
 * ```
 */
export async function withModelSession<T>(
  { stepName, settings, context, part, deadline }: ModelSessionOptions,
  work: (ask: AskModel) => Promise<T>,
): Promise<T> {
  const { signal, recordModelUsage, checkBudget } = context;
  const modelId = settings.model.modelId;
  try {
    const model = await settings.model.load();
    return await work(async ({ temperature, ...request }) => {
      // Not started when it would pass the run's budget: the prompt's size is known, the answer's estimated.
      checkBudget?.({
        modelId,
        inputTokens: estimateTokens(`${request.system}\n${request.prompt}`),
        outputTokens: ESTIMATED_OUTPUT_TOKENS,
      });
      const pastDeadline = (cause?: unknown) =>
        new ModelCallError({
          stepName,
          modelId,
          message: deadline?.message ?? '',
          retryable: true,
          timedOut: true,
          cause,
        });
      if (deadline?.signal.aborted) throw pastDeadline();
      const timeout = AbortSignal.timeout(settings.timeoutMs);
      let answer: Awaited<ReturnType<typeof generateStructured<typeof request.schema>>>;
      try {
        answer = await generateStructured({
          model,
          settings: temperature === undefined ? settings : { ...settings, temperature },
          signal: AbortSignal.any([signal, timeout, ...(deadline ? [deadline.signal] : [])]),
          ...request,
        });
      } catch (error) {
        if (deadline?.signal.aborted && !signal.aborted) throw pastDeadline(error);
        if (timeout.aborted && !signal.aborted) {
          throw new ModelCallError({
            stepName,
            modelId,
            message: `no answer within ${settings.timeoutMs} ms (the step's timeoutMs)`,
            retryable: true,
            timedOut: true,
            cause: error,
          });
        }
        throw error;
      }
      recordModelUsage({ modelId, usage: answer.usage, ...(part === undefined ? {} : { part }) });
      checkBudget?.();
      return answer;
    });
  } catch (error) {
    // A bad option is the host's to fix, not a model failure.
    if (
      signal.aborted ||
      ModelCallError.isInstance(error) ||
      ConfigurationError.isInstance(error) ||
      BudgetExceededError.isInstance(error)
    )
      throw error;
    throw toModelCallError(error, { stepName, modelId });
  }
}
