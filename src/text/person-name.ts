import { words } from './normalize.js';

// Honorifics and post-nominals that are not part of anyone's name.
const TITLES = new Set([
  'dr',
  'doctor',
  'prof',
  'professor',
  'mr',
  'mrs',
  'ms',
  'miss',
  'mx',
  'sir',
  'dame',
  'phd',
  'md',
  'msc',
  'jr',
  'sr',
  'ii',
  'iii',
  'iv',
]);

// Lower-case particles that belong to the family name: "Ludwig van Beethoven", "Vicente del Bosque".
const PARTICLES = new Set([
  'van',
  'von',
  'de',
  'der',
  'den',
  'del',
  'della',
  'da',
  'di',
  'du',
  'la',
  'le',
  'dos',
  'das',
  'ter',
  'ten',
  'bin',
  'ibn',
  'al',
]);

/** A person's name split into given names and family name, each word normalized (lower case, no accents). */
export interface PersonName {
  given: string[];
  family: string[];
}

interface NameToken {
  raw: string;
  words: string[];
}

/**
 * Parses a name as people write it: "Dr. Marie Curie", "Curie, Marie", "José García-López",
 * "Ludwig van Beethoven". Titles are dropped. Without a comma the last word is the family name,
 * together with lower-case particles before it; a hyphenated name stays one family name.
 */
export function parsePersonName(name: string): PersonName {
  const comma = name.indexOf(',');
  if (comma > 0) {
    const family = withoutTitles(tokenize(name.slice(0, comma)));
    const given = withoutTitles(tokenize(name.slice(comma + 1)));
    if (family.length > 0)
      return { given: given.flatMap((token) => token.words), family: family.flatMap((token) => token.words) };
  }
  const tokens = withoutTitles(tokenize(name));
  if (tokens.length <= 1) return { given: [], family: tokens.flatMap((token) => token.words) };
  let start = tokens.length - 1;
  while (start > 1 && isParticle(tokens[start - 1])) start -= 1;
  return {
    given: tokens.slice(0, start).flatMap((token) => token.words),
    family: tokens.slice(start).flatMap((token) => token.words),
  };
}

/** The family name's words that identify the person (particles left out). */
export function familyNameWords(name: string): string[] {
  return parsePersonName(name).family.filter((word) => !PARTICLES.has(word));
}

function tokenize(text: string): NameToken[] {
  return text
    .split(/\s+/)
    .map((raw) => ({ raw, words: words(raw) }))
    .filter((token) => token.words.length > 0);
}

function withoutTitles(tokens: NameToken[]): NameToken[] {
  return tokens.filter((token) => !(token.words.length === 1 && TITLES.has(token.words[0] ?? '')));
}

function isParticle(token: NameToken | undefined): boolean {
  return token !== undefined && token.raw === token.raw.toLowerCase() && PARTICLES.has(token.words[0] ?? '');
}
