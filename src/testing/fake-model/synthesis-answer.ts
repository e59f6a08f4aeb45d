import { PAGE_TAG } from '../../steps/web-scraper/summary/summary-prompts.js';
import {
  type FactsAnswer,
  MAX_SUMMARY_CHARS,
  pageMarker,
  UNCERTAIN_MARKER,
} from '../../steps/web-scraper/summary/summary-rules.js';
import { normalizeText } from '../../text/normalize.js';
import { afterLastBlock, attributedBlocks, headerValue, statedCharacterLimit } from './prompt-sections.js';
import { joinWithin, recipientClues, relevantSentences, withoutCitations } from './sentences.js';

// A line saying where the recipient works now: the synthesis prompt puts these first.
const CURRENT_POSITION = /\b(professor|lecturer|dean|director of|head of|chair of|fellow at)\b/i;
const MARKED_LINE = /\[\s*PAGE\s+\d+\s*\]/i;

interface MergedFact {
  text: string;
  pages: number[];
  /** The page it was first seen on, and its place among that page's facts. */
  firstPage: number;
  placeInPage: number;
}

/** One source's facts: its marked lines as they are, or (page text) its sentences about the recipient. */
function factsOf(text: string, clues: ReturnType<typeof recipientClues>): string[] {
  return text.split('\n').flatMap((line) => {
    if (MARKED_LINE.test(line)) {
      const fact = withoutCitations(line);
      return fact === '' ? [] : [fact];
    }
    return relevantSentences(line, clues);
  });
}

/**
 * A summary's answer. With several pages (`crossCheck`): the same fact (equal once normalised) on
 * several pages is written once with all their markers, a fact on one page gets `[UNCERTAIN]` after
 * its marker. With one source: its lines keep their marker and nothing is marked uncertain.
 * Current-position lines come first, facts on more pages before facts on fewer, and the pages
 * take turns (each page's first fact, then each page's second...); lines that would pass the
 * stated limit are left out.
 */
export function synthesisAnswer(prompt: string, { crossCheck }: { crossCheck: boolean }): FactsAnswer {
  const clues = recipientClues(
    headerValue(prompt, 'Recipient'),
    headerValue(prompt, "Recipient's research interest"),
  );
  const merged = new Map<string, MergedFact>();
  for (const source of attributedBlocks(prompt, PAGE_TAG)) {
    const pageNumber = Number(source.attributes.number);
    factsOf(source.text, clues).forEach((fact, placeInPage) => {
      const key = normalizeText(fact);
      const known = merged.get(key);
      if (known === undefined)
        merged.set(key, { text: fact, pages: [pageNumber], firstPage: pageNumber, placeInPage });
      else if (!known.pages.includes(pageNumber)) known.pages.push(pageNumber);
    });
  }
  const facts = [...merged.values()];
  const position = (fact: MergedFact) => (CURRENT_POSITION.test(fact.text) ? 0 : 1);
  // Taking the pages in turns keeps every page heard when the limit cuts the list.
  facts.sort(
    (a, b) =>
      position(a) - position(b) ||
      b.pages.length - a.pages.length ||
      a.placeInPage - b.placeInPage ||
      a.firstPage - b.firstPage,
  );
  const lines = facts.map(({ text, pages }) => {
    const markers = [...pages].sort((a, b) => a - b).map(pageMarker);
    if (crossCheck && pages.length === 1) markers.push(UNCERTAIN_MARKER);
    return `${text} ${markers.join(' ')}`;
  });
  const maxChars = statedCharacterLimit(afterLastBlock(prompt, PAGE_TAG), MAX_SUMMARY_CHARS);
  return { facts: joinWithin(lines, maxChars) };
}
