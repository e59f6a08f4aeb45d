import type { TokenUsage } from '../token-usage.js';
import { type PriceTable, priceFor } from './price-table.js';

/** What a run's model calls cost, in US dollars. */
export interface RunCost {
  currency: 'USD';
  /** All priced steps together. */
  total: number;
  /** Per step (and step part, e.g. `email_composer.claim_check`) with a priced model. */
  perStep: Record<string, number>;
  /** Model ids the price table does not know: their tokens are not in `total`. */
  unpricedModels: string[];
  /** The price table's date. */
  pricesAsOf: string;
}

/** The cost of `usage` on a model with this price, in dollars. */
export function usageCost(
  usage: Pick<TokenUsage, 'inputTokens' | 'outputTokens'>,
  modelId: string,
  table: PriceTable,
): number | undefined {
  const price = priceFor(modelId, table);
  if (price === undefined) return undefined;
  return (
    (usage.inputTokens * price.inputPerMillion + usage.outputTokens * price.outputPerMillion) / 1_000_000
  );
}

/**
 * Turns a run's usage per step (and the model each step used) into dollars.
 *
 * @example
 * ```ts
 * const cost = runCost(result.usage, result.data.metadata.modelsUsed, DEFAULT_PRICE_TABLE);
 * console.log(`$${cost.total.toFixed(4)}`);
 * ```
 */
export function runCost(
  usage: Readonly<Record<string, TokenUsage>>,
  modelsUsed: Readonly<Record<string, string>>,
  table: PriceTable,
): RunCost {
  const perStep: Record<string, number> = {};
  const unpriced = new Set<string>();
  for (const [step, tokens] of Object.entries(usage)) {
    const modelId = modelsUsed[step];
    const cost = modelId === undefined ? undefined : usageCost(tokens, modelId, table);
    if (cost === undefined) unpriced.add(modelId ?? `(unknown model of ${step})`);
    else perStep[step] = cost;
  }
  const total = Object.values(perStep).reduce((sum, cost) => sum + cost, 0);
  return { currency: 'USD', total, perStep, unpricedModels: [...unpriced], pricesAsOf: table.asOf };
}
