import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { ConfigurationError } from '../../src/index.js';
import { RequestLimiter, sharedLimiterFor } from '../../src/steps/arxiv-helper/index.js';
import { manualClock } from '../helpers/fake-arxiv-server.js';
import { deferred } from '../helpers/pipeline.js';

describe('RequestLimiter', () => {
  it('lets a caller give up its turn on abort without letting the next one start early', async () => {
    // Fake timers: whatever the limiter would start after the abort, by a microtask or by a timer,
    // runs when they are run out below, in no real time. No sleep, no timing luck.
    vi.useFakeTimers();
    onTestFinished(() => {
      vi.useRealTimers();
    });
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

    const reason = new Error('gave up');
    controller.abort(reason);
    // The caller's own reason comes back, so a deadline up the stack can recognise its abort.
    await expect(second).rejects.toBe(reason);
    // Every pending timer and microtask run out: a third task let in early has started by now.
    await vi.runAllTimersAsync();
    expect(vi.getTimerCount()).toBe(0);
    expect(log).toEqual(['first started']);

    firstDone.resolve();
    await Promise.all([first, third]);
    expect(log).toEqual(['first started', 'first finished', 'third started']);
  });

  it('starts instant tasks the minimum interval apart, by its own clock', async () => {
    const clock = manualClock(1000);
    const limiter = new RequestLimiter(clock);
    // Tasks that take no time at all: only the interval can space their starts.
    const starts = await Promise.all(
      Array.from({ length: 4 }, () => limiter.run(async () => clock.now(), { minIntervalMs: 3000 })),
    );
    expect(starts).toEqual([1000, 4000, 7000, 10_000]);
  });

  it('rejects with the abort reason while sleeping out the interval', async () => {
    const limiter = new RequestLimiter();
    await limiter.run(async () => {}, { minIntervalMs: 60_000 });
    const controller = new AbortController();
    const waiting = limiter.run(async () => 'ran', { minIntervalMs: 60_000, signal: controller.signal });
    const reason = new Error('deadline');
    setTimeout(() => controller.abort(reason), 10);
    await expect(waiting).rejects.toBe(reason);
  });

  it('holds every caller back until a pause ends', async () => {
    const clock = manualClock();
    const limiter = new RequestLimiter(clock);
    limiter.pauseFor(30_000);
    expect(limiter.pauseRemainingMs()).toBe(30_000);
    expect(await limiter.run(async () => clock.now(), { minIntervalMs: 0 })).toBe(30_000);
    expect(limiter.pauseRemainingMs()).toBe(0);
  });

  it('answers at once, without running the task, when a pause is longer than the caller waits', async () => {
    const clock = manualClock();
    const limiter = new RequestLimiter(clock);
    const longPause = { maxWaitMs: 60_000, instead: (remainingMs: number) => `paused ${remainingMs}` };
    const ran: string[] = [];
    const task = (name: string) => async () => {
      ran.push(name);
      return `${name} ran at ${clock.now()}`;
    };

    // A caller queued behind the request that is told to pause: it learns of the pause on its turn.
    const told = deferred();
    const first = limiter.run(
      async () => {
        await told.promise;
        limiter.pauseFor(3_600_000);
        return 'first';
      },
      { minIntervalMs: 0 },
    );
    const queued = limiter.run(task('queued'), { minIntervalMs: 0, longPause });
    told.resolve();
    expect(await first).toBe('first');
    expect(await queued).toBe('paused 3600000');

    // A caller arriving during the pause does not even queue.
    expect(await limiter.run(task('late'), { minIntervalMs: 0, longPause })).toBe('paused 3600000');
    // A pause the caller will wait out is waited out.
    expect(
      await limiter.run(task('patient'), {
        minIntervalMs: 0,
        longPause: { ...longPause, maxWaitMs: 4e6 },
      }),
    ).toBe('patient ran at 3600000');
    expect(ran).toEqual(['patient']);
  });

  it('answers an impatient caller during a pause at once, even while a patient one holds the turn', async () => {
    const clock = manualClock();
    const limiter = new RequestLimiter(clock);
    limiter.pauseFor(3_600_000);
    const ran: string[] = [];
    const patient = limiter.run(async () => ran.push('patient'), {
      minIntervalMs: 0,
      longPause: { maxWaitMs: Number.POSITIVE_INFINITY, instead: () => -1 },
    });
    const impatient = limiter.run(async () => ran.push('impatient'), {
      minIntervalMs: 0,
      longPause: { maxWaitMs: 60_000, instead: () => -1 },
    });
    expect(await impatient).toBe(-1);
    await patient;
    expect(ran).toEqual(['patient']);
  });
});

describe('sharedLimiterFor', () => {
  it('shares one limiter among every spelling of arXiv’s hosts', () => {
    const arxiv = sharedLimiterFor('export.arxiv.org');
    for (const host of [
      'export.arxiv.org',
      'EXPORT.ARXIV.ORG',
      'export.arxiv.org.',
      'arxiv.org',
      'Arxiv.Org.:8443',
    ]) {
      expect(sharedLimiterFor(host), host).toBe(arxiv);
    }
  });

  it('gives every other host its own, keyed by host and port', () => {
    const local = sharedLimiterFor('127.0.0.1:4100');
    expect(sharedLimiterFor('127.0.0.1:4100')).toBe(local);
    expect(sharedLimiterFor('127.0.0.1:4101')).not.toBe(local);
    expect(sharedLimiterFor('Mirror.Example.org.')).toBe(sharedLimiterFor('mirror.example.org'));
    expect(sharedLimiterFor('mirror.example.org')).not.toBe(sharedLimiterFor('export.arxiv.org'));
    expect(sharedLimiterFor('notarxiv.org')).not.toBe(sharedLimiterFor('export.arxiv.org'));
    expect(() => sharedLimiterFor('exa mple.org')).toThrow(ConfigurationError);
  });

  it('keeps them on globalThis, where every copy of the package finds the same ones', () => {
    const holder = globalThis as Record<symbol, unknown>;
    const limiters = holder[Symbol.for('scribe-pipeline.request-limiters')] as Map<string, RequestLimiter>;
    expect([...limiters.values()]).toContain(sharedLimiterFor('export.arxiv.org'));
  });
});
