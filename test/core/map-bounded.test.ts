import { describe, expect, it } from 'vitest';
import { mapBounded } from '../../src/core/map-bounded.js';

/** Work whose calls wait until the test settles them, recording which items started. */
function heldWork() {
  const started: number[] = [];
  const pending = new Map<number, { resolve: (value: string) => void; reject: (error: unknown) => void }>();
  const work = (item: number) =>
    new Promise<string>((resolve, reject) => {
      started.push(item);
      pending.set(item, { resolve, reject });
    });
  const succeed = (item: number) => pending.get(item)?.resolve(`done ${item}`);
  const fail = (item: number, error: unknown) => pending.get(item)?.reject(error);
  return { started, work, succeed, fail };
}

// Enough turns of the event loop for a wrongly started call, or an early rejection, to show up.
async function settle() {
  for (let turn = 0; turn < 20; turn += 1) await new Promise((resolve) => setImmediate(resolve));
}

function track<T>(promise: Promise<T>) {
  const state: { outcome?: { ok: true; value: T } | { ok: false; error: unknown } } = {};
  promise.then(
    (value) => (state.outcome = { ok: true, value }),
    (error: unknown) => (state.outcome = { ok: false, error }),
  );
  return state;
}

describe('mapBounded', () => {
  it('runs at most `limit` at once, starts the next as one ends, and keeps input order', async () => {
    const held = heldWork();
    const state = track(mapBounded([1, 2, 3, 4], 2, held.work));
    await settle();
    expect(held.started).toEqual([1, 2]);
    held.succeed(2);
    await settle();
    expect(held.started).toEqual([1, 2, 3]);
    for (const item of [3, 1]) held.succeed(item);
    await settle();
    held.succeed(4);
    await settle();
    expect(state.outcome).toEqual({ ok: true, value: ['done 1', 'done 2', 'done 3', 'done 4'] });
  });

  it('starts nothing after a failure and raises the earliest error once the running ones end', async () => {
    const held = heldWork();
    const state = track(mapBounded([1, 2, 3, 4, 5], 3, held.work));
    await settle();
    expect(held.started).toEqual([1, 2, 3]);
    const earliest = new Error('item 3 failed first');
    held.fail(3, earliest);
    await settle();
    expect(held.started).toEqual([1, 2, 3]);
    expect(state.outcome).toBeUndefined();
    // A later failure of an earlier item does not replace the first error.
    held.fail(1, new Error('item 1 failed later'));
    await settle();
    expect(state.outcome).toBeUndefined();
    held.succeed(2);
    await settle();
    expect(state.outcome).toEqual({ ok: false, error: earliest });
    expect(held.started).toEqual([1, 2, 3]);
  });

  it('takes a thrown undefined for a failure too', async () => {
    await expect(mapBounded([1], 1, () => Promise.reject(undefined))).rejects.toBeUndefined();
  });

  it('returns an empty list for no items', async () => {
    await expect(mapBounded([], 3, () => Promise.reject(new Error('never called')))).resolves.toEqual([]);
  });
});
