import { familyNameWords, parsePersonName } from '../../text/person-name.js';

/**
 * Whether an author name on a paper is the recipient, tolerating how names get written:
 * initials ("G. E. Hinton"), middle names, accents, hyphens and "Last, First". A namesake with
 * a different first name ("Bob Lovelace" for "Ada Lovelace") is not a match; when either side
 * has no first name, the family name decides.
 */
export function isSameAuthor(candidate: string, recipient: string): boolean {
  const wantedFamily = familyNameWords(recipient);
  if (wantedFamily.length === 0) return false;
  const found = parsePersonName(candidate);
  const foundWords = [...found.given, ...found.family];
  if (!wantedFamily.every((word) => foundWords.includes(word))) return false;
  // The candidate's own family name must be one of the recipient's ("Lovelace Smith" is not Lovelace).
  if (!wantedFamily.includes(found.family[found.family.length - 1] ?? '')) return false;
  const wantedGiven = parsePersonName(recipient).given[0];
  const foundGiven = found.given.find((word) => !wantedFamily.includes(word));
  if (wantedGiven === undefined || foundGiven === undefined) return true;
  return sameGivenName(wantedGiven, foundGiven);
}

function sameGivenName(a: string, b: string): boolean {
  if (a === b) return true;
  // An initial stands for any name that starts with it.
  return (a.length === 1 && b.startsWith(a)) || (b.length === 1 && a.startsWith(b));
}
