/**
 * PostgreSQL persistence and checkpoints (needs the optional peer `pg`).
 *
 * @module scribe-pipeline/postgres
 */
export type { PostgresPool, PostgresPoolClient } from './pool.js';
export {
  type PostgresCheckpoints,
  type PostgresCheckpointsOptions,
  postgresCheckpoints,
} from './postgres-checkpoints.js';
export { isRetryablePostgresError } from './postgres-error.js';
export {
  type PostgresPersistence,
  type PostgresPersistenceOptions,
  type PostgresPersistenceWithConnectionString,
  type PostgresPersistenceWithPool,
  postgresPersistence,
} from './postgres-persistence.js';
export { postgresSchemaSql } from './schema.js';
