import { expect, it } from 'vitest';
import { RequestLimiter, sharedArxivLimiter } from '../../src/index.js';
import { deferred } from '../helpers/pipeline.js';

it('lets a caller give up its turn on abort without letting the next one start early', async () => {
  const limiter = new RequestLimiter();
  const log: string[] = [];
  const firstDone = deferred();
  const first = limiter.run(
    async () => {
      log.push('first started');
      await firstDone.promise;
      log.push('first finished');
    },
    { minIntervalMs: 0 },
  );
  const controller = new AbortController();
  const second = limiter.run(async () => log.push('second started'), {
    minIntervalMs: 0,
    signal: controller.signal,
  });
  const third = limiter.run(async () => log.push('third started'), { minIntervalMs: 0 });

  controller.abort(new Error('gave up'));
  await expect(second).rejects.toThrow('gave up');
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(log).toEqual(['first started']);

  firstDone.resolve();
  await Promise.all([first, third]);
  expect(log).toEqual(['first started', 'first finished', 'third started']);
});

it('holds every caller back after a pause', async () => {
  let clock = 0;
  const limiter = new RequestLimiter({ now: () => clock });
  limiter.pauseFor(30);
  const started = limiter.run(async () => clock, { minIntervalMs: 0 });
  // The limiter sleeps on real timers; move the fake clock past the pause meanwhile.
  setTimeout(() => {
    clock = 30;
  }, 5);
  expect(await started).toBeGreaterThanOrEqual(30);
});

it('shares one limiter per process', () => {
  expect(sharedArxivLimiter()).toBe(sharedArxivLimiter());
});
