import { stringify } from 'csv-stringify/sync';
import { type StoredEmail, sqlitePersistence } from '../../index.js';
import type { CliIo } from '../cli-io.js';
import type { Command } from '../command.js';
import { type OptionSpecs, parseCommandLine, stringFlag } from '../options/command-line.js';
import { DEFAULT_DB_PATH } from '../options/run-options.js';
import { renderCommandHelp } from '../output/help.js';
import { EXIT_CODES } from '../output/report-error.js';
import { existingDatabase } from '../read-database.js';
import { UsageError } from '../usage-error.js';

const OPTIONS: OptionSpecs = {
  db: {
    type: 'string',
    value: '<path>',
    description: `The SQLite file to read. Default ${DEFAULT_DB_PATH}.`,
  },
  format: {
    type: 'string',
    value: '<jsonl|csv>',
    description: 'One JSON object per line, or CSV with a header row. Default jsonl.',
  },
};

const CSV_COLUMNS = [
  'task_id',
  'id',
  'created_at',
  'status',
  'user_id',
  'recipient_name',
  'recipient_interest',
  'template_type',
  'is_confident',
  'cost_usd',
  'warnings',
  'problems',
  'claims',
  'email',
] as const;

/** One email as an export row: the record, flattened for a spreadsheet. */
function csvRow(email: StoredEmail): Record<(typeof CSV_COLUMNS)[number], string> {
  const { metadata } = email;
  return {
    task_id: email.taskId,
    id: email.id,
    created_at: email.createdAt,
    status: email.status,
    user_id: email.userId,
    recipient_name: email.recipientName,
    recipient_interest: email.recipientInterest,
    template_type: email.templateType ?? '',
    is_confident: String(email.isConfident),
    cost_usd: metadata.cost === undefined ? '' : metadata.cost.total.toFixed(6),
    warnings: metadata.warnings.map((warning) => `${warning.step}: ${warning.message}`).join('\n'),
    problems: metadata.problems.join('\n'),
    claims: metadata.claims
      .map((claim) => `${claim.text} [${claim.sources.map((source) => source.url).join(' ')}]`)
      .join('\n'),
    email: email.email,
  };
}

/** `scribe export`: every saved email of a database, as JSONL or CSV. */
export const exportCommand: Command = {
  name: 'export',
  summary: 'Print every saved email of a database as JSONL or CSV (status, claims, cost, warnings).',
  usage: 'scribe export [--db <path>] [--format jsonl|csv]',
  description: [
    'Prints the saved emails, oldest first, on stdout: finished ones and drafts that need review alike (see status). JSONL carries each whole record (metadata included); CSV flattens it to one row per email, with claims, problems and warnings one per line inside their cells.',
  ],
  options: OPTIONS,
  inputFields: {},
  run: async (args: readonly string[], io: CliIo): Promise<number> => {
    const line = parseCommandLine('export', args, OPTIONS);
    if (line.values.help === true) {
      io.stdout.write(renderCommandHelp(exportCommand));
      return EXIT_CODES.ok;
    }
    const format = stringFlag(line, 'format') ?? 'jsonl';
    if (format !== 'jsonl' && format !== 'csv') {
      throw new UsageError(`--format must be jsonl or csv, got "${format}"`, { field: '--format' });
    }
    const dbPath = existingDatabase(stringFlag(line, 'db') ?? DEFAULT_DB_PATH);
    const persistence = sqlitePersistence({ path: dbPath });
    try {
      const emails = await persistence.listEmails();
      io.stdout.write(
        format === 'jsonl'
          ? emails.map((email) => `${JSON.stringify(email)}\n`).join('')
          : stringify(emails.map(csvRow), { header: true, columns: [...CSV_COLUMNS] }),
      );
      return EXIT_CODES.ok;
    } finally {
      await persistence.close();
    }
  },
};
