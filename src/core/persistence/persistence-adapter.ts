import type { EmailClaim } from '../claims.js';
import type { RunCost } from '../cost/run-cost.js';
import type { StepIssue } from '../step-issue.js';
import type { TemplateType } from '../template-type.js';
import type { TokenUsage } from '../token-usage.js';

/** A paper as saved with the email: enough to cite it, not the whole abstract. */
export interface SavedPaper {
  /** The id the email's claims cite it by (arXiv id, `doi:…`, or `<source>:<id>`); absent on records saved before 0.3. */
  id?: string;
  title: string;
  url: string;
  year: number;
  /** Journal, conference or repository, when a source knew it. */
  venue?: string;
  /** Lower-case DOI, when known. */
  doi?: string;
  /** Which paper sources returned it; absent on records saved before 0.3 (arXiv only). */
  sources?: string[];
}

/** JSON metadata saved beside the email. */
export interface EmailRecordMetadata {
  searchTerms: string[];
  scrapedUrls: string[];
  papers: SavedPaper[];
  stepTimings: Record<string, number>;
  /** Model id per step. */
  modelsUsed: Record<string, string>;
  /** Token usage per step. */
  usage: Record<string, TokenUsage>;
  warnings: StepIssue[];
  /** The facts the email states about the recipient, each with its sources and supporting snippets. */
  claims: EmailClaim[];
  /** For a `needs_review` email: the hard rules its draft still breaks. Empty for a finished one. */
  problems: string[];
  /** What the run's model calls cost, by the run's price table. */
  cost?: RunCost;
  [key: string]: unknown;
}

/**
 * `finished`: the email passed every check. `needs_review`: its last draft still broke a hard
 * rule and the host asked to keep it for a person to review (`onInvalidDraft: 'save-for-review'`);
 * never send it as it is.
 */
export type EmailStatus = 'finished' | 'needs_review';

/** Every {@link EmailStatus}. */
export const EMAIL_STATUSES: readonly EmailStatus[] = ['finished', 'needs_review'];

/** The one thing a successful run writes. */
export interface EmailRecord {
  taskId: string;
  userId: string;
  recipientName: string;
  recipientInterest: string;
  templateType: TemplateType | null;
  email: string;
  /** Whether the email is finished or a draft kept for review. */
  status: EmailStatus;
  isConfident: boolean;
  metadata: EmailRecordMetadata;
}

/** A saved email, as read back. */
export interface StoredEmail extends EmailRecord {
  id: string;
  /** ISO 8601. */
  createdAt: string;
}

/**
 * What a save returns: the email's id, and whether this call wrote it (`created`: a new row, or
 * a draft under review replaced) or found a finished email already there.
 */
export interface SaveEmailResult {
  id: string;
  created: boolean;
}

/**
 * Where finished emails go. Deliberately tiny so any database can implement it; check your own
 * implementation with `runPersistenceConformance` from `scribe-pipeline/testing`.
 */
export interface PersistenceAdapter {
  /**
   * Saves the email atomically. Idempotent by `taskId`: saving a task whose saved email is
   * `finished` writes nothing and returns that email's id, even under concurrent calls. A saved
   * `needs_review` draft is replaced by the next save of its task (same id, `created: true`), so
   * a re-run can turn it into a finished email; a finished email is never replaced. Rejects
   * without writing when `signal` has fired.
   */
  saveEmail(record: EmailRecord, options?: { signal?: AbortSignal }): Promise<SaveEmailResult>;
  /** The saved email of a task, or undefined. */
  getEmailByTaskId(taskId: string, options?: { signal?: AbortSignal }): Promise<StoredEmail | undefined>;
  /** Releases what the adapter opened (connections, file handles). Safe to call twice. */
  close?(): Promise<void>;
}
