// The processor's answers when attempts of one task overlap or Redis is out: called directly with
// a stand-in job, so each situation is set up exactly.
import type { Job } from 'bullmq';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineStep, memoryPersistence } from '../../src/index.js';
import { createScribeProcessor, type ScribeJobData, type ScribeJobResult } from '../../src/queue/index.js';
import { sampleEmailRecord } from '../../src/testing/index.js';
import { validInput } from '../helpers/pipeline.js';

function standInJob(data: ScribeJobData, updateData: Job['updateData'] = async () => {}) {
  return {
    data,
    attemptsMade: 0,
    updateData,
    updateProgress: async () => {},
  } as unknown as Job<ScribeJobData, ScribeJobResult>;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('createScribeProcessor', () => {
  it('says alreadySaved when a concurrent attempt of the task saved its email first', async () => {
    const persistence = memoryPersistence();
    const input = validInput();
    // Stands in for the other attempt: it saves this task's email while this one is running.
    const otherAttemptSaves = defineStep({
      name: 'compose',
      execute: async (data) => {
        await persistence.saveEmail(sampleEmailRecord({ taskId: input.taskId }));
        data.finalEmail = 'Dear Dr. Hopper, hello.';
      },
    });
    const processor = createScribeProcessor({ steps: [otherAttemptSaves], persistence });
    const result = await processor(standInJob(input), undefined, new AbortController().signal);
    expect(result.alreadySaved).toBe(true);
    expect(result.emailId).toBe((await persistence.getEmailByTaskId(input.taskId))?.id);
  });

  it('fails a job on time even when recording what the attempt spent cannot reach Redis', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const failing = defineStep({
      name: 'compose',
      execute: () => {
        throw new Error('the model provider is down');
      },
    });
    const processor = createScribeProcessor({
      steps: [failing],
      persistence: memoryPersistence(),
      _internal: { spentWriteTimeoutMs: 5000 },
    });
    // Redis is out: the write of job.data never settles.
    const job = standInJob(validInput(), () => new Promise(() => {}));
    let settled = false;
    const running = processor(job, undefined, new AbortController().signal).finally(() => {
      settled = true;
    });
    running.catch(() => {});
    await vi.advanceTimersByTimeAsync(4999);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(settled).toBe(true);
    await expect(running).rejects.toThrow(/the model provider is down/);
  });
});
