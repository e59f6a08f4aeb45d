import { normalizeText, words } from './normalize.js';
import { keywords } from './stem.js';

/**
 * How much of a title appears in a text, from 0 to 1: the largest share of the title's
 * distinctive words found close together (within a window twice the title's length), so a
 * title quoted with small changes ("Attention is all you need", "attention is all we need")
 * still scores high while words scattered across an email do not.
 */
export function titleMentionScore(title: string, text: string): number {
  const titleWords = [...new Set(keywords(words(title)))];
  if (titleWords.length === 0) return 0;
  const textWords = keywords(words(text));
  const wanted = new Set(titleWords);
  const window = titleWords.length * 2 + 2;
  let best = 0;
  for (let start = 0; start < textWords.length; start += 1) {
    if (!wanted.has(textWords[start] ?? '')) continue;
    const seen = new Set(textWords.slice(start, start + window).filter((word) => wanted.has(word)));
    best = Math.max(best, seen.size);
    if (best === titleWords.length) break;
  }
  return best / titleWords.length;
}

/**
 * Whether a text mentions a title. Short titles (two distinctive words or fewer) must appear
 * as a phrase; longer ones need three quarters of their distinctive words close together.
 */
export function mentionsTitle(title: string, text: string): boolean {
  const distinctive = keywords(words(title));
  if (distinctive.length <= 2) {
    const phrase = normalizeText(title);
    return phrase !== '' && ` ${normalizeText(text)} `.includes(` ${phrase} `);
  }
  return titleMentionScore(title, text) >= 0.75;
}
