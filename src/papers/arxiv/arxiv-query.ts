import { words } from '../../text/normalize.js';
import { parsePersonName } from '../../text/person-name.js';
import { keywords } from '../../text/stem.js';

// How many interest words narrow an author query; more makes arXiv's relevance sort noisier.
const MAX_INTEREST_TERMS = 6;

/**
 * The `search_query` for a person's papers: the full name quoted (`au:"Ada Lovelace"`), titles
 * like "Dr." removed and accents kept. With an interest, papers must also match one of its
 * distinctive words, so arXiv's relevance sort puts the on-topic papers first.
 */
export function buildAuthorQuery(author: string, interest?: string): string {
  const name = searchableName(author);
  if (name === '')
    throw new RangeError('arXiv author query: the name has no letters left after removing titles');
  const authorClause = `au:"${name}"`;
  const terms =
    interest === undefined ? [] : [...new Set(keywords(words(interest)).filter((word) => word.length > 2))];
  if (terms.length === 0) return authorClause;
  const interestClause = terms
    .slice(0, MAX_INTEREST_TERMS)
    .map((term) => `all:${term}`)
    .join(' OR ');
  return `${authorClause} AND (${interestClause})`;
}

/** "Dr. José García-López" → "José García-López"; "Lovelace, Ada" → "Ada Lovelace". */
export function searchableName(author: string): string {
  const { given, family } = parsePersonName(author);
  if (family.length === 0) return '';
  // Keep the original spelling (accents, hyphens): arXiv matches what authors wrote.
  const originals = author
    .replace(/[",]/g, ' ')
    .split(/\s+/)
    .filter((token) => words(token).length > 0);
  const wanted = new Set([...given, ...family]);
  const kept = originals.filter((token) => words(token).some((word) => wanted.has(word)));
  const familyFirst = author.includes(',');
  if (!familyFirst) return kept.join(' ');
  const familyTokens = kept.filter((token) => words(token).every((word) => family.includes(word)));
  const givenTokens = kept.filter((token) => !familyTokens.includes(token));
  return [...givenTokens, ...familyTokens].join(' ');
}

/** Whether a name leaves anything to search for once titles are removed ("Dr." alone does not). */
export function isSearchableAuthor(author: string): boolean {
  return searchableName(author) !== '';
}
