import { describe, expect, it } from 'vitest';
import { InputValidationError, PipelineData, parsePipelineInput } from '../../src/index.js';
import { validInput } from '../helpers/pipeline.js';

function issuesOf(input: unknown) {
  try {
    parsePipelineInput(input);
  } catch (error) {
    if (InputValidationError.isInstance(error)) return error.issues;
    throw error;
  }
  throw new Error('expected an InputValidationError');
}

describe('parsePipelineInput', () => {
  it('accepts valid input and trims strings', () => {
    const parsed = parsePipelineInput(validInput({ recipientName: '  Grace Hopper  ' }));
    expect(parsed.recipientName).toBe('Grace Hopper');
  });

  it('reports every bad field by path', () => {
    const issues = issuesOf({
      taskId: '',
      userId: '   ',
      emailTemplate: 'too short',
      recipientName: 'G',
      recipientInterest: 'x'.repeat(501),
    });
    expect(issues.map((issue) => issue.path)).toEqual([
      'taskId',
      'userId',
      'emailTemplate',
      'recipientName',
      'recipientInterest',
    ]);
    expect(issues.find((issue) => issue.path === 'emailTemplate')?.message).toMatch(/at least 20/);
  });

  it('reports missing fields, wrong types and unknown keys', () => {
    const { recipientName: _omitted, ...rest } = validInput();
    const issues = issuesOf({ ...rest, recipientInterest: 42, recipient_name: 'Grace' });
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'recipientName' }),
        expect.objectContaining({ path: 'recipientInterest' }),
        { path: 'recipient_name', message: 'is not a known input field' },
      ]),
    );
  });

  it.each(['🧪🧪', '---', '12345', 'Dr.', 'Prof. Dr.'])(
    'rejects a recipient name with no name in letters (%s) before any model is called',
    (recipientName) => {
      expect(issuesOf(validInput({ recipientName }))).toEqual([
        { path: 'recipientName', message: expect.stringMatching(/must contain a name in letters/) },
      ]);
    },
  );

  it.each(['Ng', '李伟', 'Zoë Ångström-Núñez', 'Dr. Ada Lovelace', 'بن سينا'])(
    'accepts a short, non-Latin or titled name (%s)',
    (recipientName) => {
      expect(parsePipelineInput(validInput({ recipientName })).recipientName).toBe(recipientName);
    },
  );

  it('enforces the upper limits', () => {
    const issues = issuesOf(validInput({ emailTemplate: 'y'.repeat(5001), recipientName: 'n'.repeat(256) }));
    expect(issues.map((issue) => issue.path)).toEqual(['emailTemplate', 'recipientName']);
  });

  it('names the input itself when it is not an object', () => {
    expect(issuesOf('nope')).toEqual([expect.objectContaining({ path: '(input)' })]);
  });

  it('puts every field into the message so logs show what was wrong', () => {
    expect(() => parsePipelineInput({ ...validInput(), taskId: '' })).toThrow(/taskId: must not be empty/);
  });
});

describe('PipelineData', () => {
  it('records timings and errors and measures the run with an injected clock', () => {
    let now = 1_000;
    const data = new PipelineData(validInput(), { now: () => now });
    expect(data.startedAt.getTime()).toBe(1_000);
    now = 1_250;
    expect(data.totalDuration()).toBe(250);
    data.addTiming('template_parser', 12);
    data.addError('web_scraper', 'no pages');
    expect(data.stepTimings).toEqual({ template_parser: 12 });
    expect(data.errors).toEqual([{ step: 'web_scraper', message: 'no pages' }]);
    expect(data.metadata).toEqual({ modelsUsed: {}, usage: {} });
  });
});
