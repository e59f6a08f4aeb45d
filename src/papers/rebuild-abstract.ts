/**
 * OpenAlex ships abstracts as an inverted index (word -> positions) for legal reasons; this puts
 * the words back in order. Positions nobody claims are skipped. `''` when there is no index.
 *
 * @example
 * ```ts
 * rebuildAbstract({ Hello: [0], world: [1] }); // 'Hello world'
 * ```
 */
export function rebuildAbstract(
  index: Readonly<Record<string, readonly number[]>> | null | undefined,
): string {
  if (!index) return '';
  const slots: string[] = [];
  for (const [word, positions] of Object.entries(index)) {
    for (const position of positions) {
      // Guard against absurd positions from a hostile or broken answer (sparse array blow-up).
      if (Number.isInteger(position) && position >= 0 && position < 100_000) slots[position] = word;
    }
  }
  return slots.filter((word) => word !== undefined).join(' ');
}
