import type { LanguageModelUsage } from 'ai';
import type { TokenUsage } from '../core/token-usage.js';

/** One model call's usage as ours; providers may leave counts out. */
export function toTokenUsage(usage: Partial<LanguageModelUsage> | undefined): TokenUsage {
  const inputTokens = usage?.inputTokens ?? 0;
  const outputTokens = usage?.outputTokens ?? 0;
  return { inputTokens, outputTokens, totalTokens: usage?.totalTokens ?? inputTokens + outputTokens };
}
