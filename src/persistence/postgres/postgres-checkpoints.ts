import type { CheckpointStore, StageSnapshot } from '../../core/checkpoint/checkpoint-store.js';
import { ConfigurationError } from '../../core/errors/configuration-error.js';
import { type PostgresPool, type PostgresPoolClient, useClient } from './pool.js';
import { toPersistenceError } from './postgres-error.js';
import { tableName } from './schema.js';

const COMPONENT = 'postgresCheckpoints';

/** Options of `postgresCheckpoints`. */
export interface PostgresCheckpointsOptions {
  /** A `pg` Pool of yours (the persistence adapter's can be another); never ended by the store. */
  pool: PostgresPool;
  /** Table name: 1 to 40 letters, digits and underscores. Default `scribe_checkpoints`. */
  table?: string;
  /** PostgreSQL schema of the table. Default: the connection's `search_path`. */
  schema?: string;
}

/** The PostgreSQL checkpoint store: the contract, plus creating its table. */
export interface PostgresCheckpoints extends CheckpointStore {
  /** Creates the table if it does not exist (`CREATE TABLE IF NOT EXISTS`). */
  ensureSchema(): Promise<void>;
}

/**
 * Checkpoints in PostgreSQL, shared by every worker: a BullMQ retry on another machine resumes
 * where the crashed attempt stopped. Expired rows are deleted as tasks are loaded.
 *
 * @example
 * ```ts
 * const checkpoints = postgresCheckpoints({ pool });
 * await checkpoints.ensureSchema();
 * const worker = createEmailWorker({ connection, queueName: 'emails', steps, persistence, checkpoints });
 * ```
 */
export function postgresCheckpoints({
  pool,
  table = 'scribe_checkpoints',
  schema,
}: PostgresCheckpointsOptions): PostgresCheckpoints {
  if (typeof (pool as { connect?: unknown } | undefined)?.connect !== 'function') {
    throw new ConfigurationError({
      component: COMPONENT,
      option: 'pool',
      message: 'must have a connect() method',
    });
  }
  const name = tableName(COMPONENT, table, schema);
  const run = async <T>(
    operation: string,
    taskId: string | undefined,
    use: (client: PostgresPoolClient) => Promise<T>,
  ) => {
    try {
      return await useClient(await pool.connect(), use);
    } catch (error) {
      throw toPersistenceError({ operation, taskId, error, table: name.qualified });
    }
  };
  return {
    load: (taskId) =>
      run('loadCheckpoints', taskId, async (client) => {
        await client.query(`DELETE FROM ${name.qualified} WHERE task_id = $1 AND expires_at <= now()`, [
          taskId,
        ]);
        const { rows } = await client.query(
          `SELECT stage, snapshot::text AS snapshot FROM ${name.qualified} WHERE task_id = $1`,
          [taskId],
        );
        return Object.fromEntries(
          (rows as { stage: string; snapshot: string }[]).map((row) => [
            row.stage,
            JSON.parse(row.snapshot) as StageSnapshot,
          ]),
        );
      }),
    save: (taskId, stage, snapshot, ttlMs) =>
      run('saveCheckpoint', taskId, async (client) => {
        await client.query(
          `INSERT INTO ${name.qualified} (task_id, stage, snapshot, expires_at)
           VALUES ($1, $2, $3::jsonb, now() + $4 * interval '1 millisecond')
           ON CONFLICT (task_id, stage) DO UPDATE SET snapshot = excluded.snapshot, expires_at = excluded.expires_at`,
          [taskId, stage, JSON.stringify(snapshot), ttlMs],
        );
        // The task's checkpoints live and die together.
        await client.query(
          `UPDATE ${name.qualified} SET expires_at = now() + $2 * interval '1 millisecond' WHERE task_id = $1`,
          [taskId, ttlMs],
        );
      }),
    clear: (taskId) =>
      run('clearCheckpoints', taskId, async (client) => {
        await client.query(`DELETE FROM ${name.qualified} WHERE task_id = $1`, [taskId]);
      }),
    ensureSchema: () =>
      run('ensureSchema', undefined, async (client) => {
        await client.query(`CREATE TABLE IF NOT EXISTS ${name.qualified} (
  task_id text NOT NULL,
  stage text NOT NULL,
  snapshot jsonb NOT NULL,
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (task_id, stage)
)`);
      }),
    async close() {},
  };
}
