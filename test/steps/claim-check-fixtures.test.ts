// The claim check against a fixed set of drafts (test/fixtures/claim-check): every invented fact
// is caught, and no true draft raises a false alarm. It runs the real composer step, one draft
// per run, so the email rules and the claim check are judged together as in a real run.
import { describe, expect, it } from 'vitest';
import { EmailComposerStep, InvalidDraftError, PipelineData, parsePipelineInput } from '../../src/index.js';
import { createMockModel } from '../../src/testing/index.js';
import { type ClaimCheckDraft, inventedDrafts, trueDrafts } from '../fixtures/claim-check/drafts.js';

function dataFor({ recipient }: ClaimCheckDraft): PipelineData {
  const data = new PipelineData(
    parsePipelineInput({
      taskId: 'claim-check',
      userId: 'user-1',
      emailTemplate: recipient.template,
      recipientName: recipient.name,
      recipientInterest: recipient.interest,
    }),
  );
  data.templateType = 'research';
  data.scrapedPages = recipient.pages;
  data.arxivPapers = recipient.papers;
  return data;
}

async function review(draft: ClaimCheckDraft) {
  const answer = {
    email: draft.recipient.email(draft.sentence),
    claims: [draft.recipient.baseClaim, ...draft.claims],
    isConfident: true,
  };
  const data = dataFor(draft);
  const step = new EmailComposerStep({ model: createMockModel([answer]), maxAttempts: 1 });
  const outcome = await step.execute(data).catch((error: unknown) => error);
  return { data, outcome };
}

describe('the claim check on the fixture drafts', () => {
  it('has at least 20 true and 20 invented drafts, every kind of invention among them', () => {
    expect(trueDrafts.length).toBeGreaterThanOrEqual(20);
    expect(inventedDrafts.length).toBeGreaterThanOrEqual(20);
    expect(new Set(inventedDrafts.map((draft) => draft.invented))).toEqual(
      new Set(['year', 'university', 'award', 'title', 'number', 'venue', 'person', 'quote', 'citation']),
    );
  });

  it.each(trueDrafts.map((draft) => [draft.label, draft] as const))(
    'passes a true draft: %s',
    async (_label, draft) => {
      const { data, outcome } = await review(draft);
      expect(outcome).toMatchObject({ success: true });
      expect(data.compositionMetadata?.problems).toEqual([]);
      expect(data.emailStatus).toBe('finished');
      // Every claim keeps each source it cites, with a passage that supports it.
      for (const claim of data.compositionMetadata?.claims ?? []) {
        expect(claim.sources.length).toBeGreaterThan(0);
        for (const source of claim.sources) expect(source.snippet.length).toBeGreaterThan(0);
      }
    },
  );

  it.each(inventedDrafts.map((draft) => [draft.label, draft] as const))(
    'catches an invented draft: %s',
    async (_label, draft) => {
      const { outcome } = await review(draft);
      const invalid = (outcome as { cause?: unknown }).cause;
      expect(InvalidDraftError.isInstance(invalid)).toBe(true);
      expect((invalid as InvalidDraftError).problems.length).toBeGreaterThan(0);
    },
  );
});
