import { normalizeText, words } from '../../text/normalize.js';
import { familyNameWords } from '../../text/person-name.js';
import { keywords } from '../../text/stem.js';

// Shorter pieces are headings, bylines and citation fragments ("Lovelace, A. (2026)."), not facts.
const MIN_SENTENCE_WORDS = 4;
// A full stop after these does not end a sentence.
const ABBREVIATIONS = new Set([
  'dr',
  'prof',
  'mr',
  'mrs',
  'ms',
  'st',
  'no',
  'vol',
  'fig',
  'eg',
  'ie',
  'etc',
  'vs',
  'al',
]);
// Private details the prompts say to leave out, as far as a pattern can tell.
const PRIVATE = [/[\w.+-]+@[\w-]+\.[\w.-]+/, /\+?\d[\d ()-]{8,}\d/];
// Citation markers a page may carry itself: the fake writes its own, so a page's are removed.
const CITATIONS = /\s*\[\s*(?:pages?\b[^\]\n]*|uncertain)\]/gi;
const SENTENCE_END = /[.!?]["'”’)\]]*\s+(?=["'“‘([]?[\p{Lu}\d])/gu;
// A reference list entry ("Lovelace, A. (2026). Title. Journal."): one fact, not three sentences.
const REFERENCE = /\(\d{4}[a-z]?\)\./;
// Prose has a lower-case word ("is", "at"); page titles ("Ada Lovelace | Northbridge University") do not.
const PROSE = /(^|\s)\p{Ll}{2,}/u;
const TITLE_SEPARATOR = / [|–] /;

function endsWithAbbreviation(piece: string): boolean {
  const lastWord = /(\S+)[.!?]["'”’)\]]*$/u.exec(piece)?.[1] ?? '';
  const letters = lastWord.replace(/[^\p{L}]/gu, '');
  // A single capital is an initial ("A. Lovelace"), not the end of a sentence.
  return /^\p{Lu}$/u.test(letters) || ABBREVIATIONS.has(letters.toLowerCase());
}

function wordCount(text: string): number {
  return text.match(/\S+/g)?.length ?? 0;
}

/**
 * The sentences of a text, line by line: a line is split after `.`, `!` or `?` followed by a
 * capital or a digit, except after an initial or a common abbreviation; pieces under four words
 * are joined to the next one. A line that cites a year like a reference list, `(2026).`, stays whole.
 */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  for (const line of text.split('\n')) {
    if (REFERENCE.test(line)) {
      sentences.push(line.trim());
      continue;
    }
    const pieces: string[] = [];
    let start = 0;
    for (const match of line.matchAll(SENTENCE_END)) {
      const end = match.index + match[0].trimEnd().length;
      if (endsWithAbbreviation(line.slice(start, end))) continue;
      pieces.push(line.slice(start, end).trim());
      start = match.index + match[0].length;
    }
    pieces.push(line.slice(start).trim());
    let carry = '';
    for (const piece of pieces.filter((candidate) => candidate !== '')) {
      carry = carry === '' ? piece : `${carry} ${piece}`;
      if (wordCount(carry) >= MIN_SENTENCE_WORDS) {
        sentences.push(carry);
        carry = '';
      }
    }
    if (carry !== '') sentences.push(carry);
  }
  return sentences;
}

/** What makes a sentence about the recipient: their family name, or a word of their interest. */
export interface RecipientClues {
  familyWords: readonly string[];
  interestKeywords: readonly string[];
}

/** The clues for one recipient. `not given` is what the summariser writes for an empty interest. */
export function recipientClues(recipientName: string, recipientInterest: string): RecipientClues {
  const interest = recipientInterest === 'not given' ? '' : recipientInterest;
  return {
    familyWords: familyNameWords(recipientName),
    interestKeywords: [...new Set(keywords(words(interest)).filter((word) => word.length > 2))],
  };
}

/** Removes the `[PAGE N]` and `[UNCERTAIN]` markers a line carries. */
export function withoutCitations(line: string): string {
  return line.replace(CITATIONS, '').trim();
}

/**
 * The sentences of a text that mention the recipient's family name or a word of their interest,
 * at least four words long and with a lower-case word (not a page title), without private details or markers of their own, each once (by
 * normalised text), in text order.
 */
export function relevantSentences(text: string, clues: RecipientClues): string[] {
  const seen = new Set<string>();
  return splitSentences(text)
    .map(withoutCitations)
    .filter((sentence) => {
      const key = normalizeText(sentence);
      if (key === '' || seen.has(key) || wordCount(sentence) < MIN_SENTENCE_WORDS) return false;
      if (!PROSE.test(sentence) || TITLE_SEPARATOR.test(sentence)) return false;
      if (PRIVATE.some((pattern) => pattern.test(sentence))) return false;
      const sentenceWords = words(sentence);
      const stems = new Set(keywords(sentenceWords));
      const relevant =
        clues.familyWords.some((word) => sentenceWords.includes(word)) ||
        clues.interestKeywords.some((word) => stems.has(word));
      if (relevant) seen.add(key);
      return relevant;
    });
}

/** Lines joined until the next would pass `maxChars`; lines that do not fit are skipped. */
export function joinWithin(lines: readonly string[], maxChars: number): string {
  let joined = '';
  for (const line of lines) {
    const next = joined === '' ? line : `${joined}\n${line}`;
    if (next.length <= maxChars) joined = next;
  }
  return joined;
}
