import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { CheckpointStore } from '../core/checkpoint/checkpoint-store.js';

/** Makes a fresh store for one conformance case. It is closed after the case. */
export type CreateCheckpointStore = () => CheckpointStore | Promise<CheckpointStore>;

/** One contract check of a checkpoint store. */
export interface CheckpointConformanceCase {
  name: string;
  /** Runs the case against stores from `createStore`; rejects when the store breaks the contract. */
  run: (createStore: CreateCheckpointStore) => Promise<void>;
}

const HOUR = 60 * 60 * 1000;

async function withStore(createStore: CreateCheckpointStore, use: (store: CheckpointStore) => Promise<void>) {
  const store = await createStore();
  try {
    await use(store);
  } finally {
    await store.close?.();
  }
}

/**
 * Every case of the checkpoint contract, for hosts who want one test per case.
 *
 * @example
 * ```ts
 * for (const { name, run } of checkpointConformanceCases) test(name, () => run(() => myStore()));
 * ```
 */
export const checkpointConformanceCases: readonly CheckpointConformanceCase[] = [
  {
    name: 'saved stages read back by task, JSON for JSON; an unknown task has none',
    run: (createStore) =>
      withStore(createStore, async (store) => {
        const taskId = `conformance-${randomUUID()}`;
        const parser = {
          searchTerms: ['Ada Lovelace'],
          templateType: 'research',
          outputs: { note: 'Zoë 🚀' },
        };
        const research = { scrapedContent: 'x'.repeat(20_000), arxivPapers: [{ id: '1', year: 2024 }] };
        await store.save(taskId, 'template_parser', parser, HOUR);
        await store.save(taskId, 'web_scraper+arxiv_helper', research, HOUR);
        assert.deepEqual(await store.load(taskId), {
          template_parser: parser,
          'web_scraper+arxiv_helper': research,
        });
        assert.deepEqual(await store.load(`missing-${randomUUID()}`), {});
      }),
  },
  {
    name: 'a stage saved again replaces its snapshot; tasks do not see each other',
    run: (createStore) =>
      withStore(createStore, async (store) => {
        const [first, second] = [`conformance-${randomUUID()}`, `conformance-${randomUUID()}`];
        await store.save(first, 'template_parser', { searchTerms: ['old'] }, HOUR);
        await store.save(first, 'template_parser', { searchTerms: ['new'] }, HOUR);
        await store.save(second, 'template_parser', { searchTerms: ['other'] }, HOUR);
        assert.deepEqual(await store.load(first), { template_parser: { searchTerms: ['new'] } });
        assert.deepEqual(await store.load(second), { template_parser: { searchTerms: ['other'] } });
      }),
  },
  {
    name: 'clear forgets a task, and only that task',
    run: (createStore) =>
      withStore(createStore, async (store) => {
        const [first, second] = [`conformance-${randomUUID()}`, `conformance-${randomUUID()}`];
        await store.save(first, 'template_parser', { a: 1 }, HOUR);
        await store.save(second, 'template_parser', { b: 2 }, HOUR);
        await store.clear(first);
        assert.deepEqual(await store.load(first), {});
        assert.deepEqual(await store.load(second), { template_parser: { b: 2 } });
      }),
  },
  {
    name: 'checkpoints expire after their ttl',
    run: (createStore) =>
      withStore(createStore, async (store) => {
        const taskId = `conformance-${randomUUID()}`;
        await store.save(taskId, 'template_parser', { a: 1 }, 1000);
        assert.deepEqual(await store.load(taskId), { template_parser: { a: 1 } });
        await new Promise((resolve) => setTimeout(resolve, 1100));
        assert.deepEqual(await store.load(taskId), {});
      }),
  },
];

/**
 * Checks a checkpoint store against the contract the shipped ones keep: round trip by task and
 * stage, replacing a stage, clearing one task, expiry. No test framework needed; throws an
 * `AggregateError` naming each failed case.
 *
 * @example
 * ```ts
 * import { runCheckpointConformance } from 'scribe-pipeline/testing';
 * test('my checkpoint store keeps the contract', () => runCheckpointConformance(() => myStore()));
 * ```
 */
export async function runCheckpointConformance(
  createStore: CreateCheckpointStore,
): Promise<{ passed: string[] }> {
  const passed: string[] = [];
  const failed: { name: string; error: unknown }[] = [];
  for (const conformanceCase of checkpointConformanceCases) {
    try {
      await conformanceCase.run(createStore);
      passed.push(conformanceCase.name);
    } catch (error) {
      failed.push({ name: conformanceCase.name, error });
    }
  }
  if (failed.length > 0) {
    throw new AggregateError(
      failed.map((failure) => failure.error),
      `Checkpoint store broke ${failed.length} conformance case(s): ${failed.map((failure) => failure.name).join('; ')}`,
    );
  }
  return { passed };
}
