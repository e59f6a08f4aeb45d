/** One row: column name to the value shown. */
export type Row = Record<string, string | number>;

/**
 * Prints rows as an aligned text table (numbers right-aligned), with a title line above it.
 *
 * @example
 * ```ts
 * printTable('Chunking', [{ input: '1 MB', smartChunk: 3.1, port: 9.8 }]);
 * ```
 */
export function printTable(title: string, rows: readonly Row[]): void {
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const cell = (row: Row, column: string) => {
    const value = row[column];
    return value === undefined ? '' : typeof value === 'number' ? value.toLocaleString('en-US') : value;
  };
  const widths = columns.map((column) =>
    Math.max(column.length, ...rows.map((row) => cell(row, column).length)),
  );
  const line = (values: string[], numeric: boolean[]) =>
    values
      .map((value, index) =>
        numeric[index] ? value.padStart(widths[index] ?? 0) : value.padEnd(widths[index] ?? 0),
      )
      .join('  ');
  const numericColumns = columns.map((column) => rows.every((row) => typeof row[column] !== 'string'));
  console.log(`\n${title}`);
  console.log(line(columns, numericColumns));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const row of rows)
    console.log(
      line(
        columns.map((column) => cell(row, column)),
        numericColumns,
      ),
    );
}
