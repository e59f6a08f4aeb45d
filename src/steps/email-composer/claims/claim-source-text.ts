import type { Paper } from '../../../core/paper.js';
import type { ScrapedPage } from '../../../core/step-outputs.js';
import { normalizeText } from '../../../text/normalize.js';
import { stemLight } from '../../../text/stem.js';
import { numberTokens } from './claim-terms.js';

/** A source a claim may cite, prepared once for every claim and every draft of a run. */
export interface ClaimSourceText {
  /** How the prompt names it: `PAGE 2`, `PAPER 1`. */
  label: string;
  reference: { kind: 'page'; page: ScrapedPage } | { kind: 'paper'; paper: Paper };
  /** The whole text a claim is checked against. */
  text: string;
  /** `text` normalised (see `normalizeText`), between single spaces, for phrase look-ups. */
  normalized: string;
  /** Normalised words, with their light stems. */
  words: ReadonlySet<string>;
  numbers: ReadonlySet<string>;
}

function prepare(label: string, reference: ClaimSourceText['reference'], text: string): ClaimSourceText {
  const normalized = normalizeText(text);
  const words = normalized.split(' ');
  return {
    label,
    reference,
    text,
    normalized: ` ${normalized} `,
    words: new Set([...words, ...words.map(stemLight)]),
    numbers: new Set(numberTokens(text)),
  };
}

/** A page as a claim source: its title and its text. */
export function pageSource(page: ScrapedPage): ClaimSourceText {
  return prepare(`PAGE ${page.pageNumber}`, { kind: 'page', page }, `${page.title}\n${page.text}`);
}

/** A paper as a claim source, numbered as the prompt lists it: title, authors, date, venue, DOI, abstract. */
export function paperSource(paper: Paper, number: number): ClaimSourceText {
  const text = [
    paper.title,
    `Authors: ${paper.authors.join(', ')}`,
    `Published ${paper.published || paper.year}${paper.venue ? ` in ${paper.venue}` : ''}`,
    ...(paper.doi ? [`DOI ${paper.doi}`] : []),
    paper.abstract,
  ].join('\n');
  return prepare(`PAPER ${number}`, { kind: 'paper', paper }, text);
}

/** True when `word` (normalised) or its light stem is a word of the source. */
export function sourceHasWord(source: ClaimSourceText, word: string): boolean {
  return source.words.has(word) || source.words.has(stemLight(word));
}
