import { parse } from 'csv-parse/sync';

/** One CSV record and the line it starts on (1-based), for error messages. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/**
 * Parses CSV as spreadsheets export it (RFC 4180: quoted fields with commas, quotes or line
 * breaks, `""` for a quote; LF or CRLF; a byte-order mark ignored; blank lines skipped), with
 * csv-parse.
 *
 * @throws SyntaxError naming the line, for a quote left open or text after a closing quote.
 */
export function parseCsv(text: string): CsvRecord[] {
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    // csv-parse's types do not model `info: true`, which wraps each record with its position.
    rows = parse(text, {
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      record_delimiter: ['\r\n', '\n'],
      info: true,
    }) as unknown as typeof rows;
  } catch (error) {
    const { lines, message } = error as { lines?: number; message: string };
    throw new SyntaxError(`line ${lines ?? '?'}: ${message}`);
  }
  return rows.map(({ record, info }) => ({
    // csv-parse counts lines up to the record's end; a field with line breaks starts earlier.
    line: info.lines - record.reduce((breaks, field) => breaks + (field.match(/\n/g)?.length ?? 0), 0),
    fields: record,
  }));
}
