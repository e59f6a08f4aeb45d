// Every shipped checkpoint store against the one contract, on real SQLite, PostgreSQL and Redis.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { memoryCheckpoints, sqliteCheckpoints } from '../../src/index.js';
import { postgresCheckpoints } from '../../src/persistence/postgres/index.js';
import { redisCheckpoints } from '../../src/queue/index.js';
import { checkpointConformanceCases } from '../../src/testing/index.js';

const directory = mkdtempSync(join(tmpdir(), 'scribe-checkpoints-'));
const connectionString = process.env.SCRIBE_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const table = `scribe_cp_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
const prefix = `scribe-test:${randomUUID()}:`;
let pool: pg.Pool;
let redis: Redis;

beforeAll(async () => {
  pool = new pg.Pool({ connectionString, max: 4 });
  await postgresCheckpoints({ pool, table }).ensureSchema();
  redis = new Redis(process.env.SCRIBE_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');
});

afterAll(async () => {
  await pool?.query(`DROP TABLE IF EXISTS "${table}"`);
  await pool?.end();
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  redis?.disconnect();
  rmSync(directory, { recursive: true, force: true });
});

const stores = {
  memory: () => memoryCheckpoints(),
  sqlite: () => sqliteCheckpoints({ path: join(directory, 'checkpoints.db') }),
  postgres: () => postgresCheckpoints({ pool, table }),
  redis: () => redisCheckpoints({ client: redis, prefix }),
};

describe.each(Object.entries(stores))('%s checkpoints keep the contract', (_name, createStore) => {
  it.each(
    checkpointConformanceCases.map((conformanceCase) => [conformanceCase.name, conformanceCase] as const),
  )('%s', async (_case, conformanceCase) => {
    await conformanceCase.run(createStore);
  });
});
