import { UsageError } from '../usage-error.js';
import { parseCsv } from './parse-csv.js';

/** One row of a recipients file. */
export interface RecipientRow {
  /** The line the row starts on, for messages. */
  line: number;
  name: string;
  interest: string;
  /** From the `task_id` column; absent when the column is missing or the cell empty. */
  taskId?: string;
  /** From the `urls` column: pages to read instead of searching. */
  urls: string[];
  /** From the `affiliation` column: tells the recipient apart from namesakes in the paper sources. */
  affiliation?: string;
  /** From the `orcid` column. */
  orcid?: string;
  /** What is wrong with the row's shape (more fields than the header), found while reading it. */
  problem?: string;
}

const REQUIRED = ['name', 'interest'] as const;

/**
 * Reads a recipients CSV: a header row naming `name` and `interest`, and optionally `task_id`,
 * `urls` (pages separated by spaces or `|`), `affiliation` and `orcid`, in any order and case; other columns are left
 * alone, so a spreadsheet can keep its own. Fails (exit 2) naming the file and line.
 */
export function readRecipients(text: string, file: string): RecipientRow[] {
  let records: ReturnType<typeof parseCsv>;
  try {
    records = parseCsv(text);
  } catch (error) {
    throw new UsageError(`${file}: ${error instanceof Error ? error.message : String(error)}`, {
      field: file,
    });
  }
  const [header, ...rows] = records;
  if (header === undefined)
    throw new UsageError(`${file}: the file is empty; it needs a header row (name,interest)`);
  const columns = header.fields.map((column) => column.trim().toLowerCase());
  const missing = REQUIRED.filter((column) => !columns.includes(column));
  if (missing.length > 0) {
    throw new UsageError(
      `${file}: the header (line ${header.line}) has no ${missing.join(' or ')} column; it needs name,interest and may add task_id,urls`,
      { field: missing[0] },
    );
  }
  if (rows.length === 0) throw new UsageError(`${file}: no recipients below the header`);
  const at = (fields: readonly string[], column: string) => {
    const index = columns.indexOf(column);
    return index === -1 ? '' : (fields[index] ?? '').trim();
  };
  return rows.map(({ line, fields }) => {
    // Listed with the file's other problems by prepareTasks, not thrown on its own.
    const problem =
      fields.length > columns.length
        ? `${fields.length} fields but the header has ${columns.length}; quote fields that hold commas`
        : undefined;
    const taskId = at(fields, 'task_id');
    const affiliation = at(fields, 'affiliation');
    const orcid = at(fields, 'orcid');
    return {
      line,
      name: at(fields, 'name'),
      interest: at(fields, 'interest'),
      ...(taskId === '' ? {} : { taskId }),
      ...(affiliation === '' ? {} : { affiliation }),
      ...(orcid === '' ? {} : { orcid }),
      ...(problem === undefined ? {} : { problem }),
      urls: at(fields, 'urls')
        .split(/[\s|]+/)
        .filter((url) => url !== ''),
    };
  });
}
