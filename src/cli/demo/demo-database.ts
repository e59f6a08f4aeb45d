import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { UsageError } from '../usage-error.js';

/** The user id the demo saves its email under; a database holding only these is the demo's own. */
export const DEMO_USER_ID = 'scribe-demo';

/**
 * Empties the demo's database before a run, so each run leaves exactly one row. The file is only
 * removed when it is plainly the demo's: a SQLite file whose only table holds only demo emails.
 * Anything else (a real database passed to `--db` by mistake) is refused, exit 2.
 */
export async function resetDemoDatabase(path: string): Promise<void> {
  if (existsSync(path)) {
    const problem = await foreignContent(path);
    if (problem !== undefined) {
      throw new UsageError(
        `--db ${path}: the demo replaces its database on every run, and ${problem}; pass another --db`,
        {
          field: '--db',
        },
      );
    }
  }
  // WAL mode keeps two side files; a stale one would resurrect the old rows.
  await Promise.all([path, `${path}-wal`, `${path}-shm`].map((file) => rm(file, { force: true })));
}

async function foreignContent(path: string): Promise<string | undefined> {
  const { DatabaseSync } = await import('node:sqlite');
  try {
    const db = new DatabaseSync(path, { readOnly: true });
    try {
      const tables = (
        db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]
      ).map((row) => row.name);
      const others = tables.filter((table) => table !== 'scribe_emails');
      if (others.length > 0) return `it holds other tables (${others.join(', ')})`;
      if (tables.length === 0) return undefined;
      const { count } = db
        .prepare('SELECT count(*) AS count FROM scribe_emails WHERE user_id <> ?')
        .get(DEMO_USER_ID) as { count: number };
      return count > 0 ? `it holds ${count} email(s) the demo did not write` : undefined;
    } finally {
      db.close();
    }
  } catch (error) {
    return `it cannot be read as a SQLite database (${error instanceof Error ? error.message : String(error)})`;
  }
}
