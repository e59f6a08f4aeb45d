import { z } from 'zod';
import { TEMPLATE_TYPES } from '../../core/template-type.js';
import { normalizeText } from '../../text/normalize.js';
import { familyNameWords } from '../../text/person-name.js';

/**
 * The shape asked of the model. Deliberately loose (no lengths or counts): some providers'
 * strict JSON modes reject those keywords. `parserAnswerRules` checks the rest.
 */
export const parserAnswerSchema = z.object({
  templateType: z.enum(TEMPLATE_TYPES).describe('research, book or general'),
  searchTerms: z.array(z.string()).describe('1 or 2 web search queries, each naming the recipient'),
  placeholders: z.array(z.string()).describe('every placeholder in the template, exactly as written'),
});

export type ParserAnswer = z.infer<typeof parserAnswerSchema>;

/** The rules the answer must keep, for one recipient. */
export function parserAnswerRules(recipientName: string) {
  const familyWords = familyNameWords(recipientName);
  return parserAnswerSchema.extend({
    searchTerms: z
      .array(
        z
          .string()
          .trim()
          .min(3, 'must be at least 3 characters')
          .max(200, 'must be at most 200 characters')
          .refine(
            // A name without a family name (possible only past the input check) asks for nothing.
            (term) =>
              familyWords.length === 0 ||
              familyWords.some((word) => normalizeText(term).split(' ').includes(word)),
            `must name the recipient (${recipientName})`,
          ),
      )
      .min(1, 'needs at least one search term')
      .max(2, 'allows at most two search terms'),
    placeholders: z.array(z.string().trim().min(1)),
  });
}
