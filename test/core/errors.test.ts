import { describe, expect, it } from 'vitest';
import {
  InputValidationError,
  PersistenceError,
  PipelineAbortedError,
  PipelineExecutionError,
  ScribeError,
  StepExecutionError,
} from '../../src/index.js';

describe('errors', () => {
  it('recognises instances by marker, also from another copy of the package', () => {
    const error = new StepExecutionError({
      stepName: 's',
      taskId: 't',
      durationMs: 1,
      cause: new Error('x'),
    });
    expect(ScribeError.isInstance(error)).toBe(true);
    expect(StepExecutionError.isInstance(error)).toBe(true);
    expect(PipelineExecutionError.isInstance(error)).toBe(false);

    // Another copy of the package has other classes but the same global symbols.
    const foreign = Object.assign(new Error('from another copy'), {
      [Symbol.for('scribe-pipeline.error')]: true,
      [Symbol.for('scribe-pipeline.error.step-execution')]: true,
    });
    expect(StepExecutionError.isInstance(foreign)).toBe(true);
    expect(ScribeError.isInstance(new Error('plain'))).toBe(false);
    expect(ScribeError.isInstance(null)).toBe(false);
    expect(ScribeError.isInstance('string')).toBe(false);
  });

  it('has stable codes and says whether a retry can help', () => {
    expect(new InputValidationError({ issues: [] })).toMatchObject({
      code: 'INPUT_VALIDATION',
      retryable: false,
    });
    expect(new PipelineAbortedError({ taskId: 't' })).toMatchObject({
      code: 'PIPELINE_ABORTED',
      retryable: false,
    });
    expect(new PersistenceError({ operation: 'saveEmail', cause: new Error('ECONNRESET') })).toMatchObject({
      code: 'PERSISTENCE',
      retryable: true,
    });
    expect(new PipelineExecutionError({ taskId: 't', stepName: 's', reason: 'r' }).retryable).toBe(false);
    const transient = Object.assign(new Error('503'), { isRetryable: true });
    expect(
      new PipelineExecutionError({ taskId: 't', stepName: 's', reason: 'r', cause: transient }).retryable,
    ).toBe(true);
  });

  it('serializes to JSON with its context and cause', () => {
    const error = new PipelineExecutionError({
      taskId: 't1',
      stepName: 'web_scraper',
      reason: 'no pages',
      cause: new StepExecutionError({
        stepName: 'web_scraper',
        taskId: 't1',
        durationMs: 3,
        cause: new TypeError('bad'),
      }),
    });
    const json = JSON.parse(JSON.stringify(error));
    expect(json).toMatchObject({
      name: 'PipelineExecutionError',
      code: 'PIPELINE_EXECUTION',
      taskId: 't1',
      stepName: 'web_scraper',
      cause: {
        name: 'StepExecutionError',
        stepName: 'web_scraper',
        cause: { name: 'TypeError', message: 'bad' },
      },
    });
  });
});
