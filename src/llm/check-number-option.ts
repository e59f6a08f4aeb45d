/** Rejects an out-of-range numeric option at construction, naming the step and the option. */
export function checkNumberOption(
  stepName: string,
  option: string,
  value: number,
  { min, max, integer = false }: { min: number; max: number; integer?: boolean },
): number {
  if (!Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
    throw new RangeError(
      `${stepName}: \`${option}\` must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}, got ${value}`,
    );
  }
  return value;
}
