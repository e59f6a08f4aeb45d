/**
 * A light stemmer for English keyword overlap: folds plurals and -ing/-ed forms so "networks",
 * "network" and "networking" meet. Crude on purpose: it only has to make overlap fairer.
 */
export function stemLight(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 5 && word.endsWith('ing')) return word.slice(0, -3);
  if (word.length > 4 && word.endsWith('ed') && !word.endsWith('eed')) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('es') && /(ss|x|ch|sh)es$/.test(word)) return word.slice(0, -2);
  if (
    word.length > 3 &&
    word.endsWith('s') &&
    !word.endsWith('ss') &&
    !word.endsWith('us') &&
    !word.endsWith('is')
  ) {
    return word.slice(0, -1);
  }
  return word;
}

/** Words too common to tell one title or interest from another. */
export const STOPWORDS: ReadonlySet<string> = new Set(
  'a an and are as at be by for from has have in into is it its of on or our that the their this to toward towards via we with without using based new'.split(
    ' ',
  ),
);

/** The distinctive, stemmed words of a text. */
export function keywords(normalizedWords: readonly string[]): string[] {
  return normalizedWords.filter((word) => !STOPWORDS.has(word)).map(stemLight);
}
