import { APICallError, NoObjectGeneratedError, RetryError } from 'ai';
import { ModelCallError } from '../core/errors/model-call-error.js';
import { isTransientError } from '../core/errors/transient.js';

// What isTransientError cannot see: some model clients name a timeout or a dropped connection
// only in the message ("Request timed out.", "read ECONNRESET"), with no code or status.
const TRANSIENT_MESSAGE = /timed? ?out|ECONNRESET|ECONNREFUSED/i;

// Rate limits, server errors and timeouts pass; anything else will fail the same way again.
function isTransientStatus(status: number | undefined): boolean {
  return status === 408 || status === 409 || status === 429 || (status !== undefined && status >= 500);
}

/** Turns whatever a model call threw into a `ModelCallError` that says whether a retry can help. */
export function toModelCallError(
  error: unknown,
  { stepName, modelId }: { stepName: string; modelId: string },
) {
  const last = RetryError.isInstance(error) ? error.lastError : error;
  if (APICallError.isInstance(last)) {
    return new ModelCallError({
      stepName,
      modelId,
      message:
        last.statusCode === undefined
          ? `could not reach the provider: ${last.message}`
          : `the provider answered ${last.statusCode}: ${last.message}`,
      retryable: last.isRetryable || isTransientStatus(last.statusCode),
      statusCode: last.statusCode,
      cause: error,
    });
  }
  if (NoObjectGeneratedError.isInstance(last)) {
    return new ModelCallError({
      stepName,
      modelId,
      message: 'the model did not answer in the required format',
      retryable: false,
      cause: last,
    });
  }
  return new ModelCallError({
    stepName,
    modelId,
    message: last instanceof Error ? last.message : String(last),
    retryable: isTransientError(last) || TRANSIENT_MESSAGE.test(String(last)),
    cause: error,
  });
}
