import type { z } from 'zod';

/** A success body checked against its schema, or why it is not usable. */
export type JsonAnswer<T> = { ok: true; value: T } | { ok: false; message: string; cause: unknown };

/**
 * Parses a success answer's body and checks its shape: not JSON, or JSON of another shape, is
 * a message naming what was wrong (the first schema issue's path). Shared by the search providers
 * and the paper sources, which both report it as a `malformed-response`.
 */
export function readJsonAnswer<T>(text: string, schema: z.ZodType<T>, status: number): JsonAnswer<T> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      message: `the answer is not JSON (HTTP ${status}, ${text.length} characters)`,
      cause: error,
    };
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return { ok: true, value: parsed.data };
  const [issue] = parsed.error.issues;
  const where = issue?.path.length ? issue.path.join('.') : 'the answer';
  return {
    ok: false,
    message: `the answer has an unexpected shape: ${where}: ${issue?.message ?? 'invalid'}`,
    cause: parsed.error,
  };
}
