import { ScribeError } from './scribe-error.js';

const marker = 'scribe-pipeline.error.budget-exceeded';
const symbol = Symbol.for(marker);

/** What an `BudgetExceededError` carries. */
export interface BudgetExceededErrorOptions {
  /** `tokens` or `usd`: the limit that would be, or was, passed. */
  limit: 'tokens' | 'usd';
  /** The run's budget for that limit. */
  budget: number;
  /** What the run had spent when it stopped. */
  spent: number;
  /** What the next model call was estimated to add; 0 when the run was already over. */
  estimate: number;
  stepName: string | undefined;
}

/**
 * A run stopped before a model call that would take it past its `budget` (tokens or dollars),
 * judged by the call's estimate, or right after a call whose actual cost passed it. Not
 * retryable: the same run would cost the same again.
 *
 * @example
 * ```ts
 * const over = findErrorInChain(error, BudgetExceededError);
 * if (over) log.warn(`stopped at ${over.spent} of ${over.budget} ${over.limit}`);
 * ```
 */
export class BudgetExceededError extends ScribeError {
  private readonly [symbol] = true;
  readonly limit: 'tokens' | 'usd';
  readonly budget: number;
  readonly spent: number;
  readonly estimate: number;
  readonly stepName: string | undefined;

  constructor({ limit, budget, spent, estimate, stepName }: BudgetExceededErrorOptions) {
    const unit = (value: number) =>
      limit === 'usd' ? `$${value.toFixed(4)}` : `${Math.round(value)} tokens`;
    super({
      code: 'BUDGET_EXCEEDED',
      message:
        estimate > 0
          ? `${stepName ?? 'the run'}: the next model call (about ${unit(estimate)}) would pass the budget of ${unit(budget)}: ${unit(spent)} spent`
          : `${stepName ?? 'the run'}: ${unit(spent)} spent, over the budget of ${unit(budget)}`,
      retryable: false,
      category: 'user',
    });
    this.name = 'BudgetExceededError';
    this.limit = limit;
    this.budget = budget;
    this.spent = spent;
    this.estimate = estimate;
    this.stepName = stepName;
  }

  static override isInstance(error: unknown): error is BudgetExceededError {
    return ScribeError.hasMarker(error, marker);
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      limit: this.limit,
      budget: this.budget,
      spent: this.spent,
      estimate: this.estimate,
      stepName: this.stepName,
    };
  }
}
