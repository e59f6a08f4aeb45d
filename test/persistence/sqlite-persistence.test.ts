import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ConfigurationError,
  defineStep,
  PersistenceError,
  runPipeline,
  sqlitePersistence,
} from '../../src/index.js';
import { sampleEmailRecord } from '../../src/testing/index.js';
import { validInput } from '../helpers/pipeline.js';

const run = promisify(execFile);
const directory = mkdtempSync(join(tmpdir(), 'scribe-sqlite-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('sqlitePersistence', () => {
  it('keeps emails after the file is closed and reopened', async () => {
    const path = join(directory, 'reopen.db');
    const record = sampleEmailRecord();
    const first = sqlitePersistence({ path });
    const { id } = await first.saveEmail(record);
    await first.close?.();

    const reopened = sqlitePersistence({ path });
    expect(await reopened.getEmailByTaskId(record.taskId)).toMatchObject({ id, ...record });
    expect(await reopened.saveEmail(record)).toEqual({ id, created: false });
    await reopened.close?.();
  });

  it('adds the status column to a table made before emails had one; its rows read as finished', async () => {
    const path = join(directory, 'old-schema.db');
    const { DatabaseSync } = await import('node:sqlite');
    const old = new DatabaseSync(path);
    old.exec(`CREATE TABLE scribe_emails (id TEXT PRIMARY KEY, task_id TEXT NOT NULL UNIQUE, user_id TEXT NOT NULL,
      recipient_name TEXT NOT NULL, recipient_interest TEXT NOT NULL, template_type TEXT, email TEXT NOT NULL,
      is_confident INTEGER NOT NULL, metadata TEXT NOT NULL, created_at TEXT NOT NULL) STRICT`);
    old
      .prepare('INSERT INTO scribe_emails VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(
        'old-id',
        'old-task',
        'u',
        'Ada',
        'engines',
        'research',
        'Dear Ada.',
        1,
        '{"warnings":[]}',
        '2026-01-01T00:00:00.000Z',
      );
    old.close();

    const adapter = sqlitePersistence({ path });
    expect(await adapter.getEmailByTaskId('old-task')).toMatchObject({
      id: 'old-id',
      status: 'finished',
      metadata: { claims: [], problems: [], warnings: [] },
    });
    const draft = sampleEmailRecord({ status: 'needs_review' });
    expect((await adapter.saveEmail(draft)).created).toBe(true);
    expect((await adapter.getEmailByTaskId(draft.taskId))?.status).toBe('needs_review');
    await adapter.close?.();
  });

  it('saves one email per task even when several processes race on one file', async () => {
    const path = join(directory, 'processes.db');
    const taskId = `race-${Date.now()}`;
    const script = join(import.meta.dirname, 'fixtures', 'save-from-another-process.ts');
    const outputs = await Promise.all(
      ['a', 'b', 'c', 'd'].map((label) =>
        run(process.execPath, ['--import', 'tsx', script, path, taskId, label]),
      ),
    );
    const results = outputs.map((output) => JSON.parse(output.stdout) as { id: string; created: boolean });
    expect(new Set(results.map((result) => result.id)).size).toBe(1);
    expect(results.filter((result) => result.created)).toHaveLength(1);

    const adapter = sqlitePersistence({ path });
    const stored = await adapter.getEmailByTaskId(taskId);
    const winner = ['a', 'b', 'c', 'd'][results.findIndex((result) => result.created)];
    expect(stored?.email).toBe(`Written by process ${winner}.`);
    await adapter.close?.();
  });

  it('stores a whole pipeline run', async () => {
    const path = join(directory, 'pipeline.db');
    const persistence = sqlitePersistence({ path });
    const input = validInput();
    const { emailId } = await runPipeline({
      input,
      steps: [
        defineStep({
          name: 'compose',
          execute: (data) => {
            data.finalEmail = 'Dear Dr. Hopper, hello.';
          },
        }),
      ],
      persistence,
    });
    expect(await persistence.getEmailByTaskId(input.taskId)).toMatchObject({
      id: emailId,
      email: 'Dear Dr. Hopper, hello.',
      templateType: null,
      metadata: { stepTimings: { compose: expect.any(Number) } },
    });
    await persistence.close?.();
  });

  it('reports a file it cannot open as a PersistenceError', async () => {
    const adapter = sqlitePersistence({ path: join(directory, 'missing-folder', 'x.db') });
    const error = await adapter.saveEmail(sampleEmailRecord()).catch((caught: unknown) => caught);
    expect(PersistenceError.isInstance(error)).toBe(true);
    expect((error as PersistenceError).operation).toBe('open');
  });

  it('refuses use after close, and bad options at construction', async () => {
    const adapter = sqlitePersistence({ path: ':memory:' });
    await adapter.close?.();
    await adapter.close?.();
    await expect(adapter.saveEmail(sampleEmailRecord())).rejects.toMatchObject({
      code: 'PERSISTENCE',
      retryable: false,
    });
    expect(() => sqlitePersistence({ path: '' })).toThrow(/path/);
    expect(() => sqlitePersistence({ path: 'x.db', table: 'emails; DROP TABLE x' })).toThrow(/table/);
  });
});

describe('sqlitePersistence options and locks', () => {
  it('refuses bad options with a ConfigurationError naming the option', () => {
    expect(() => sqlitePersistence({ path: '' })).toThrow(ConfigurationError);
    expect(() => sqlitePersistence({ path: 'x.db', table: 'drop table;' })).toThrow(/`table`/);
    expect(() => sqlitePersistence({ path: 'x.db', busyTimeoutMs: -1 })).toThrow(/`busyTimeoutMs`/);
    expect(() => sqlitePersistence({ path: 'x.db', busyTimeoutMs: Number.NaN })).toThrow(ConfigurationError);
  });

  it('waits for another connection’s write lock without blocking the event loop, then saves', async () => {
    const path = join(directory, 'locked.db');
    const adapter = sqlitePersistence({ path, busyTimeoutMs: 60_000 });
    await adapter.getEmailByTaskId('opens-the-file');
    const { DatabaseSync } = await import('node:sqlite');
    const other = new DatabaseSync(path);
    other.exec('BEGIN IMMEDIATE');
    let settled = false;
    const save = adapter.saveEmail(sampleEmailRecord()).finally(() => {
      settled = true;
    });
    // Ten turns of the event loop while the lock is held: a save that blocked would have
    // settled (with a busy error) before the first of them ran.
    for (let turn = 0; turn < 10; turn += 1) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(settled).toBe(false);
    other.exec('COMMIT');
    other.close();
    expect((await save).created).toBe(true);
    await adapter.close?.();
  });

  it('gives up after busyTimeoutMs with a retryable PersistenceError', async () => {
    const path = join(directory, 'still-locked.db');
    const adapter = sqlitePersistence({ path, busyTimeoutMs: 100 });
    await adapter.getEmailByTaskId('opens-the-file');
    const { DatabaseSync } = await import('node:sqlite');
    const other = new DatabaseSync(path);
    other.exec('BEGIN IMMEDIATE');
    try {
      await expect(adapter.saveEmail(sampleEmailRecord())).rejects.toMatchObject({
        code: 'PERSISTENCE',
        retryable: true,
      });
    } finally {
      other.exec('ROLLBACK');
      other.close();
      await adapter.close?.();
    }
  });
});
