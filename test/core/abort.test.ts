import { describe, expect, it } from 'vitest';
import { defineStep, PipelineAbortedError, parallel, runPipeline, StepResult } from '../../src/index.js';
import { recordingPersistence } from '../helpers/persistence.js';
import { deferred, fixedEmailStep, makeData, progressRecorder, validInput } from '../helpers/pipeline.js';

describe('aborting a run', () => {
  it('rejects before any step runs when the signal has already fired', async () => {
    const { adapter, saves } = recordingPersistence();
    const controller = new AbortController();
    controller.abort(new Error('shutting down'));
    const ran: string[] = [];
    const error = await runPipeline({
      input: validInput(),
      steps: [defineStep({ name: 'first', execute: () => void ran.push('first') }), fixedEmailStep],
      persistence: adapter,
      signal: controller.signal,
    }).catch((caught: unknown) => caught);
    expect(PipelineAbortedError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ stepName: 'first', retryable: false });
    expect(ran).toEqual([]);
    expect(saves).toHaveLength(0);
  });

  it('stops a step that honours its signal and runs nothing after it', async () => {
    const { adapter, saves } = recordingPersistence();
    const controller = new AbortController();
    const progress = progressRecorder();
    const ran: string[] = [];
    const listening = defineStep({
      name: 'listening',
      execute: (_data, { signal }) =>
        new Promise<StepResult>((_resolve, reject) => {
          signal.addEventListener('abort', () => reject(signal.reason));
          controller.abort(new Error('user cancelled'));
        }),
    });
    const error = await runPipeline({
      input: validInput(),
      steps: [
        listening,
        defineStep({ name: 'after', execute: () => void ran.push('after') }),
        fixedEmailStep,
      ],
      persistence: adapter,
      signal: controller.signal,
      onProgress: progress.onProgress,
    }).catch((caught: unknown) => caught);
    expect(PipelineAbortedError.isInstance(error)).toBe(true);
    expect((error as PipelineAbortedError).stepName).toBe('listening');
    expect(ran).toEqual([]);
    expect(saves).toHaveLength(0);
    expect(progress.events.map((event) => `${event.step}:${event.status}`)).toEqual([
      'listening:started',
      'listening:failed',
    ]);
  });

  it('abandons a step that ignores its signal rather than waiting for it', async () => {
    const { adapter, saves } = recordingPersistence();
    const controller = new AbortController();
    const never = deferred();
    const stubborn = defineStep({
      name: 'stubborn',
      execute: async () => {
        queueMicrotask(() => controller.abort());
        await never.promise;
      },
    });
    await expect(
      runPipeline({
        input: validInput(),
        steps: [stubborn, fixedEmailStep],
        persistence: adapter,
        signal: controller.signal,
      }),
    ).rejects.toSatisfy(PipelineAbortedError.isInstance);
    expect(saves).toHaveLength(0);
    never.resolve();
  });

  it('does not take a step that swallowed the abort for a success', async () => {
    const { adapter, saves } = recordingPersistence();
    const controller = new AbortController();
    const swallowing = defineStep({
      name: 'swallowing',
      execute: () => {
        controller.abort();
        return StepResult.fail('swallowing', 'fetch aborted');
      },
    });
    await expect(
      runPipeline({
        input: validInput(),
        steps: [swallowing, fixedEmailStep],
        persistence: adapter,
        signal: controller.signal,
      }),
    ).rejects.toSatisfy(PipelineAbortedError.isInstance);
    expect(saves).toHaveLength(0);
  });

  it('aborts after the last step but before the write', async () => {
    const { adapter, saves } = recordingPersistence();
    const controller = new AbortController();
    const lastThenAbort = defineStep({
      name: 'compose_then_abort',
      execute: (data) => {
        data.finalEmail = 'Dear Grace, hello.';
        // The abort lands after this step has returned.
        setImmediate(() => controller.abort());
        return new Promise<undefined>((resolve) =>
          setImmediate(() => setImmediate(() => resolve(undefined))),
        );
      },
    });
    await expect(
      runPipeline({
        input: validInput(),
        steps: [lastThenAbort],
        persistence: adapter,
        signal: controller.signal,
      }),
    ).rejects.toSatisfy(PipelineAbortedError.isInstance);
    expect(saves).toHaveLength(0);
  });

  it('aborts a parallel group', async () => {
    const controller = new AbortController();
    const waiting = (name: string) =>
      defineStep({
        name,
        execute: (_data, { signal }) =>
          new Promise<undefined>((_resolve, reject) =>
            signal.addEventListener('abort', () => reject(signal.reason)),
          ),
      });
    setImmediate(() => controller.abort());
    await expect(
      runPipeline({
        input: validInput(),
        steps: [parallel(waiting('x'), waiting('y')), fixedEmailStep],
        signal: controller.signal,
      }),
    ).rejects.toSatisfy(PipelineAbortedError.isInstance);
  });
});

describe('a step run alone with an aborted signal', () => {
  it('rejects without reporting progress for a step that never started', async () => {
    const controller = new AbortController();
    controller.abort();
    const statuses: string[] = [];
    await expect(
      fixedEmailStep.execute(makeData(), {
        signal: controller.signal,
        reportProgress: async ({ status }) => void statuses.push(status),
      }),
    ).rejects.toSatisfy(PipelineAbortedError.isInstance);
    expect(statuses).toEqual([]);
  });
});
