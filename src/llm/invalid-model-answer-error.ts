/**
 * The model kept answering outside the rules. Kept as the `cause` of a `ModelCallError`, so the
 * raw answer is there for debugging without ever appearing in a message or a log line.
 */
export class InvalidModelAnswerError extends Error {
  /** The model's last answer as it came, when there was one. */
  readonly rawAnswer: string | undefined;
  readonly problems: readonly string[];

  constructor({ rawAnswer, problems }: { rawAnswer: string | undefined; problems: readonly string[] }) {
    super(`the model's answer broke the rules: ${problems.join('; ')}`);
    this.name = 'InvalidModelAnswerError';
    this.rawAnswer = rawAnswer;
    this.problems = problems;
  }
}
