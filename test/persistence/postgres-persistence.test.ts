// Runs against the real PostgreSQL of the machine (SCRIBE_TEST_DATABASE_URL, default the local
// `test` database). Every table and role it makes has a random name and is dropped at the end.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigurationError, PersistenceError, PipelineAbortedError } from '../../src/index.js';
import {
  isRetryablePostgresError,
  type PostgresPool,
  postgresPersistence,
  postgresSchemaSql,
} from '../../src/persistence/postgres/index.js';
import { schemaLockKey, tableName } from '../../src/persistence/postgres/schema.js';
import {
  persistenceConformanceCases,
  runPersistenceConformance,
  sampleEmailRecord,
} from '../../src/testing/index.js';
import { deferred } from '../helpers/pipeline.js';

const connectionString = process.env.SCRIBE_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const suffix = randomUUID().replaceAll('-', '').slice(0, 12);
const table = `scribe_pg_${suffix}`;
const droppedAtEnd = [table];
let admin: pg.Pool;

/** A fresh random table name, dropped after the file. */
function newTable(label: string): string {
  const name = `scribe_pg_${label}_${suffix}`;
  droppedAtEnd.push(name);
  return name;
}

/** Polls PostgreSQL until `condition` holds: for states another connection reaches (lock waits). */
async function waitUntil(what: string, condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Counts connections of an application name that are waiting for a lock. */
async function lockWaiters(applicationName: string): Promise<number> {
  const { rows } = await admin.query<{ count: string }>(
    "SELECT count(*) FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'",
    [applicationName],
  );
  return Number(rows[0]?.count);
}

/**
 * Wraps a pool so that every save parks right after its INSERT, inside its open transaction,
 * until the test releases it: the moment a concurrent save from another process could strike.
 */
function holdAfterInsert(pool: pg.Pool) {
  const inserted = deferred();
  const released = deferred();
  const wrapped: PostgresPool = {
    connect: async () => {
      const client = await pool.connect();
      return {
        query: async (text: string, values?: unknown[]) => {
          const result = await client.query(text, values);
          if (text.trimStart().startsWith('INSERT')) {
            inserted.resolve();
            await released.promise;
          }
          return result;
        },
        release: (destroy?: Error | boolean) => client.release(destroy),
      };
    },
  };
  return { pool: wrapped, inserted: inserted.promise, release: () => released.resolve() };
}

async function rowsOf(name: string, taskId: string) {
  const { rows } = await admin.query(`SELECT id::text, email FROM "${name}" WHERE task_id = $1`, [taskId]);
  return rows;
}

beforeAll(async () => {
  admin = new pg.Pool({ connectionString, max: 4 });
  await postgresPersistence({ pool: admin, table }).ensureSchema();
});

afterAll(async () => {
  for (const name of droppedAtEnd) await admin.query(`DROP TABLE IF EXISTS "${name}"`);
  await admin.end();
});

describe('postgresPersistence keeps the persistence contract', () => {
  it.each(
    persistenceConformanceCases.map((conformanceCase) => [conformanceCase.name, conformanceCase] as const),
  )('with a pool passed in: %s', async (_name, conformanceCase) => {
    // Every case closes its adapter; the shared pool must survive that for the next case.
    await conformanceCase.run(() => postgresPersistence({ pool: admin, table }));
  });

  it('with a pool of its own, made from a connection string, per case', async () => {
    const report = await runPersistenceConformance(() => postgresPersistence({ connectionString, table }));
    expect(report.passed).toHaveLength(persistenceConformanceCases.length);
  });
});

describe('postgresPersistence under concurrency', () => {
  it('makes a save from another pool wait for an uncommitted save of the task, then return its id', async () => {
    const applicationName = `scribe_second_${suffix}`;
    const firstPool = new pg.Pool({ connectionString, max: 1 });
    // A host's database may default to SERIALIZABLE; a save must still wait and find the row.
    const secondPool = new pg.Pool({
      connectionString,
      max: 1,
      application_name: applicationName,
      options: '-c default_transaction_isolation=serializable',
    });
    const held = holdAfterInsert(firstPool);
    const first = postgresPersistence({ pool: held.pool, table });
    const second = postgresPersistence({ pool: secondPool, table });
    const taskId = `race-${randomUUID()}`;
    try {
      const firstSave = first.saveEmail(sampleEmailRecord({ taskId, email: 'Written by the first save.' }));
      await held.inserted;
      let secondSettled = false;
      const secondSave = second
        .saveEmail(sampleEmailRecord({ taskId, email: 'Written by the second save.' }))
        .finally(() => {
          secondSettled = true;
        });
      // The unique task_id makes the second insert wait on the first's uncommitted row.
      await waitUntil(
        'the second save waits for a lock',
        async () => (await lockWaiters(applicationName)) === 1,
      );
      expect(secondSettled).toBe(false);

      held.release();
      const firstResult = await firstSave;
      expect(firstResult).toEqual({ id: expect.any(String), created: true });
      expect(await secondSave).toEqual({ id: firstResult.id, created: false });
      expect(await rowsOf(table, taskId)).toEqual([
        { id: firstResult.id, email: 'Written by the first save.' },
      ]);
    } finally {
      held.release();
      await Promise.all([first.close(), second.close()]);
      await Promise.all([firstPool.end(), secondPool.end()]);
    }
  });

  it('serialises ensureSchema calls from two pools on an advisory lock', async () => {
    const fresh = newTable('schema');
    const applicationName = `scribe_schema_${suffix}`;
    const pools = [0, 1].map(
      () => new pg.Pool({ connectionString, max: 1, application_name: applicationName }),
    );
    const adapters = pools.map((pool) => postgresPersistence({ pool, table: fresh }));
    const holder = await admin.connect();
    try {
      // Hold the lock ensureSchema takes, so both calls are sure to arrive while it is taken.
      await holder.query('BEGIN');
      await holder.query(
        'SELECT pg_advisory_xact_lock($1, $2)',
        schemaLockKey(tableName('test', fresh, undefined)),
      );
      const calls = adapters.map((adapter) => adapter.ensureSchema());
      await waitUntil(
        'both ensureSchema calls wait for the lock',
        async () => (await lockWaiters(applicationName)) === 2,
      );
      await holder.query('COMMIT');
      await Promise.all(calls);

      const { rows } = await admin.query<{ indexdef: string }>(
        'SELECT indexdef FROM pg_indexes WHERE tablename = $1',
        [fresh],
      );
      expect(rows.map((row) => row.indexdef).sort()).toEqual([
        expect.stringMatching(/^CREATE INDEX .* \(user_id, created_at DESC\)$/),
        expect.stringMatching(/^CREATE UNIQUE INDEX .* \(id\)$/),
        expect.stringMatching(/^CREATE UNIQUE INDEX .* \(task_id\)$/),
      ]);
      const record = sampleEmailRecord();
      expect((await adapters[0]?.saveEmail(record))?.created).toBe(true);
    } finally {
      await holder.query('ROLLBACK').catch(() => {});
      holder.release();
      await Promise.all(adapters.map((adapter) => adapter.close()));
      await Promise.all(pools.map((pool) => pool.end()));
    }
  });

  it('lets four processes-worth of pools create a new table at once', async () => {
    const fresh = newTable('many');
    const adapters = [0, 1, 2, 3].map(() => postgresPersistence({ connectionString, table: fresh }));
    try {
      await Promise.all(adapters.map((adapter) => adapter.ensureSchema()));
      await Promise.all(adapters.map((adapter) => adapter.ensureSchema()));
      const results = await Promise.all(adapters.map((adapter) => adapter.saveEmail(sampleEmailRecord())));
      expect(results.every((result) => result.created)).toBe(true);
    } finally {
      await Promise.all(adapters.map((adapter) => adapter.close()));
    }
  });
});

describe('postgresPersistence lifecycle and options', () => {
  it('never ends a pool passed in, refuses use after close, and closes twice', async () => {
    const pool = new pg.Pool({ connectionString, max: 1 });
    const adapter = postgresPersistence({ pool, table });
    await adapter.saveEmail(sampleEmailRecord());
    await adapter.close();
    await adapter.close();
    expect((await pool.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    await expect(adapter.saveEmail(sampleEmailRecord())).rejects.toMatchObject({
      code: 'PERSISTENCE',
      retryable: false,
      message: expect.stringContaining('closed'),
    });
    await pool.end();
  });

  it('closes a connection after a failed operation instead of handing it back to the pool', async () => {
    // One connection, so "the next query's connection" is the one the failed operation used, or a new one.
    const pool = new pg.Pool({ connectionString, max: 1 });
    try {
      const backend = async () => (await pool.query('SELECT pg_backend_pid() AS pid')).rows[0].pid as number;
      const before = await backend();
      // A table never created: the query fails inside the adapter's use of the connection.
      const adapter = postgresPersistence({ pool, table: newTable('missing') });
      await expect(adapter.getEmailByTaskId('no-such-task')).rejects.toMatchObject({ code: 'PERSISTENCE' });
      expect(await backend()).not.toBe(before);
      await adapter.close();
    } finally {
      await pool.end();
    }
  });

  it('ends the pool it made from a connection string', async () => {
    const applicationName = `scribe_owned_${suffix}`;
    const adapter = postgresPersistence({
      connectionString: `${connectionString}?application_name=${applicationName}`,
      table,
    });
    const connections = async () =>
      Number(
        (
          await admin.query<{ count: string }>(
            'SELECT count(*) FROM pg_stat_activity WHERE application_name = $1',
            [applicationName],
          )
        ).rows[0]?.count,
      );
    await adapter.saveEmail(sampleEmailRecord());
    expect(await connections()).toBe(1);
    await adapter.close();
    // Well under pg's 10 s idle timeout, which would close a pool left open just as well.
    await waitUntil('the adapter’s connection is gone', async () => (await connections()) === 0, 3000);
  });

  it('creates its table in a schema of its own when asked', async () => {
    const schema = `scribe_schema_${suffix}`;
    const adapter = postgresPersistence({ pool: admin, table: 'emails', schema });
    try {
      await adapter.ensureSchema();
      const record = sampleEmailRecord();
      const { id } = await adapter.saveEmail(record);
      const { rows } = await admin.query(`SELECT id::text FROM "${schema}"."emails"`);
      expect(rows).toEqual([{ id }]);
      expect((await adapter.getEmailByTaskId(record.taskId))?.id).toBe(id);
    } finally {
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    }
  });

  it('adds the status column to a table made before emails had one; its rows read as finished', async () => {
    const old = newTable('old_schema');
    await admin.query(`CREATE TABLE "${old}" (id uuid PRIMARY KEY, task_id text NOT NULL UNIQUE, user_id text NOT NULL,
      recipient_name text NOT NULL, recipient_interest text NOT NULL, template_type text, email text NOT NULL,
      is_confident boolean NOT NULL, metadata jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`);
    await admin.query(
      `INSERT INTO "${old}" (id, task_id, user_id, recipient_name, recipient_interest, email, is_confident, metadata)
       VALUES ($1, 'old-task', 'u', 'Ada', 'engines', 'Dear Ada.', true, '{"warnings": []}')`,
      [randomUUID()],
    );
    const adapter = postgresPersistence({ pool: admin, table: old });
    await adapter.ensureSchema();
    expect(await adapter.getEmailByTaskId('old-task')).toMatchObject({
      status: 'finished',
      metadata: { claims: [], problems: [] },
    });
    const draft = sampleEmailRecord({ status: 'needs_review' });
    await adapter.saveEmail(draft);
    expect((await adapter.getEmailByTaskId(draft.taskId))?.status).toBe('needs_review');
  });

  it('gives hosts the schema as SQL for their own migrations', async () => {
    const fresh = newTable('migration');
    await admin.query(postgresSchemaSql({ table: fresh }));
    const adapter = postgresPersistence({ pool: admin, table: fresh });
    const record = sampleEmailRecord();
    const saved = await adapter.saveEmail(record);
    expect(await adapter.saveEmail(record)).toEqual({ id: saved.id, created: false });
  });

  it('refuses unsafe names and unusable options when built', () => {
    const attempts: [Record<string, unknown>, string][] = [
      [{ pool: admin, table: 'emails; DROP TABLE users' }, 'table'],
      [{ pool: admin, table: '"emails"' }, 'table'],
      [{ pool: admin, table: '1emails' }, 'table'],
      [{ pool: admin, table: 'e'.repeat(41) }, 'table'],
      [{ pool: admin, schema: 'public.x' }, 'schema'],
      [{}, 'pool'],
      [{ pool: admin, connectionString }, 'pool'],
      [{ pool: {} }, 'pool'],
      [{ connectionString: ' ' }, 'connectionString'],
      [{ connectionString, maxConnections: 0 }, 'maxConnections'],
      [{ connectionString, connectionTimeoutMs: Number.NaN }, 'connectionTimeoutMs'],
    ];
    for (const [options, option] of attempts) {
      const error = (() => {
        try {
          postgresPersistence(options as never);
          return undefined;
        } catch (caught) {
          return caught;
        }
      })();
      expect(ConfigurationError.isInstance(error), JSON.stringify(Object.keys(options))).toBe(true);
      expect((error as ConfigurationError).option).toBe(option);
    }
    expect(() => postgresPersistence({ pool: admin, table: 'Emails_2024', schema: '_scribe' })).not.toThrow();
  });
});

describe('postgresPersistence errors', () => {
  it('does not write when the signal fires while the insert is in flight', async () => {
    const pool = new pg.Pool({ connectionString, max: 1 });
    const held = holdAfterInsert(pool);
    const adapter = postgresPersistence({ pool: held.pool, table });
    const record = sampleEmailRecord();
    const controller = new AbortController();
    const save = adapter.saveEmail(record, { signal: controller.signal });
    await held.inserted;
    controller.abort(new Error('host stopped'));
    held.release();
    const error = await save.catch((caught: unknown) => caught);
    expect(PipelineAbortedError.isInstance(error)).toBe(true);
    expect(await rowsOf(table, record.taskId)).toEqual([]);
    // The connection went back to the pool usable: the next save on it works.
    expect((await postgresPersistence({ pool, table }).saveEmail(record)).created).toBe(true);
    await adapter.close();
    await pool.end();
  });

  it('reports a missing table as not retryable, with what to do', async () => {
    const adapter = postgresPersistence({ pool: admin, table: `scribe_missing_${suffix}` });
    const error = await adapter.saveEmail(sampleEmailRecord()).catch((caught: unknown) => caught);
    expect(PersistenceError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ operation: 'saveEmail', retryable: false, code: 'PERSISTENCE' });
    expect((error as Error).message).toMatch(/does not exist.*ensureSchema\(\)/);
    await expect(adapter.getEmailByTaskId('x')).rejects.toMatchObject({ retryable: false });
  });

  it('reports a missing permission as not retryable; ensureSchema needs none for what exists', async () => {
    const role = `scribe_reader_${suffix}`;
    await admin.query(`CREATE ROLE "${role}" LOGIN`);
    const url = new URL(connectionString);
    url.username = role;
    const adapter = postgresPersistence({ connectionString: url.toString(), table });
    const onNewTable = postgresPersistence({ connectionString: url.toString(), table: newTable('denied') });
    try {
      await expect(adapter.saveEmail(sampleEmailRecord())).rejects.toMatchObject({
        retryable: false,
        message: expect.stringContaining('permission denied'),
      });
      // A role that may not create tables can still start a worker whose table a migration made.
      await adapter.ensureSchema();
      await expect(onNewTable.ensureSchema()).rejects.toMatchObject({
        operation: 'ensureSchema',
        retryable: false,
        message: expect.stringContaining('permission denied'),
      });
    } finally {
      await Promise.all([adapter.close(), onNewTable.close()]);
      await admin.query(`DROP ROLE "${role}"`);
    }
  });

  it('reports data PostgreSQL refuses as not retryable', async () => {
    const adapter = postgresPersistence({ pool: admin, table });
    await expect(adapter.saveEmail(sampleEmailRecord({ email: 'nul \u0000 byte' }))).rejects.toMatchObject({
      code: 'PERSISTENCE',
      retryable: false,
    });
  });

  it('reports a server it cannot reach as retryable, and a database that does not exist as not', async () => {
    const unreachable = postgresPersistence({
      connectionString: 'postgres://postgres@127.0.0.1:1/test',
      table,
    });
    await expect(unreachable.saveEmail(sampleEmailRecord())).rejects.toMatchObject({
      code: 'PERSISTENCE',
      operation: 'saveEmail',
      retryable: true,
    });
    await unreachable.close();

    const url = new URL(connectionString);
    url.pathname = `/scribe_no_such_database_${suffix}`;
    const missing = postgresPersistence({ connectionString: url.toString(), table });
    await expect(missing.ensureSchema()).rejects.toMatchObject({
      operation: 'ensureSchema',
      retryable: false,
    });
    await missing.close();
  });

  it('classifies errors of pg by SQLSTATE and by connection failure', () => {
    const withCode = (code: string) => Object.assign(new Error(code), { code });
    for (const code of [
      '40001',
      '40P01',
      '55P03',
      '57014',
      '57P01',
      '57P03',
      '53300',
      '08006',
      '08001',
      '25006',
    ]) {
      expect(isRetryablePostgresError(withCode(code)), code).toBe(true);
    }
    for (const code of ['42P01', '42501', '28P01', '3D000', '22021', '23505', '23502', 'XX000']) {
      expect(isRetryablePostgresError(withCode(code)), code).toBe(false);
    }
    for (const code of [
      'ECONNREFUSED',
      'ECONNRESET',
      'EPIPE',
      'ECONNABORTED',
      'ETIMEDOUT',
      'EHOSTUNREACH',
      'ENETUNREACH',
      'EAI_AGAIN',
      'ENOTFOUND',
    ]) {
      expect(isRetryablePostgresError(withCode(code)), code).toBe(true);
    }
    expect(isRetryablePostgresError(withCode('ENOENT'))).toBe(false);
    const wrapped = new Error('query failed', { cause: withCode('ECONNRESET') });
    expect(isRetryablePostgresError(wrapped)).toBe(true);
    // A cause chain that loops back ends, and says no.
    const looped = withCode('EACCES');
    looped.cause = Object.assign(new Error('ENOENT', { cause: looped }), { code: 'ENOENT' });
    expect(isRetryablePostgresError(looped)).toBe(false);
    expect(isRetryablePostgresError(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isRetryablePostgresError(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isRetryablePostgresError(new AggregateError([withCode('ECONNREFUSED')]))).toBe(true);
    expect(isRetryablePostgresError(new TypeError('Cannot read properties of undefined'))).toBe(false);
  });
});
