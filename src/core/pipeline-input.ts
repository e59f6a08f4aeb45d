import { z } from 'zod';
import { familyNameWords } from '../text/person-name.js';
import { InputValidationError } from './errors/input-validation-error.js';
import { normalizeOrcid } from './orcid.js';

// Limits mirror Scribe's public API so a request that passes there passes here.
const nonEmptyId = z.string().trim().min(1, 'must not be empty').max(255, 'must be at most 255 characters');

/**
 * The zod schema of a run's input. Unknown keys are rejected so that typos surface. Use it to
 * build your own request schema; `parsePipelineInput` turns its errors into `InputValidationError`.
 *
 * @example
 * ```ts
 * const requestSchema = pipelineInputSchema.omit({ taskId: true, userId: true });
 * ```
 */
export const pipelineInputSchema = z.strictObject({
  taskId: nonEmptyId,
  userId: nonEmptyId,
  emailTemplate: z
    .string()
    .trim()
    .min(20, 'must be at least 20 characters')
    .max(5000, 'must be at most 5,000 characters'),
  recipientName: z
    .string()
    .trim()
    .min(2, 'must be at least 2 characters')
    .max(255, 'must be at most 255 characters')
    // Search terms must name the recipient: a "name" of symbols, digits or titles alone could
    // never be searched for, and would cost every model call of the run to find that out.
    .refine(
      // (A name too short is reported once, by the length rule.)
      (name) => name.length < 2 || familyNameWords(name).some((word) => /\p{L}/u.test(word)),
      'must contain a name in letters, not only symbols, digits or titles such as "Dr."',
    ),
  recipientInterest: z
    .string()
    .trim()
    .min(2, 'must be at least 2 characters')
    .max(500, 'must be at most 500 characters'),
  /** The recipient's institution, if known: helps tell them apart from namesakes. */
  recipientAffiliation: z
    .string()
    .trim()
    .min(2, 'must be at least 2 characters')
    .max(255, 'must be at most 255 characters')
    .optional(),
  /** The recipient's ORCID iD, bare or as an orcid.org URL; stored bare. The strongest identity signal. */
  recipientOrcid: z
    .string()
    .trim()
    .transform((text, context) => {
      const orcid = normalizeOrcid(text);
      if (orcid === undefined) {
        context.addIssue({
          code: 'custom',
          message: 'must be an ORCID iD such as 0000-0002-1825-0097 (checksum verified)',
        });
        return z.NEVER;
      }
      return orcid;
    })
    .optional(),
});

/** What a host supplies to start a run. */
export type PipelineInput = z.infer<typeof pipelineInputSchema>;

/**
 * Validates untrusted input at the boundary. Strings are trimmed.
 *
 * @throws InputValidationError listing every bad field by path.
 * @example
 * ```ts
 * const input = parsePipelineInput(request.body);
 * ```
 */
export function parsePipelineInput(input: unknown): PipelineInput {
  const result = pipelineInputSchema.safeParse(input);
  if (result.success) return result.data;
  throw new InputValidationError({
    issues: result.error.issues.flatMap((issue) => {
      // An unrecognized-keys issue names its keys rather than carrying a path.
      if (issue.code === 'unrecognized_keys') {
        return issue.keys.map((key) => ({ path: key, message: 'is not a known input field' }));
      }
      return [{ path: issue.path.length > 0 ? issue.path.join('.') : '(input)', message: issue.message }];
    }),
  });
}

/** The input's shape as a host writes it (before trimming): what `runPipeline({ input })` takes. */
export type PipelineInputShape = z.input<typeof pipelineInputSchema>;
