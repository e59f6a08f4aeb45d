import { z } from 'zod';

/** What the composer asks of the model. */
export const composerAnswerSchema = z.object({
  email: z.string().describe('the finished email, ready to send, with every placeholder filled'),
  claims: z
    .array(
      z.object({
        claim: z
          .string()
          .describe('one fact the email states about the recipient or their work, as a short sentence'),
        sources: z
          .array(z.string())
          .describe(
            'where the fact comes from: "PAGE n" for a research note marked [PAGE n], "PAPER n" for a listed paper',
          ),
      }),
    )
    .describe('every fact about the recipient or their work that the email states, each with its sources'),
  isConfident: z
    .boolean()
    .describe('false when facts were missing or uncertain and the email had to stay vague'),
});

export type ComposerAnswer = z.infer<typeof composerAnswerSchema>;
