/** What a model costs, in US dollars per million tokens. */
export interface ModelPrice {
  inputPerMillion: number;
  outputPerMillion: number;
}

/**
 * Prices per model id, with the date they were read. Edit it for your provider, region or
 * contract: `{ ...DEFAULT_PRICE_TABLE, models: { ...DEFAULT_PRICE_TABLE.models, 'my-model': {...} } }`.
 */
export interface PriceTable {
  /** The day these prices were read (ISO 8601); shown with every cost. */
  asOf: string;
  models: Record<string, ModelPrice>;
}

/**
 * OpenAI's list prices for common models (standard tier, USD per million tokens) as published on
 * 2025-08-07. Prices change: check them, and pass your own table for other providers.
 *
 * @example
 * ```ts
 * const prices = { asOf: '2026-12-01', models: { ...DEFAULT_PRICE_TABLE.models, 'llama3.1:8b': { inputPerMillion: 0, outputPerMillion: 0 } } };
 * await runPipeline({ input, steps, prices });
 * ```
 */
export const DEFAULT_PRICE_TABLE: PriceTable = {
  asOf: '2025-08-07',
  models: {
    'gpt-5': { inputPerMillion: 1.25, outputPerMillion: 10 },
    'gpt-5-mini': { inputPerMillion: 0.25, outputPerMillion: 2 },
    'gpt-5-nano': { inputPerMillion: 0.05, outputPerMillion: 0.4 },
    'gpt-4.1': { inputPerMillion: 2, outputPerMillion: 8 },
    'gpt-4.1-mini': { inputPerMillion: 0.4, outputPerMillion: 1.6 },
    'gpt-4.1-nano': { inputPerMillion: 0.1, outputPerMillion: 0.4 },
    'gpt-4o': { inputPerMillion: 2.5, outputPerMillion: 10 },
    'gpt-4o-mini': { inputPerMillion: 0.15, outputPerMillion: 0.6 },
    o3: { inputPerMillion: 2, outputPerMillion: 8 },
    'o4-mini': { inputPerMillion: 1.1, outputPerMillion: 4.4 },
  },
};

/**
 * The price of `modelId` in `table`: its own entry, else the entry of the same id without a
 * provider prefix (`openai:gpt-4o`) or a dated snapshot suffix (`gpt-4o-2024-08-06`). Undefined
 * for a model the table does not know.
 */
export function priceFor(modelId: string, table: PriceTable): ModelPrice | undefined {
  const bare = modelId.replace(/^[\w.-]+:(?=.)/, '');
  return table.models[modelId] ?? table.models[bare] ?? table.models[bare.replace(/-\d{4}-\d{2}-\d{2}$/, '')];
}
