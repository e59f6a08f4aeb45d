/** A problem recorded against a step, kept for the saved record and for debugging. */
export interface StepIssue {
  step: string;
  message: string;
}
