import { savedPaper } from '../../core/persistence/email-record.js';
import type {
  EmailClaim,
  EmailStatus,
  PipelineRunResult,
  RunCost,
  SavedPaper,
  StepIssue,
  StoredEmail,
  TemplateType,
  TokenUsage,
} from '../../index.js';

/** What `generate --json` prints: the email and what it rests on, from a run or from the database. */
export interface EmailSummary {
  taskId: string;
  /** The saved email's id; null with `--no-save`. */
  emailId: string | null;
  /** The SQLite file it was saved in; null with `--no-save`. */
  savedTo: string | null;
  /** False when the email was already saved under this task id and nothing ran. */
  ran: boolean;
  recipientName: string;
  recipientInterest: string;
  templateType: TemplateType | null;
  email: string;
  /** `needs_review`: the draft failed its checks and must not be sent as it is (see `problems`). */
  status: EmailStatus;
  isConfident: boolean;
  /** The facts the email states about the recipient, each with its sources and supporting snippets. */
  claims: EmailClaim[];
  /** The checks a `needs_review` draft fails; empty for a finished email. */
  problems: string[];
  /** The pages the web research read (after redirects). */
  sources: string[];
  papers: SavedPaper[];
  /** Milliseconds per step. */
  timings: Record<string, number>;
  /** Tokens per step. */
  usage: Record<string, TokenUsage>;
  /** Model id per step. */
  models: Record<string, string>;
  /** What the model calls cost, by the default price table; null for an email saved before costs were kept. */
  cost: RunCost | null;
  warnings: StepIssue[];
}

/** The summary of a run that just finished. */
export function summarizeRun(result: PipelineRunResult, savedTo: string | undefined): EmailSummary {
  const { data } = result;
  return {
    taskId: data.taskId,
    emailId: result.emailId ?? null,
    savedTo: result.emailId === undefined ? null : (savedTo ?? null),
    ran: true,
    recipientName: data.recipientName,
    recipientInterest: data.recipientInterest,
    templateType: data.templateType ?? null,
    email: data.finalEmail,
    status: result.status,
    isConfident: data.isConfident,
    claims: structuredClone(data.compositionMetadata?.claims ?? []),
    problems: [...(data.compositionMetadata?.problems ?? [])],
    sources: [...data.scrapedUrls],
    papers: data.arxivPapers.map(savedPaper),
    timings: { ...result.timings },
    usage: { ...result.usage },
    models: { ...data.metadata.modelsUsed },
    cost: result.cost,
    warnings: [...result.warnings],
  };
}

/** The summary of an email saved by an earlier run. */
export function summarizeStored(stored: StoredEmail, savedTo: string): EmailSummary {
  const { metadata } = stored;
  return {
    taskId: stored.taskId,
    emailId: stored.id,
    savedTo,
    ran: false,
    recipientName: stored.recipientName,
    recipientInterest: stored.recipientInterest,
    templateType: stored.templateType,
    email: stored.email,
    status: stored.status,
    isConfident: stored.isConfident,
    claims: structuredClone(metadata.claims),
    problems: [...metadata.problems],
    sources: [...metadata.scrapedUrls],
    papers: [...metadata.papers],
    timings: { ...metadata.stepTimings },
    usage: { ...metadata.usage },
    models: { ...metadata.modelsUsed },
    cost: metadata.cost ?? null,
    warnings: [...metadata.warnings],
  };
}
