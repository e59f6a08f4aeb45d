import { describe, expect, it } from 'vitest';
import { FifoSemaphore } from '../../../src/web/browser/fifo-semaphore.js';

describe('FifoSemaphore', () => {
  it('lets `limit` holders in and hands freed slots to waiters in arrival order', async () => {
    const slots = new FifoSemaphore(2);
    const order: string[] = [];
    const releaseA = await slots.acquire();
    const releaseB = await slots.acquire();
    const c = slots.acquire().then((release) => {
      order.push('c');
      return release;
    });
    const d = slots.acquire().then((release) => {
      order.push('d');
      return release;
    });
    expect(slots.active).toBe(2);
    expect(slots.waiting).toBe(2);

    releaseB();
    const releaseC = await c;
    expect(order).toEqual(['c']);
    // A newcomer while someone waits must queue behind them, not take a slot freed for them.
    const e = slots.acquire().then((release) => {
      order.push('e');
      return release;
    });
    releaseA();
    await d;
    releaseC();
    await e;
    expect(order).toEqual(['c', 'd', 'e']);
    expect(slots.active).toBe(2);
  });

  it('frees a slot once however often release is called', async () => {
    const slots = new FifoSemaphore(1);
    const release = await slots.acquire();
    const second = slots.acquire();
    const third = slots.acquire();
    release();
    release();
    await second;
    expect(slots.active).toBe(1);
    expect(slots.waiting).toBe(1);
    third.catch(() => {});
    slots.rejectWaiting(new Error('closed'));
    await expect(third).rejects.toThrow('closed');
  });

  it('drops an aborted waiter from the queue with the signal reason, without consuming a slot', async () => {
    const slots = new FifoSemaphore(1);
    const release = await slots.acquire();
    const controller = new AbortController();
    const aborted = slots.acquire(controller.signal);
    const next = slots.acquire();
    const reason = new Error('gave up');
    controller.abort(reason);
    await expect(aborted).rejects.toBe(reason);
    expect(slots.waiting).toBe(1);
    release();
    await next;
    expect(slots.active).toBe(1);
    await expect(slots.acquire(AbortSignal.abort(reason))).rejects.toBe(reason);
  });

  it('refuses a limit below one', () => {
    expect(() => new FifoSemaphore(0)).toThrow(RangeError);
  });
});
