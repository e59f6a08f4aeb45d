import { describe, expect, it } from 'vitest';
import { defineStep, PipelineExecutionError, parallel, runPipeline, StepResult } from '../../src/index.js';
import { recordingPersistence } from '../helpers/persistence.js';
import { deferred, fixedEmailStep, progressRecorder, validInput } from '../helpers/pipeline.js';

describe('parallel()', () => {
  it('really overlaps its steps: both start before either finishes', async () => {
    const log: string[] = [];
    const bothStarted = { left: deferred(), right: deferred() };
    // Each side waits for the other to have started; run in sequence, this would never finish.
    const side = (name: 'left' | 'right', other: 'left' | 'right') =>
      defineStep({
        name,
        execute: async () => {
          log.push(`${name} started`);
          bothStarted[name].resolve();
          await bothStarted[other].promise;
          log.push(`${name} finished`);
        },
      });
    await runPipeline({
      input: validInput(),
      steps: [parallel(side('left', 'right'), side('right', 'left')), fixedEmailStep],
    });
    expect(log.slice(0, 2).sort()).toEqual(['left started', 'right started']);
    expect(log.slice(2).sort()).toEqual(['left finished', 'right finished']);
  });

  it('collects warnings in declared order, whatever order the steps finish in', async () => {
    const slowGate = deferred();
    const result = await runPipeline({
      input: validInput(),
      steps: [
        parallel(
          defineStep({
            name: 'slow',
            execute: async () => {
              await slowGate.promise;
              return StepResult.ok('slow', { warnings: ['from slow'] });
            },
          }),
          defineStep({
            name: 'fast',
            execute: () => {
              slowGate.resolve();
              return StepResult.ok('fast', { warnings: ['from fast'] });
            },
          }),
        ),
        fixedEmailStep,
      ],
    });
    expect(result.warnings.map((warning) => warning.message)).toEqual(['from slow', 'from fast']);
  });

  it('fails the group only after the other steps settle, and saves nothing', async () => {
    const { adapter, saves } = recordingPersistence();
    const finished: string[] = [];
    const failing = defineStep({
      name: 'failing',
      execute: () => StepResult.fail('failing', 'arXiv said no'),
    });
    const slow = defineStep({
      name: 'slow',
      execute: async () => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        finished.push('slow');
      },
    });
    const error = await runPipeline({
      input: validInput(),
      steps: [parallel(failing, slow), fixedEmailStep],
      persistence: adapter,
    }).catch((caught: unknown) => caught);
    expect(PipelineExecutionError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ stepName: 'failing' });
    expect(finished).toEqual(['slow']);
    expect(saves).toHaveLength(0);
  });

  it('numbers grouped steps in the flattened order', async () => {
    const progress = progressRecorder();
    await runPipeline({
      input: validInput(),
      steps: [
        parallel(
          defineStep({ name: 'a', execute: () => undefined }),
          defineStep({ name: 'b', execute: () => undefined }),
        ),
        fixedEmailStep,
      ],
      onProgress: progress.onProgress,
    });
    const indexOf = (step: string) => progress.events.find((event) => event.step === step)?.index;
    expect([indexOf('a'), indexOf('b'), indexOf('compose')]).toEqual([0, 1, 2]);
    expect(new Set(progress.events.map((event) => event.total))).toEqual(new Set([3]));
  });

  it('refuses an empty group', () => {
    expect(() => parallel()).toThrow(/at least one step/);
  });
});
