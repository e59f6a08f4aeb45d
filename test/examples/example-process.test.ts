import { afterAll, expect, it } from 'vitest';
import {
  listMarkedProcesses,
  startExample,
  stopAllExamples,
  waitForNoMarkedProcesses,
} from './example-process.js';

let orphanPid: number | undefined;
afterAll(async () => {
  if (orphanPid !== undefined) {
    try {
      process.kill(orphanPid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  await stopAllExamples();
});

// The examples' tests rely on this to see a leaked Chromium: prove it sees a process that outlived
// the example and was reparented away from this test, and that it stops seeing it once it is gone.
it('finds a process an example left behind after the example exited, by the marker in its environment', async () => {
  const example = startExample('test/examples/fixtures/leave-orphan.ts');
  const exit = await example.exited;
  expect(exit, exit.stderr).toMatchObject({ code: 0 });
  orphanPid = Number(/orphan (\d+)/.exec(exit.stdout)?.[1]);

  expect(listMarkedProcesses(example.marker)).toEqual([{ pid: orphanPid, name: 'sleep' }]);
  // Another example's marker does not match it.
  expect(listMarkedProcesses('another-marker')).toEqual([]);

  process.kill(orphanPid, 'SIGKILL');
  expect(await waitForNoMarkedProcesses(example.marker)).toEqual([]);
});
