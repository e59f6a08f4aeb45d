import type { Paper } from './paper.js';
import type { PipelineInput } from './pipeline-input.js';
import type { TemplateType } from './template-type.js';
import type { TokenUsage } from './token-usage.js';

/** A problem recorded against a step, kept for the saved record and for debugging. */
export interface StepIssue {
  step: string;
  message: string;
}

/** Facts gathered for the final write. Steps may add their own JSON-safe keys. */
export interface PipelineMetadata {
  /** Model id per step, e.g. `{ email_composer: 'gpt-4o' }`. */
  modelsUsed: Record<string, string>;
  /** Token usage per step. */
  usage: Record<string, TokenUsage>;
  [key: string]: unknown;
}

/**
 * The one in-memory state object passed through every step of a run. Steps read the inputs and
 * earlier outputs, and write their own outputs; nothing is written anywhere else until the
 * pipeline's single final save.
 *
 * It performs no validation: validation happens once, at the boundary (`parsePipelineInput`).
 *
 * @example
 * ```ts
 * const data = new PipelineData(parsePipelineInput(body));
 * ```
 */
export class PipelineData {
  // Inputs.
  readonly taskId: string;
  readonly userId: string;
  readonly emailTemplate: string;
  readonly recipientName: string;
  readonly recipientInterest: string;

  // Template parser outputs.
  searchTerms: string[] = [];
  templateType: TemplateType | undefined = undefined;
  templateAnalysis: Record<string, unknown> = {};

  // Web scraper outputs.
  scrapedContent = '';
  scrapedUrls: string[] = [];
  scrapingMetadata: Record<string, unknown> = {};

  // arXiv helper outputs.
  arxivPapers: Paper[] = [];
  enrichmentMetadata: Record<string, unknown> = {};

  // Email composer outputs.
  finalEmail = '';
  isConfident = false;
  compositionMetadata: Record<string, unknown> = {};

  /** Saved with the email. */
  metadata: PipelineMetadata = { modelsUsed: {}, usage: {} };

  // Transient: about this run, not the email.
  readonly startedAt: Date;
  readonly stepTimings: Record<string, number> = {};
  readonly errors: StepIssue[] = [];
  readonly #now: () => number;

  /**
   * @param input validated input (see `parsePipelineInput`).
   * @param options._internal.now a clock for tests; defaults to `Date.now`.
   */
  constructor(input: PipelineInput, { _internal }: { _internal?: { now?: () => number } } = {}) {
    this.taskId = input.taskId;
    this.userId = input.userId;
    this.emailTemplate = input.emailTemplate;
    this.recipientName = input.recipientName;
    this.recipientInterest = input.recipientInterest;
    this.#now = _internal?.now ?? Date.now;
    this.startedAt = new Date(this.#now());
  }

  /** The inputs alone, as given. */
  get input(): PipelineInput {
    return {
      taskId: this.taskId,
      userId: this.userId,
      emailTemplate: this.emailTemplate,
      recipientName: this.recipientName,
      recipientInterest: this.recipientInterest,
    };
  }

  /** Records how long a step took, in milliseconds. */
  addTiming(stepName: string, durationMs: number): void {
    this.stepTimings[stepName] = durationMs;
  }

  /** Records a failure against a step. */
  addError(stepName: string, message: string): void {
    this.errors.push({ step: stepName, message });
  }

  /** Milliseconds since the run started. */
  totalDuration(): number {
    return this.#now() - this.startedAt.getTime();
  }
}
