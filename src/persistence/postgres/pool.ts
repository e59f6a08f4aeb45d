/**
 * What the adapter needs of a connection checked out of a pool. `pg`'s `PoolClient` has it; so
 * do drivers that copy `pg`'s API. Typed here, not imported, so a host passing its own pool does
 * not need `pg`'s types.
 */
export interface PostgresPoolClient {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
  /** Returns the connection to the pool; with an error or `true`, closes it instead. */
  release(destroy?: Error | boolean): void;
}

/** What the adapter needs of a pool: `pg`'s `Pool` has it. */
export interface PostgresPool {
  connect(): Promise<PostgresPoolClient>;
}

/** A pool the adapter made, and so must end. */
export interface OwnedPool extends PostgresPool {
  end(): Promise<void>;
}

/**
 * Makes a `pg` pool, loading `pg` only now: a host that passes its own pool, or never uses this
 * adapter, does not need `pg` installed.
 */
export async function createOwnedPool({
  connectionString,
  maxConnections,
  connectionTimeoutMs,
}: {
  connectionString: string;
  maxConnections: number;
  connectionTimeoutMs: number;
}): Promise<OwnedPool> {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({
    connectionString,
    max: maxConnections,
    // pg's default is to wait forever for a connection; a worker would then hang instead of
    // failing with a retryable error.
    connectionTimeoutMillis: connectionTimeoutMs,
  });
  // An idle connection that breaks (the server restarts) is an 'error' event; unhandled, it would
  // end the process. pg has already dropped that connection, and the next query reports any real
  // outage as a retryable PersistenceError.
  pool.on('error', () => {});
  return pool;
}
