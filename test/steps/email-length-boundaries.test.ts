// Boundaries of the deterministic checks, each one exactly at and one past its limit, so that an
// off-by-one in a comparison fails a test (mutation testing found these unguarded).
import { describe, expect, it } from 'vitest';
import {
  defineStep,
  EmailComposerStep,
  findErrorInChain,
  InvalidDraftError,
  MAX_EMAIL_CHARACTERS,
  MIN_EMAIL_WORDS,
  memoryPersistence,
  runPipeline,
} from '../../src/index.js';
import { validateEmail } from '../../src/steps/email-composer/validate-email.js';
import { createMockModel } from '../../src/testing/index.js';
import { validInput } from '../helpers/pipeline.js';

const recipientName = 'Grace Hopper';
const emailTemplate = 'Dear {{name}}, I loved your work on {{topic}} and would like to join your lab.';

/** A plain email naming the recipient, with exactly `words` words. */
function emailOfWords(words: number): string {
  return ['Dear', 'Dr.', 'Hopper,', ...Array.from({ length: words - 3 }, () => 'compilers')].join(' ');
}

/** A plain email naming the recipient, exactly `characters` long. */
function emailOfCharacters(characters: number): string {
  const start = emailOfWords(MIN_EMAIL_WORDS);
  return start + 'x'.repeat(characters - start.length);
}

const lengthIssues = (email: string, extra: Partial<Parameters<typeof validateEmail>[0]> = {}) =>
  validateEmail({ email, recipientName, emailTemplate, ...extra }).issues;

describe('validateEmail at its limits', () => {
  it(`accepts exactly ${MIN_EMAIL_WORDS} words and refuses one fewer`, () => {
    expect(
      validateEmail({ email: emailOfWords(MIN_EMAIL_WORDS), recipientName, emailTemplate }).wordCount,
    ).toBe(MIN_EMAIL_WORDS);
    expect(lengthIssues(emailOfWords(MIN_EMAIL_WORDS))).toEqual([]);
    const short = lengthIssues(emailOfWords(MIN_EMAIL_WORDS - 1));
    expect(short).toEqual([expect.stringMatching(/short/)]);
    expect(short[0]).toContain(String(MIN_EMAIL_WORDS - 1));
  });

  it(`accepts exactly ${MAX_EMAIL_CHARACTERS} characters and refuses one more`, () => {
    expect(emailOfCharacters(MAX_EMAIL_CHARACTERS)).toHaveLength(MAX_EMAIL_CHARACTERS);
    expect(lengthIssues(emailOfCharacters(MAX_EMAIL_CHARACTERS))).toEqual([]);
    const long = lengthIssues(emailOfCharacters(MAX_EMAIL_CHARACTERS + 1));
    expect(long).toEqual([expect.stringMatching(/long/)]);
    expect(long[0]).toContain(String(MAX_EMAIL_CHARACTERS + 1));
  });

  it('with a single paper on a research template, requires that paper named', () => {
    const paper = { title: 'Compiling Arithmetic Expressions for Early Machines', year: 1952 };
    const research = { templateType: 'research' as const, papers: [paper] };
    expect(lengthIssues(emailOfWords(MIN_EMAIL_WORDS), research)).toEqual([expect.stringMatching(/papers/)]);
    const naming = `${emailOfWords(MIN_EMAIL_WORDS)} I read ${paper.title} closely.`;
    expect(lengthIssues(naming, research)).toEqual([]);
  });
});

describe('EmailComposerStep with save-for-review', () => {
  it('never keeps a draft over the length limit, not even for review: it fails and nothing is saved', async () => {
    const overlong = { email: emailOfCharacters(MAX_EMAIL_CHARACTERS + 1), claims: [], isConfident: true };
    const persistence = memoryPersistence();
    const run = validInput({ recipientName, emailTemplate });
    const research = defineStep({
      name: 'research',
      execute: (data) => {
        data.templateType = 'general';
      },
    });
    const composer = new EmailComposerStep({
      model: createMockModel([overlong, overlong, overlong]),
      onInvalidDraft: 'save-for-review',
    });
    const error = await runPipeline({ input: run, steps: [research, composer], persistence }).catch(
      (caught: unknown) => caught,
    );
    const invalid = findErrorInChain(error, InvalidDraftError);
    expect(invalid, 'the run fails with the over-length draft').toBeInstanceOf(InvalidDraftError);
    expect(invalid?.draft).toHaveLength(MAX_EMAIL_CHARACTERS + 1);
    expect(await persistence.getEmailByTaskId(run.taskId)).toBeUndefined();
  });

  it('keeps, for review, a draft exactly at the limit that breaks another rule', async () => {
    const atLimit = {
      email: `${emailOfCharacters(MAX_EMAIL_CHARACTERS - 10)} {{topic}}`,
      claims: [],
      isConfident: true,
    };
    expect(atLimit.email).toHaveLength(MAX_EMAIL_CHARACTERS);
    const persistence = memoryPersistence();
    const run = validInput({ recipientName, emailTemplate });
    const research = defineStep({
      name: 'research',
      execute: (data) => {
        data.templateType = 'general';
      },
    });
    const composer = new EmailComposerStep({
      model: createMockModel([atLimit, atLimit, atLimit]),
      onInvalidDraft: 'save-for-review',
    });
    const result = await runPipeline({ input: run, steps: [research, composer], persistence });
    expect(result.status).toBe('needs_review');
    expect((await persistence.getEmailByTaskId(run.taskId))?.email).toHaveLength(MAX_EMAIL_CHARACTERS);
  });
});
