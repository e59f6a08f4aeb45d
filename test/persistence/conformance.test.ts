import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { memoryPersistence, type PersistenceAdapter, sqlitePersistence } from '../../src/index.js';
import { persistenceConformanceCases, runPersistenceConformance } from '../../src/testing/index.js';

const directory = mkdtempSync(join(tmpdir(), 'scribe-conformance-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const adapters: Record<string, () => PersistenceAdapter> = {
  memory: () => memoryPersistence(),
  // One file shared by every case, as a host's database would be.
  sqlite: () => sqlitePersistence({ path: join(directory, 'conformance.db') }),
};

describe.each(Object.entries(adapters))(
  '%s adapter keeps the persistence contract',
  (_name, createAdapter) => {
    it.each(
      persistenceConformanceCases.map((conformanceCase) => [conformanceCase.name, conformanceCase] as const),
    )('%s', async (_caseName, conformanceCase) => {
      await conformanceCase.run(createAdapter);
    });

    it('passes runPersistenceConformance as a whole', async () => {
      const report = await runPersistenceConformance(createAdapter);
      expect(report.failed).toEqual([]);
      expect(report.passed).toHaveLength(persistenceConformanceCases.length);
    });
  },
);

describe('runPersistenceConformance', () => {
  it('fails an adapter that breaks idempotency, naming the broken cases', async () => {
    // Saves every call as new: the classic bug a host adapter might have.
    const forgetful = (): PersistenceAdapter => {
      const inner = memoryPersistence();
      let counter = 0;
      return {
        saveEmail: async (record, options) => {
          counter += 1;
          await inner.saveEmail({ ...record, taskId: `${record.taskId}#${counter}` }, options);
          return { id: `id-${counter}`, created: true };
        },
        getEmailByTaskId: (taskId) => inner.getEmailByTaskId(`${taskId}#1`),
      };
    };
    const error = await runPersistenceConformance(forgetful).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AggregateError);
    expect((error as AggregateError).message).toContain(
      'a second save of a task returns the first id and writes nothing',
    );
    expect((error as AggregateError).message).toContain('concurrent saves of one task');
  });
});
