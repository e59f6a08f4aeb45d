import { readFile } from 'node:fs/promises';
import type { CliIo } from './cli-io.js';
import { UsageError } from './usage-error.js';

/** Reads `--template`: a file, or standard input for `-`. Fails (exit 2) naming the flag. */
export async function readTemplate(value: string | undefined, io: Pick<CliIo, 'readStdin'>): Promise<string> {
  if (value === undefined || value.trim() === '') {
    throw new UsageError(
      '--template is required: a file holding the email template, or - for standard input',
      {
        field: '--template',
      },
    );
  }
  if (value === '-') return io.readStdin();
  try {
    return await readFile(value, 'utf8');
  } catch (error) {
    const reason =
      (error as { code?: string }).code ?? (error instanceof Error ? error.message : String(error));
    throw new UsageError(`--template: cannot read ${value} (${reason})`, {
      field: '--template',
      cause: error,
    });
  }
}
