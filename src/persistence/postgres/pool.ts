import { PipelineAbortedError } from '../../core/errors/pipeline-aborted-error.js';
import { importOptionalPeer } from '../../core/optional-peer.js';
/**
 * What the adapter needs of a connection checked out of a pool. `pg`'s `PoolClient` has it; so
 * do drivers that copy `pg`'s API. Typed here, not imported, so a host passing its own pool does
 * not need `pg`'s types.
 */
export interface PostgresPoolClient {
  /** Runs one statement with its parameters, as `pg` does. */
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
  /** Returns the connection to the pool; with an error or `true`, closes it instead. */
  release(destroy?: Error | boolean): void;
  /**
   * `pg`'s clients are event emitters. A checked-out client whose connection breaks emits
   * `'error'`, and pg-pool listens only while the client is idle, so the adapter listens while
   * it holds one: without a listener Node ends the process.
   */
  on?(event: 'error', listener: (error: Error) => void): unknown;
  /** Removes the `'error'` listener the adapter adds while it holds the client. */
  removeListener?(event: 'error', listener: (error: Error) => void): unknown;
}

/** What the adapter needs of a pool: `pg`'s `Pool` has it. */
export interface PostgresPool {
  /** Checks a client out of the pool, as `pg.Pool#connect` does. */
  connect(): Promise<PostgresPoolClient>;
}

// How much longer the client waits than the server's statement timeout before giving up itself.
const CLIENT_GRACE_MS = 5000;

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
  statementTimeoutMs,
}: {
  connectionString: string;
  maxConnections: number;
  connectionTimeoutMs: number;
  statementTimeoutMs: number;
}): Promise<OwnedPool> {
  const { default: pg } = await importOptionalPeer(() => import('pg'), {
    name: 'pg',
    entry: 'scribe-pipeline/postgres',
  });
  const pool = new pg.Pool({
    connectionString,
    max: maxConnections,
    // pg's default is to wait forever for a connection; a worker would then hang instead of
    // failing with a retryable error.
    connectionTimeoutMillis: connectionTimeoutMs,
    // The server cancels a statement past this (57014, retryable); the client gives up a little
    // later, for a server that stopped answering at all (a dead network path sends no error).
    statement_timeout: statementTimeoutMs,
    query_timeout: statementTimeoutMs + CLIENT_GRACE_MS,
  });
  // An idle connection that breaks (the server restarts) is an 'error' event; unhandled, it would
  // end the process. pg has already dropped that connection, and the next query reports any real
  // outage as a retryable PersistenceError.
  pool.on('error', () => {});
  return pool;
}

/**
 * Runs `use` with a checked-out client and gives the client back: to the pool after success (or
 * an abort on a healthy connection), destroyed after any other failure, since the connection may
 * be mid-protocol or mid-transaction (a rollback can fail too) and handing it on could cost the
 * next job. Rethrows what `use` threw.
 *
 * pg-pool stops listening for a client's 'error' while it is checked out; a connection lost
 * mid-query (the server restarts, pg_terminate_backend, a reset socket) then emits one, and an
 * unheard 'error' ends the process. So this listens while it holds the client. The query itself
 * rejects too, and that rejection is what the caller sees. The listener stays on a destroyed
 * client, which may still emit while it ends.
 */
export async function useClient<T>(
  client: PostgresPoolClient,
  use: (client: PostgresPoolClient) => Promise<T>,
): Promise<T> {
  let lost: Error | undefined;
  const onError = (error: Error) => {
    lost ??= error;
  };
  client.on?.('error', onError);
  try {
    const result = await use(client);
    client.removeListener?.('error', onError);
    client.release();
    return result;
  } catch (error) {
    if (PipelineAbortedError.isInstance(error) && lost === undefined) {
      client.removeListener?.('error', onError);
      client.release();
    } else {
      client.release(true);
    }
    throw error;
  }
}
