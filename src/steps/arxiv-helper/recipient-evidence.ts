import type { PipelineData } from '../../core/pipeline-data.js';
import { findOrcids, type RecipientEvidence } from '../../papers/choose-author.js';

/**
 * What is known of the recipient besides their name, from the input and from the pages the
 * scraper read (empty while the scraper is still running side by side).
 */
export function recipientEvidence(
  data: Pick<PipelineData, 'recipientInterest' | 'recipientAffiliation' | 'recipientOrcid' | 'scrapedPages'>,
): RecipientEvidence {
  const pageText = data.scrapedPages.map((page) => `${page.title}\n${page.text}`).join('\n');
  const orcids = new Set([...(data.recipientOrcid ? [data.recipientOrcid] : []), ...findOrcids(pageText)]);
  return {
    orcids: [...orcids],
    affiliations: data.recipientAffiliation ? [data.recipientAffiliation] : [],
    interest: data.recipientInterest,
    pageText,
  };
}
