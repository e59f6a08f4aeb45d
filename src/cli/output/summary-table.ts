/**
 * How one batch task ended. `needs review`: its draft failed its checks and was saved marked so
 * (a re-run tries it again). `interrupted`: Ctrl-C stopped it while it ran (nothing saved; a
 * re-run finishes it). `not run`: the batch was interrupted before it started. `invalid`: the row
 * has a problem and `--skip-invalid` left it out (its `error` says which).
 */
export type TaskStatus =
  | 'done'
  | 'needs review'
  | 'skipped'
  | 'failed'
  | 'interrupted'
  | 'not run'
  | 'invalid';

/** One row of the batch summary. */
export interface TaskOutcome {
  taskId: string;
  /** The CSV line the recipient came from. */
  line: number;
  recipient: string;
  status: TaskStatus;
  seconds: number;
  warnings: number;
  /** The saved email's id (done, needs review, skipped). */
  emailId?: string;
  /** Why it failed. */
  error?: string;
  /** What its model calls cost in US dollars (done, needs review; skipped: as saved), when priced. */
  costUsd?: number;
}

const HEADERS = ['task', 'recipient', 'status', 'seconds', 'warnings', 'error'] as const;
// The table stays one line per row; --json has the whole message.
const MAX_ERROR_CHARS = 100;

function shortError(error: string | undefined): string {
  if (error === undefined) return '';
  // The row already names the task: keep the step and the reason.
  const short = error.replace(/^Pipeline for task \S+ stopped at step "([^"]+)": /, '$1: ');
  return short.length > MAX_ERROR_CHARS ? `${short.slice(0, MAX_ERROR_CHARS - 1)}…` : short;
}

/** The summary printed at the end of a batch: one aligned row per task, numbers right-aligned. */
export function renderSummaryTable(outcomes: readonly TaskOutcome[]): string {
  const rows = outcomes.map((outcome) => [
    outcome.taskId,
    outcome.recipient,
    outcome.status,
    outcome.seconds.toFixed(1),
    String(outcome.warnings),
    shortError(outcome.error),
  ]);
  const widths = HEADERS.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const numeric = (column: number) => column === 3 || column === 4;
  const format = (cells: readonly string[]) =>
    cells
      .map((cell, column) =>
        numeric(column) ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0),
      )
      .join('  ')
      .trimEnd();
  const counts = (['done', 'needs review', 'skipped', 'failed', 'interrupted', 'not run', 'invalid'] as const)
    .map((status) => [status, outcomes.filter((outcome) => outcome.status === status).length] as const)
    .filter(([, count]) => count > 0)
    .map(([status, count]) => `${count} ${status}`);
  const costs = outcomes.flatMap((outcome) =>
    outcome.costUsd === undefined || outcome.status === 'skipped' ? [] : [outcome.costUsd],
  );
  const spent =
    costs.length === 0 ? '' : `; model calls cost $${costs.reduce((sum, cost) => sum + cost, 0).toFixed(4)}`;
  return `${[format(HEADERS), ...rows.map(format)].join('\n')}\n\n${counts.join(', ')}${spent}\n`;
}
