import { sqlitePersistence } from '../../index.js';
import type { CliIo } from '../cli-io.js';
import type { Command } from '../command.js';
import { booleanFlag, type OptionSpecs, parseCommandLine, stringFlag } from '../options/command-line.js';
import { DEFAULT_DB_PATH } from '../options/run-options.js';
import { renderClaims } from '../output/claims-text.js';
import { summarizeStored } from '../output/email-summary.js';
import { formatCost } from '../output/format.js';
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
  json: { type: 'boolean', description: 'Print the saved email and all it rests on as JSON.' },
};

/** `scribe show TASK_ID`: one saved email, read back. */
export const showCommand: Command = {
  name: 'show',
  summary: 'Print a saved email by task id, with its status, claims, cost and warnings.',
  usage: 'scribe show <task-id> [--db <path>] [--json]',
  description: [
    'Prints the email on stdout and, on stderr, whether it is finished or needs review (and why), the claims it makes with their sources, what it cost and its warnings. --json prints all of it on stdout, in the shape generate --json uses.',
    'Exits 1 when the database has no email for the task.',
  ],
  options: OPTIONS,
  inputFields: {},
  run: async (args: readonly string[], io: CliIo): Promise<number> => {
    const line = parseCommandLine('show', args, OPTIONS, { maxPositionals: 1 });
    if (line.values.help === true) {
      io.stdout.write(renderCommandHelp(showCommand));
      return EXIT_CODES.ok;
    }
    const taskId = line.positionals[0];
    if (taskId === undefined)
      throw new UsageError('the task id is required: scribe show <task-id>', { field: '<task-id>' });
    const dbPath = existingDatabase(stringFlag(line, 'db') ?? DEFAULT_DB_PATH);
    const persistence = sqlitePersistence({ path: dbPath });
    try {
      const stored = await persistence.getEmailByTaskId(taskId);
      if (stored === undefined) {
        io.stderr.write(`scribe: no email for task ${taskId} in ${dbPath}\n`);
        return EXIT_CODES.failed;
      }
      const summary = summarizeStored(stored, dbPath);
      if (booleanFlag(line, 'json')) {
        io.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
        return EXIT_CODES.ok;
      }
      io.stdout.write(`${summary.email.trimEnd()}\n`);
      const notes = [
        `status: ${summary.status === 'finished' ? 'finished' : `NEEDS REVIEW: ${summary.problems.join('; ')}`}`,
        `saved as ${summary.emailId} on ${stored.createdAt} (task ${summary.taskId}, to ${summary.recipientName})`,
        ...(summary.cost === null
          ? []
          : [`cost: ${formatCost(summary.cost)}, at prices of ${summary.cost.pricesAsOf}`]),
        ...renderClaims(summary.claims).trimEnd().split('\n'),
        ...summary.warnings.map((warning) => `warning: ${warning.step}: ${warning.message}`),
      ];
      io.stderr.write(`\n${notes.join('\n')}\n`);
      return EXIT_CODES.ok;
    } finally {
      await persistence.close?.();
    }
  },
};
