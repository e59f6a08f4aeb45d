import { type Span, SpanStatusCode, type Tracer, trace } from '@opentelemetry/api';
import { LIBRARY_NAME, VERSION } from '../../version.js';
import { ScribeError } from '../errors/scribe-error.js';
import { ATTRIBUTES, EVENT_NAMES } from './attributes.js';

/** The library's tracer from the host's global provider; a no-op until the host registers one. */
export function getLibraryTracer(): Tracer {
  return trace.getTracer(LIBRARY_NAME, VERSION);
}

/** Adds each warning to the span as an event. */
export function recordWarnings(span: Span, warnings: readonly string[]): void {
  for (const message of warnings)
    span.addEvent(EVENT_NAMES.warning, { [ATTRIBUTES.warningMessage]: message });
}

/** Records an exception on the span and marks it failed, with `message` as the status text. */
export function recordFailure(span: Span, error: unknown, message: string = describeError(error)): void {
  span.recordException(asException(error));
  span.setStatus({ code: SpanStatusCode.ERROR, message });
}

/** OpenTelemetry records Errors and strings; anything else is stringified. */
export function asException(error: unknown): Error | string {
  return error instanceof Error ? error : String(error);
}

function describeError(error: unknown): string {
  if (ScribeError.isInstance(error)) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}
