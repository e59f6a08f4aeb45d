import { checkNumberOption } from '../check-option.js';
import { BudgetExceededError } from '../errors/budget-exceeded-error.js';
import type { TokenUsage } from '../token-usage.js';
import type { PriceTable } from './price-table.js';
import { runCost, usageCost } from './run-cost.js';

/** The most a run may spend on model calls: tokens, dollars, or both. */
export interface RunBudget {
  /** All steps' tokens together, input and output. */
  maxTokens?: number;
  /** All priced steps' cost together, in US dollars (see `prices`). */
  maxCostUsd?: number;
}

/** What the next model call is expected to spend. */
export interface ModelCallEstimate {
  modelId: string;
  inputTokens: number;
  outputTokens: number;
}

/**
 * The output a model call is assumed to produce when checking a budget before it: the prompt's
 * size is known, the answer's is not. An email with its claims is well under this.
 */
export const ESTIMATED_OUTPUT_TOKENS = 1000;

/** About how many tokens a text is: four characters a token, as for English in OpenAI's tokenizers. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** Checks `budget` when the run starts, so a bad one costs nothing. */
export function checkRunBudget(budget: RunBudget | undefined): RunBudget | undefined {
  if (budget === undefined) return undefined;
  const checked: RunBudget = {};
  if (budget.maxTokens !== undefined)
    checked.maxTokens = checkNumberOption('runPipeline', 'budget.maxTokens', budget.maxTokens, {
      min: 1,
      max: 1e12,
    });
  if (budget.maxCostUsd !== undefined)
    checked.maxCostUsd = checkNumberOption('runPipeline', 'budget.maxCostUsd', budget.maxCostUsd, {
      min: 0,
      max: 1e9,
    });
  return checked;
}

/**
 * Makes the run's budget check: with an estimate, throws `BudgetExceededError` when spending it
 * would pass the budget; without one, when the run has already passed it. `spent` reads the
 * run's usage so far; a model the price table does not know counts as free against `maxCostUsd`.
 */
export function budgetCheck({
  budget,
  prices,
  spent,
}: {
  budget: RunBudget;
  prices: PriceTable;
  spent: () => { usage: Readonly<Record<string, TokenUsage>>; modelsUsed: Readonly<Record<string, string>> };
}): (next: ModelCallEstimate | undefined, stepName: string | undefined) => void {
  return (next, stepName) => {
    const { usage, modelsUsed } = spent();
    if (budget.maxTokens !== undefined) {
      const tokens = Object.values(usage).reduce((sum, step) => sum + step.totalTokens, 0);
      const estimate = next === undefined ? 0 : next.inputTokens + next.outputTokens;
      if (tokens + estimate > budget.maxTokens)
        throw new BudgetExceededError({
          limit: 'tokens',
          budget: budget.maxTokens,
          spent: tokens,
          estimate,
          stepName,
        });
    }
    if (budget.maxCostUsd !== undefined) {
      const cost = runCost(usage, modelsUsed, prices).total;
      const estimate = next === undefined ? 0 : (usageCost(next, next.modelId, prices) ?? 0);
      if (cost + estimate > budget.maxCostUsd)
        throw new BudgetExceededError({
          limit: 'usd',
          budget: budget.maxCostUsd,
          spent: cost,
          estimate,
          stepName,
        });
    }
  };
}
