import { PersistenceError } from '../../core/errors/persistence-error.js';
import { isTransientError } from '../../core/errors/transient.js';

// SQLSTATEs a later attempt can get past: the server is restarting, failing over or overloaded,
// or this transaction lost a race. Everything else (a missing table, a missing permission, a
// wrong password, data PostgreSQL refuses) fails the same way again, and since a save comes at
// the end of a run, each retry would pay for every model call once more.
const RETRYABLE_SQLSTATES = new Set([
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  '55P03', // lock_not_available (lock_timeout)
  '57014', // query_canceled (statement_timeout)
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, or in recovery)
  '53200', // out_of_memory
  '53300', // too_many_connections
  '25006', // read_only_sql_transaction: a failover sent us to a replica that is being promoted
  '58000', // system_error
  '58030', // io_error
]);

// Socket and DNS failures before PostgreSQL said anything are isTransientError's list; this
// adapter has also always retried a host name that does not resolve, which that list leaves out.
const UNRESOLVED_HOST = 'ENOTFOUND';

// What `pg` throws, without a code, when a connection dies or cannot be had in time.
const CONNECTION_LOST =
  /connection terminated|timeout exceeded when trying to connect|not queryable|connection error|query read timeout/i;

/** The SQLSTATE of an error PostgreSQL sent, or undefined for any other error. */
export function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  // A socket code such as EPIPE has the same shape as a SQLSTATE; it is not one.
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code) || isTransientError({ code })) return undefined;
  return code;
}

/**
 * Whether an error from `pg` is worth another attempt: connection failures (class 08, socket
 * errors, a pool that cannot connect in time), serialization failures and deadlocks, lock and
 * statement timeouts, a server shutting down, starting or out of connections. Not retryable:
 * everything else, notably a missing table (42P01), a missing permission (42501), failed
 * authentication (28xxx) and invalid data (22xxx).
 *
 * @example
 * ```ts
 * if (isRetryablePostgresError(error)) await requeue(task);
 * ```
 */
export function isRetryablePostgresError(error: unknown): boolean {
  const state = sqlState(error);
  if (state !== undefined) return state.startsWith('08') || RETRYABLE_SQLSTATES.has(state);
  return isConnectionFailure(error, new Set());
}

function isConnectionFailure(error: unknown, seen: Set<unknown>): boolean {
  if (error == null || typeof error !== 'object' || seen.has(error)) return false;
  seen.add(error);
  const { code, message, errors, cause } = error as {
    code?: unknown;
    message?: unknown;
    errors?: unknown;
    cause?: unknown;
  };
  // Asked about the code alone: walking causes, AggregateErrors and loops stays this function's job.
  if (typeof code === 'string' && (code === UNRESOLVED_HOST || isTransientError({ code }))) return true;
  if (typeof message === 'string' && CONNECTION_LOST.test(message)) return true;
  // Connecting to `localhost` tries each address and reports an AggregateError of their failures.
  if (Array.isArray(errors) && errors.some((inner) => isConnectionFailure(inner, seen))) return true;
  return isConnectionFailure(cause, seen);
}

/** Wraps an error from `pg` in a `PersistenceError` whose `retryable` follows the rules above. */
export function toPersistenceError({
  operation,
  taskId,
  error,
  table,
  statementTimeoutMs,
}: {
  operation: string;
  taskId?: string;
  error: unknown;
  /** The quoted table name, for the hint when it is missing. */
  table: string;
  /** The adapter's statement timeout, for the hint when a statement ran past it. */
  statementTimeoutMs?: number;
}): PersistenceError {
  const reason = error instanceof Error ? error.message : String(error);
  const state = sqlState(error);
  const message =
    state === '42P01'
      ? `${reason} (create the table ${table} with ensureSchema() or the SQL from postgresSchemaSql())`
      : state === '57014' && /statement timeout/i.test(reason) && statementTimeoutMs !== undefined
        ? `${reason} (statementTimeoutMs is ${statementTimeoutMs}; a lock held elsewhere or an overloaded server)`
        : reason;
  return new PersistenceError({
    operation,
    taskId,
    message,
    cause: error,
    retryable: isRetryablePostgresError(error),
  });
}
