import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { EmailRecord, PersistenceAdapter } from '../core/persistence/persistence-adapter.js';

/** Makes a fresh adapter for one conformance case. It is closed after the case. */
export type CreateAdapter = () => PersistenceAdapter | Promise<PersistenceAdapter>;

/** One contract check. `run` throws (an assertion error) when the adapter breaks the contract. */
export interface ConformanceCase {
  name: string;
  /** Runs the case against adapters from `createAdapter`; rejects when one breaks the contract. */
  run: (createAdapter: CreateAdapter) => Promise<void>;
}

/** What `runPersistenceConformance` found. */
export interface ConformanceReport {
  passed: string[];
  failed: { name: string; error: unknown }[];
}

/**
 * A record with a unique task id, so cases never collide on a shared database.
 *
 * @example
 * ```ts
 * const { id } = await adapter.saveEmail(sampleEmailRecord({ userId: 'user-7' }));
 * ```
 */
export function sampleEmailRecord(overrides: Partial<EmailRecord> = {}): EmailRecord {
  return {
    taskId: `conformance-${randomUUID()}`,
    userId: 'user-1',
    recipientName: 'Ada Lovelace',
    recipientInterest: 'analytical engines',
    templateType: 'research',
    email: 'Dear Professor Lovelace, I read your notes on the analytical engine with great interest.',
    status: 'finished',
    isConfident: true,
    metadata: {
      searchTerms: ['Ada Lovelace analytical engine'],
      scrapedUrls: ['https://example.org/ada'],
      papers: [
        { title: 'Notes on the Analytical Engine', url: 'https://arxiv.org/abs/1843.00001', year: 1843 },
      ],
      stepTimings: { template_parser: 12.5 },
      modelsUsed: { email_composer: 'mock-model' },
      usage: { email_composer: { inputTokens: 10, outputTokens: 20, totalTokens: 30 } },
      warnings: [{ step: 'arxiv_helper', message: 'no papers found' }],
      claims: [
        {
          text: 'Lovelace wrote the Notes on the Analytical Engine.',
          sources: [
            {
              kind: 'page',
              pageNumber: 1,
              url: 'https://example.org/ada',
              title: 'Ada Lovelace',
              snippet: 'Ada Lovelace wrote the Notes on the Analytical Engine in 1843.',
            },
          ],
          problems: [],
        },
      ],
      problems: [],
    },
    ...overrides,
  };
}

async function withAdapter(
  createAdapter: CreateAdapter,
  use: (adapter: PersistenceAdapter) => Promise<void>,
) {
  const adapter = await createAdapter();
  try {
    await use(adapter);
  } finally {
    await adapter.close?.();
  }
}

/**
 * Every case of the persistence contract, for hosts who want one test per case.
 *
 * @example
 * ```ts
 * for (const { name, run } of persistenceConformanceCases) test(name, () => run(() => myAdapter()));
 * ```
 */
export const persistenceConformanceCases: readonly ConformanceCase[] = [
  {
    name: 'a saved email reads back field for field',
    run: (createAdapter) =>
      withAdapter(createAdapter, async (adapter) => {
        const record = sampleEmailRecord();
        const saved = await adapter.saveEmail(record);
        assert.equal(saved.created, true, 'first save reports created: true');
        assert.ok(typeof saved.id === 'string' && saved.id.length > 0, 'save returns a non-empty id');
        const stored = await adapter.getEmailByTaskId(record.taskId);
        assert.ok(stored, 'the saved email is found by task id');
        const { id, createdAt, ...fields } = stored;
        assert.equal(id, saved.id);
        assert.ok(!Number.isNaN(Date.parse(createdAt)), `createdAt is an ISO date, got ${createdAt}`);
        assert.deepEqual(fields, record);
      }),
  },
  {
    name: 'an unknown task reads as undefined',
    run: (createAdapter) =>
      withAdapter(createAdapter, async (adapter) => {
        assert.equal(await adapter.getEmailByTaskId(`missing-${randomUUID()}`), undefined);
      }),
  },
  {
    name: 'a second save of a task returns the first id and writes nothing',
    run: (createAdapter) =>
      withAdapter(createAdapter, async (adapter) => {
        const first = sampleEmailRecord();
        const firstSave = await adapter.saveEmail(first);
        const secondSave = await adapter.saveEmail({
          ...first,
          email: 'A different email that must not be stored.',
        });
        assert.deepEqual(secondSave, { id: firstSave.id, created: false });
        assert.equal((await adapter.getEmailByTaskId(first.taskId))?.email, first.email);
      }),
  },
  {
    name: 'a draft under review is replaced by the next save of its task, under the same id',
    run: (createAdapter) =>
      withAdapter(createAdapter, async (adapter) => {
        const draft = sampleEmailRecord({ status: 'needs_review', email: 'Dear {{name}}, hi.' });
        draft.metadata.problems = ['unfilled placeholder: {{name}}'];
        const first = await adapter.saveEmail(draft);
        const stored = await adapter.getEmailByTaskId(draft.taskId);
        assert.equal(stored?.status, 'needs_review', 'the draft reads back as needs_review');
        assert.deepEqual(stored?.metadata.problems, draft.metadata.problems);
        const finished = sampleEmailRecord({ taskId: draft.taskId });
        const second = await adapter.saveEmail(finished);
        assert.deepEqual(second, { id: first.id, created: true }, 'the replacing save reports created');
        const replaced = await adapter.getEmailByTaskId(draft.taskId);
        assert.equal(replaced?.status, 'finished');
        assert.equal(replaced?.email, finished.email);
        assert.equal(replaced?.createdAt, stored?.createdAt, 'the creation time stays');
      }),
  },
  {
    name: 'a finished email is never replaced, not even by a draft under review',
    run: (createAdapter) =>
      withAdapter(createAdapter, async (adapter) => {
        const finished = sampleEmailRecord();
        const first = await adapter.saveEmail(finished);
        const second = await adapter.saveEmail({ ...finished, status: 'needs_review', email: 'A draft.' });
        assert.deepEqual(second, { id: first.id, created: false });
        const stored = await adapter.getEmailByTaskId(finished.taskId);
        assert.equal(stored?.status, 'finished');
        assert.equal(stored?.email, finished.email);
      }),
  },
  {
    name: 'concurrent saves of one task store exactly one email under one id',
    run: (createAdapter) =>
      withAdapter(createAdapter, async (adapter) => {
        const base = sampleEmailRecord();
        const attempts = Array.from({ length: 10 }, (_, index) => ({
          ...base,
          email: `${base.email} (attempt ${index})`,
        }));
        const results = await Promise.all(attempts.map((record) => adapter.saveEmail(record)));
        assert.equal(new Set(results.map((result) => result.id)).size, 1, 'every save returns the same id');
        assert.equal(
          results.filter((result) => result.created).length,
          1,
          'exactly one save reports created',
        );
        const stored = await adapter.getEmailByTaskId(base.taskId);
        const winner = attempts[results.findIndex((result) => result.created)];
        assert.equal(stored?.email, winner?.email, 'the stored email is the one the creating save wrote');
      }),
  },
  {
    name: 'different tasks get different ids',
    run: (createAdapter) =>
      withAdapter(createAdapter, async (adapter) => {
        const [first, second] = await Promise.all([
          adapter.saveEmail(sampleEmailRecord()),
          adapter.saveEmail(sampleEmailRecord()),
        ]);
        assert.notEqual(first.id, second.id);
      }),
  },
  {
    name: 'unicode text and large metadata survive unchanged',
    run: (createAdapter) =>
      withAdapter(createAdapter, async (adapter) => {
        const record = sampleEmailRecord({
          recipientName: 'Zoë Ångström-Núñez 张伟',
          recipientInterest: 'quantum gravité, 量子, 🚀 and emoji',
          email: `Liebe Frau Ångström-Núñez,\n\n${'Größe und Schönheit 🌍. '.repeat(400)}\n\n— Ślęzak`,
        });
        record.metadata.notes = Array.from({ length: 2000 }, (_, index) => ({
          index,
          text: `Ελληνικά ${index} 𝔘𝔫𝔦𝔠𝔬𝔡𝔢`,
        }));
        await adapter.saveEmail(record);
        const {
          id: _id,
          createdAt: _createdAt,
          ...fields
        } = (await adapter.getEmailByTaskId(record.taskId)) ?? {};
        assert.deepEqual(fields, record);
      }),
  },
  {
    name: 'an aborted save rejects and writes nothing',
    run: (createAdapter) =>
      withAdapter(createAdapter, async (adapter) => {
        const record = sampleEmailRecord();
        const controller = new AbortController();
        controller.abort(new Error('host stopped'));
        await assert.rejects(adapter.saveEmail(record, { signal: controller.signal }));
        assert.equal(await adapter.getEmailByTaskId(record.taskId), undefined);
      }),
  },
];

/**
 * Checks a persistence adapter against the contract every adapter must keep: round trip,
 * idempotency (also under concurrent saves), unicode and large metadata, abort before write.
 * It needs no test framework; it throws an `AggregateError` naming each failed case.
 *
 * @example
 * ```ts
 * import { runPersistenceConformance } from 'scribe-pipeline/testing';
 * test('my adapter keeps the contract', () => runPersistenceConformance(() => myAdapter(pool)));
 * ```
 */
export async function runPersistenceConformance(createAdapter: CreateAdapter): Promise<ConformanceReport> {
  const report: ConformanceReport = { passed: [], failed: [] };
  for (const conformanceCase of persistenceConformanceCases) {
    try {
      await conformanceCase.run(createAdapter);
      report.passed.push(conformanceCase.name);
    } catch (error) {
      report.failed.push({ name: conformanceCase.name, error });
    }
  }
  if (report.failed.length > 0) {
    throw new AggregateError(
      report.failed.map((failure) => failure.error),
      `Persistence adapter broke ${report.failed.length} conformance case(s): ${report.failed.map((failure) => failure.name).join('; ')}`,
    );
  }
  return report;
}
