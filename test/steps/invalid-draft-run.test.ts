// A model that always answers a broken draft, through runPipeline: never a finished email.
import { describe, expect, it } from 'vitest';
import {
  defineStep,
  EmailComposerStep,
  findErrorInChain,
  InvalidDraftError,
  memoryPersistence,
  PipelineExecutionError,
  runPipeline,
} from '../../src/index.js';
import { createMockModel } from '../../src/testing/index.js';
import { validInput } from '../helpers/pipeline.js';

const brokenDraft = { email: 'Dear {{name}}, hi.', claims: [], isConfident: true };
const research = defineStep({
  name: 'research',
  execute: (data) => {
    data.templateType = 'general';
  },
});
const input = () =>
  validInput({ emailTemplate: 'Dear {{name}}, I loved your work on {{topic}} and would like to join.' });

describe('runPipeline with a model that always returns a broken draft', () => {
  it('rejects by default: the error carries the draft and its problems, and nothing is saved', async () => {
    const persistence = memoryPersistence();
    const run = input();
    const composer = new EmailComposerStep({
      model: createMockModel([brokenDraft, brokenDraft, brokenDraft]),
    });
    const error = await runPipeline({ input: run, steps: [research, composer], persistence }).catch(
      (caught: unknown) => caught,
    );
    expect(PipelineExecutionError.isInstance(error)).toBe(true);
    expect((error as PipelineExecutionError).retryable).toBe(false);
    const invalid = findErrorInChain(error, InvalidDraftError);
    expect(invalid?.draft).toBe('Dear {{name}}, hi.');
    expect(invalid?.problems).toEqual(
      expect.arrayContaining([expect.stringMatching(/unfilled placeholder: \{\{name\}\}/)]),
    );
    expect(await persistence.getEmailByTaskId(run.taskId)).toBeUndefined();
  });

  it("with onInvalidDraft: 'save-for-review' saves it once, marked needs_review, and says so in the result", async () => {
    const persistence = memoryPersistence();
    const run = input();
    const composer = new EmailComposerStep({
      model: createMockModel([brokenDraft, brokenDraft, brokenDraft]),
      onInvalidDraft: 'save-for-review',
    });
    const result = await runPipeline({ input: run, steps: [research, composer], persistence });
    expect(result.status).toBe('needs_review');
    const saved = await persistence.getEmailByTaskId(run.taskId);
    expect(saved).toMatchObject({ id: result.emailId, status: 'needs_review', email: 'Dear {{name}}, hi.' });
    expect(saved?.metadata.problems).toEqual(expect.arrayContaining([expect.stringMatching(/too short/)]));
    expect(result.warnings.map((warning) => warning.message)).toContainEqual(
      expect.stringMatching(/^saved for review, not as finished/),
    );
  });
});
