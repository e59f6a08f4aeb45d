import { randomUUID } from 'node:crypto';
import { checkNumberOption, checkStringOption } from '../../core/check-option.js';
import { ConfigurationError } from '../../core/errors/configuration-error.js';
import { PersistenceError } from '../../core/errors/persistence-error.js';
import { PipelineAbortedError } from '../../core/errors/pipeline-aborted-error.js';
import type {
  EmailRecord,
  PersistenceAdapter,
  SaveEmailResult,
  StoredEmail,
} from '../../core/persistence/persistence-adapter.js';
import { type EmailRow as SqlEmailRow, toStoredEmail as toStoredEmailRow } from '../email-row.js';

import {
  createOwnedPool,
  type OwnedPool,
  type PostgresPool,
  type PostgresPoolClient,
  useClient,
} from './pool.js';
import { toPersistenceError } from './postgres-error.js';
import { type SchemaObject, schemaLockKey, schemaObjects, type TableName, tableName } from './schema.js';

const COMPONENT = 'postgresPersistence';

interface CommonOptions {
  /** Table name: 1 to 40 letters, digits and underscores. Default `scribe_emails`. */
  table?: string;
  /** PostgreSQL schema of the table. Default: the connection's `search_path` (usually `public`). */
  schema?: string;
  /**
   * Longest a statement may run, lock waits included, in ms; past it PostgreSQL cancels it and
   * the save fails with a retryable `PersistenceError` instead of waiting forever while a queue
   * keeps renewing the job. Set per transaction, so it applies to a pool passed in too.
   * Default 30,000.
   */
  statementTimeoutMs?: number;
}

/** A pool the host owns: the adapter uses it and never ends it. */
export interface PostgresPersistenceWithPool extends CommonOptions {
  pool: PostgresPool;
  connectionString?: never;
  maxConnections?: never;
  connectionTimeoutMs?: never;
}

/** A connection string: the adapter makes a `pg` pool on first use and ends it in `close()`. */
export interface PostgresPersistenceWithConnectionString extends CommonOptions {
  /** e.g. `postgres://user:password@host:5432/database`. */
  connectionString: string;
  pool?: never;
  /** The pool's size. Default 10; one connection per concurrently running job is enough. */
  maxConnections?: number;
  /** How long to wait for a connection before failing (retryably), in ms. Default 10,000. */
  connectionTimeoutMs?: number;
}

/** Options of `postgresPersistence`: a pool of your own, or a connection string. */
export type PostgresPersistenceOptions =
  | PostgresPersistenceWithPool
  | PostgresPersistenceWithConnectionString;

/** The PostgreSQL adapter: the persistence contract, plus creating its table. */
export interface PostgresPersistence extends PersistenceAdapter {
  /**
   * Creates the schema (when one was named), the table and its indexes if they do not exist.
   * Safe to call from many processes at once: they take turns on an advisory lock.
   */
  ensureSchema(): Promise<void>;
  /** Ends the pool the adapter made; a pool passed in is left open. Safe to call twice. */
  close(): Promise<void>;
}

type EmailRow = SqlEmailRow<string>;

/**
 * Saves emails to PostgreSQL with `pg`, shared by any number of workers on any number of
 * machines. Each save is one transaction: `INSERT ... ON CONFLICT (task_id)` that replaces only a
 * draft under review, and when another save of the task got there first (even one still in
 * flight: the insert waits for it), the id it wrote. So the first finished email wins and every
 * caller gets its id.
 *
 * Errors are `PersistenceError`s, retryable for connection failures, serialization failures,
 * deadlocks, timeouts and a server that is restarting; not for a missing table or permission.
 * `pg` is loaded only when the adapter makes its own pool.
 *
 * @example
 * ```ts
 * const persistence = postgresPersistence({ connectionString: process.env.DATABASE_URL! });
 * await persistence.ensureSchema();
 * try { await runPipeline({ input, steps, persistence }); } finally { await persistence.close(); }
 * ```
 */
export function postgresPersistence(options: PostgresPersistenceOptions): PostgresPersistence {
  const name = tableName(COMPONENT, options.table ?? 'scribe_emails', options.schema);
  const statementTimeoutMs = checkNumberOption(
    COMPONENT,
    'statementTimeoutMs',
    options.statementTimeoutMs ?? 30_000,
    { min: 1, max: 3_600_000, integer: true },
  );
  const connect = connector(options, statementTimeoutMs);
  let closed = false;
  const failure = (operation: string, taskId: string | undefined, error: unknown) =>
    toPersistenceError({ operation, taskId, error, table: name.qualified, statementTimeoutMs });

  const withClient = async <T>(
    operation: string,
    taskId: string | undefined,
    use: (client: PostgresPoolClient) => Promise<T>,
  ): Promise<T> => {
    if (closed) {
      throw new PersistenceError({ operation, taskId, message: 'the adapter is closed', retryable: false });
    }
    let client: PostgresPoolClient;
    try {
      client = await connect.pool();
    } catch (error) {
      throw failure(operation, taskId, error);
    }
    try {
      return await useClient(client, use);
    } catch (error) {
      if (PipelineAbortedError.isInstance(error)) throw error;
      throw failure(operation, taskId, error);
    }
  };

  return {
    saveEmail: (record, { signal } = {}) => {
      if (signal?.aborted) {
        return Promise.reject(new PipelineAbortedError({ taskId: record.taskId, cause: signal.reason }));
      }
      return withClient('saveEmail', record.taskId, (client) =>
        inTransaction(client, statementTimeoutMs, () => insertOnce(client, name, record, signal)),
      );
    },

    getEmailByTaskId: (taskId, { signal } = {}) => {
      if (signal?.aborted) return Promise.reject(new PipelineAbortedError({ taskId, cause: signal.reason }));
      return withClient('getEmailByTaskId', taskId, (client) =>
        inTransaction(client, statementTimeoutMs, async () => {
          const { rows } = await client.query(
            `SELECT id::text, task_id, user_id, recipient_name, recipient_interest, template_type, email,
             status, is_confident::text, metadata::text,
             to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS created_at
           FROM ${name.qualified} WHERE task_id = $1`,
            [taskId],
          );
          const row = rows[0] as EmailRow | undefined;
          return row === undefined ? undefined : toStoredEmail(row);
        }),
      );
    },

    ensureSchema: () =>
      withClient('ensureSchema', undefined, (client) =>
        inTransaction(client, statementTimeoutMs, async () => {
          // Held until COMMIT: a second process waits here, then finds everything created.
          await client.query('SELECT pg_advisory_xact_lock($1, $2)', schemaLockKey(name));
          // Only what is missing: PostgreSQL checks the right to create even for objects that
          // exist, and a runtime role whose tables came from migrations may not have it.
          for (const object of schemaObjects(name)) {
            if (!(await schemaObjectExists(client, object))) await client.query(object.sql);
          }
        }),
      ),

    async close() {
      if (closed) return;
      closed = true;
      await connect.end();
    },
  };
}

/** Saves the record unless the task is saved already; runs inside the save's transaction. */
async function insertOnce(
  client: PostgresPoolClient,
  { qualified }: TableName,
  record: EmailRecord,
  signal: AbortSignal | undefined,
): Promise<SaveEmailResult> {
  // Checked again: the signal may have fired while the save waited for a connection.
  if (signal?.aborted) throw new PipelineAbortedError({ taskId: record.taskId, cause: signal.reason });
  // With the unique task_id, a concurrent save's uncommitted row makes this insert wait until
  // that save commits (then do nothing, or replace it if it is a draft under review) or rolls
  // back (then insert).
  const inserted = await client.query(
    `INSERT INTO ${qualified} AS saved
       (id, task_id, user_id, recipient_name, recipient_interest, template_type, email, status, is_confident, metadata)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb)
     ON CONFLICT (task_id) DO UPDATE SET
       user_id = excluded.user_id, recipient_name = excluded.recipient_name,
       recipient_interest = excluded.recipient_interest, template_type = excluded.template_type,
       email = excluded.email, status = excluded.status, is_confident = excluded.is_confident,
       metadata = excluded.metadata
     WHERE saved.status = 'needs_review'
     RETURNING id::text`,
    [
      randomUUID(),
      record.taskId,
      record.userId,
      record.recipientName,
      record.recipientInterest,
      record.templateType,
      record.email,
      record.status,
      record.isConfident,
      // Stringified here: pg would send a top-level array as a PostgreSQL array, not JSON.
      JSON.stringify(record.metadata),
    ],
  );
  const created = inserted.rows[0] as { id: string } | undefined;
  // READ COMMITTED: this statement sees the row whose commit the insert waited for.
  const found = created
    ? undefined
    : ((await client.query(`SELECT id::text FROM ${qualified} WHERE task_id = $1`, [record.taskId]))
        .rows[0] as { id: string } | undefined);
  const id = created?.id ?? found?.id;
  if (id === undefined) throw new Error('the row of this task vanished between the insert and the select');
  // The last moment a write can still be undone: an abort now means nothing is saved.
  if (signal?.aborted) throw new PipelineAbortedError({ taskId: record.taskId, cause: signal.reason });
  return { id, created: created !== undefined };
}

async function schemaObjectExists(
  client: PostgresPoolClient,
  { kind, name, column }: SchemaObject,
): Promise<boolean> {
  const { rows } =
    kind === 'column'
      ? await client.query(
          `SELECT EXISTS (SELECT 1 FROM pg_attribute
             WHERE attrelid = to_regclass($1) AND attname = $2 AND NOT attisdropped)::text AS found`,
          [name, column],
        )
      : await client.query(
          kind === 'schema'
            ? 'SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1)::text AS found'
            : 'SELECT (to_regclass($1) IS NOT NULL)::text AS found',
          [name],
        );
  return (rows[0] as { found: string } | undefined)?.found === 'true';
}

/**
 * Runs `work` in a READ COMMITTED transaction with the adapter's statement timeout; rolls back
 * on any failure.
 */
async function inTransaction<T>(
  client: PostgresPoolClient,
  statementTimeoutMs: number,
  work: () => Promise<T>,
): Promise<T> {
  // Explicit, because under a database default of REPEATABLE READ or SERIALIZABLE a save that
  // waited for a concurrent one would fail with a serialization error instead of finding its row.
  await client.query('BEGIN ISOLATION LEVEL READ COMMITTED');
  let result: T;
  try {
    // SET LOCAL ends with the transaction, so a host's pooled connection keeps its own setting.
    // An integer option, so it is safe in the SQL text (SET takes no parameters).
    await client.query(`SET LOCAL statement_timeout = ${statementTimeoutMs}`);
    result = await work();
  } catch (error) {
    // A failed rollback means the connection is gone, which the caller handles; the first error
    // is the one worth reporting.
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
  await client.query('COMMIT');
  return result;
}

/** Gives out the pool: the host's, or one made on first use and ended by `end`. */
function connector(
  options: PostgresPersistenceOptions,
  statementTimeoutMs: number,
): {
  pool(): Promise<PostgresPoolClient>;
  end(): Promise<void>;
} {
  const { pool, connectionString } = options as { pool?: PostgresPool; connectionString?: unknown };
  if ((pool === undefined) === (connectionString === undefined)) {
    throw new ConfigurationError({
      component: COMPONENT,
      option: 'pool',
      message: 'or `connectionString`: pass exactly one',
    });
  }
  if (pool !== undefined) {
    if (typeof (pool as { connect?: unknown }).connect !== 'function') {
      throw new ConfigurationError({
        component: COMPONENT,
        option: 'pool',
        message: 'must have a connect() method',
      });
    }
    return { pool: () => pool.connect(), end: async () => {} };
  }
  const settings = {
    connectionString: checkStringOption(COMPONENT, 'connectionString', connectionString),
    maxConnections: checkNumberOption(COMPONENT, 'maxConnections', options.maxConnections ?? 10, {
      min: 1,
      max: 1000,
      integer: true,
    }),
    connectionTimeoutMs: checkNumberOption(
      COMPONENT,
      'connectionTimeoutMs',
      options.connectionTimeoutMs ?? 10_000,
      {
        min: 1,
        max: 600_000,
      },
    ),
    statementTimeoutMs,
  };
  let owned: Promise<OwnedPool> | undefined;
  return {
    pool: async () => {
      owned ??= createOwnedPool(settings).catch((error: unknown) => {
        owned = undefined;
        throw error;
      });
      return (await owned).connect();
    },
    end: async () => {
      const pending = owned;
      owned = undefined;
      if (pending) await (await pending.catch(() => undefined))?.end();
    },
  };
}

function toStoredEmail(row: EmailRow): StoredEmail {
  return toStoredEmailRow(row, (value) => value === 'true');
}
