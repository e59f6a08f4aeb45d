import { PAGE_TAG } from '../../steps/web-scraper/summary/summary-prompts.js';
import type { FactsAnswer } from '../../steps/web-scraper/summary/summary-rules.js';
import { MAX_PAGE_FACTS_CHARS, pageMarker } from '../../steps/web-scraper/summary/summary-rules.js';
import { afterLastBlock, attributedBlocks, headerValue, statedCharacterLimit } from './prompt-sections.js';
import { joinWithin, recipientClues, relevantSentences } from './sentences.js';

/**
 * A per-page extraction's answer: the sentences of the fenced page that mention the recipient's
 * family name or a word of their interest, one per line ending with the page's marker, within
 * the stated limit; empty when the page has none.
 */
export function extractionAnswer(prompt: string): FactsAnswer {
  const [page] = attributedBlocks(prompt, PAGE_TAG);
  if (page === undefined)
    throw new Error(`createFakeModel: the extraction prompt has no <${PAGE_TAG}> block`);
  const marker = pageMarker(Number(page.attributes.number));
  const clues = recipientClues(
    headerValue(prompt, 'Recipient'),
    headerValue(prompt, "Recipient's research interest"),
  );
  const maxChars = statedCharacterLimit(afterLastBlock(prompt, PAGE_TAG), MAX_PAGE_FACTS_CHARS);
  const lines = relevantSentences(page.text, clues).map((sentence) => `${sentence} ${marker}`);
  return { facts: joinWithin(lines, maxChars) };
}
