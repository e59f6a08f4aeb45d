import type { z } from 'zod';
import { ModelCallError } from '../core/errors/model-call-error.js';
import type { PipelineData } from '../core/pipeline-data.js';
import { generateStructured, type StructuredAnswer } from './generate-structured.js';
import type { LlmStepSettings } from './llm-step-settings.js';
import { toModelCallError } from './to-model-call-error.js';
import { addUsage, emptyUsage, recordModelUse } from './token-usage.js';

/** Asks the step's model one structured question. */
export type AskModel = <SCHEMA extends z.ZodType>(request: {
  schema: SCHEMA;
  system: string;
  prompt: string;
}) => Promise<StructuredAnswer<z.infer<SCHEMA>>>;

/**
 * Runs an LLM step's model calls: loads the model, sums every call's usage (failed attempts
 * included) into `data.metadata` however the work ends, and turns provider failures into
 * `ModelCallError`. An abort, or a `ModelCallError` the work throws itself, passes through.
 */
export async function withModelSession<T>(
  {
    stepName,
    settings,
    data,
    signal,
  }: { stepName: string; settings: LlmStepSettings; data: PipelineData; signal: AbortSignal },
  work: (ask: AskModel) => Promise<T>,
): Promise<T> {
  const modelId = settings.model.modelId;
  let usage = emptyUsage();
  try {
    const model = await settings.model.load();
    return await work(async (request) => {
      const answer = await generateStructured({ model, settings, signal, ...request });
      usage = addUsage(usage, answer.usage);
      return answer;
    });
  } catch (error) {
    if (signal.aborted || ModelCallError.isInstance(error)) throw error;
    throw toModelCallError(error, { stepName, modelId });
  } finally {
    recordModelUse(data, stepName, modelId, usage);
  }
}
