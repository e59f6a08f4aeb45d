import type { StoredEmail } from '../core/persistence/persistence-adapter.js';

/**
 * A saved email as the SQL adapters read it back: the `scribe_emails` columns, with metadata as
 * JSON text. `is_confident` is whatever the database hands back for its boolean (SQLite: 0 or 1;
 * the PostgreSQL adapter selects it as text).
 */
export interface EmailRow<Confident> {
  id: string;
  task_id: string;
  user_id: string;
  recipient_name: string;
  recipient_interest: string;
  template_type: string | null;
  email: string;
  status: string;
  is_confident: Confident;
  metadata: string;
  created_at: string;
}

/** One row as the `StoredEmail` every adapter returns; `isTrue` reads the database's boolean. */
export function toStoredEmail<Confident>(
  row: EmailRow<Confident>,
  isTrue: (value: Confident) => boolean,
): StoredEmail {
  return {
    id: row.id,
    taskId: row.task_id,
    userId: row.user_id,
    recipientName: row.recipient_name,
    recipientInterest: row.recipient_interest,
    templateType: row.template_type as StoredEmail['templateType'],
    email: row.email,
    status: row.status === 'needs_review' ? 'needs_review' : 'finished',
    isConfident: isTrue(row.is_confident),
    metadata: withRecordDefaults(JSON.parse(row.metadata) as Partial<StoredEmail['metadata']>),
    createdAt: row.created_at,
  };
}

/** Metadata saved before a field existed reads back with that field's empty value. */
function withRecordDefaults(metadata: Partial<StoredEmail['metadata']>): StoredEmail['metadata'] {
  return {
    searchTerms: [],
    scrapedUrls: [],
    papers: [],
    stepTimings: {},
    modelsUsed: {},
    usage: {},
    warnings: [],
    claims: [],
    problems: [],
    ...metadata,
  };
}
