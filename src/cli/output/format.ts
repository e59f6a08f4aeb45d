/** A duration for people: `812 ms` under a second, else `12.3 s`. */
export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** `1 warning`, `2 warnings`. */
export function countOf(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** One line of text: newlines and runs of blanks folded, so a message never breaks a line-based log. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Dollars as people read a model bill: `$0.0123`, or `$0.0123 (gpt-x not priced)`. */
export function formatCost(cost: { total: number; unpricedModels: readonly string[] }): string {
  const unpriced = cost.unpricedModels.length === 0 ? '' : ` (not priced: ${cost.unpricedModels.join(', ')})`;
  return `$${cost.total.toFixed(4)}${unpriced}`;
}
