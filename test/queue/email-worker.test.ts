// createEmailWorker's shutdown: the worker first, its running jobs finished, then its resources.
import { describe, expect, it } from 'vitest';
import { ConfigurationError, memoryPersistence } from '../../src/index.js';
import { createEmailWorker, enqueueEmail } from '../../src/queue/index.js';
import { deferred, validInput } from '../helpers/pipeline.js';
import { fakeSteps } from './fixtures/fake-steps.js';
import { startHarness } from './fixtures/harness.js';
import { redisConnection } from './fixtures/services.js';

describe('createEmailWorker', () => {
  it('closes its resources in order, and only once its running job has finished', async () => {
    const closed: string[] = [];
    let jobFinished = false;
    const running = deferred();
    const release = deferred();
    const persistence = memoryPersistence();
    const resource = (name: string) => ({
      close: async () => void closed.push(`${name} ${jobFinished ? 'after the job' : 'during the job'}`),
    });
    const harness = await startHarness({
      steps: fakeSteps({
        onResearch: async () => {
          running.resolve();
          await release.promise;
        },
      }),
      persistence,
      resources: [resource('database'), resource('browsers')],
    });
    const worker = harness.worker;
    if (!worker) throw new Error('the harness has a worker');
    worker.on('completed', () => {
      jobFinished = true;
    });
    const input = validInput();
    await enqueueEmail(harness.queue, input);
    await running.promise;

    // The job may finish only once the worker has begun to close: a worker that closed its
    // resources first would have done so while the job still needed them.
    worker.once('closing', () => release.resolve());
    const closing = worker.close();
    expect(worker.close()).toBe(closing);
    await closing;

    expect(closed).toEqual(['database after the job', 'browsers after the job']);
    expect(await persistence.getEmailByTaskId(input.taskId)).toMatchObject({ taskId: input.taskId });
    await harness.close();
    expect(closed).toHaveLength(2);
  });

  it('closes every resource even when one fails, then reports the failure', async () => {
    const closed: string[] = [];
    const harness = await startHarness({
      steps: fakeSteps(),
      persistence: memoryPersistence(),
      resources: [
        {
          close: async () => {
            throw new Error('pool already gone');
          },
        },
        { close: async () => void closed.push('browsers') },
        {},
      ],
    });
    const error = await harness.worker?.close().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AggregateError);
    expect((error as AggregateError).errors.map(String)).toEqual(['Error: pool already gone']);
    expect(closed).toEqual(['browsers']);
    // The worker's close() keeps its answer; the queue and its events still close.
    await expect(harness.close()).rejects.toBe(error);
  });

  it('refuses unusable options before it connects to anything', () => {
    const base = {
      connection: redisConnection(),
      queueName: 'emails',
      steps: fakeSteps(),
      persistence: memoryPersistence(),
    };
    for (const [options, option] of [
      [{ ...base, queueName: ' ' }, 'queueName'],
      [{ ...base, concurrency: 0 }, 'concurrency'],
      [{ ...base, concurrency: 2.5 }, 'concurrency'],
      [{ ...base, steps: [] }, 'steps'],
    ] as const) {
      const error = (() => {
        try {
          createEmailWorker(options);
        } catch (caught) {
          return caught;
        }
        return undefined;
      })();
      expect(ConfigurationError.isInstance(error)).toBe(true);
      expect((error as ConfigurationError).option).toBe(option);
    }
  });
});
