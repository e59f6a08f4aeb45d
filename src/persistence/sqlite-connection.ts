import type { DatabaseSync } from 'node:sqlite';
import { setTimeout as sleep } from 'node:timers/promises';
import { checkNumberOption, checkStringOption } from '../core/check-option.js';
import { ConfigurationError } from '../core/errors/configuration-error.js';

// What the SQLite adapters (emails, checkpoints) share: opening a file with its schema while other
// processes may be doing the same, and waiting for locks without blocking the event loop.

/**
 * How long one statement may block the event loop waiting for a lock (SQLite's own busy
 * handler sleeps synchronously). Past it the statement fails busy and is tried again after an
 * asynchronous pause, until `busyTimeoutMs` has passed.
 */
export const SYNC_BUSY_MS = 20;

/**
 * Opens a SQLite file and prepares it with `prepare` (WAL mode, tables), retrying while another
 * process holds the lock those need, for at most `busyTimeoutMs`.
 */
export async function openSqlite(
  path: string,
  prepare: (db: DatabaseSync) => void,
  busyTimeoutMs: number,
): Promise<DatabaseSync> {
  const { DatabaseSync } = await import('node:sqlite');
  const deadline = performance.now() + busyTimeoutMs;
  for (;;) {
    const db = new DatabaseSync(path, { timeout: Math.min(busyTimeoutMs, SYNC_BUSY_MS) });
    try {
      prepare(db);
      return db;
    } catch (error) {
      db.close();
      // Switching to WAL and creating the table need locks SQLite will not wait for, so two
      // processes opening a new file at once can see SQLITE_BUSY: wait briefly and try again.
      if (!isBusy(error) || performance.now() > deadline) throw error;
      await sleep(10 + Math.random() * 40);
    }
  }
}

/**
 * Runs a statement, and while SQLite says another connection holds the lock, tries again after a
 * short asynchronous pause, until `busyTimeoutMs` has passed; then the last busy error stands.
 */
export async function whenNotBusy<T>(busyTimeoutMs: number, statement: () => T): Promise<T> {
  const deadline = performance.now() + busyTimeoutMs;
  for (;;) {
    try {
      return statement();
    } catch (error) {
      if (!isBusy(error) || performance.now() >= deadline) throw error;
      await sleep(5 + Math.random() * 20);
    }
  }
}

// SQLITE_BUSY (5) and SQLITE_LOCKED (6), with any extended code.
/**
 * Whether a retry can help: a busy or locked database (another process holds it) or an I/O
 * error may pass; a bad path, a read-only or full disk, corruption or a schema mismatch will not,
 * and a queue retrying it would pay for every model call of the run again.
 */
export function isTransientSqliteError(error: unknown): boolean {
  const code = (error as { errcode?: unknown }).errcode;
  return isBusy(error) || (typeof code === 'number' && (code & 0xff) === SQLITE_IOERR);
}

const SQLITE_IOERR = 10;

export function isBusy(error: unknown): boolean {
  const code = (error as { errcode?: unknown }).errcode;
  return typeof code === 'number' && [5, 6].includes(code & 0xff);
}

/** Checks the options every SQLite adapter takes, when it is built. */
export function checkSqliteOptions(
  component: string,
  { path, table, busyTimeoutMs }: { path: unknown; table: unknown; busyTimeoutMs: number },
): void {
  checkStringOption(component, 'path', path);
  if (typeof table !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(table)) {
    throw new ConfigurationError({
      component,
      option: 'table',
      message: `must be letters, digits and underscores, got ${JSON.stringify(table)}`,
    });
  }
  checkNumberOption(component, 'busyTimeoutMs', busyTimeoutMs, { min: 0, max: 600_000 });
}

/** WAL mode, so several processes can read and write one file. */
export function useWal(db: DatabaseSync): void {
  const { journal_mode: journalMode } = db.prepare('PRAGMA journal_mode').get() as { journal_mode: string };
  if (journalMode.toLowerCase() !== 'wal') db.exec('PRAGMA journal_mode = WAL');
}

/**
 * A database opened on first use and shared by every later call (a failed open is tried again
 * next time); `close()` closes it once, after an open in progress. `closedError` is what a call
 * after `close()` rejects with.
 */
export function lazyDatabase(
  path: string,
  prepare: (db: DatabaseSync) => void,
  busyTimeoutMs: number,
  closedError: () => Error,
): { get(): Promise<DatabaseSync>; close(): Promise<void> } {
  let opening: Promise<DatabaseSync> | undefined;
  let closed = false;
  return {
    get() {
      if (closed) return Promise.reject(closedError());
      opening ??= openSqlite(path, prepare, busyTimeoutMs).catch((error: unknown) => {
        opening = undefined;
        throw error;
      });
      return opening;
    },
    async close() {
      if (closed) return;
      closed = true;
      const pending = opening;
      opening = undefined;
      if (pending) (await pending.catch(() => undefined))?.close();
    },
  };
}
