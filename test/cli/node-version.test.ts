import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { isSupportedNode, NODE_FLOOR } from '../../src/core/node-floor.js';

const run = promisify(execFile);
const SYSTEM_NODE = '/usr/bin/node';

// The machine's own Node is 20 on the development machines: the CLI must refuse it in one line.
const systemNodeIsOld = (() => {
  if (!existsSync(SYSTEM_NODE)) return false;
  const version = execFileSync(SYSTEM_NODE, ['-p', 'process.versions.node']).toString();
  return !isSupportedNode(version.trim());
})();

describe(`scribe on a Node older than ${NODE_FLOOR}`, () => {
  it.runIf(systemNodeIsOld)(
    'exits 2 with one line saying which Node it needs and how to get it',
    async () => {
      const failure = await run(SYSTEM_NODE, ['--import', 'tsx', 'src/cli/main.ts', 'demo']).then(
        () => undefined,
        (error: { code?: number; stdout?: string; stderr?: string }) => error,
      );
      expect(failure?.code).toBe(2);
      expect(failure?.stdout).toBe('');
      expect(failure?.stderr).toMatch(
        new RegExp(`^scribe: needs Node\\.js >= ${NODE_FLOOR.replaceAll('.', '\\.')}, and this is v\\d+`),
      );
      expect(failure?.stderr?.trim().split('\n')).toHaveLength(1);
    },
  );
});
