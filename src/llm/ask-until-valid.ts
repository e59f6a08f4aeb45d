import type { z } from 'zod';
import { ModelCallError } from '../core/errors/model-call-error.js';
import { describeSchemaFailure, formatZodIssues } from './generate-structured.js';
import { InvalidModelAnswerError } from './invalid-model-answer-error.js';
import type { AskModel } from './model-session.js';

/** One answer and what was wrong with it (nothing, when `problems` is empty). */
export interface AnswerRound<T> {
  /** 1-based. */
  attempt: number;
  /** The answer, when it had the schema's shape. */
  value: T | undefined;
  /** The answer as text, for feedback and debugging. */
  rawAnswer: string | undefined;
  problems: string[];
}

/** What `askUntilValid` asks, how it checks each answer, and how often it may ask. */
export interface AskUntilValidOptions<SCHEMA extends z.ZodType> {
  ask: AskModel;
  /** The shape asked of the model (keep it loose: strict provider modes reject length keywords). */
  schema: SCHEMA;
  /** Our own rules as a zod schema, applied to a well-shaped answer; its output (trimmed...) is kept. */
  rules?: z.ZodType<z.infer<SCHEMA>, z.infer<SCHEMA>>;
  /** Our own rules as a function: one message per problem; none means the answer is good. May ask a model itself. */
  check?: (value: z.infer<SCHEMA>) => readonly string[] | Promise<readonly string[]>;
  system: string;
  /** Builds the prompt; from the second attempt on, `previous` is the answer to improve on. */
  prompt: (previous: AnswerRound<z.infer<SCHEMA>> | undefined) => string;
  /** Answers to ask for at most, 1 or more. */
  maxAttempts: number;
  /** Overrides the step's temperature for these calls. */
  temperature?: number;
}

/** Every round, and the first good answer if there was one. */
export type AskUntilValidResult<T> =
  | { ok: true; value: T; attempts: number; rounds: AnswerRound<T>[] }
  | { ok: false; last: AnswerRound<T>; attempts: number; rounds: AnswerRound<T>[] };

/**
 * Asks, checks the answer against the schema and then our own rules, feeds the problems back and
 * asks again, up to `maxAttempts`. The one retry-with-feedback loop every LLM step uses. It does
 * not throw for answers that keep breaking the rules: the caller decides (fail, or keep the last
 * draft); `rulesBrokenError` makes the usual error.
 *
 * @example
 * ```ts
 * const result = await askUntilValid({
 *   ask, schema: z.object({ subject: z.string() }), system: 'You write subjects.',
 *   check: ({ subject }) => (subject.length > 80 ? ['subject: at most 80 characters'] : []),
 *   prompt: (previous) => previous ? `Fix: ${previous.problems.join('; ')}` : 'Write a subject.',
 *   maxAttempts: 3,
 * });
 * ```
 */
export async function askUntilValid<SCHEMA extends z.ZodType>(
  options: AskUntilValidOptions<SCHEMA>,
): Promise<AskUntilValidResult<z.infer<SCHEMA>>> {
  type Value = z.infer<SCHEMA>;
  const rounds: AnswerRound<Value>[] = [];
  for (let attempt = 1; attempt <= options.maxAttempts; attempt += 1) {
    const answer = await options.ask({
      schema: options.schema,
      system: options.system,
      prompt: options.prompt(rounds.at(-1)),
      temperature: options.temperature,
    });
    const round = answer.ok
      ? await checkAnswer(attempt, answer.value, options)
      : {
          attempt,
          value: undefined,
          rawAnswer: answer.rawText,
          problems: describeSchemaFailure(answer.error),
        };
    rounds.push(round);
    if (round.problems.length === 0 && round.value !== undefined) {
      return { ok: true, value: round.value, attempts: attempt, rounds };
    }
  }
  const last = rounds.at(-1);
  if (last === undefined) throw new RangeError('askUntilValid: `maxAttempts` must be at least 1');
  return { ok: false, last, attempts: rounds.length, rounds };
}

async function checkAnswer<SCHEMA extends z.ZodType>(
  attempt: number,
  value: z.infer<SCHEMA>,
  { rules, check }: AskUntilValidOptions<SCHEMA>,
): Promise<AnswerRound<z.infer<SCHEMA>>> {
  const rawAnswer = JSON.stringify(value);
  let checked = value;
  if (rules) {
    const parsed = rules.safeParse(value);
    if (!parsed.success) return { attempt, value, rawAnswer, problems: formatZodIssues(parsed.error.issues) };
    checked = parsed.data;
  }
  return { attempt, value: checked, rawAnswer, problems: [...((await check?.(checked)) ?? [])] };
}

/**
 * The error for answers that broke the rules every time: not retryable (the same prompt would
 * likely fail the same way), with the raw answer kept in `cause` and out of the message.
 *
 * @example
 * ```ts
 * const result = await askUntilValid({ ask, schema, system, prompt, maxAttempts: 3 });
 * if (!result.ok) throw rulesBrokenError({ stepName: this.name, modelId: settings.model.modelId, ...result });
 * ```
 */
export function rulesBrokenError({
  stepName,
  modelId,
  last,
  attempts,
}: {
  stepName: string;
  modelId: string;
  last: AnswerRound<unknown>;
  attempts: number;
}): ModelCallError {
  return new ModelCallError({
    stepName,
    modelId,
    message: `the answer broke the output rules ${attempts} time(s); last problems: ${last.problems.join('; ')}`,
    retryable: false,
    cause: new InvalidModelAnswerError({ rawAnswer: last.rawAnswer, problems: last.problems }),
  });
}
