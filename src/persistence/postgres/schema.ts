import { ConfigurationError } from '../../core/errors/configuration-error.js';

// Letters, digits and underscores only, so a name can be quoted safely by wrapping it in double
// quotes. 40 characters leaves room for the suffixes of derived names (`_user_id_created_at_idx`)
// under PostgreSQL's 63-byte limit, past which it truncates names silently.
const IDENTIFIER = /^[a-z_][a-z0-9_]{0,39}$/i;

/** A table's validated name, unquoted and quoted. */
export interface TableName {
  table: string;
  schema: string | undefined;
  /** `"schema"."table"` or `"table"`: safe to put in SQL. */
  qualified: string;
}

/**
 * Validates the table and schema names and quotes them.
 *
 * @throws ConfigurationError naming the option, for anything but letters, digits and underscores.
 */
export function tableName(component: string, table: string, schema: string | undefined): TableName {
  checkIdentifier(component, 'table', table);
  if (schema !== undefined) checkIdentifier(component, 'schema', schema);
  const quotedTable = `"${table}"`;
  return { table, schema, qualified: schema === undefined ? quotedTable : `"${schema}".${quotedTable}` };
}

function checkIdentifier(component: string, option: string, value: unknown): void {
  if (typeof value !== 'string' || !IDENTIFIER.test(value)) {
    throw new ConfigurationError({
      component,
      option,
      message: `must be 1 to 40 letters, digits and underscores, not starting with a digit, got ${JSON.stringify(value)}`,
    });
  }
}

/** One object `ensureSchema` makes: how to tell it exists, and the idempotent SQL that creates it. */
export interface SchemaObject {
  kind: 'schema' | 'relation' | 'column';
  /** The schema's name, or the relation's quoted, possibly qualified name (for `to_regclass`). */
  name: string;
  /** For a column: its name in the relation `name`. */
  column?: string;
  sql: string;
}

/**
 * The schema (when named), the table and its index. `task_id` is UNIQUE: the whole idempotency
 * of saves rests on it.
 */
export function schemaObjects({ table, schema, qualified }: TableName): SchemaObject[] {
  const inSchema = (relation: string) =>
    schema === undefined ? `"${relation}"` : `"${schema}"."${relation}"`;
  const index = `${table}_user_id_created_at_idx`;
  return [
    ...(schema === undefined
      ? []
      : [{ kind: 'schema' as const, name: schema, sql: `CREATE SCHEMA IF NOT EXISTS "${schema}"` }]),
    {
      kind: 'relation',
      name: qualified,
      sql: `CREATE TABLE IF NOT EXISTS ${qualified} (
  id uuid PRIMARY KEY,
  task_id text NOT NULL,
  user_id text NOT NULL,
  recipient_name text NOT NULL,
  recipient_interest text NOT NULL,
  template_type text,
  email text NOT NULL,
  status text NOT NULL DEFAULT 'finished',
  is_confident boolean NOT NULL,
  metadata jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT "${table}_task_id_key" UNIQUE (task_id)
)`,
    },
    // Tables made before emails had a status hold finished emails only.
    {
      kind: 'column',
      name: qualified,
      column: 'status',
      sql: `ALTER TABLE ${qualified} ADD COLUMN IF NOT EXISTS status text NOT NULL DEFAULT 'finished'`,
    },
    // A user's emails, newest first: the query a host's history page makes.
    {
      kind: 'relation',
      name: inSchema(index),
      sql: `CREATE INDEX IF NOT EXISTS "${index}" ON ${qualified} (user_id, created_at DESC)`,
    },
  ];
}

// First half of the advisory lock key: the same for every scribe table, so the lock cannot be
// confused with a host's own advisory locks keyed by one bigint.
const LOCK_NAMESPACE = 0x5c21be;

/**
 * The advisory lock `ensureSchema` holds while it creates the table: two processes creating it
 * at once can otherwise both pass `IF NOT EXISTS` and one fail on the catalog's unique index.
 * Keyed by the schema when one is named, since two tables of one new schema both create it
 * (`pg_namespace`'s unique index then refuses the second); by the table otherwise, so tables of
 * the default schema do not wait for each other.
 */
export function schemaLockKey({ qualified, schema }: TableName): [number, number] {
  const key = schema === undefined ? qualified : `schema:"${schema}"`;
  // FNV-1a, 32 bits, as a signed integer (the lock function takes two int4).
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(key, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193);
  }
  return [LOCK_NAMESPACE, hash | 0];
}

/**
 * The SQL `ensureSchema()` runs, for hosts who create tables in their own migrations (and whose
 * runtime database role may not create tables).
 *
 * @example
 * ```ts
 * await fs.writeFile('migrations/001_scribe_emails.sql', postgresSchemaSql({ table: 'emails' }));
 * ```
 */
export function postgresSchemaSql({
  table = 'scribe_emails',
  schema,
}: {
  table?: string;
  schema?: string;
} = {}): string {
  return schemaObjects(tableName('postgresSchemaSql', table, schema))
    .map((object) => `${object.sql};\n`)
    .join('\n');
}
