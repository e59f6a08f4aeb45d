import type { Paper } from '../../core/paper.js';
import type { PipelineData } from '../../core/pipeline-data.js';
import type { ComposerAnswer } from './answer-schema.js';
import { type ClaimCheckResult, checkClaims } from './claims/check-claims.js';
import { claimSources } from './claims/check-email-claims.js';
import { type EmailValidationResult, validateEmail } from './validate-email.js';

/** Everything the composer's checks found in one draft. */
export interface DraftReview {
  email: string;
  validation: EmailValidationResult;
  claims: ClaimCheckResult;
  /** Every hard problem: the draft may be kept as finished only when this is empty. */
  problems: string[];
}

/** What a draft is checked against, prepared once per run. */
export interface DraftReviewer {
  review(answer: ComposerAnswer): DraftReview;
}

/**
 * Prepares the checks of a run's drafts: the email rules of `validateEmail`, and the claim check
 * against the pages the research read and the papers shown to the model (numbered as the prompt
 * numbers them).
 */
export function createDraftReviewer(data: PipelineData, papers: readonly Paper[]): DraftReviewer {
  const sources = claimSources(data.scrapedPages, papers);
  const pageTexts = data.scrapedPages.map((page) => `${page.title}\n${page.text}`);
  return {
    review(answer) {
      const email = answer.email.trim();
      const validation = validateEmail({
        email,
        recipientName: data.recipientName,
        recipientInterest: data.recipientInterest,
        emailTemplate: data.emailTemplate,
        templateType: data.templateType,
        placeholders: data.templateAnalysis?.placeholders ?? [],
        papers,
        scrapedContent: data.scrapedContent,
        pageTexts,
      });
      const claims = checkClaims({ claims: answer.claims, sources, recipientName: data.recipientName });
      return { email, validation, claims, problems: [...validation.issues, ...claims.problems] };
    },
  };
}
