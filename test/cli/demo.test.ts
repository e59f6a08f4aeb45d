import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_MODEL_NOTICE } from '../../src/cli/commands/demo.js';
import { sqlitePersistence } from '../../src/index.js';
import { sampleEmailRecord } from '../../src/testing/index.js';
import { runCli, startCli, waitForProcessesLeftBy } from './helpers/cli-process.js';
import { readEmailRows } from './helpers/sqlite-rows.js';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'scribe-cli-demo-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function seed(path: string, userId: string, taskId: string): Promise<void> {
  const persistence = sqlitePersistence({ path });
  try {
    await persistence.saveEmail({ ...sampleEmailRecord(), taskId, userId });
  } finally {
    await persistence.close?.();
  }
}

describe('scribe demo', () => {
  it('--recipient chemist: a professor with no arXiv papers gets papers from the other sources', async () => {
    const { code, stdout, stderr } = await runCli([
      'demo',
      '--recipient',
      'chemist',
      '--db',
      join(dir, 'chemist.db'),
    ]);
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/^Dear Prof\. Imani Okafor,$/m);
    expect(stdout).toMatch(/^Papers: [1-9] papers? \(asked arxiv, openalex, semantic_scholar, crossref\)$/m);
    expect(stdout).not.toMatch(/\[from arxiv/);
    expect(stdout).toMatch(/Michael Additions in Water \(2025, Journal of Organic Chemistry Letters\)/);
    const bad = await runCli(['demo', '--recipient', 'nobody']);
    expect(bad).toMatchObject({ code: 2, stderr: 'scribe: --recipient nobody: choose ada or chemist\n' });
  });

  it('runs the whole pipeline for real with the fake model, says so first, saves exactly one row and closes everything', async () => {
    const db = join(dir, 'demo.db');
    // A previous demo's row: the demo starts its file afresh.
    await seed(db, 'scribe-demo', 'demo-previous');
    const cli = startCli(['demo', '--db', db]);
    const { code, stdout, stderr } = await cli.result;
    expect(stderr).not.toMatch(/^scribe: /m);
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe(FAKE_MODEL_NOTICE);
    // Chromium read the lab page (rendered by JavaScript), HTTP the others; arXiv's Atom feed gave papers.
    expect(stdout).toMatch(/^ {2}\d\. http:\/\/127\.0\.0\.1:\d+\/lab \(read in Chromium/m);
    expect(stdout).toMatch(/^ {2}\d\. http:\/\/127\.0\.0\.1:\d+\/faculty\/\S+ \(read over HTTP/m);
    // The claims the email makes, each with the page or paper it rests on and the passage.
    expect(stdout).toMatch(/^claims \([1-9]\d*\), each with its sources:$/m);
    expect(stdout).toMatch(
      /^ {5}(\[PAGE \d\] http:\/\/127\.0\.0\.1:\d+\/|paper \S+ https:\/\/arxiv\.org\/abs\/)\S*: ".+"$/m,
    );
    // Every source the world imitates was asked, and the namesake was dropped where one exists.
    expect(stdout).toMatch(
      /^Papers: [1-9]\d* papers? \(asked arxiv, openalex, semantic_scholar, crossref\)$/m,
    );
    expect(stdout).toMatch(
      /^ {2}openalex: 2 people by that name; kept 1 \(institution-on-pages\), dropped 1 namesake$/m,
    );
    expect(stdout).toMatch(/^ {2}1\. .+ \(20\d\d.*\) https:\/\/arxiv\.org\/abs\/\S+ \[from arxiv\]$/m);
    for (const step of ['template_parser', 'web_scraper', 'arxiv_helper', 'email_composer']) {
      expect(stdout).toMatch(new RegExp(`^ {2}${step} +\\d+(\\.\\d)? m?s$`, 'm'));
    }
    expect(stdout).toMatch(/^ {2}email_composer +\d+ in, \d+ out, \d+ total \(\S+\)$/m);
    expect(stdout).toMatch(/^Warnings: /m);

    const rows = readEmailRows(db);
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(row?.user_id).toBe('scribe-demo');
    expect(row?.task_id).toMatch(/^demo-[\w-]+$/);
    expect(stdout).toContain(`Saved: email ${row?.id}, task ${row?.task_id}, in ${db}`);
    expect(stdout).toContain(row?.email.trimEnd());
    expect(
      stderr
        .trimEnd()
        .split('\n')
        .every((line) => line.startsWith('[scribe] ')),
    ).toBe(true);
    expect(await waitForProcessesLeftBy(cli.marker)).toEqual([]);
  });

  it('refuses to replace a database holding emails it did not write: exit 2, the file untouched', async () => {
    const db = join(dir, 'precious.db');
    await seed(db, 'a-real-user', 'real-task');
    const { code, stdout, stderr } = await runCli(['demo', '--db', db]);
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /^scribe: --db .*precious\.db: the demo replaces its database on every run, and it holds 1 email\(s\) the demo did not write; pass another --db\n$/,
    );
    expect(stdout).toBe(`${FAKE_MODEL_NOTICE}\n`);
    expect(readEmailRows(db).map((row) => row.task_id)).toEqual(['real-task']);
  });

  it('runs offline whatever the shell holds: an OpenAI key, base URL and SCRIBE_MODEL do not pick the model', async () => {
    const db = join(dir, 'env.db');
    // A closed port: a run that used this server would fail, not pass.
    const { code, stdout, stderr } = await runCli(['demo', '--db', db], {
      env: {
        OPENAI_API_KEY: 'sk-dummy',
        OPENAI_BASE_URL: 'http://127.0.0.1:9/v1',
        SCRIBE_MODEL: 'openai:gpt-5-mini',
      },
    });
    expect(stderr).not.toMatch(/^scribe: /m);
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe(FAKE_MODEL_NOTICE);
    expect(stdout).toMatch(/^ {2}email_composer +\d+ in, \d+ out, \d+ total \(scribe-fake-model\)$/m);
    expect(readEmailRows(db)).toHaveLength(1);
  });
});
