import type { Paper, PaperLookup } from './paper.js';
import type { EmailStatus } from './persistence/persistence-adapter.js';
import type { PipelineInput } from './pipeline-input.js';
import type { StepIssue } from './step-issue.js';
import type {
  CompositionMetadata,
  EnrichmentMetadata,
  ScrapedPage,
  ScrapingMetadata,
  TemplateAnalysis,
} from './step-outputs.js';
import type { TemplateType } from './template-type.js';
import type { TokenUsage } from './token-usage.js';

export type { StepIssue } from './step-issue.js';

/** Facts gathered for the final write. Steps may add their own JSON-safe keys. */
export interface PipelineMetadata {
  /** Model id per step, e.g. `{ email_composer: 'gpt-4o' }`. */
  modelsUsed: Record<string, string>;
  /** Token usage per step. */
  usage: Record<string, TokenUsage>;
  [key: string]: unknown;
}

/**
 * Extra outputs a host's own steps carry, declared once as a type: `PipelineData<{ wordCount: number }>`
 * makes `data.outputs.wordCount` typed in every step of that pipeline. Built-in steps accept any.
 */
export type StepOutputs = object;

/**
 * The one in-memory state object passed through every step of a run. Steps read the inputs and
 * earlier outputs, and write their own outputs; nothing is written anywhere else until the
 * pipeline's single final save.
 *
 * It performs no validation: validation happens once, at the boundary (`parsePipelineInput`, or
 * `runPipeline`, which validates and trims the inputs of data it is given too).
 *
 * `Outputs` types the host's own step outputs, kept in `outputs` (see `defineStep`).
 *
 * @example
 * ```ts
 * // In a unit test of your own step:
 * const data = new PipelineData<{ wordCount: number }>(parsePipelineInput({
 *   taskId: 't1', userId: 'u1', emailTemplate: 'Dear {{name}}, ...',
 *   recipientName: 'Ada Lovelace', recipientInterest: 'analytical engines',
 * }));
 * data.finalEmail = 'Dear Dr. Lovelace, ...';
 * await myStep.execute(data);
 * expect(data.outputs.wordCount).toBe(3);
 * ```
 */
export class PipelineData<Outputs extends StepOutputs = Record<never, never>> {
  // Inputs.
  readonly taskId: string;
  readonly userId: string;
  readonly emailTemplate: string;
  readonly recipientName: string;
  readonly recipientInterest: string;
  /** The recipient's institution, when the input gives it. */
  readonly recipientAffiliation: string | undefined;
  /** The recipient's bare ORCID iD, when the input gives it. */
  readonly recipientOrcid: string | undefined;

  // Template parser outputs.
  searchTerms: string[] = [];
  templateType: TemplateType | undefined = undefined;
  templateAnalysis: TemplateAnalysis | undefined = undefined;

  // Web scraper outputs.
  scrapedContent = '';
  scrapedUrls: string[] = [];
  /** Each read page's text (bounded), numbered like the summary's `[PAGE N]` markers. */
  scrapedPages: ScrapedPage[] = [];
  scrapingMetadata: ScrapingMetadata | undefined = undefined;

  // arXiv helper outputs.
  /** The recipient's papers from every source, best first (the name is from when arXiv was the only one). */
  arxivPapers: Paper[] = [];
  /** Every same-name candidate each paper source found, with papers: what `paper_selection` decides among. */
  paperCandidates: PaperLookup[] = [];
  enrichmentMetadata: EnrichmentMetadata | undefined = undefined;

  // Email composer outputs.
  finalEmail = '';
  /** `needs_review` when the composer kept a draft that broke a hard rule (see `onInvalidDraft`). */
  emailStatus: EmailStatus = 'finished';
  isConfident = false;
  compositionMetadata: CompositionMetadata | undefined = undefined;

  /** Outputs of the host's own steps, typed by `Outputs`. Empty until a step writes them. */
  outputs: Partial<Outputs> = {};

  /** Saved with the email. */
  metadata: PipelineMetadata = { modelsUsed: {}, usage: {} };

  // Transient: about this run, not the email.
  readonly startedAt: Date;
  readonly stepTimings: Record<string, number> = {};
  readonly errors: StepIssue[] = [];
  readonly #now: () => number;

  /**
   * @param input validated input (see `parsePipelineInput`).
   * @param options a clock (`now`), for tests; defaults to `Date.now`.
   */
  constructor(input: PipelineInput, { now = Date.now }: { now?: () => number } = {}) {
    this.taskId = input.taskId;
    this.userId = input.userId;
    this.emailTemplate = input.emailTemplate;
    this.recipientName = input.recipientName;
    this.recipientInterest = input.recipientInterest;
    this.recipientAffiliation = input.recipientAffiliation;
    this.recipientOrcid = input.recipientOrcid;
    this.#now = now;
    this.startedAt = new Date(this.#now());
  }

  /** The inputs alone. */
  get input(): PipelineInput {
    return {
      taskId: this.taskId,
      userId: this.userId,
      emailTemplate: this.emailTemplate,
      recipientName: this.recipientName,
      recipientInterest: this.recipientInterest,
      ...(this.recipientAffiliation === undefined ? {} : { recipientAffiliation: this.recipientAffiliation }),
      ...(this.recipientOrcid === undefined ? {} : { recipientOrcid: this.recipientOrcid }),
    };
  }

  /** Records how long a step took, in milliseconds (rounded to a tenth). */
  addTiming(stepName: string, durationMs: number): void {
    this.stepTimings[stepName] = roundDuration(durationMs);
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

/** Durations are reported to a tenth of a millisecond: finer is noise, coarser hides fast steps. */
export function roundDuration(durationMs: number): number {
  return Math.round(durationMs * 10) / 10;
}

/**
 * Replaces the inputs of host-built data with their validated, trimmed form, so the `data` path of
 * `runPipeline` normalises exactly like the `input` path. Internal.
 */
export function applyValidatedInput(data: PipelineData<StepOutputs>, input: PipelineInput): void {
  Object.assign(data as object, input);
}
