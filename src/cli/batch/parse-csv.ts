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
 * Lines are physical lines of the file, 1-based, the header being line 1: a record's is the line
 * it starts on, though a quoted field with line breaks carries it over several.
 *
 * @throws SyntaxError naming the line the broken record starts on, for a quote left open or text
 * after a closing quote.
 */
export function parseCsv(text: string): CsvRecord[] {
  // csv-parse counts in UTF-8 bytes; its own line count is off after a CRLF inside quotes.
  const startLine = lineFinder(Buffer.from(text, 'utf8'));
  const records: CsvRecord[] = [];
  // Where the last record read whole ends, its line break included: the next one starts after it.
  let end = 0;
  try {
    parse(text, {
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      record_delimiter: ['\r\n', '\n'],
      // Called as each record is read, so the records before an error are known too.
      on_record: (fields: string[], { bytes }: { bytes: number }) => {
        records.push({ line: startLine(end), fields });
        end = bytes;
        return null;
      },
    });
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    // csv-parse's "at line n" is where it gave up (for a quote left open, the end of the file).
    const what = message.replace(/ at line \d+/, '');
    const hint = code === 'CSV_INVALID_CLOSING_QUOTE' ? '; inside a quoted field, a quote is written ""' : '';
    throw new SyntaxError(`line ${startLine(end)}: ${what}${hint}`);
  }
  return records;
}

/**
 * For the bytes of a file, a function from the offset where a record may start (the end of the
 * previous one) to the line it does start on, past blank lines. Offsets must not decrease.
 */
function lineFinder(bytes: Uint8Array): (offset: number) => number {
  const LF = 0x0a;
  const CR = 0x0d;
  let position = 0;
  let line = 1;
  return (offset) => {
    for (; position < offset && position < bytes.length; position += 1) {
      if (bytes[position] === LF) line += 1;
    }
    let at = position;
    let found = line;
    for (;;) {
      if (bytes[at] === LF) at += 1;
      else if (bytes[at] === CR && bytes[at + 1] === LF) at += 2;
      else return found;
      found += 1;
    }
  };
}
