import type { DatabaseSync } from 'node:sqlite';
import type { CheckpointStore, StageSnapshot } from '../../core/checkpoint/checkpoint-store.js';
import { PersistenceError } from '../../core/errors/persistence-error.js';
import {
  checkSqliteOptions,
  isTransientSqliteError,
  lazyDatabase,
  useWal,
  whenNotBusy,
} from '../sqlite-connection.js';

const COMPONENT = 'sqliteCheckpoints';

/** Options of `sqliteCheckpoints`. */
export interface SqliteCheckpointsOptions {
  /** The database file (the emails' file does well); created on first use. */
  path: string;
  /** Table name; letters, digits and underscores. Default `scribe_checkpoints`. */
  table?: string;
  /** How long an operation waits for another process's lock, in ms (asynchronously). Default 5,000. */
  busyTimeoutMs?: number;
  /** For tests: the clock expiry is judged by. @internal */
  _internal?: { now?: () => number };
}

/**
 * Checkpoints in a SQLite file (`node:sqlite`): survive a crash, shared by processes on one
 * machine, e.g. `scribe batch` re-runs. Expired rows are deleted as tasks are loaded.
 *
 * @example
 * ```ts
 * const checkpoints = sqliteCheckpoints({ path: 'scribe.db' });
 * await runPipeline({ input, steps, persistence, checkpoints });
 * ```
 */
export function sqliteCheckpoints(options: SqliteCheckpointsOptions): CheckpointStore {
  const { path, table = 'scribe_checkpoints', busyTimeoutMs = 5000, _internal } = options;
  checkSqliteOptions(COMPONENT, { path, table, busyTimeoutMs });
  const now = _internal?.now ?? Date.now;
  const connection = lazyDatabase(
    path,
    (db) => prepare(db, table),
    busyTimeoutMs,
    () => new PersistenceError({ operation: 'open', message: 'the store is closed', retryable: false }),
  );

  const run = async <T>(
    operation: string,
    taskId: string,
    statement: (db: DatabaseSync) => T,
  ): Promise<T> => {
    try {
      const db = await connection.get();
      return await whenNotBusy(busyTimeoutMs, () => statement(db));
    } catch (error) {
      if (PersistenceError.isInstance(error)) throw error;
      throw new PersistenceError({
        operation,
        taskId,
        cause: error,
        retryable: isTransientSqliteError(error),
      });
    }
  };

  return {
    load: (taskId) =>
      run('loadCheckpoints', taskId, (db) => {
        db.prepare(`DELETE FROM ${table} WHERE expires_at <= ?`).run(now());
        const rows = db.prepare(`SELECT stage, snapshot FROM ${table} WHERE task_id = ?`).all(taskId) as {
          stage: string;
          snapshot: string;
        }[];
        return Object.fromEntries(rows.map((row) => [row.stage, JSON.parse(row.snapshot) as StageSnapshot]));
      }),
    save: (taskId, stage, snapshot, ttlMs) =>
      run('saveCheckpoint', taskId, (db) => {
        const expiresAt = now() + ttlMs;
        db.prepare(
          `INSERT INTO ${table} (task_id, stage, snapshot, expires_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (task_id, stage) DO UPDATE SET snapshot = excluded.snapshot, expires_at = excluded.expires_at`,
        ).run(taskId, stage, JSON.stringify(snapshot), expiresAt);
        // The task's checkpoints live and die together.
        db.prepare(`UPDATE ${table} SET expires_at = ? WHERE task_id = ?`).run(expiresAt, taskId);
      }),
    clear: (taskId) =>
      run('clearCheckpoints', taskId, (db) => {
        db.prepare(`DELETE FROM ${table} WHERE task_id = ?`).run(taskId);
      }),
    close: () => connection.close(),
  };
}

function prepare(db: DatabaseSync, table: string): void {
  useWal(db);
  db.exec(`CREATE TABLE IF NOT EXISTS ${table} (
    task_id TEXT NOT NULL,
    stage TEXT NOT NULL,
    snapshot TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    PRIMARY KEY (task_id, stage)
  ) STRICT`);
}
