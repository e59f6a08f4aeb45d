// progressToJob with a stand-in job whose writes the test settles by hand.
import { describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../../src/index.js';
import { progressToJob, type ScribeJobProgress } from '../../src/queue/index.js';
import { deferred } from '../helpers/pipeline.js';

function event(
  step: string,
  status: ProgressEvent['status'],
  index: number,
  extra: Partial<ProgressEvent> = {},
) {
  return { taskId: 't', step, status, index, total: 3, ...extra } satisfies ProgressEvent;
}

/** A job whose every updateProgress waits until the test settles it. */
function heldJob() {
  const writes: { progress: ScribeJobProgress; settle: ReturnType<typeof deferred<boolean>> }[] = [];
  return {
    writes,
    updateProgress: async (progress: ScribeJobProgress) => {
      const settle = deferred<boolean>();
      writes.push({ progress, settle });
      if (!(await settle.promise)) throw new Error('Redis is down');
    },
  };
}

describe('progressToJob', () => {
  it('writes events one at a time, in order, with the share of finished steps', async () => {
    const job = heldJob();
    const callback = progressToJob(job);
    // Two steps of a parallel group finish at the same moment.
    const first = callback(event('scraper', 'completed', 1, { durationMs: 12.5, warnings: ['slow page'] }));
    const second = callback(event('arxiv', 'skipped', 2));
    await expect.poll(() => job.writes.length).toBe(1);
    // Still one a turn of the event loop later: the second write waits for the first.
    await new Promise((resolve) => setImmediate(resolve));
    expect(job.writes).toHaveLength(1);

    job.writes[0]?.settle.resolve(true);
    await first;
    await expect.poll(() => job.writes.length).toBe(2);
    job.writes[1]?.settle.resolve(true);
    await second;

    expect(job.writes.map((write) => write.progress)).toEqual([
      {
        taskId: 't',
        step: 'scraper',
        status: 'completed',
        index: 1,
        total: 3,
        durationMs: 12.5,
        warnings: ['slow page'],
        percent: 33,
      },
      { taskId: 't', step: 'arxiv', status: 'skipped', index: 2, total: 3, percent: 67 },
    ]);
  });

  it('fails only the event whose write failed, and passes every event to the host’s callback', async () => {
    const job = heldJob();
    const seen: string[] = [];
    const callback = progressToJob(job, {
      onProgress: (progressEvent) => void seen.push(progressEvent.status),
    });
    const started = callback(event('parser', 'started', 0, {}));
    await expect.poll(() => job.writes.length).toBe(1);
    job.writes[0]?.settle.resolve(false);
    await expect(started).rejects.toThrow('Redis is down');

    const failed = callback(
      event('parser', 'failed', 0, { error: { message: 'boom', code: 'STEP_EXECUTION' } }),
    );
    await expect.poll(() => job.writes.length).toBe(2);
    job.writes[1]?.settle.resolve(true);
    await failed;

    expect(job.writes[1]?.progress).toMatchObject({
      status: 'failed',
      percent: 33,
      error: { code: 'STEP_EXECUTION' },
    });
    expect(seen).toEqual(['started', 'failed']);
  });
});
