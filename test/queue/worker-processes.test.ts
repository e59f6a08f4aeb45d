// Email jobs through real worker processes: real Redis, real PostgreSQL, real crashes.
import { type Job, Queue, QueueEvents } from 'bullmq';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { postgresPersistence } from '../../src/persistence/postgres/index.js';
import {
  enqueueEmail,
  jobIdForTask,
  SCRIBE_JOB_NAME,
  type ScribeJobData,
  type ScribeJobProgress,
  type ScribeJobResult,
} from '../../src/queue/index.js';
import { validInput } from '../helpers/pipeline.js';
import { databaseUrl, redisConnection, uniqueName } from './fixtures/services.js';
import {
  isHolding,
  isReady,
  isSaved,
  startWorkerProcess,
  type WorkerProcess,
  type WorkerProcessConfig,
} from './fixtures/worker-process.js';

const connection = redisConnection();
let database: pg.Pool;
const tables: string[] = [];
const cleanups: (() => Promise<unknown>)[] = [];

beforeAll(() => {
  database = new pg.Pool({ connectionString: databaseUrl, max: 2 });
});

afterEach(async () => {
  // In reverse: workers stop before their queue goes away.
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

afterAll(async () => {
  for (const table of tables) await database.query(`DROP TABLE IF EXISTS "${table}"`);
  await database.end();
});

/** A queue, its events, and a table with its schema, all removed after the test. */
async function setUp(label: string) {
  const queueName = uniqueName(label);
  const table = uniqueName(label);
  tables.push(table);
  await postgresPersistence({ pool: database, table }).ensureSchema();
  const queue = new Queue<ScribeJobData, ScribeJobResult>(queueName, { connection });
  const events = new QueueEvents(queueName, { connection });
  cleanups.push(async () => {
    await events.close();
    await queue.obliterate({ force: true });
    await queue.close();
  });
  await events.waitUntilReady();
  // Resolves once the queue has written its meta key, which would outlive an earlier obliterate.
  await queue.getVersion();
  const start = async (
    workerLabel: string,
    options: Partial<Pick<WorkerProcessConfig, 'mode' | 'concurrency' | 'workerOptions' | 'paused'>> = {},
  ): Promise<WorkerProcess> => {
    const worker = startWorkerProcess({
      label: workerLabel,
      queueName,
      table,
      databaseUrl,
      redis: connection,
      mode: 'normal',
      concurrency: 2,
      ...options,
    });
    cleanups.push(() => worker.stop());
    await worker.waitFor(isReady);
    return worker;
  };
  const rows = async () =>
    (
      await database.query<{ id: string; task_id: string; email: string }>(
        `SELECT id::text, task_id, email FROM "${table}" ORDER BY task_id`,
      )
    ).rows;
  return { queue, events, start, rows };
}

// Short locks, so a job whose worker was killed is taken back within seconds, not half a minute.
const quickRecovery = { lockDuration: 1000, stalledInterval: 500 };

describe('email jobs through worker processes', () => {
  it('runs every job once across two workers, reports progress, and fails bad data without retrying', async () => {
    const { queue, events, start, rows } = await setUp('two_workers');
    const progress = new Map<string, ScribeJobProgress[]>();
    events.on('progress', ({ jobId, data }) => {
      progress.set(jobId, [...(progress.get(jobId) ?? []), data as ScribeJobProgress]);
    });
    await Promise.all([start('a'), start('b')]);

    const inputs = Array.from({ length: 12 }, (_, index) =>
      validInput({ taskId: `task-${index}-${uniqueName('t')}` }),
    );
    const jobs = await Promise.all(inputs.map((input) => enqueueEmail(queue, input)));
    // Past enqueueEmail's checks, as a producer in another language might add it.
    const invalid = await queue.add(
      SCRIBE_JOB_NAME,
      { taskId: 'no-template', userId: 'u' } as ScribeJobData,
      { jobId: 'invalid-job', attempts: 3 },
    );
    const results: ScribeJobResult[] = [];
    for (const job of jobs) results.push(await job.waitUntilFinished(events));
    await expect(invalid.waitUntilFinished(events)).rejects.toThrow(/^\[INPUT_VALIDATION\].*emailTemplate/);

    const stored = await rows();
    expect(stored.map((row) => row.task_id)).toEqual(inputs.map((input) => input.taskId).sort());
    for (const [index, job] of jobs.entries()) {
      expect(job.id).toBe(inputs[index]?.taskId);
      expect(results[index]).toMatchObject({
        alreadySaved: false,
        usage: { research: { totalTokens: 150 } },
      });
      expect(stored.find((row) => row.task_id === job.id)?.id).toBe(results[index]?.emailId);
      const finished = await queue.getJob(job.id ?? '');
      expect(finished?.attemptsMade).toBe(1);
      expect(finished?.returnvalue).toEqual(results[index]);
    }
    const failed = await queue.getJob('invalid-job');
    expect(await failed?.getState()).toBe('failed');
    expect(failed?.attemptsMade).toBe(1);

    // Every step event of a job reached QueueEvents, in order, ending at 100%.
    for (const job of jobs) {
      // QueueEvents may deliver the last progress events after waitUntilFinished has resolved.
      await expect.poll(() => progress.get(job.id ?? '')?.length).toBe(4);
      const events = progress.get(job.id ?? '') ?? [];
      expect(
        events.map(({ step, status, index, total, percent }) => [step, status, index, total, percent]),
      ).toEqual([
        ['research', 'started', 0, 2, 0],
        ['research', 'completed', 0, 2, 50],
        ['compose', 'started', 1, 2, 50],
        ['compose', 'completed', 1, 2, 100],
      ]);
      expect(events[1]?.durationMs).toEqual(expect.any(Number));
    }
  });

  it('gives the job of a worker killed mid-pipeline to another worker; every job ends with one row', async () => {
    const { queue, events, start, rows } = await setUp('killed');
    // Both start together; the survivor takes no job until the doomed worker holds one.
    const [crashing, survivor] = await Promise.all([
      start('doomed', { mode: 'hang-first', concurrency: 1, workerOptions: quickRecovery }),
      start('survivor', { paused: true, workerOptions: quickRecovery }),
    ]);
    const inputs = Array.from({ length: 4 }, () => validInput({ taskId: uniqueName('crash') }));
    const jobs = await Promise.all(inputs.map((input) => enqueueEmail(queue, input)));

    const { taskId: held } = await crashing.waitFor(isHolding);
    expect((await crashing.kill()).signal).toBe('SIGKILL');
    survivor.run();
    const results: ScribeJobResult[] = [];
    for (const job of jobs) results.push(await job.waitUntilFinished(events));

    const stored = await rows();
    expect(stored.map((row) => row.task_id)).toEqual(inputs.map((input) => input.taskId).sort());
    expect(stored.every((row) => row.email.endsWith('Written by worker survivor.'))).toBe(true);
    expect(results.every((result) => result.alreadySaved === false)).toBe(true);
    // The held job really was started twice: once by the dead worker, then by the survivor.
    expect(survivor.messages).toContainEqual({ type: 'research', taskId: held, label: 'survivor' });
    const recovered = (await queue.getJob(jobIdForTask(held))) as Job<ScribeJobData, ScribeJobResult>;
    expect(await recovered.getState()).toBe('completed');
    expect(recovered.returnvalue.emailId).toBe(stored.find((row) => row.task_id === held)?.id);
  });

  it('answers a job retried after a crash that followed the write with the stored id, writing nothing', async () => {
    const { queue, events, start, rows } = await setUp('after_write');
    const [crashing, survivor] = await Promise.all([
      start('doomed', { mode: 'die-after-save', concurrency: 1, workerOptions: quickRecovery }),
      start('survivor', { paused: true, workerOptions: quickRecovery }),
    ]);
    const input = validInput({ taskId: uniqueName('saved') });
    const job = await enqueueEmail(queue, input);

    const saved = await crashing.waitFor(isSaved);
    expect((await crashing.exited).signal).toBe('SIGKILL');
    expect(await job.getState()).toBe('active');
    expect(await rows()).toEqual([{ id: saved.emailId, task_id: input.taskId, email: expect.any(String) }]);

    survivor.run();
    const result = await job.waitUntilFinished(events);

    expect(result).toEqual({
      emailId: saved.emailId,
      alreadySaved: true,
      status: 'finished',
      timings: {},
      warnings: [],
      usage: {},
    });
    expect(await rows()).toEqual([
      { id: saved.emailId, task_id: input.taskId, email: expect.stringContaining('doomed') },
    ]);
    expect(survivor.messages.filter((message) => message.type === 'research')).toEqual([]);
  });
});
