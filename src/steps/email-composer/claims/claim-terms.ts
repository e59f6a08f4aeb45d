import { normalizeText } from '../../../text/normalize.js';

/** What in a claim can be checked against its sources word for word. */
export interface ClaimTerms {
  /** Numbers and years, thousands separators removed (`1,200` -> `1200`). */
  numbers: string[];
  /** Capitalised words: names of people, places, institutions, awards, venues (normalised). */
  names: string[];
  /** Quoted spans and title-like runs of capitalised words: checked as phrases. */
  phrases: string[];
  /** The claim's other distinctive words (normalised), for a last check that it is about its sources at all. */
  contentWords: string[];
}

// Capitalised only because they open a sentence, or too common to carry a fact.
const NOT_NAMES = new Set(
  `a an the this that these those it its in on at of for from with without by to into onto over under
  and or but nor so yet also both either neither not no as since before after during while when where
  while whose who whom which what how why her his their hers theirs she he they them we our i my me you
  your one two three four five several many most some each every all recently currently today now
  later earlier previously formerly together among between through across about around along
  dr doctor prof professor mr mrs ms mx sir dame madam dear associate assistant emeritus`.split(/\s+/),
);

// Verbs and nouns any claim about a researcher may use: sharing only these with a source says nothing.
const GENERIC_WORDS = new Set(
  `work works worked working research researches researched researcher study studies studied
  studying focus focuses focused focusing lead leads led leading group lab laboratory team
  paper papers publish published publishes publication article articles wrote written write
  writes author authored co recent recently current currently interest interests interested
  area areas field fields topic topics project projects propose proposes proposed proposing
  show shows showed shown present presents presented presenting develop develops developed
  developing introduce introduces introduced explore explores explored exploring use uses used
  using include includes included including also well known new novel approach approaches
  method methods based has have had is are was were be been being does did do will would
  can could may might professor dr prof`.split(/\s+/),
);

const SMALL_TITLE_WORDS = new Set(
  'a an and as at by for from in into of on or the to via with without toward towards'.split(' '),
);

// Straight or curly double quotes, and curly single quotes (a straight ' is an apostrophe).
const QUOTED = /["“”„]([^"“”„\n]{3,240})["“”]|‘([^‘’\n]{3,240})’/g;
const NUMBER = /\d+(?:[.,]\d+)*/g;

/** Numbers in `text` as the claim check compares them: `1,200` and `1200` meet, `3.5` stays. */
export function numberTokens(text: string): string[] {
  return [...text.matchAll(NUMBER)].map((match) => normalizeNumber(match[0]));
}

function normalizeNumber(raw: string): string {
  // A comma or dot before exactly three digits separates thousands; any other is a decimal point.
  const joined = raw.replace(/[.,](?=\d{3}(?:\D|$))/g, '');
  return joined.replace(',', '.').replace(/^0+(?=\d)/, '');
}

/** A word without a possessive ending and surrounding punctuation. */
function bareWord(token: string): string {
  return token
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')
    .replace(/['’]s$/u, '')
    .replace(/['’]$/u, '');
}

function isCapitalised(word: string): boolean {
  return /^\p{Lu}/u.test(word);
}

/**
 * Title-like runs: four or more words in a row that are capitalised or small joining words
 * ("of", "for", ...), at least three of them capitalised, e.g. `Symbolic Computation on
 * Analytical Engines`. Sentence punctuation ends a run.
 */
export function titleCaseRuns(text: string): string[] {
  const runs: string[] = [];
  let run: string[] = [];
  const flush = () => {
    while (run.length > 0 && SMALL_TITLE_WORDS.has((run.at(-1) ?? '').toLowerCase())) run.pop();
    if (run.length >= 4 && run.filter((word) => isCapitalised(word)).length >= 3) runs.push(run.join(' '));
    run = [];
  };
  // A title stays on one line.
  for (const line of text.split('\n')) {
    for (const token of line.split(/\s+/)) {
      const word = bareWord(token);
      // "I" is a pronoun, not a title word.
      const capitalised = word !== '' && word !== 'I' && isCapitalised(word);
      const small = SMALL_TITLE_WORDS.has(word.toLowerCase()) && run.length > 0;
      if (capitalised || small) run.push(word);
      else flush();
      // A comma, full stop or other sentence mark after the word ends the run (a colon does not).
      if (/[,.;!?)"”]$/.test(token)) flush();
    }
    flush();
  }
  return runs;
}

/** The quoted spans of a text. */
export function quotedSpans(text: string): string[] {
  return [...text.matchAll(QUOTED)].map((match) => (match[1] ?? match[2] ?? '').trim());
}

/**
 * Splits a claim into what a source must contain for the claim to be supported: its numbers,
 * the capitalised words that name things, and its quoted or title-like phrases. Words in
 * `ignore` (the recipient's own name) are the claim's subject, not facts about it.
 *
 * @example
 * ```ts
 * claimTerms('Lovelace won the Sloan Fellowship in 2019.', { ignore: ['Ada Lovelace'] });
 * // { numbers: ['2019'], names: ['sloan', 'fellowship'], phrases: [], contentWords: ['won'] }
 * ```
 */
export function claimTerms(claim: string, { ignore = [] }: { ignore?: readonly string[] } = {}): ClaimTerms {
  const ignored = new Set(ignore.flatMap((text) => normalizeText(text).split(' ')));
  const names = new Set<string>();
  const contentWords = new Set<string>();
  const withoutNumbers = claim.replace(NUMBER, ' ');
  for (const token of withoutNumbers.split(/\s+/)) {
    for (const part of bareWord(token).split(/[-‐–]/)) {
      const normalized = normalizeText(part);
      if (normalized === '' || ignored.has(normalized)) continue;
      if (isCapitalised(part) && !NOT_NAMES.has(normalized)) {
        for (const piece of normalized.split(' ')) if (!ignored.has(piece)) names.add(piece);
      } else if (!NOT_NAMES.has(normalized) && !GENERIC_WORDS.has(normalized) && normalized.length > 3) {
        contentWords.add(normalized);
      }
    }
  }
  const phrases = [...quotedSpans(claim), ...titleCaseRuns(claim)].filter((phrase) =>
    normalizeText(phrase)
      .split(' ')
      .some((word) => !ignored.has(word)),
  );
  return {
    numbers: [...new Set(numberTokens(claim))],
    names: [...names],
    phrases: [...new Set(phrases)],
    contentWords: [...contentWords],
  };
}
