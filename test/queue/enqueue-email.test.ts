// enqueueEmail against the real Redis, with no worker: what gets queued, and what a repeat returns.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { InputValidationError } from '../../src/index.js';
import {
  DEFAULT_EMAIL_JOB_OPTIONS,
  enqueueEmail,
  jobIdForTask,
  SCRIBE_JOB_NAME,
} from '../../src/queue/index.js';
import { validInput } from '../helpers/pipeline.js';
import { type Harness, startHarness } from './fixtures/harness.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('enqueueEmail', () => {
  it('queues the validated, trimmed input under the task id, with the default job options', async () => {
    harness = await startHarness();
    const input = validInput({ recipientName: '  Grace Hopper  ' });

    const job = await enqueueEmail(harness.queue, input);

    expect(job.id).toBe(input.taskId);
    expect(job.name).toBe(SCRIBE_JOB_NAME);
    expect(job.data).toEqual({ ...input, recipientName: 'Grace Hopper' });
    expect(job.opts).toMatchObject(DEFAULT_EMAIL_JOB_OPTIONS);
    expect(await harness.queue.getJobCounts('waiting')).toEqual({ waiting: 1 });
  });

  it('refuses bad input, naming every bad field, and queues nothing', async () => {
    harness = await startHarness();
    const error = await enqueueEmail(harness.queue, { taskId: 't', recipientName: 'X', extra: 1 }).catch(
      (caught: unknown) => caught,
    );
    expect(InputValidationError.isInstance(error)).toBe(true);
    expect((error as InputValidationError).issues.map((issue) => issue.path)).toEqual(
      expect.arrayContaining(['userId', 'emailTemplate', 'recipientName', 'recipientInterest', 'extra']),
    );
    expect(await harness.queue.count()).toBe(0);
  });

  it('adds nothing for a task already queued, and returns the job that is there', async () => {
    harness = await startHarness();
    const input = validInput();
    const first = await enqueueEmail(harness.queue, input);

    const second = await enqueueEmail(harness.queue, { ...input, recipientName: 'Someone Else' });

    expect(second.id).toBe(first.id);
    expect(second.data.recipientName).toBe(input.recipientName);
    expect(second.timestamp).toBe(first.timestamp);
    expect(await harness.queue.count()).toBe(1);
  });

  it('lets the queue’s defaults override its own, and the call override both', async () => {
    harness = await startHarness(undefined, { defaultJobOptions: { attempts: 5, priority: 3 } });
    const fromQueue = await enqueueEmail(harness.queue, validInput());
    const fromCall = await enqueueEmail(harness.queue, validInput(), {
      attempts: 1,
      jobId: 'ignored',
    } as never);

    expect(fromQueue.opts).toMatchObject({
      attempts: 5,
      priority: 3,
      backoff: DEFAULT_EMAIL_JOB_OPTIONS.backoff,
    });
    expect(fromCall.opts).toMatchObject({ attempts: 1, priority: 3 });
    expect(fromCall.id).not.toBe('ignored');
  });

  it('queues tasks whose ids BullMQ would refuse as job ids', async () => {
    harness = await startHarness();
    for (const taskId of ['42', 'user:7:email', '100%']) {
      const job = await enqueueEmail(harness.queue, validInput({ taskId }));
      expect(job.id).toBe(jobIdForTask(taskId));
      expect(job.data.taskId).toBe(taskId);
    }
    expect(await harness.queue.count()).toBe(3);
  });
});

describe('jobIdForTask', () => {
  it('keeps ordinary task ids as they are', () => {
    expect(jobIdForTask('task-1')).toBe('task-1');
    expect(jobIdForTask('3f2c9a0e-5b1d-4c1e-9d2a-7e1b6c0f4a21')).toBe('3f2c9a0e-5b1d-4c1e-9d2a-7e1b6c0f4a21');
    expect(jobIdForTask('42')).toBe('42%');
    expect(jobIdForTask('a:b')).toBe('a%3Ab');
  });

  it('gives every task its own id, never an integer and never with a colon', () => {
    // Short strings over the characters the escaping handles, so distinct ids that a flawed
    // escaping would merge (`:` and `%3A`, `1` and `1%`) turn up together.
    const taskId = fc.string({ unit: fc.constantFrom('%', '3', 'A', '2', '5', ':', '1', '-'), maxLength: 4 });
    fc.assert(
      fc.property(fc.uniqueArray(taskId, { minLength: 20, maxLength: 300 }), (taskIds) => {
        const ids = taskIds.map(jobIdForTask);
        expect(new Set(ids).size).toBe(taskIds.length);
        for (const id of ids) {
          expect(id).not.toContain(':');
          expect(`${Number.parseInt(id, 10)}`).not.toBe(id);
        }
      }),
    );
  });
});
