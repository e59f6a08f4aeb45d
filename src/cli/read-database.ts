import { existsSync } from 'node:fs';
import { UsageError } from './usage-error.js';

/**
 * The SQLite file a reading command (`show`, `export`) reads: it must exist, since reading would
 * otherwise create an empty one and report nothing found.
 */
export function existingDatabase(dbPath: string): string {
  if (!existsSync(dbPath)) {
    throw new UsageError(`--db ${dbPath}: no such file (emails are saved there by generate and batch)`, {
      field: '--db',
    });
  }
  return dbPath;
}
