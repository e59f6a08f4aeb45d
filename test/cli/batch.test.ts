import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stableTaskId } from '../../src/cli/batch/task-id.js';
import { type FixtureWorld, startFixtureWorld } from '../../src/testing/index.js';
import { runCli, startCli } from './helpers/cli-process.js';
import { readEmailRows } from './helpers/sqlite-rows.js';

let world: FixtureWorld;
let dir: string;
let templateFile: string;
// A SearXNG that refuses every client, as one does with JSON disabled: fatal for rows that search.
let refusing: Server;
let refusingUrl: string;

beforeAll(async () => {
  world = await startFixtureWorld();
  dir = await mkdtemp(join(tmpdir(), 'scribe-cli-batch-'));
  templateFile = join(dir, 'template.txt');
  await writeFile(templateFile, world.template);
  refusing = createServer((_request, response) => {
    response.writeHead(403, { 'content-type': 'text/plain' }).end('Forbidden');
  });
  await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
  refusingUrl = `http://127.0.0.1:${(refusing.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await world?.close();
  if (refusing) {
    refusing.closeAllConnections();
    await new Promise((resolve) => refusing.close(resolve));
  }
  await rm(dir, { recursive: true, force: true });
});

const batchFlags = (db: string) => [
  '--template',
  templateFile,
  '--model',
  'fake',
  '--search',
  'searxng',
  '--search-url',
  world.searchUrl,
  '--allow',
  world.origin,
  '--arxiv-url',
  world.arxivUrl,
  '--arxiv-interval',
  '0',
  // Plain HTTP keeps this file free of Chromium launches; the browser is the demo's and generate's to test.
  '--strategy',
  'http',
  '--db',
  db,
];

async function writeCsv(name: string, text: string): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, text);
  return file;
}

/** The summary table's rows, as [task, recipient, status] (the recipient may hold spaces). */
function tableRows(stdout: string): string[][] {
  const [header, ...rest] = stdout.split('\n\n')[0]?.split('\n') ?? [];
  expect(header).toMatch(/^task\s+recipient\s+status\s+seconds\s+warnings\s+error$/);
  return rest.map((line) => {
    const match = /^(\S+)\s+(.+?)\s+(done|skipped|failed|not run)\s+\d+\.\d\s+\d+(\s+.*)?$/.exec(line);
    expect(match, line).not.toBeNull();
    return [match?.[1] ?? '', match?.[2] ?? '', match?.[3] ?? ''];
  });
}

describe('scribe batch', () => {
  it('writes one email per row, and a re-run of the same file skips every saved row without a request', async () => {
    const db = join(dir, 'resume.db');
    const csv = await writeCsv(
      'people.csv',
      `name,interest,urls\n"${world.recipient.name}",${world.recipient.interest},\nGrace Hopper,compilers,${world.pages.faculty} | ${world.pages.news}\n`,
    );
    const first = await runCli(['batch', csv, ...batchFlags(db), '--concurrency', '2']);
    expect(first.stderr).not.toMatch(/^scribe: /m);
    expect(first.code).toBe(0);
    const adaTask = stableTaskId({
      template: world.template,
      name: world.recipient.name,
      interest: world.recipient.interest,
    });
    const graceTask = stableTaskId({ template: world.template, name: 'Grace Hopper', interest: 'compilers' });
    expect(tableRows(first.stdout)).toEqual([
      [adaTask, world.recipient.name, 'done'],
      [graceTask, 'Grace Hopper', 'done'],
    ]);
    expect(first.stdout.trimEnd().split('\n').at(-1)).toBe('2 done');
    expect(
      readEmailRows(db)
        .map((row) => row.task_id)
        .sort(),
    ).toEqual([adaTask, graceTask].sort());
    // Progress is plain and labelled by row; Grace's row read her listed pages, not the search.
    expect(first.stderr).toMatch(/^\[scribe\] \[1\/2\] web_scraper completed in /m);
    expect(first.stderr).toMatch(/^\[scribe\] \[2\/2\] Grace Hopper: done in /m);
    expect(first.stderr).not.toContain('\u001b');

    const requestsBefore = world.requests.length;
    const again = await runCli(['batch', csv, ...batchFlags(db)]);
    expect(again.code).toBe(0);
    expect(tableRows(again.stdout).map((row) => row[2])).toEqual(['skipped', 'skipped']);
    expect(again.stdout.trimEnd().split('\n').at(-1)).toBe('2 skipped');
    expect(world.requests.length).toBe(requestsBefore);
    expect(readEmailRows(db)).toHaveLength(2);
  });

  it('exits 1 when a row fails, after finishing the others, and says why on stderr', async () => {
    const db = join(dir, 'failing.db');
    const csv = await writeCsv(
      'failing.csv',
      `task_id,name,interest,urls\nsearches,"${world.recipient.name}",${world.recipient.interest},\nreads,Grace Hopper,compilers,${world.pages.faculty}\n`,
    );
    const { code, stdout, stderr } = await runCli([
      'batch',
      csv,
      ...batchFlags(db),
      '--search-url',
      refusingUrl,
      '--json',
    ]);
    expect(code).toBe(1);
    const outcomes = JSON.parse(stdout);
    expect(outcomes).toEqual([
      expect.objectContaining({
        taskId: 'searches',
        line: 2,
        status: 'failed',
        error: expect.stringContaining('403'),
      }),
      expect.objectContaining({ taskId: 'reads', line: 3, status: 'done', emailId: expect.any(String) }),
    ]);
    expect(stderr).toMatch(/^\[scribe\] \[1\/2\] Dr\. Ada Lovelace: failed: .*web_scraper.*403/m);
    expect(readEmailRows(db).map((row) => row.task_id)).toEqual(['reads']);
  });

  it('shows a failed row’s reason in the table', async () => {
    const db = join(dir, 'failing-table.db');
    const csv = await writeCsv(
      'failing-table.csv',
      `task_id,name,interest\nsearches,"${world.recipient.name}",${world.recipient.interest}\n`,
    );
    const { code, stdout } = await runCli(['batch', csv, ...batchFlags(db), '--search-url', refusingUrl]);
    expect(code).toBe(1);
    const [header, row] = stdout.split('\n');
    expect(header).toMatch(/\bstatus\b.*\berror$/);
    expect(row).toMatch(/^searches\s+Dr\. Ada Lovelace\s+failed\s+.*403/);
  });

  it('--skip-invalid runs the good rows and lists the bad ones as invalid, with why, exit 1', async () => {
    const db = join(dir, 'skip.db');
    const csv = await writeCsv(
      'skip.csv',
      `name,interest,urls,affiliation\nA,engines,,\nGrace Hopper,compilers,${world.pages.faculty},Northbridge University\n`,
    );
    const { code, stdout } = await runCli(['batch', csv, ...batchFlags(db), '--skip-invalid', '--json']);
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toEqual([
      expect.objectContaining({ line: 2, status: 'invalid', error: expect.stringMatching(/^name: /) }),
      expect.objectContaining({ line: 3, status: 'done', emailId: expect.any(String) }),
    ]);
    expect(readEmailRows(db)).toHaveLength(1);
  });

  it('checks the whole file before any request: every bad row at once, exit 2', async () => {
    const db = join(dir, 'bad.db');
    const before = world.requests.length;
    const badRows = await writeCsv(
      'bad.csv',
      `name,interest,task_id,urls\nA,engines,,\nGrace Hopper,compilers,,ftp://files.example/\nAlan Turing,computing,same,\nKatherine Johnson,orbits,same,\n`,
    );
    const noColumn = await writeCsv('no-column.csv', 'name,topic\nGrace Hopper,compilers\n');
    const [rows, column, missing] = await Promise.all([
      runCli(['batch', badRows, ...batchFlags(db)]),
      runCli(['batch', noColumn, ...batchFlags(db)]),
      runCli(['batch', join(dir, 'absent.csv'), ...batchFlags(db)]),
    ]);
    expect(rows.code).toBe(2);
    expect(rows.stderr).toMatch(
      /^scribe: .*bad\.csv: 3 problems: line 2: name: .*; line 3: urls: .*; line 5: the same task as line 4 \(task id same\)\n$/,
    );
    expect(column.code).toBe(2);
    expect(column.stderr).toMatch(/^scribe: .*no-column\.csv: the header \(line 1\) has no interest column/);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^scribe: cannot read .*absent\.csv \(ENOENT\)\n$/);
    expect(world.requests.length).toBe(before);
  });
});

describe('scribe batch on a broken CSV', () => {
  it('names the line the broken record starts on, counting the header and the lines inside quotes', async () => {
    const db = join(dir, 'broken.db');
    // Line 3 opens a quote that nothing closes: csv-parse gives up at the end of the file (line 6).
    const open = await writeCsv(
      'open-quote.csv',
      'name,interest\nGrace Hopper,compilers\n"Alan Turing,computing\nAda Lovelace,engines\n\nMary Jackson,wind\n',
    );
    // A field of three lines (CRLF) starts on line 2; the text after a closing quote is on line 7,
    // in a record that starts on line 6 after a blank line 5.
    const closing = await writeCsv(
      'closing-quote.csv',
      'name,interest\r\nGrace Hopper,"compilers,\r\nCOBOL\r\nand FLOW-MATIC"\r\n\r\n"Alan\r\nTuring"x,computing\r\n',
    );
    // After the same three-line field, the row with a bad name is line 5.
    const after = await writeCsv(
      'after-quotes.csv',
      'name,interest\r\nGrace Hopper,"compilers,\r\nCOBOL\r\nand FLOW-MATIC"\r\nA,engines\r\n',
    );
    const [openRun, closingRun, afterRun] = await Promise.all([
      runCli(['batch', open, ...batchFlags(db)]),
      runCli(['batch', closing, ...batchFlags(db)]),
      runCli(['batch', after, ...batchFlags(db)]),
    ]);
    expect(openRun.code).toBe(2);
    expect(openRun.stderr).toMatch(/^scribe: .*open-quote\.csv: line 3: Quote Not Closed/);
    expect(openRun.stderr).not.toMatch(/line 6/);
    expect(closingRun.code).toBe(2);
    expect(closingRun.stderr).toMatch(
      /^scribe: .*closing-quote\.csv: line 6: Invalid Closing Quote: .*; inside a quoted field, a quote is written ""\n$/,
    );
    expect(afterRun.code).toBe(2);
    expect(afterRun.stderr).toMatch(/^scribe: .*after-quotes\.csv: a problem: line 5: name: /);
  });
});

describe('scribe batch on Ctrl-C', () => {
  it('marks the row it stopped interrupted, not failed, and the rows not started not run', async () => {
    const db = join(dir, 'interrupted.db');
    let searched!: () => void;
    const searchReached = new Promise<void>((resolve) => {
      searched = resolve;
    });
    // A search engine that never answers holds the first row inside web_scraper until the signal.
    const silent = createServer(() => searched());
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const silentUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    const csv = await writeCsv(
      'interrupted.csv',
      `task_id,name,interest\nfirst,"${world.recipient.name}",${world.recipient.interest}\nsecond,Grace Hopper,compilers\n`,
    );
    try {
      const cli = startCli([
        'batch',
        csv,
        ...batchFlags(db),
        '--search-url',
        silentUrl,
        '--concurrency',
        '1',
        '--json',
      ]);
      await searchReached;
      cli.child.kill('SIGINT');
      const { code, stdout } = await cli.result;
      expect(code).toBe(130);
      expect(JSON.parse(stdout)).toEqual([
        expect.objectContaining({ taskId: 'first', status: 'interrupted' }),
        expect.objectContaining({ taskId: 'second', status: 'not run' }),
      ]);
      expect(JSON.parse(stdout)[0]).not.toHaveProperty('error');
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
