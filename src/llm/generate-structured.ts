import {
  generateText,
  JSONParseError,
  type LanguageModel,
  NoObjectGeneratedError,
  Output,
  TypeValidationError,
} from 'ai';
import { z } from 'zod';
import type { TokenUsage } from '../core/token-usage.js';
import type { LlmStepSettings } from './llm-step-settings.js';
import { toTokenUsage } from './token-usage.js';

export interface GenerateStructuredOptions<SCHEMA extends z.ZodType> {
  model: LanguageModel;
  settings: Pick<LlmStepSettings, 'temperature' | 'maxRetries' | 'functionId'>;
  schema: SCHEMA;
  system: string;
  prompt: string;
  signal: AbortSignal;
}

/** One structured answer, or the raw text when the answer broke the schema. */
export type StructuredAnswer<T> =
  | { ok: true; value: T; usage: TokenUsage }
  | { ok: false; rawText: string | undefined; error: NoObjectGeneratedError; usage: TokenUsage };

/**
 * Asks the model for an object matching `schema`. An answer outside the schema comes back as
 * `ok: false` (with its usage, which was still paid for) so the caller can retry with feedback;
 * any other failure throws.
 */
export async function generateStructured<SCHEMA extends z.ZodType>(
  options: GenerateStructuredOptions<SCHEMA>,
): Promise<StructuredAnswer<z.infer<SCHEMA>>> {
  try {
    const result = await generateText({
      model: options.model,
      output: Output.object({ schema: options.schema }),
      system: options.system,
      prompt: options.prompt,
      temperature: options.settings.temperature,
      abortSignal: options.signal,
      maxRetries: options.settings.maxRetries,
      telemetry: { functionId: options.settings.functionId },
    });
    return {
      ok: true,
      value: result.output as z.infer<SCHEMA>,
      usage: toTokenUsage(result.totalUsage),
    };
  } catch (error) {
    if (NoObjectGeneratedError.isInstance(error)) {
      return { ok: false, rawText: error.text, error, usage: toTokenUsage(error.usage) };
    }
    throw error;
  }
}

/** What was wrong with an answer outside the schema, one line per problem, without echoing the answer. */
export function describeSchemaFailure(error: NoObjectGeneratedError): string[] {
  const cause = error.cause;
  if (JSONParseError.isInstance(cause)) return ['the answer was not valid JSON'];
  if (TypeValidationError.isInstance(cause) && cause.cause instanceof z.ZodError)
    return formatZodIssues(cause.cause.issues);
  return ['the answer did not match the required format'];
}

/** Zod issues as `path: message` lines. */
export function formatZodIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map(
    (issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'answer'}: ${issue.message}`,
  );
}
