import type { Paper } from '../../../core/paper.js';
import type { PipelineData } from '../../../core/pipeline-data.js';
import type { ScrapedPage } from '../../../core/step-outputs.js';
import { type ClaimCheckResult, checkClaims, type StatedClaim } from './check-claims.js';
import { type ClaimSourceText, pageSource, paperSource } from './claim-source-text.js';

export type { ClaimCheckResult, StatedClaim } from './check-claims.js';

/**
 * Checks claims the way the composer does, against a run's research: `PAGE n` cites
 * `data.scrapedPages`, `PAPER n` the n-th of `papers` (default: `data.arxivPapers`). Every
 * number, name and title in a claim must appear in a source it cites. For a host's own composer
 * step, or to re-check a saved draft.
 *
 * @example
 * ```ts
 * const { claims, problems } = checkEmailClaims({
 *   data,
 *   claims: [{ claim: 'Lovelace won the 2019 Sloan Fellowship.', sources: ['PAGE 1'] }],
 * });
 * if (problems.length > 0) console.warn(problems.join('\n'));
 * ```
 */
export function checkEmailClaims({
  data,
  claims,
  papers = data.arxivPapers,
}: {
  data: Pick<PipelineData, 'scrapedPages' | 'arxivPapers' | 'recipientName'>;
  claims: readonly StatedClaim[];
  papers?: readonly Paper[];
}): ClaimCheckResult {
  return checkClaims({
    claims,
    sources: claimSources(data.scrapedPages, papers),
    recipientName: data.recipientName,
  });
}

/** What claims may cite, prepared for checking: `PAGE n` for each page, `PAPER n` for the n-th paper. */
export function claimSources(pages: readonly ScrapedPage[], papers: readonly Paper[]): ClaimSourceText[] {
  return [...pages.map(pageSource), ...papers.map((paper, index) => paperSource(paper, index + 1))];
}
