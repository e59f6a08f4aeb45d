import {
  ConfigurationError,
  findErrorInChain,
  InputValidationError,
  InvalidDraftError,
  ModelConfigurationError,
  PipelineAbortedError,
  ScribeError,
} from '../../index.js';
import { UsageError } from '../usage-error.js';
import { oneLine } from './format.js';
import { redact } from './redact.js';

/**
 * The exit codes: 0 done, 1 a failed run, 2 bad usage or input, 3 an email that failed its checks
 * (nothing finished was saved; with `--save-for-review`, a draft marked "needs review" was),
 * 130 interrupted (SIGINT).
 */
export const EXIT_CODES = { ok: 0, failed: 1, usage: 2, needsReview: 3, interrupted: 130 } as const;

/** The library option behind each run flag, so a `ConfigurationError` names what the user typed. */
const FLAG_FOR_OPTION: Readonly<Record<string, string>> = {
  pageTimeoutMs: '--page-timeout',
  deadlineMs: '--deadline',
  strategy: '--strategy',
  allow: '--allow',
  apiKey: '--search-key',
  minRequestIntervalMs: '--arxiv-interval',
  timeoutMs: '--model-timeout',
};

/** The flag or column each pipeline input comes from. */
export type InputFieldNames = Readonly<Record<string, string>>;

/** The exit code an error ends the process with. */
export function exitCodeFor(error: unknown): number {
  if (
    error instanceof UsageError ||
    InputValidationError.isInstance(error) ||
    ConfigurationError.isInstance(error) ||
    ModelConfigurationError.isInstance(error)
  ) {
    return EXIT_CODES.usage;
  }
  if (PipelineAbortedError.isInstance(error)) return EXIT_CODES.interrupted;
  return findErrorInChain(error, InvalidDraftError) === undefined
    ? EXIT_CODES.failed
    : EXIT_CODES.needsReview;
}

/** The flag a library `ConfigurationError` is about, when the CLI has one for it. */
export function flagForConfiguration(error: ConfigurationError): string | undefined {
  if (error.option === 'baseUrl') return error.component === 'ArxivClient' ? '--arxiv-url' : '--search-url';
  if (/^urls\[\d+\]$/.test(error.option)) return '--url';
  return FLAG_FOR_OPTION[error.option];
}

/** One line saying what went wrong, naming the flag, column or variable to fix. */
export function headline(error: unknown, inputFields: InputFieldNames = {}): string {
  if (InputValidationError.isInstance(error)) {
    const issues = error.issues.map((issue) => {
      const field = inputFields[issue.path];
      return `${field === undefined ? issue.path : `${field} (${issue.path})`}: ${issue.message}`;
    });
    return `invalid input: ${issues.join('; ')}`;
  }
  if (ConfigurationError.isInstance(error)) {
    const flag = flagForConfiguration(error);
    return flag === undefined ? error.message : `${flag}: ${error.message}`;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}

/**
 * What to print for a failure: `scribe: <one line>`; with `verbose`, one more line per cause in
 * the chain. Every line is scrubbed of `secrets` and of anything shaped like a credential.
 */
export function describeFailure(
  error: unknown,
  {
    verbose,
    secrets,
    inputFields,
  }: { verbose: boolean; secrets: readonly string[]; inputFields?: InputFieldNames },
): string[] {
  const lines = [`scribe: ${oneLine(headline(error, inputFields))}`];
  if (verbose) {
    const seen = new Set<unknown>([error]);
    for (let cause = causeOf(error); cause !== undefined && !seen.has(cause); cause = causeOf(cause)) {
      seen.add(cause);
      lines.push(`  caused by ${describeCause(cause)}`);
    }
  }
  return lines.map((line) => redact(line, secrets));
}

function causeOf(error: unknown): unknown {
  return error !== null && typeof error === 'object' ? (error as { cause?: unknown }).cause : undefined;
}

function describeCause(cause: unknown): string {
  if (!(cause instanceof Error)) return oneLine(String(cause));
  const code = ScribeError.isInstance(cause) ? ` [${cause.code}]` : '';
  const status = (cause as { statusCode?: unknown }).statusCode;
  const http = typeof status === 'number' ? ` (HTTP ${status})` : '';
  return `${cause.name}${code}${http}: ${oneLine(cause.message)}`;
}
