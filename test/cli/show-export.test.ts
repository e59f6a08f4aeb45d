// The CLI's reading side: `scribe show` and `scribe export` on a database written through the
// public persistence API.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlitePersistence } from '../../src/index.js';
import { sampleEmailRecord } from '../../src/testing/index.js';
import { runCli } from './helpers/cli-process.js';

let dir: string;
let db: string;
const finished = sampleEmailRecord({ taskId: 'finished-1' });
finished.metadata.cost = {
  currency: 'USD',
  total: 0.0123,
  perStep: {},
  unpricedModels: [],
  pricesAsOf: '2025-08-07',
};
const draft = sampleEmailRecord({ taskId: 'review-1', status: 'needs_review', email: 'Dear {{name}}, hi.' });
draft.metadata.problems = ['unfilled placeholder: {{name}}'];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'scribe-cli-read-'));
  db = join(dir, 'emails.db');
  const persistence = sqlitePersistence({ path: db });
  await persistence.saveEmail(finished);
  await persistence.saveEmail(draft);
  await persistence.close();
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('scribe show', () => {
  it('prints the email on stdout, its status, cost and claims with their sources on stderr', async () => {
    const { code, stdout, stderr } = await runCli(['show', 'finished-1', '--db', db]);
    expect(code).toBe(0);
    expect(stdout).toBe(`${finished.email}\n`);
    expect(stderr).toContain('status: finished');
    expect(stderr).toContain('cost: $0.0123, at prices of 2025-08-07');
    expect(stderr).toContain(`1. ${finished.metadata.claims[0]?.text}`);
    expect(stderr).toContain('[PAGE 1] https://example.org/ada');
  });

  it('says a draft needs review and why; --json carries it all', async () => {
    const { code, stdout } = await runCli(['show', 'review-1', '--db', db, '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      taskId: 'review-1',
      status: 'needs_review',
      problems: ['unfilled placeholder: {{name}}'],
      ran: false,
    });
    const plain = await runCli(['show', 'review-1', '--db', db]);
    expect(plain.stderr).toContain('status: NEEDS REVIEW: unfilled placeholder: {{name}}');
  });

  it('exits 1 for a task it does not have, and 2 for a database that does not exist', async () => {
    const [missing, noFile] = await Promise.all([
      runCli(['show', 'nobody', '--db', db]),
      runCli(['show', 'finished-1', '--db', join(dir, 'absent.db')]),
    ]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no email for task nobody');
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toMatch(/--db .*absent\.db: no such file/);
  });
});

describe('scribe export', () => {
  it('prints every email as JSONL, oldest first, whole records', async () => {
    const { code, stdout } = await runCli(['export', '--db', db]);
    expect(code).toBe(0);
    const records = stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(records.map((record) => [record.taskId, record.status])).toEqual([
      ['finished-1', 'finished'],
      ['review-1', 'needs_review'],
    ]);
    expect(records[0].metadata.claims).toEqual(finished.metadata.claims);
  });

  it('prints CSV a spreadsheet reads back: status, cost, claims and problems', async () => {
    const { code, stdout } = await runCli(['export', '--db', db, '--format', 'csv']);
    expect(code).toBe(0);
    const rows = parse(stdout, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      task_id: 'finished-1',
      status: 'finished',
      cost_usd: '0.012300',
      email: finished.email,
    });
    expect(rows[0]?.claims).toContain('https://example.org/ada');
    expect(rows[1]).toMatchObject({
      task_id: 'review-1',
      status: 'needs_review',
      problems: 'unfilled placeholder: {{name}}',
    });
  });
});
