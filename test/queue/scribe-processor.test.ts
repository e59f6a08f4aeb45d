// The processor in this process, on the real Redis: retries, failures, cancellation, idempotency.
import { UnrecoverableError } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import {
  defineStep,
  InputValidationError,
  memoryPersistence,
  type PersistenceAdapter,
  PersistenceError,
  StepResult,
} from '../../src/index.js';
import { createScribeProcessor, enqueueEmail, toJobError } from '../../src/queue/index.js';
import { sampleEmailRecord } from '../../src/testing/index.js';
import { deferred, validInput } from '../helpers/pipeline.js';
import { FAKE_USAGE, fakeSteps } from './fixtures/fake-steps.js';
import { type Harness, startHarness } from './fixtures/harness.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const compose = defineStep({
  name: 'compose',
  execute: (data) => {
    data.finalEmail = `Dear ${data.recipientName}, hello.`;
  },
});
// Retries come quickly in tests; the defaults wait 5 s and 10 s.
const quickRetries = { attempts: 3, backoff: { type: 'fixed', delay: 10 } } as const;

describe('createScribeProcessor', () => {
  it('retries a retryable failure, and keeps what the failed attempt spent in the job data', async () => {
    let attempts = 0;
    const flaky = defineStep({
      name: 'flaky',
      execute: (_data, { recordModelUsage }) => {
        recordModelUsage({ modelId: 'fake-model', usage: FAKE_USAGE });
        attempts += 1;
        if (attempts === 1) throw Object.assign(new Error('model rate limited'), { retryable: true });
      },
    });
    harness = await startHarness({ steps: [flaky, compose], persistence: memoryPersistence() });
    const job = await enqueueEmail(harness.queue, validInput(), quickRetries);

    const result = await job.waitUntilFinished(harness.events);

    expect(result).toMatchObject({ alreadySaved: false, usage: { flaky: FAKE_USAGE } });
    const finished = await harness.queue.getJob(job.id ?? '');
    expect(finished?.attemptsMade).toBe(2);
    // The second attempt ran on data that already carried `spent`: it is set aside, not refused.
    expect(finished?.data.spent).toEqual([
      {
        attempt: 1,
        failedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        usage: { flaky: FAKE_USAGE },
        timings: { flaky: expect.any(Number) },
        error: {
          code: 'PIPELINE_EXECUTION',
          retryable: true,
          message: expect.stringContaining('model rate limited'),
        },
      },
    ]);
  });

  it('fails at once a run no retry can fix, with the code in front of the message', async () => {
    const refusing = defineStep({
      name: 'refusing',
      execute: () => StepResult.fail('refusing', 'nothing to write about'),
    });
    const persistence = memoryPersistence();
    harness = await startHarness({ steps: [refusing, compose], persistence });
    const input = validInput();
    const job = await enqueueEmail(harness.queue, input, quickRetries);

    await expect(job.waitUntilFinished(harness.events)).rejects.toThrow(
      /^\[PIPELINE_EXECUTION\] Pipeline for task .* stopped at step "refusing": nothing to write about$/,
    );
    const failed = await harness.queue.getJob(job.id ?? '');
    expect(failed?.attemptsMade).toBe(1);
    expect(failed?.data.spent).toEqual([
      expect.objectContaining({ attempt: 1, error: expect.objectContaining({ retryable: false }) }),
    ]);
    expect(await persistence.getEmailByTaskId(input.taskId)).toBeUndefined();
  });

  it('hands BullMQ’s cancellation signal to the steps; a cancelled job fails for good and saves nothing', async () => {
    const running = deferred<AbortSignal>();
    const persistence = memoryPersistence();
    harness = await startHarness({
      steps: fakeSteps({
        onResearch: (_taskId, { signal }) => {
          running.resolve(signal);
          return new Promise((_resolve, reject) => signal.addEventListener('abort', reject, { once: true }));
        },
      }),
      persistence,
    });
    const input = validInput();
    const job = await enqueueEmail(harness.queue, input, quickRetries);
    const signal = await running.promise;

    expect(harness.worker?.cancelJob(job.id ?? '', 'user cancelled')).toBe(true);
    expect(signal.aborted).toBe(true);
    await expect(job.waitUntilFinished(harness.events)).rejects.toThrow(/^\[PIPELINE_ABORTED\]/);
    expect((await harness.queue.getJob(job.id ?? ''))?.attemptsMade).toBe(1);
    expect(await persistence.getEmailByTaskId(input.taskId)).toBeUndefined();
  });

  it('returns the saved email of a task without running anything', async () => {
    const persistence = memoryPersistence();
    const input = validInput();
    const { id } = await persistence.saveEmail(sampleEmailRecord({ taskId: input.taskId }));
    const started: string[] = [];
    harness = await startHarness({
      steps: fakeSteps({ onResearch: (taskId) => void started.push(taskId) }),
      persistence,
    });

    const result = await (await enqueueEmail(harness.queue, input)).waitUntilFinished(harness.events);

    expect(result).toEqual({
      emailId: id,
      alreadySaved: true,
      status: 'finished',
      timings: {},
      warnings: [],
      usage: {},
    });
    expect(started).toEqual([]);
  });

  it('retries when looking the task up fails for a passing reason', async () => {
    const inner = memoryPersistence();
    let lookups = 0;
    const flakyDatabase: PersistenceAdapter = {
      saveEmail: (record, options) => inner.saveEmail(record, options),
      getEmailByTaskId: async (taskId, options) => {
        lookups += 1;
        if (lookups === 1) throw Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
        return inner.getEmailByTaskId(taskId, options);
      },
    };
    harness = await startHarness({ steps: fakeSteps(), persistence: flakyDatabase });
    const job = await enqueueEmail(harness.queue, validInput(), quickRetries);

    expect(await job.waitUntilFinished(harness.events)).toMatchObject({ alreadySaved: false });
    const finished = await harness.queue.getJob(job.id ?? '');
    expect(finished?.attemptsMade).toBe(2);
    expect(finished?.data.spent?.[0]?.error).toMatchObject({ code: 'PERSISTENCE', retryable: true });
  });

  it('refuses a step list or adapter it cannot use when built', () => {
    expect(() => createScribeProcessor({ steps: [], persistence: memoryPersistence() })).toThrow(
      expect.objectContaining({ code: 'CONFIGURATION', option: 'steps' }),
    );
    expect(() =>
      createScribeProcessor({ steps: fakeSteps(), persistence: {} as PersistenceAdapter }),
    ).toThrow(expect.objectContaining({ code: 'CONFIGURATION', option: 'persistence' }));
  });
});

describe('toJobError', () => {
  it('passes a retryable error through, so BullMQ’s attempts and backoff apply', () => {
    const transient = new PersistenceError({
      operation: 'saveEmail',
      message: 'connection lost',
      retryable: true,
    });
    expect(toJobError(transient)).toBe(transient);
  });

  it('makes a non-retryable error unrecoverable, keeping its code, message and cause', () => {
    const invalid = new InputValidationError({ issues: [{ path: 'recipientName', message: 'is required' }] });
    const error = toJobError(invalid);
    expect(error).toBeInstanceOf(UnrecoverableError);
    expect(error.name).toBe('UnrecoverableError');
    expect(error).toMatchObject({
      code: 'INPUT_VALIDATION',
      retryable: false,
      cause: invalid,
      message: '[INPUT_VALIDATION] Invalid pipeline input: recipientName: is required',
    });
  });

  it('takes an error that is not the library’s for a bug, which no retry fixes', () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'x')");
    const error = toJobError(bug);
    expect(error).toBeInstanceOf(UnrecoverableError);
    expect(error).toMatchObject({ code: undefined, cause: bug });
    expect(error.message).toBe("[UNEXPECTED] TypeError: Cannot read properties of undefined (reading 'x')");
  });
});
