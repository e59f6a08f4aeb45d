import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { NODE_FLOOR } from '../../src/core/node-floor.js';
import { PersistenceError, sqlitePersistence } from '../../src/index.js';
import { sampleEmailRecord } from '../../src/testing/index.js';

const run = promisify(execFile);
const directory = mkdtempSync(join(tmpdir(), 'scribe-sqlite-early-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** The machine's older Node, when it has one without `node:sqlite` (Debian's Node 20 here). */
const OLD_NODE = '/usr/bin/node';
const oldNodeVersion = readNodeVersion(OLD_NODE);
const oldNodeLacksSqlite = oldNodeVersion !== undefined && isBefore(oldNodeVersion, [22, 13]);

function readNodeVersion(binary: string): string | undefined {
  try {
    return execFileSync(binary, ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

function isBefore(version: string, [major, minor]: [number, number]): boolean {
  const [actualMajor = 0, actualMinor = 0] = version.replace(/^v/, '').split('.').map(Number);
  return actualMajor < major || (actualMajor === major && actualMinor < minor);
}

describe('sqlitePersistence on a Node without node:sqlite', () => {
  it('throws when created, synchronously, a non-retryable PersistenceError naming the Node needed and the one running', () => {
    const path = join(directory, 'never.db');
    let thrown: unknown;
    try {
      sqlitePersistence({ path, _internal: { hasNodeSqlite: () => false } });
    } catch (error) {
      thrown = error;
    }
    expect(PersistenceError.isInstance(thrown)).toBe(true);
    const error = thrown as PersistenceError;
    expect(error.retryable).toBe(false);
    expect(error.operation).toBe('open');
    expect(error.message).toContain(`Node >= ${NODE_FLOOR}`);
    expect(error.message).toContain(process.version);
    // Nothing was opened or created on the way.
    expect(existsSync(path)).toBe(false);
  });

  it.skipIf(!oldNodeLacksSqlite)(
    `imports the adapter on ${oldNodeVersion ?? 'an old Node'} and throws at sqlitePersistence(...)`,
    async () => {
      const path = join(directory, 'old-node.db');
      // The import succeeding proves the module does not load node:sqlite eagerly: on this Node
      // that would throw. The adapter's own module, not the root entry, so other components'
      // work in progress cannot break this test.
      const adapterModule = new URL('../../src/persistence/sqlite-persistence.ts', import.meta.url).href;
      const script = `
        const { sqlitePersistence } = await import(${JSON.stringify(adapterModule)});
        try {
          sqlitePersistence({ path: ${JSON.stringify(path)} });
          console.log(JSON.stringify({ threw: false }));
        } catch (error) {
          console.log(JSON.stringify({ threw: true, name: error.name, code: error.code, retryable: error.retryable, message: error.message }));
        }`;
      const { stdout } = await run(OLD_NODE, ['--import', 'tsx', '--input-type=module', '--eval', script], {
        cwd: new URL('../..', import.meta.url),
      });
      expect(JSON.parse(stdout)).toEqual({
        threw: true,
        name: 'PersistenceError',
        code: 'PERSISTENCE',
        retryable: false,
        message: expect.stringContaining(
          `Node >= ${NODE_FLOOR}, and this process runs Node ${oldNodeVersion}`,
        ),
      });
      expect(existsSync(path)).toBe(false);
    },
  );
});

describe('sqlitePersistence failures a retry cannot fix', () => {
  it('a path that cannot be opened is not retryable (a queue would pay for the run again)', async () => {
    const adapter = sqlitePersistence({ path: '/nonexistent-directory/for/sure/emails.db' });
    const error = await adapter.saveEmail(sampleEmailRecord()).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'PERSISTENCE', retryable: false });
    await adapter.close?.();
  });
});
