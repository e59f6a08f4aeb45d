import { MockLanguageModelV4 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import { EmailComposerStep, PipelineAbortedError, validateEmail } from '../../src/index.js';
import { createMockModel } from '../../src/testing/index.js';
import { deferred, makeData } from '../helpers/pipeline.js';
import { goodLovelaceAnswer, goodLovelaceEmail, lovelacePapers, researchTemplate } from '../helpers/steps.js';

const placeholders = ['{{professor_name}}', '{{research_area}}', '{{paper_reference}}', '[Your Name]'];

/** A title the arXiv papers do not have: only the web research knows it. */
const scrapedOnlyTitle = 'Notes on the Engine: A Translation';

function researchData(scrapedContent: string) {
  const data = makeData({
    recipientName: 'Dr. Ada Lovelace',
    recipientInterest: 'analytical engines',
    emailTemplate: researchTemplate,
  });
  // templateAnalysis is left unset: the drafts here leave no placeholder to catch.
  data.templateType = 'research';
  data.arxivPapers = [...lovelacePapers];
  data.scrapedContent = scrapedContent;
  return data;
}

describe('EmailComposerStep wiring', () => {
  it('hands the step’s abort signal to the model call, so aborting the run cancels the call itself', async () => {
    const called = deferred<AbortSignal | undefined>();
    // Answers only when its own signal fires: whatever signal the composer passed on is what it sees.
    const model = new MockLanguageModelV4({
      doGenerate: ({ abortSignal }) =>
        new Promise((_resolve, reject) => {
          abortSignal?.addEventListener('abort', () => reject(abortSignal.reason), { once: true });
          called.resolve(abortSignal);
        }),
    });
    const controller = new AbortController();
    const running = new EmailComposerStep({ model }).execute(researchData(''), { signal: controller.signal });

    const received = await called.promise;
    expect(received?.aborted).toBe(false);
    controller.abort(new Error('host cancelled the job'));

    await expect(running).rejects.toSatisfy(PipelineAbortedError.isInstance);
    // The step stops either way (it races the signal); only a passed-on signal stops the model call.
    expect(received?.aborted).toBe(true);
  });

  it('checks drafts against the web research, so a title found only there is not taken for invented', async () => {
    const email = goodLovelaceEmail.replace(
      'Would you have time',
      `I also read your "${scrapedOnlyTitle}" with great care. Would you have time`,
    );
    const scrapedContent = `[PAGE 1] In 1843 Ada Lovelace published ${scrapedOnlyTitle}, with her own notes.`;
    const validationInput = {
      email,
      recipientName: 'Dr. Ada Lovelace',
      emailTemplate: researchTemplate,
      templateType: 'research' as const,
      placeholders,
      papers: lovelacePapers,
    };
    // The premise: without the research summary the quoted title reads as invented.
    expect(validateEmail(validationInput).issues).toEqual([expect.stringContaining('possibly invented')]);
    expect(validateEmail({ ...validationInput, scrapedContent }).issues).toEqual([]);

    const answer = { ...goodLovelaceAnswer, email };
    const model = createMockModel([answer, answer, answer]);
    const data = researchData(scrapedContent);
    const result = await new EmailComposerStep({ model }).execute(data);

    expect(model.doGenerateCalls).toHaveLength(1);
    expect(result).toMatchObject({ success: true, warnings: [] });
    expect(data.compositionMetadata).toMatchObject({ attempts: 1, issuesPerAttempt: [[]] });
    expect(data.finalEmail).toBe(email);
    expect(data.isConfident).toBe(true);
  });
});
