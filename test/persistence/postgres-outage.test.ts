// The PostgreSQL adapter when the database misbehaves, on the machine's real server: a backend
// terminated mid-save, a save blocked on a lock, two processes creating tables of one new schema.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PersistenceError } from '../../src/index.js';
import { type PostgresPool, postgresPersistence } from '../../src/persistence/postgres/index.js';
import { sampleEmailRecord } from '../../src/testing/index.js';
import { deferred } from '../helpers/pipeline.js';

const connectionString = process.env.SCRIBE_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const suffix = randomUUID().replaceAll('-', '').slice(0, 12);
const table = `scribe_outage_${suffix}`;
const schemaName = `scribe_outage_schema_${suffix}`;
let admin: pg.Pool;

beforeAll(async () => {
  admin = new pg.Pool({ connectionString, max: 4 });
  await postgresPersistence({ pool: admin, table }).ensureSchema();
});

afterAll(async () => {
  await admin.query(`DROP TABLE IF EXISTS "${table}"`);
  await admin.query(`DROP SCHEMA IF EXISTS "${schemaName}" CASCADE`);
  await admin.end();
});

/** Polls PostgreSQL until `condition` holds: for states another connection reaches (lock waits). */
async function waitUntil(what: string, condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function lockWaiters(applicationName: string): Promise<number[]> {
  const { rows } = await admin.query<{ pid: number }>(
    "SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'",
    [applicationName],
  );
  return rows.map((row) => row.pid);
}

/**
 * Inserts a task's row in a transaction left open: a save of the same task waits on it.
 * `release` rolls it back.
 */
async function blockTask(taskId: string) {
  const holder = await admin.connect();
  await holder.query('BEGIN');
  await holder.query(
    `INSERT INTO "${table}" (id, task_id, user_id, recipient_name, recipient_interest, template_type, email, is_confident, metadata)
     VALUES ($1, $2, 'u', 'r', 'i', NULL, 'e', false, '{}')`,
    [randomUUID(), taskId],
  );
  let released = false;
  return {
    release: async () => {
      if (released) return;
      released = true;
      await holder.query('ROLLBACK').catch(() => {});
      holder.release();
    },
  };
}

/**
 * A host's pool that hands out its real clients, and remembers them and how each was given back:
 * `true` or an error asks the pool to close the connection, nothing to keep it.
 */
function watchedPool(applicationName: string) {
  const pool = new pg.Pool({ connectionString, max: 2, application_name: applicationName });
  const clients: pg.PoolClient[] = [];
  const releases: (Error | boolean | undefined)[] = [];
  const wrapped: PostgresPool = {
    connect: async () => {
      const client = await pool.connect();
      clients.push(client);
      const release = client.release.bind(client);
      client.release = (destroy?: Error | boolean) => {
        releases.push(destroy);
        release(destroy);
      };
      return client;
    },
  };
  return { pool, wrapped, clients, releases };
}

/** Whether a release asked the pool to close the connection rather than keep it. */
const closesConnection = (destroy: Error | boolean | undefined) =>
  destroy === true || destroy instanceof Error;

describe('postgresPersistence when the connection is lost mid-save', () => {
  it('with a pool passed in: rejects with a retryable error and the process lives on', async () => {
    const applicationName = `scribe_lost_host_${suffix}`;
    const { pool, wrapped, clients, releases } = watchedPool(applicationName);
    const adapter = postgresPersistence({ pool: wrapped, table });
    const record = sampleEmailRecord({ taskId: `lost-host-${suffix}` });
    const blocker = await blockTask(record.taskId);
    try {
      const save = adapter.saveEmail(record);
      save.catch(() => {});
      await waitUntil(
        'the save waits on the lock',
        async () => (await lockWaiters(applicationName)).length === 1,
      );
      const [pid] = await lockWaiters(applicationName);
      const client = clients.at(-1);
      if (client === undefined) throw new Error('no client was checked out');
      // Not events.once: it listens for 'error' too, which would hide what this test is about.
      const ended = new Promise((resolve) => client.once('end', resolve));
      await admin.query('SELECT pg_terminate_backend($1)', [pid]);

      const error = await save.catch((caught: unknown) => caught);
      expect(PersistenceError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ operation: 'saveEmail', retryable: true });
      // The broken client was given back to be closed: pg-pool would also drop it by itself, as
      // its connection no longer answers, but a host's pool need not check.
      expect(releases).toHaveLength(1);
      expect(closesConnection(releases[0])).toBe(true);
      // The connection's own end comes after the query's rejection: pg emits 'error' on the
      // client then, which ends the process unless someone listens.
      await ended;

      await blocker.release();
      expect(await adapter.saveEmail(record)).toMatchObject({ created: true });
    } finally {
      await blocker.release();
      await adapter.close();
      await pool.end();
    }
  });

  it('with a pool of its own: rejects with a retryable error, then saves on the next attempt', async () => {
    const applicationName = `scribe_lost_own_${suffix}`;
    const adapter = postgresPersistence({
      connectionString: `${connectionString}?application_name=${applicationName}`,
      table,
    });
    const record = sampleEmailRecord({ taskId: `lost-own-${suffix}` });
    const blocker = await blockTask(record.taskId);
    try {
      const save = adapter.saveEmail(record);
      save.catch(() => {});
      await waitUntil(
        'the save waits on the lock',
        async () => (await lockWaiters(applicationName)).length === 1,
      );
      await admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1',
        [applicationName],
      );
      await expect(save).rejects.toMatchObject({ operation: 'saveEmail', retryable: true });
      await waitUntil(
        'the terminated backend is gone',
        async () =>
          (await admin.query('SELECT 1 FROM pg_stat_activity WHERE application_name = $1', [applicationName]))
            .rowCount === 0,
      );
      await blocker.release();
      expect(await adapter.saveEmail(record)).toMatchObject({ created: true });
    } finally {
      await blocker.release();
      await adapter.close();
    }
  });
});

describe('postgresPersistence statement timeout', () => {
  it.each([
    ['a pool passed in', 'host'],
    ['a pool of its own', 'own'],
  ] as const)(
    'ends a save blocked on a lock with a retryable error, with %s',
    async (_label, kind) => {
      const { pool, wrapped, releases } = watchedPool(`scribe_timeout_${suffix}`);
      const adapter =
        kind === 'host'
          ? postgresPersistence({ pool: wrapped, table, statementTimeoutMs: 200 })
          : postgresPersistence({ connectionString, table, statementTimeoutMs: 200 });
      const record = sampleEmailRecord({ taskId: `timeout-${kind}-${suffix}` });
      const blocker = await blockTask(record.taskId);
      try {
        const error = await adapter.saveEmail(record).catch((caught: unknown) => caught);
        expect(PersistenceError.isInstance(error)).toBe(true);
        expect(error).toMatchObject({ operation: 'saveEmail', retryable: true });
        expect((error as Error).message).toMatch(/statement timeout.*statementTimeoutMs is 200/);
        expect((error as Error & { cause: { code: string } }).cause.code).toBe('57014');
        if (kind === 'host') {
          // A client whose work failed is closed, not handed to the next job: its connection may
          // be mid-transaction. pg-pool keeps one that still answers unless told otherwise.
          expect(releases.map(closesConnection)).toEqual([true]);
          expect(pool.totalCount).toBe(0);
        }
      } finally {
        await blocker.release();
        await adapter.close();
        await pool.end();
      }
    },
    20_000,
  );

  it('refuses a statement timeout that is not a positive integer', () => {
    expect(() => postgresPersistence({ connectionString, table, statementTimeoutMs: 0 })).toThrow(
      /statementTimeoutMs/,
    );
    expect(() => postgresPersistence({ connectionString, table, statementTimeoutMs: 1.5 })).toThrow(
      /statementTimeoutMs/,
    );
  });
});

describe('postgresPersistence ensureSchema in one new schema', () => {
  it('lets two processes create two tables of one new schema at once', async () => {
    // The first call parks right after CREATE SCHEMA, its transaction open; the second then
    // arrives and must wait for it on the schema's lock, not fail on pg_namespace's unique index.
    const parked = deferred();
    const resume = deferred();
    const pids: number[] = [];
    const pools = [0, 1].map(() => new pg.Pool({ connectionString, max: 1 }));
    const wrappedPool = (pool: pg.Pool, index: number): PostgresPool => ({
      connect: async () => {
        const client = await pool.connect();
        const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
        pids[index] = rows[0]?.pid ?? -1;
        return {
          query: async (text: string, values?: unknown[]) => {
            const result = await client.query(text, values);
            if (index === 0 && text.startsWith('CREATE SCHEMA')) {
              parked.resolve();
              await resume.promise;
            }
            return result;
          },
          release: (destroy?: Error | boolean) => client.release(destroy),
        };
      },
    });
    const adapters = pools.map((pool, index) =>
      postgresPersistence({
        pool: wrappedPool(pool, index),
        table: `t${index}_${suffix}`,
        schema: schemaName,
      }),
    );
    try {
      const first = adapters[0]?.ensureSchema();
      await parked.promise;
      const second = adapters[1]?.ensureSchema();
      second?.catch(() => {});
      await waitUntil('the second call waits for the first', async () => {
        if (pids[1] === undefined) return false;
        const { rows } = await admin.query<{ blocked: boolean }>(
          'SELECT $1::int = ANY(pg_blocking_pids($2::int)) AS blocked',
          [pids[0], pids[1]],
        );
        return rows[0]?.blocked === true;
      });
      resume.resolve();
      await first;
      await second;
      const { rows } = await admin.query<{ tablename: string }>(
        'SELECT tablename FROM pg_tables WHERE schemaname = $1 ORDER BY tablename',
        [schemaName],
      );
      expect(rows.map((row) => row.tablename)).toEqual([`t0_${suffix}`, `t1_${suffix}`]);
    } finally {
      resume.resolve();
      await Promise.all(adapters.map((adapter) => adapter.close()));
      await Promise.all(pools.map((pool) => pool.end()));
    }
  });
});
