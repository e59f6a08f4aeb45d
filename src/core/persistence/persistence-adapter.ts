import type { StepIssue } from '../pipeline-data.js';
import type { TemplateType } from '../template-type.js';
import type { TokenUsage } from '../token-usage.js';

/** A paper as saved with the email: enough to cite it, not the whole abstract. */
export interface SavedPaper {
  title: string;
  url: string;
  year: number;
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
  [key: string]: unknown;
}

/** The one thing a successful run writes. */
export interface EmailRecord {
  taskId: string;
  userId: string;
  recipientName: string;
  recipientInterest: string;
  templateType: TemplateType | null;
  email: string;
  isConfident: boolean;
  metadata: EmailRecordMetadata;
}

/** A saved email, as read back. */
export interface StoredEmail extends EmailRecord {
  id: string;
  /** ISO 8601. */
  createdAt: string;
}

/** What a save returns: the email's id, and whether this call wrote it or found it already there. */
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
   * Saves the email atomically. Idempotent by `taskId`: saving a task that is already saved
   * writes nothing and returns the first save's id, even under concurrent calls. Rejects without
   * writing when `signal` has fired.
   */
  saveEmail(record: EmailRecord, options?: { signal?: AbortSignal }): Promise<SaveEmailResult>;
  /** The saved email of a task, or undefined. */
  getEmailByTaskId(taskId: string, options?: { signal?: AbortSignal }): Promise<StoredEmail | undefined>;
  /** Releases what the adapter opened (connections, file handles). Safe to call twice. */
  close?(): Promise<void>;
}
