import { DatabaseSync } from 'node:sqlite';

/** A row of the `scribe_emails` table, as the tests read it. */
export interface EmailRow {
  id: string;
  task_id: string;
  user_id: string;
  recipient_name: string;
  email: string;
  status: string;
  metadata: string;
}

/** Every saved email in a SQLite file, read with node:sqlite directly (not through the adapter). */
export function readEmailRows(path: string): EmailRow[] {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    return db.prepare('SELECT * FROM scribe_emails ORDER BY created_at').all() as unknown as EmailRow[];
  } finally {
    db.close();
  }
}
