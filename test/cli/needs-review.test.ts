// A model whose composer always answers a broken draft (an unfilled placeholder, far too short),
// served the way Ollama or vLLM serve models: the CLI must never print, save or count it as a
// finished email.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stableTaskId } from '../../src/cli/batch/task-id.js';
import { type FixtureWorld, startFixtureWorld } from '../../src/testing/index.js';
import { runCli } from './helpers/cli-process.js';
import {
  type OpenAiCompatibleServer,
  startOpenAiCompatibleServer,
} from './helpers/openai-compatible-server.js';
import { readEmailRows } from './helpers/sqlite-rows.js';

const BROKEN_DRAFT = JSON.stringify({ email: 'Dear {{name}}, hi.', claims: [], isConfident: true });

let world: FixtureWorld;
let broken: OpenAiCompatibleServer;
let healthy: OpenAiCompatibleServer;
let dir: string;
let templateFile: string;

beforeAll(async () => {
  [world, broken, healthy] = await Promise.all([
    startFixtureWorld(),
    startOpenAiCompatibleServer({ composer: () => BROKEN_DRAFT }),
    startOpenAiCompatibleServer(),
  ]);
  dir = await mkdtemp(join(tmpdir(), 'scribe-cli-review-'));
  templateFile = join(dir, 'template.txt');
  await writeFile(templateFile, world.template);
});

afterAll(async () => {
  await Promise.all([world?.close(), broken?.close(), healthy?.close()]);
  await rm(dir, { recursive: true, force: true });
});

const runFlags = (db: string) => [
  '--template',
  templateFile,
  '--model',
  'openai:local-model',
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
  '--strategy',
  'http',
  '--db',
  db,
];
const served = (server: OpenAiCompatibleServer) => ({ env: { OPENAI_BASE_URL: server.baseUrl } });

describe('a draft that keeps failing its checks', () => {
  it('generate: exits 3 saying why, prints nothing on stdout and saves nothing', async () => {
    const db = join(dir, 'generate.db');
    const { code, stdout, stderr } = await runCli(
      ['generate', '--name', world.recipient.name, '--interest', world.recipient.interest, ...runFlags(db)],
      served(broken),
    );
    expect(code).toBe(3);
    expect(stdout).toBe('');
    expect(stderr).toMatch(
      /^scribe: .*email_composer.*still breaks the rules: .*unfilled placeholder: \{\{name\}\}/m,
    );
    expect(stderr).toMatch(/too short/);
    expect(readEmailRows(db)).toEqual([]);
  });

  it('generate --save-for-review: saves the draft marked needs_review, prints it, exits 3; a re-run with a good model replaces it', async () => {
    const db = join(dir, 'review.db');
    const args = [
      'generate',
      '--name',
      world.recipient.name,
      '--interest',
      world.recipient.interest,
      '--task-id',
      'review-1',
      ...runFlags(db),
    ];
    const first = await runCli([...args, '--save-for-review'], served(broken));
    expect(first.code).toBe(3);
    expect(first.stdout).toBe('Dear {{name}}, hi.\n');
    expect(first.stderr).toMatch(
      /NEEDS REVIEW: the last draft still fails its checks: .*unfilled placeholder/,
    );
    expect(readEmailRows(db)).toEqual([
      expect.objectContaining({ task_id: 'review-1', status: 'needs_review' }),
    ]);

    // The saved draft is not a finished email: the same task runs again, and the finished email replaces it.
    const second = await runCli(args, served(healthy));
    expect(second.code).toBe(0);
    const rows = readEmailRows(db);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ task_id: 'review-1', status: 'finished' });
    expect(second.stdout).toBe(`${rows[0]?.email}\n`);
    expect(second.stderr).toMatch(
      /cost: \$0\.0000 \(not priced: local-model\), at prices of \d{4}-\d{2}-\d{2}/,
    );
  });

  it('batch: marks the row "needs review" (exit 3), and a re-run retries it instead of skipping it', async () => {
    const db = join(dir, 'batch.db');
    const csv = join(dir, 'people.csv');
    await writeFile(csv, `name,interest\n"${world.recipient.name}",${world.recipient.interest}\n`);
    const taskId = stableTaskId({
      template: world.template,
      name: world.recipient.name,
      interest: world.recipient.interest,
    });

    const first = await runCli(['batch', csv, ...runFlags(db), '--json'], served(broken));
    expect(first.code).toBe(3);
    expect(JSON.parse(first.stdout)).toEqual([expect.objectContaining({ taskId, status: 'needs review' })]);
    expect(readEmailRows(db)).toEqual([expect.objectContaining({ task_id: taskId, status: 'needs_review' })]);

    // A priced model id this time: the row carries what its calls cost.
    const flags = runFlags(db).map((flag) => (flag === 'openai:local-model' ? 'openai:gpt-4o-mini' : flag));
    const again = await runCli(['batch', csv, ...flags, '--json'], served(healthy));
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toEqual([
      expect.objectContaining({ taskId, status: 'done', costUsd: expect.any(Number) }),
    ]);
    expect(JSON.parse(again.stdout)[0].costUsd).toBeGreaterThan(0);
    expect(readEmailRows(db)).toEqual([expect.objectContaining({ task_id: taskId, status: 'finished' })]);
  });
});
