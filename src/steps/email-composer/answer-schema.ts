import { z } from 'zod';

/** What the composer asks of the model. */
export const composerAnswerSchema = z.object({
  email: z.string().describe('the finished email, ready to send, with every placeholder filled'),
  isConfident: z
    .boolean()
    .describe('false when facts were missing or uncertain and the email had to stay vague'),
});

export type ComposerAnswer = z.infer<typeof composerAnswerSchema>;
