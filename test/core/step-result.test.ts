import { describe, expect, it } from 'vitest';
import { StepResult } from '../../src/index.js';

describe('StepResult', () => {
  it('refuses a failure without an error message', () => {
    expect(() => new StepResult({ success: false, stepName: 'x' })).toThrow(/needs an error message/);
    expect(() => StepResult.fail('x', '   ')).toThrow(/needs an error message/);
  });

  it('refuses an empty step name and a failed skip', () => {
    expect(() => StepResult.ok('')).toThrow(/stepName/);
    expect(() => new StepResult({ success: false, skipped: true, stepName: 'x', error: 'e' })).toThrow(
      /both failed and skipped/,
    );
  });

  it('copies warnings so later changes to the caller array do not leak in', () => {
    const warnings = ['first'];
    const result = StepResult.ok('x', { warnings });
    warnings.push('second');
    expect(result.warnings).toEqual(['first']);
  });

  it('builds ok, fail and skip results', () => {
    expect(StepResult.ok('x')).toMatchObject({
      success: true,
      skipped: false,
      error: undefined,
      warnings: [],
    });
    const cause = new Error('429');
    expect(StepResult.fail('x', 'rate limited', { cause })).toMatchObject({
      success: false,
      error: 'rate limited',
      cause,
    });
    expect(StepResult.skip('x', 'why', { metadata: { a: 1 } })).toMatchObject({
      success: true,
      skipped: true,
      metadata: { a: 1, skipped: 'why' },
    });
  });
});
