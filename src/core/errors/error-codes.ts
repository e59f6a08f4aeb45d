/**
 * Every `code` an error of this library can carry. A string-literal union, so a host's `switch`
 * over `error.code` is checked for exhaustiveness. Codes are stable across releases.
 *
 * @example
 * ```ts
 * if (ScribeError.isInstance(error)) metrics.increment(`scribe.errors.${error.code}`);
 * ERROR_CODES.includes('INPUT_VALIDATION'); // true
 * ```
 */
export const ERROR_CODES = [
  'INPUT_VALIDATION',
  'STEP_VALIDATION',
  'STEP_EXECUTION',
  'PIPELINE_EXECUTION',
  'PIPELINE_ABORTED',
  'PERSISTENCE',
  'CONFIGURATION',
  'MODEL_CONFIGURATION',
  'MODEL_CALL',
  'INVALID_MODEL_ANSWER',
  'INVALID_DRAFT',
  'BUDGET_EXCEEDED',
  'ARXIV_REQUEST',
  'PAPER_SOURCE',
  'SEARCH_PROVIDER',
  'BROWSER_LAUNCH',
  'URL_BLOCKED',
  'PAGE_FETCH',
] as const;

/** A stable error code; see `ERROR_CODES`. */
export type ScribeErrorCode = (typeof ERROR_CODES)[number];
