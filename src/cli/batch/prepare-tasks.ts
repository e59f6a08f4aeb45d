import {
  ConfigurationError,
  InputValidationError,
  type PipelineInput,
  parsePipelineInput,
} from '../../index.js';
import { type SearchProvider, staticUrls } from '../../search/index.js';
import { oneLine } from '../output/format.js';
import { UsageError } from '../usage-error.js';
import type { RecipientRow } from './recipients.js';
import { stableTaskId } from './task-id.js';

/** Where each pipeline input comes from in a batch: a column, or a flag shared by every row. */
export const BATCH_INPUT_FIELDS = {
  taskId: 'task_id',
  userId: '--user-id',
  emailTemplate: '--template',
  recipientName: 'name',
  recipientInterest: 'interest',
  recipientAffiliation: 'affiliation',
  recipientOrcid: 'orcid',
} as const;

/** One recipient, checked and ready to run. */
export interface BatchTask {
  row: RecipientRow;
  input: PipelineInput;
  /** The row's own pages (its `urls` column); undefined means the batch's search provider. */
  search?: SearchProvider;
}

/** A row left out by `--skip-invalid`, and why. */
export interface InvalidRow {
  row: RecipientRow;
  problems: string[];
}

/**
 * Turns rows into tasks and checks all of them before any runs: every bad cell, every unusable
 * URL, every row wider than the header and every repeated task is listed in one `UsageError` (exit 2), so a batch never stops
 * half-way for a typo on its last line. With `skipInvalid`, rows with problems are returned
 * apart instead and the good ones run; a problem with a flag (the template, say) is every row's,
 * so it still stops the batch.
 */
export function prepareTasks(
  rows: readonly RecipientRow[],
  {
    template,
    userId,
    file,
    skipInvalid = false,
  }: { template: string; userId: string; file: string; skipInvalid?: boolean },
): { tasks: BatchTask[]; invalid: InvalidRow[] } {
  const problems = new Set<string>();
  const rowProblems = new Map<RecipientRow, string[]>();
  const flagProblems = new Set<string>();
  const addRowProblem = (row: RecipientRow, text: string) => {
    problems.add(`line ${row.line}: ${text}`);
    rowProblems.set(row, [...(rowProblems.get(row) ?? []), text]);
  };
  const firstLineOf = new Map<string, number>();
  const tasks: BatchTask[] = [];
  for (const row of rows) {
    const taskId = row.taskId ?? stableTaskId({ template, name: row.name, interest: row.interest });
    // Its cells are likely in the wrong columns: checking them would only add noise.
    if (row.problem !== undefined) {
      addRowProblem(row, row.problem);
      continue;
    }
    const earlier = firstLineOf.get(taskId);
    if (earlier !== undefined) {
      addRowProblem(row, `the same task as line ${earlier} (task id ${taskId})`);
      continue;
    }
    firstLineOf.set(taskId, row.line);
    let input: PipelineInput;
    try {
      input = parsePipelineInput({
        taskId,
        userId,
        emailTemplate: template,
        recipientName: row.name,
        recipientInterest: row.interest,
        ...(row.affiliation ? { recipientAffiliation: row.affiliation } : {}),
        ...(row.orcid ? { recipientOrcid: row.orcid } : {}),
      });
    } catch (error) {
      if (!InputValidationError.isInstance(error)) throw error;
      for (const issue of error.issues) {
        const field = BATCH_INPUT_FIELDS[issue.path as keyof typeof BATCH_INPUT_FIELDS] ?? issue.path;
        // A flag's problem is the same on every row: say it once.
        if (field.startsWith('--')) {
          problems.add(`${field}: ${issue.message}`);
          flagProblems.add(`${field}: ${issue.message}`);
        } else addRowProblem(row, `${field}: ${issue.message}`);
      }
      continue;
    }
    let search: SearchProvider | undefined;
    if (row.urls.length > 0) {
      try {
        search = staticUrls(row.urls);
      } catch (error) {
        if (!ConfigurationError.isInstance(error)) throw error;
        addRowProblem(row, `urls: ${oneLine(error.message)}`);
        continue;
      }
    }
    tasks.push({ row, input, ...(search === undefined ? {} : { search }) });
  }
  if (problems.size > 0 && (!skipInvalid || flagProblems.size > 0 || tasks.length === 0)) {
    const list = [...problems];
    throw new UsageError(
      `${file}: ${list.length === 1 ? 'a problem' : `${list.length} problems`}: ${list.join('; ')}`,
      {
        field: file,
      },
    );
  }
  return { tasks, invalid: [...rowProblems].map(([row, list]) => ({ row, problems: list })) };
}
