import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/cli/batch/parse-csv.js';
import { prepareTasks } from '../../src/cli/batch/prepare-tasks.js';
import { readRecipients } from '../../src/cli/batch/recipients.js';
import { stableTaskId } from '../../src/cli/batch/task-id.js';
import { UsageError } from '../../src/cli/usage-error.js';

const TEMPLATE = 'Dear {{name}}, I have read your work on {{topic}} and would love to talk.';

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, CRLF, a BOM, and skips blank lines', () => {
    const text =
      '\uFEFFname,interest\r\n"Lovelace, Ada","the ""engine"", and\nnotes"\r\n\r\nGrace Hopper,compilers\n';
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ['name', 'interest'] },
      { line: 2, fields: ['Lovelace, Ada', 'the "engine", and\nnotes'] },
      { line: 5, fields: ['Grace Hopper', 'compilers'] },
    ]);
  });

  it('names the line of a quote left open, and of text after a closing quote', () => {
    expect(() => parseCsv('name,interest\nAda,"engines\n')).toThrow(/line 2: .*Quote Not Closed/);
    expect(() => parseCsv('name,interest\n"Ada"x,engines\n')).toThrow(/line 2: .*Invalid Closing Quote/);
  });

  it('numbers physical lines, a record by the line it starts on, after quoted CRLF line breaks too', () => {
    const text = 'é,b\r\n"x\r\ny\r\nz",w\r\n\r\nq,r\n"multi\nline",s';
    expect(parseCsv(text).map((record) => record.line)).toEqual([1, 2, 6, 7]);
  });

  it('names the line a broken record starts on, not the one where the parser gave up', () => {
    expect(() => parseCsv('name,interest\n"Ada,engines\nGrace,compilers\n\nAlan,x\n')).toThrow(
      /^line 2: Quote Not Closed: [^\d]*$/,
    );
    expect(() => parseCsv('name,interest\nGrace,compilers\n\n"Ada\nLovelace"x,engines\n')).toThrow(
      /^line 4: Invalid Closing Quote/,
    );
  });

  it('reads back any table it is given, written the RFC 4180 way', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'b', ' ', ',', '"', '\n', '\r\n', 'é') });
    const table = fc.array(fc.array(cell, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(table, (rows) => {
        const quote = (value: string) => `"${value.replaceAll('"', '""')}"`;
        const text = rows.map((row) => row.map(quote).join(',')).join('\r\n');
        expect(parseCsv(text).map((record) => record.fields)).toEqual(rows);
      }),
    );
  });
});

describe('readRecipients', () => {
  it('takes the columns in any order and case, splits urls on spaces and |, and ignores other columns', () => {
    const rows = readRecipients(
      'Interest,email,NAME,urls,task_id\nengines,a@b.c, Ada Lovelace ,https://a.example/ | https://b.example/  https://c.example/,t-1\ncompilers,,Grace Hopper,,\n',
      'people.csv',
    );
    expect(rows).toEqual([
      {
        line: 2,
        name: 'Ada Lovelace',
        interest: 'engines',
        taskId: 't-1',
        urls: ['https://a.example/', 'https://b.example/', 'https://c.example/'],
      },
      { line: 3, name: 'Grace Hopper', interest: 'compilers', urls: [] },
    ]);
  });

  it('refuses a file without the name or interest column, naming the column', () => {
    expect(() => readRecipients('name,topic\nAda,engines\n', 'people.csv')).toThrow(
      expect.objectContaining({
        field: 'interest',
        message: expect.stringMatching(/people\.csv: .*no interest column/),
      }),
    );
  });

  it('refuses an empty file and a header without rows', () => {
    expect(() => readRecipients('', 'people.csv')).toThrow(/empty/);
    expect(() => readRecipients('name,interest\n', 'people.csv')).toThrow(/no recipients/);
  });

  it('marks a row with more fields than the header, for prepareTasks to list with the others', () => {
    expect(
      readRecipients('name,interest\nAda,engines,extra\nGrace Hopper,compilers\n', 'people.csv'),
    ).toEqual([
      expect.objectContaining({
        line: 2,
        problem: '3 fields but the header has 2; quote fields that hold commas',
      }),
      expect.not.objectContaining({ problem: expect.anything() }),
    ]);
    // ...and prepareTasks lists it beside a bad cell elsewhere: both known in one run.
    const rows = readRecipients('name,interest\nAda,engines,extra\nA,compilers\n', 'people.csv');
    expect(() => prepareTasks(rows, { template: TEMPLATE, userId: 'cli', file: 'people.csv' })).toThrow(
      /2 problems: line 2: 3 fields but the header has 2.*; line 3: name: /,
    );
  });
});

describe('prepareTasks', () => {
  const options = { template: TEMPLATE, userId: 'cli', file: 'people.csv' };

  it('keys a row by its task_id, else by a hash of template, name and interest that ignores blanks around them', () => {
    const [given, hashed] = prepareTasks(
      [
        { line: 2, name: 'Ada Lovelace', interest: 'engines', taskId: 'mine', urls: [] },
        { line: 3, name: 'Grace Hopper', interest: 'compilers', urls: [] },
      ],
      options,
    ).tasks;
    expect(given?.input.taskId).toBe('mine');
    expect(hashed?.input.taskId).toBe(
      stableTaskId({ template: TEMPLATE, name: 'Grace Hopper', interest: 'compilers' }),
    );
    expect(stableTaskId({ template: ` ${TEMPLATE}\n`, name: ' Grace Hopper', interest: 'compilers ' })).toBe(
      hashed?.input.taskId,
    );
    expect(stableTaskId({ template: TEMPLATE, name: 'Grace Hopper', interest: 'compiler' })).not.toBe(
      hashed?.input.taskId,
    );
  });

  it('gives a row with urls its own list of pages', async () => {
    const [task] = prepareTasks(
      [{ line: 2, name: 'Ada Lovelace', interest: 'engines', urls: ['https://a.example/x'] }],
      options,
    ).tasks;
    expect(task?.search?.ignoresQuery).toBe(true);
    expect(await task?.search?.search('anything', { limit: 5 })).toEqual([
      { url: 'https://a.example/x', title: '', snippet: '' },
    ]);
  });

  it('lists every bad row at once, by line and column, and a bad template once', () => {
    const run = () =>
      prepareTasks(
        [
          { line: 2, name: 'A', interest: 'engines', urls: [] },
          { line: 3, name: 'Grace Hopper', interest: 'compilers', urls: ['ftp://files.example/'] },
          { line: 4, name: 'Ada Lovelace', interest: 'engines', taskId: 'same', urls: [] },
          { line: 5, name: 'Alan Turing', interest: 'computing', taskId: 'same', urls: [] },
        ],
        options,
      );
    expect(run).toThrow(UsageError);
    expect(run).toThrow(/3 problems: line 2: name: .*; line 3: urls: .*; line 5: the same task as line 4/);
    const shortTemplate = () =>
      prepareTasks(
        [
          { line: 2, name: 'Ada Lovelace', interest: 'engines', urls: [] },
          { line: 3, name: 'Grace Hopper', interest: 'compilers', urls: [] },
        ],
        { ...options, template: 'Hi' },
      );
    expect(shortTemplate).toThrow(/people\.csv: a problem: --template: /);
  });

  it('with skipInvalid, returns the bad rows apart, each with its problems, and runs the good ones', () => {
    const { tasks, invalid } = prepareTasks(
      [
        { line: 2, name: 'A', interest: 'engines', urls: [] },
        { line: 3, name: 'Grace Hopper', interest: 'compilers', urls: [], orcid: '0000-0002-1825-0097' },
        { line: 4, name: 'Ada Lovelace', interest: 'engines', urls: [], orcid: '1234' },
      ],
      { ...options, skipInvalid: true },
    );
    expect(tasks.map((task) => task.row.line)).toEqual([3]);
    expect(tasks[0]?.input.recipientOrcid).toBe('0000-0002-1825-0097');
    expect(invalid.map(({ row, problems }) => [row.line, problems.join('; ')])).toEqual([
      [2, expect.stringMatching(/^name: /)],
      [4, expect.stringMatching(/^orcid: /)],
    ]);
    // A flag's problem is every row's: the batch still stops.
    expect(() =>
      prepareTasks([{ line: 2, name: 'Ada Lovelace', interest: 'engines', urls: [] }], {
        ...options,
        template: 'Hi',
        skipInvalid: true,
      }),
    ).toThrow(/--template: /);
  });
});
