import { describe, expect, it } from 'vitest';
import {
  defineStep,
  type EmailRecord,
  memoryPersistence,
  type PersistenceAdapter,
  PipelineAbortedError,
  runPipeline,
} from '../../src/index.js';
import { fixedEmailStep, makeData } from '../helpers/pipeline.js';

/**
 * A real memory adapter that never sees the run's signal, like a host adapter that ignores it:
 * whether an aborted run writes anything then rests on runPipeline alone.
 */
function signalIgnoringPersistence() {
  const inner = memoryPersistence();
  const saves: EmailRecord[] = [];
  const adapter: PersistenceAdapter = {
    saveEmail: (record) => {
      saves.push(record);
      return inner.saveEmail(record);
    },
    getEmailByTaskId: (taskId) => inner.getEmailByTaskId(taskId),
  };
  return { adapter, saves };
}

describe('runPipeline aborted after the last step', () => {
  it('saves nothing when the signal fires in the last step’s completed callback, even if the adapter ignores signals', async () => {
    const { adapter, saves } = signalIgnoringPersistence();
    const controller = new AbortController();
    const data = makeData();
    const completed: string[] = [];

    const error = await runPipeline({
      data,
      steps: [defineStep({ name: 'parse', execute: () => undefined }), fixedEmailStep],
      persistence: adapter,
      signal: controller.signal,
      onProgress: (event) => {
        if (event.status !== 'completed') return;
        completed.push(event.step);
        // The last moment before the save: every step is done and the email is written.
        if (event.index === event.total - 1) controller.abort(new Error('host cancelled the job'));
      },
    }).catch((caught: unknown) => caught);

    // The abort came after all the work, so only runPipeline's own check can have stopped the save.
    expect(completed).toEqual(['parse', 'compose']);
    expect(data.finalEmail).not.toBe('');
    expect(PipelineAbortedError.isInstance(error)).toBe(true);
    expect(saves).toEqual([]);
    expect(await adapter.getEmailByTaskId(data.taskId)).toBeUndefined();
  });
});
