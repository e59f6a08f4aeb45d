import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { sqlitePersistence } from '../../src/index.js';
import { sampleEmailRecord } from '../../src/testing/index.js';
import { deferred } from '../helpers/pipeline.js';

const directory = mkdtempSync(join(tmpdir(), 'scribe-sqlite-race-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** Holds every caller of `wait` until `parties` have arrived and the test calls `release`. */
function barrier(parties: number) {
  const allArrived = deferred();
  const released = deferred();
  let arrived = 0;
  return {
    allArrived: allArrived.promise,
    release: () => released.resolve(),
    wait: async () => {
      arrived += 1;
      if (arrived === parties) allArrived.resolve();
      await released.promise;
    },
  };
}

describe('sqlitePersistence saves of one task that interleave', () => {
  it('write one row when two adapters on one file are both held just before their insert', async () => {
    const path = join(directory, 'race.db');
    const hold = barrier(2);
    // Two adapters are two connections, as two processes would have; the hook parks each save
    // after anything it checked and before it writes, the window a check-then-insert loses.
    const adapters = ['a', 'b'].map(() =>
      sqlitePersistence({ path, _internal: { beforeInsert: hold.wait } }),
    );
    const taskId = 'task-race';
    const saves = adapters.map((adapter, index) =>
      adapter.saveEmail(sampleEmailRecord({ taskId, email: `Written by adapter ${index}.` })),
    );

    await hold.allArrived;
    hold.release();
    const results = await Promise.all(saves);

    expect(results[0]?.id).toEqual(expect.any(String));
    expect(results[1]?.id).toBe(results[0]?.id);
    expect(results.filter((result) => result.created)).toHaveLength(1);
    const database = new DatabaseSync(path, { readOnly: true });
    try {
      const rows = database.prepare('SELECT id, email FROM scribe_emails WHERE task_id = ?').all(taskId);
      const winner = results.findIndex((result) => result.created);
      expect(rows).toEqual([{ id: results[0]?.id, email: `Written by adapter ${winner}.` }]);
    } finally {
      database.close();
      await Promise.all(adapters.map((adapter) => adapter.close?.()));
    }
  });
});
