import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FixtureWorld, startFixtureWorld } from '../../src/testing/index.js';
import { runCli, startCli, waitForProcessesLeftBy } from './helpers/cli-process.js';
import { readEmailRows } from './helpers/sqlite-rows.js';

const STEPS = ['template_parser', 'web_scraper', 'arxiv_helper', 'paper_selection', 'email_composer'];

let world: FixtureWorld;
let dir: string;
let templateFile: string;

beforeAll(async () => {
  world = await startFixtureWorld();
  dir = await mkdtemp(join(tmpdir(), 'scribe-cli-generate-'));
  templateFile = join(dir, 'template.txt');
  await writeFile(templateFile, world.template);
});

afterAll(async () => {
  await world?.close();
  await rm(dir, { recursive: true, force: true });
});

const recipient = () => [
  '--name',
  world.recipient.name,
  '--interest',
  world.recipient.interest,
  '--template',
  templateFile,
];
const worldFlags = () => [
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
];

describe('scribe generate', () => {
  it('finds missing or bad configuration and input before any request: exit 2, one line naming what to set', async () => {
    const db = join(dir, 'refused.db');
    const before = world.requests.length;
    const generate = (args: string[], env?: Record<string, string>) =>
      runCli(['generate', ...recipient(), ...worldFlags(), '--db', db, ...args], env ? { env } : {});
    const [noModel, noKey, noSearchKey, badName, badTimeout] = await Promise.all([
      generate([]),
      generate(['--model', 'openai:gpt-5-mini']),
      generate(['--model', 'fake', '--search', 'brave']),
      generate(['--model', 'fake', '--name', '']),
      generate(['--page-timeout', '10'], { SCRIBE_MODEL: 'fake' }),
    ]);
    expect(noModel).toMatchObject({ code: 2, stdout: '' });
    expect(noModel.stderr).toMatch(/^scribe: no model: pass --model .*set SCRIBE_MODEL/);
    expect(noKey).toMatchObject({ code: 2, stdout: '' });
    expect(noKey.stderr).toMatch(/^scribe: --model openai:gpt-5-mini needs OPENAI_API_KEY /);
    expect(noSearchKey.stderr).toBe(
      'scribe: --search brave needs an API key: pass --search-key or set BRAVE_API_KEY\n',
    );
    expect(noSearchKey.code).toBe(2);
    expect(badName.code).toBe(2);
    expect(badName.stderr).toMatch(/^scribe: invalid input: --name \(recipientName\): /);
    expect(badTimeout.code).toBe(2);
    expect(badTimeout.stderr).toMatch(
      /^scribe: --page-timeout: web_scraper: `pageTimeoutMs` must be an integer from 1000 to 60000, got 10\n$/,
    );
    for (const run of [noModel, noKey, noSearchKey, badName, badTimeout]) {
      expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    }
    expect(world.requests.length).toBe(before);
    expect(existsSync(db)).toBe(false);
  });

  it('prints only the email on stdout and plain progress lines on stderr, saves it once, and leaves no process behind', async () => {
    const db = join(dir, 'plain.db');
    const cli = startCli([
      'generate',
      ...recipient(),
      ...worldFlags(),
      '--model',
      'fake',
      '--db',
      db,
      '--task-id',
      'plain-1',
    ]);
    const { code, stdout, stderr } = await cli.result;
    expect(stderr).not.toMatch(/^scribe: /m);
    expect(code).toBe(0);
    const rows = readEmailRows(db);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      task_id: 'plain-1',
      user_id: 'cli',
      recipient_name: world.recipient.name,
    });
    expect(stdout).toBe(`${rows[0]?.email}\n`);
    const lines = stderr.trimEnd().split('\n');
    expect(lines.every((line) => line.startsWith('[scribe] '))).toBe(true);
    expect(stderr).not.toContain('\u001b');
    for (const step of STEPS) {
      expect(lines).toContain(`[scribe] ${step} started`);
      expect(stderr).toMatch(
        new RegExp(`^\\[scribe\\] ${step} completed in \\d+(\\.\\d)? m?s( \\(\\d+ warnings?\\))?$`, 'm'),
      );
    }
    expect(lines).toContain(
      `[scribe] using the deterministic fake model: the email shows the pipeline working, not a writer`,
    );
    expect(lines.at(-1)).toBe(`[scribe] saved as ${rows[0]?.id} in ${db} (task plain-1)`);
    // Under the email: each claim it makes, with the page or paper it rests on.
    expect(lines).toContainEqual(
      expect.stringMatching(/^\[scribe\] claims \(\d+\), each with its sources:$/),
    );
    expect(lines).toContainEqual(expect.stringMatching(/^\[scribe\]\s+\d+\. .+$/));
    expect(lines).toContainEqual(
      expect.stringMatching(new RegExp(`^\\[scribe\\]\\s+(\\[PAGE \\d+\\] ${world.origin}|paper \\S+ )`)),
    );
    // The run was real: it searched, asked arXiv and read the site.
    expect(world.requests.some((request) => request.startsWith('GET /searxng/search?'))).toBe(true);
    expect(world.requests.some((request) => request.startsWith('GET /arxiv/api/query?'))).toBe(true);
    expect(world.requests).toContain(`GET ${new URL(world.pages.faculty).pathname}`);
    expect(await waitForProcessesLeftBy(cli.marker)).toEqual([]);
  });

  it('prints the whole result with --json, and prints a saved task again without running anything', async () => {
    const db = join(dir, 'json.db');
    const args = [
      'generate',
      ...recipient(),
      ...worldFlags(),
      '--model',
      'fake',
      '--db',
      db,
      '--task-id',
      'json-1',
      '--strategy',
      'http',
      '--json',
    ];
    const first = await runCli(args);
    expect(first.code).toBe(0);
    const result = JSON.parse(first.stdout);
    const [row] = readEmailRows(db);
    expect(result).toMatchObject({
      taskId: 'json-1',
      emailId: row?.id,
      savedTo: db,
      ran: true,
      recipientName: world.recipient.name,
      email: row?.email,
      isConfident: expect.any(Boolean),
    });
    expect(result.sources.length).toBeGreaterThan(0);
    for (const source of result.sources) expect(source.startsWith(world.origin)).toBe(true);
    expect(result.papers.length).toBeGreaterThan(0);
    for (const paper of result.papers) {
      expect(paper).toMatchObject({
        id: expect.any(String),
        title: expect.any(String),
        url: expect.stringMatching(/^https:\/\/arxiv\.org\/abs\//),
        year: expect.any(Number),
        sources: ['arxiv'],
      });
    }
    expect(Object.keys(result.timings).sort()).toEqual([...STEPS].sort());
    expect(result.usage.email_composer).toEqual({
      inputTokens: expect.any(Number),
      outputTokens: expect.any(Number),
      totalTokens: expect.any(Number),
    });
    expect(Array.isArray(result.warnings)).toBe(true);
    // Without a browser the lab page (rendered by JavaScript) gives too little text: a warning, in the JSON.
    expect(result.warnings).toContainEqual({ step: 'web_scraper', message: expect.stringContaining('/lab') });

    const requestsBefore = world.requests.length;
    const again = await runCli(args);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toEqual({ ...result, ran: false });
    expect(again.stderr).toContain('task json-1 is already saved');
    expect(world.requests.length).toBe(requestsBefore);
    expect(readEmailRows(db)).toHaveLength(1);
  });

  it('stops on SIGINT: exit 130, nothing saved, everything closed', async () => {
    const db = join(dir, 'interrupted.db');
    let searched!: () => void;
    const searchReached = new Promise<void>((resolve) => {
      searched = resolve;
    });
    // A search engine that never answers holds the run inside web_scraper until the signal.
    const silent = createServer(() => searched());
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const silentUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    try {
      const cli = startCli([
        'generate',
        ...recipient(),
        ...worldFlags(),
        '--search-url',
        silentUrl,
        '--model',
        'fake',
        '--db',
        db,
      ]);
      await searchReached;
      cli.child.kill('SIGINT');
      const { code, stdout, stderr } = await cli.result;
      expect(code).toBe(130);
      expect(stdout).toBe('');
      expect(stderr).toMatch(/\[scribe\] interrupted: stopping and closing/);
      expect(stderr).toMatch(/^scribe: Pipeline for task cli-[\w-]+ was aborted/m);
      expect(readEmailRows(db)).toEqual([]);
      expect(await waitForProcessesLeftBy(cli.marker)).toEqual([]);
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
