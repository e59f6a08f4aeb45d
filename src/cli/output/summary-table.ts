/**
 * How one batch task ended. `needs review`: its draft failed its checks and was saved marked so
 * (a re-run tries it again). `interrupted`: Ctrl-C stopped it while it ran (nothing saved; a
 * re-run finishes it). `not run`: the batch was interrupted before it started.
 */
export type TaskStatus = 'done' | 'needs review' | 'skipped' | 'failed' | 'interrupted' | 'not run';

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

const HEADERS = ['task', 'recipient', 'status', 'seconds', 'warnings'] as const;

/** The summary printed at the end of a batch: one aligned row per task, numbers right-aligned. */
export function renderSummaryTable(outcomes: readonly TaskOutcome[]): string {
  const rows = outcomes.map((outcome) => [
    outcome.taskId,
    outcome.recipient,
    outcome.status,
    outcome.seconds.toFixed(1),
    String(outcome.warnings),
  ]);
  const widths = HEADERS.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const numeric = (column: number) => column >= 3;
  const format = (cells: readonly string[]) =>
    cells
      .map((cell, column) =>
        numeric(column) ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0),
      )
      .join('  ')
      .trimEnd();
  const counts = (['done', 'needs review', 'skipped', 'failed', 'interrupted', 'not run'] as const)
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
