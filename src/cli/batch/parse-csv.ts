/** One CSV record and the line it starts on (1-based), for error messages. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/**
 * Parses CSV as RFC 4180 writes it (and spreadsheets export it): comma-separated fields, double
 * quotes around fields that hold commas, quotes or line breaks, `""` for a quote inside one; LF
 * or CRLF line ends; a leading byte-order mark ignored. Blank lines are skipped. Written here
 * rather than depended on: the CLI reads one small file, and this is the whole grammar.
 *
 * @throws SyntaxError naming the line, for a quote left open or text after a closing quote.
 */
export function parseCsv(text: string): CsvRecord[] {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let index = 0;
  const endRecord = () => {
    fields.push(field);
    // A blank line is one empty field: not a record.
    if (fields.length > 1 || fields[0] !== '') records.push({ line: recordLine, fields });
    fields = [];
    field = '';
  };
  while (index < source.length) {
    const char = source[index];
    if (char === '"' && field === '') {
      const quoteLine = line;
      index += 1;
      for (;;) {
        if (index >= source.length)
          throw new SyntaxError(`line ${quoteLine}: a quoted field is never closed`);
        const inner = source[index];
        if (inner === '"') {
          if (source[index + 1] === '"') {
            field += '"';
            index += 2;
            continue;
          }
          index += 1;
          break;
        }
        if (inner === '\n') line += 1;
        field += inner;
        index += 1;
      }
      const next = source[index];
      if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
        throw new SyntaxError(`line ${line}: text after a closing quote; write a quote inside a field as ""`);
      }
      continue;
    }
    if (char === ',') {
      fields.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && source[index + 1] === '\n') index += 1;
      endRecord();
      line += 1;
      recordLine = line;
    } else {
      field += char;
    }
    index += 1;
  }
  if (field !== '' || fields.length > 0) endRecord();
  return records;
}
