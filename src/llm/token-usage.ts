import type { LanguageModelUsage } from 'ai';
import type { PipelineData } from '../core/pipeline-data.js';
import type { TokenUsage } from '../core/token-usage.js';

/** Zero usage, to sum into. */
export function emptyUsage(): TokenUsage {
  return { inputTokens: 0, outputTokens: 0, totalTokens: 0 };
}

/** Adds one model call's usage (providers may leave counts out) to a running total. */
export function addUsage(total: TokenUsage, usage: Partial<LanguageModelUsage> | undefined): TokenUsage {
  const input = usage?.inputTokens ?? 0;
  const output = usage?.outputTokens ?? 0;
  return {
    inputTokens: total.inputTokens + input,
    outputTokens: total.outputTokens + output,
    totalTokens: total.totalTokens + (usage?.totalTokens ?? input + output),
  };
}

/** Records a step's total usage and model id in the data's metadata, for the saved record. */
export function recordModelUse(
  data: PipelineData,
  stepName: string,
  modelId: string,
  usage: TokenUsage,
): void {
  data.metadata.usage[stepName] = addUsage(data.metadata.usage[stepName] ?? emptyUsage(), usage);
  data.metadata.modelsUsed[stepName] = modelId;
}
