import { words } from '../../../text/normalize.js';
import { familyNameWords } from '../../../text/person-name.js';
import { SCHOLARS, type WorldScholar } from './scholars.js';

/** The scholars whose family name the query names, as a name search finds them. */
export function scholarsNamed(query: string): WorldScholar[] {
  const queryWords = words(query);
  return SCHOLARS.filter((scholar) =>
    familyNameWords(scholar.name).every((word) => queryWords.includes(word)),
  );
}

/** A DOI's stable OpenAlex-style work id, so a work has the same id in every answer. */
export function workId(doi: string): string {
  let hash = 0;
  for (const char of doi) hash = (hash * 31 + char.charCodeAt(0)) % 1_000_000_007;
  return `W${4_000_000_000 + hash}`;
}

/** The inverted index OpenAlex sends instead of an abstract: word -> positions. */
export function invertedIndex(text: string): Record<string, number[]> {
  const index: Record<string, number[]> = {};
  text.split(/\s+/).forEach((word, position) => {
    if (word === '') return;
    // biome-ignore lint/suspicious/noAssignInExpressions: the usual multimap insert
    (index[word] ??= []).push(position);
  });
  return index;
}
