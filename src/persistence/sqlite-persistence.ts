import { randomUUID } from 'node:crypto';
import { isBuiltin } from 'node:module';
import type { DatabaseSync } from 'node:sqlite';
import { PersistenceError } from '../core/errors/persistence-error.js';
import { PipelineAbortedError } from '../core/errors/pipeline-aborted-error.js';
import { NODE_FLOOR } from '../core/node-floor.js';
import type {
  EmailRecord,
  PersistenceAdapter,
  SaveEmailResult,
  StoredEmail,
} from '../core/persistence/persistence-adapter.js';
import { type EmailRow as SqlEmailRow, toStoredEmail as toStoredEmailRow } from './email-row.js';
import {
  checkSqliteOptions,
  isTransientSqliteError,
  lazyDatabase,
  useWal,
  whenNotBusy,
} from './sqlite-connection.js';

/** Options of `sqlitePersistence`. */
export interface SqlitePersistenceOptions {
  /** The database file; created, with its schema, on first use. `:memory:` works for tests. */
  path: string;
  /** Table name; letters, digits and underscores. Default `scribe_emails`. */
  table?: string;
  /**
   * How long a save or read waits for another process's lock, in ms: 0 to 600,000. Default
   * 5,000. The wait is asynchronous (short tries with pauses between), so it never blocks the
   * event loop for more than a few milliseconds: timers, a queue's lock renewals and other runs
   * go on meanwhile.
   */
  busyTimeoutMs?: number;
  /**
   * For tests only; not part of the public contract. `hasNodeSqlite` replaces the runtime check
   * for `node:sqlite`; `beforeInsert` runs just before the insert of every save, so a test can
   * hold two saves at one point and release them together.
   *
   * @internal
   */
  _internal?: {
    generateId?: () => string;
    now?: () => Date;
    hasNodeSqlite?: () => boolean;
    beforeInsert?: () => Promise<void>;
  };
}

type EmailRow = SqlEmailRow<number>;

/** The SQLite adapter: the persistence contract, plus reading every email back (for exports). */
export interface SqlitePersistence extends PersistenceAdapter {
  /** Every saved email, oldest first: finished ones and drafts under review alike. */
  listEmails(): Promise<StoredEmail[]>;
  close(): Promise<void>;
}

const COMPONENT = 'sqlitePersistence';
/**
 * Saves emails to a SQLite file with Node's built-in `node:sqlite`: no native
 * module to install. The file is opened in WAL mode with a busy timeout, so several processes
 * can share it. Idempotency rests on a UNIQUE constraint on the task id, so it holds across
 * processes too.
 *
 * `node:sqlite` is loaded on first use, keeping the package's root import free of it.
 *
 * @throws PersistenceError (not retryable) at once when this Node has no `node:sqlite`.
 * @example
 * ```ts
 * const persistence = sqlitePersistence({ path: './emails.db' });
 * try { await runPipeline({ input, steps, persistence }); } finally { await persistence.close?.(); }
 * ```
 */
export function sqlitePersistence(options: SqlitePersistenceOptions): SqlitePersistence {
  const { path, table = 'scribe_emails', busyTimeoutMs = 5000, _internal } = options;
  // Fail when the adapter is built, not at the final save after every paid model call; and not
  // retryable, since no retry on this Node can succeed. `isBuiltin` only looks the name up, so
  // `node:sqlite` itself is still loaded lazily, on first use.
  const hasNodeSqlite = _internal?.hasNodeSqlite ?? (() => isBuiltin('node:sqlite'));
  if (!hasNodeSqlite()) {
    throw new PersistenceError({
      operation: 'open',
      message: `sqlitePersistence needs node:sqlite; this package needs Node >= ${NODE_FLOOR}, and this process runs Node ${process.version}`,
      retryable: false,
    });
  }
  checkSqliteOptions(COMPONENT, { path, table, busyTimeoutMs });
  const generateId = _internal?.generateId ?? randomUUID;
  const now = _internal?.now ?? (() => new Date());
  const beforeInsert = _internal?.beforeInsert;
  const connection = lazyDatabase(
    path,
    (db) => prepareSchema(db, table),
    busyTimeoutMs,
    () => new PersistenceError({ operation: 'open', message: 'the adapter is closed', retryable: false }),
  );
  const database = (): Promise<DatabaseSync> =>
    connection.get().catch((error: unknown) => {
      if (PersistenceError.isInstance(error)) throw error;
      throw new PersistenceError({
        operation: 'open',
        message: `cannot open ${path}: ${String(error)}`,
        cause: error,
        retryable: isTransientSqliteError(error),
      });
    });

  return {
    async saveEmail(record: EmailRecord, { signal } = {}) {
      const db = await database();
      if (signal?.aborted) throw new PipelineAbortedError({ taskId: record.taskId, cause: signal.reason });
      if (beforeInsert) await beforeInsert();
      try {
        return await whenNotBusy(busyTimeoutMs, () => insertOnce(db, record));
      } catch (error) {
        throw new PersistenceError({
          operation: 'saveEmail',
          taskId: record.taskId,
          cause: error,
          retryable: isTransientSqliteError(error),
        });
      }
    },

    async listEmails() {
      const db = await database();
      try {
        const rows = await whenNotBusy(
          busyTimeoutMs,
          () => db.prepare(`SELECT * FROM ${table} ORDER BY created_at, id`).all() as unknown as EmailRow[],
        );
        return rows.map(toStoredEmail);
      } catch (error) {
        throw new PersistenceError({
          operation: 'listEmails',
          cause: error,
          retryable: isTransientSqliteError(error),
        });
      }
    },

    async getEmailByTaskId(taskId: string) {
      const db = await database();
      try {
        const row = await whenNotBusy(
          busyTimeoutMs,
          () => db.prepare(`SELECT * FROM ${table} WHERE task_id = ?`).get(taskId) as EmailRow | undefined,
        );
        return row === undefined ? undefined : toStoredEmail(row);
      } catch (error) {
        throw new PersistenceError({
          operation: 'getEmailByTaskId',
          taskId,
          cause: error,
          retryable: isTransientSqliteError(error),
        });
      }
    },

    close: () => connection.close(),
  };

  function insertOnce(db: DatabaseSync, record: EmailRecord): SaveEmailResult {
    // One statement: the UNIQUE task_id makes a second save, from any process, a no-op,
    // unless the saved row is a draft under review, which the new save replaces.
    const inserted = db
      .prepare(
        `INSERT INTO ${table} (id, task_id, user_id, recipient_name, recipient_interest, template_type, email, status, is_confident, metadata, created_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT (task_id) DO UPDATE SET ${REPLACED_COLUMNS.map((column) => `${column} = excluded.${column}`).join(', ')}
             WHERE ${table}.status = 'needs_review'
             RETURNING id`,
      )
      .get(
        generateId(),
        record.taskId,
        record.userId,
        record.recipientName,
        record.recipientInterest,
        record.templateType,
        record.email,
        record.status,
        record.isConfident ? 1 : 0,
        JSON.stringify(record.metadata),
        now().toISOString(),
      ) as { id: string } | undefined;
    if (inserted) return { id: inserted.id, created: true };
    const existing = db.prepare(`SELECT id FROM ${table} WHERE task_id = ?`).get(record.taskId) as
      | { id: string }
      | undefined;
    if (!existing) throw new Error('the row for this task vanished between insert and select');
    return { id: existing.id, created: false };
  }
}

function prepareSchema(db: DatabaseSync, table: string): void {
  useWal(db);
  db.exec('PRAGMA synchronous = NORMAL');
  db.exec(`CREATE TABLE IF NOT EXISTS ${table} (
    id TEXT PRIMARY KEY,
    task_id TEXT NOT NULL UNIQUE,
    user_id TEXT NOT NULL,
    recipient_name TEXT NOT NULL,
    recipient_interest TEXT NOT NULL,
    template_type TEXT,
    email TEXT NOT NULL,
    is_confident INTEGER NOT NULL,
    metadata TEXT NOT NULL,
    created_at TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'finished'
  ) STRICT`);
  // Tables made before emails had a status hold finished emails only.
  const columns = db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[];
  if (!columns.some((column) => column.name === 'status'))
    db.exec(`ALTER TABLE ${table} ADD COLUMN status TEXT NOT NULL DEFAULT 'finished'`);
}

/** What a save over a draft under review replaces: everything but the id and creation time. */
const REPLACED_COLUMNS = [
  'user_id',
  'recipient_name',
  'recipient_interest',
  'template_type',
  'email',
  'status',
  'is_confident',
  'metadata',
];

function toStoredEmail(row: EmailRow): StoredEmail {
  return toStoredEmailRow(row, (value) => value === 1);
}
