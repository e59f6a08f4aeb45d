import { normalizeOrcid } from '../core/orcid.js';
import type { AuthorCandidate } from '../core/paper.js';
import type { SourceChoice } from '../core/step-outputs.js';

export type { AuthorCandidate } from '../core/paper.js';

import { normalizeText, words } from '../text/normalize.js';
import { keywords } from '../text/stem.js';

/**
 * What is known about the recipient besides their name.
 *
 * @example
 * ```ts
 * const evidence: RecipientEvidence = { orcids: ['0000-0002-1825-0097'], affiliations: ['University of Bristol'], interest: 'asymmetric catalysis' };
 * ```
 */
export interface RecipientEvidence {
  /** From the input or found on the recipient's pages; any one matching is proof. */
  orcids: readonly string[];
  /** Stated in the input: a candidate known to be elsewhere is a namesake. */
  affiliations: readonly string[];
  interest: string;
  /**
   * The text of the recipient's pages, as read by the scraper: an institution they name is
   * evidence, weaker than the input's (a page may name a former employer too).
   */
  pageText?: string;
}

/**
 * Which candidates are the recipient, how many were dropped as namesakes, and on what grounds.
 * `basis: 'ambiguous'` means no candidate was clearly right and none was kept.
 */
export interface AuthorChoice {
  chosen: AuthorCandidate[];
  droppedAsNamesake: number;
  basis: SourceChoice['basis'];
}

/**
 * Decides which of one source's candidates is the recipient, strongest evidence first: ORCID, then
 * the input's institution, then an institution the recipient's pages name, then topic overlap
 * with the interest. A candidate with a different ORCID, or known to be at another institution
 * than the input states, is a namesake whatever else matches. It refuses to guess: when the best
 * topic match is not clearly ahead of the next, nobody is chosen.
 *
 * @example
 * ```ts
 * const { chosen, droppedAsNamesake } = chooseAuthor(candidates, evidence);
 * ```
 */
export function chooseAuthor(
  candidates: readonly AuthorCandidate[],
  evidence: RecipientEvidence,
): AuthorChoice {
  if (candidates.length === 0) return { chosen: [], droppedAsNamesake: 0, basis: 'no-candidates' };
  const split = (chosen: AuthorCandidate[], basis: AuthorChoice['basis']): AuthorChoice => ({
    chosen,
    droppedAsNamesake: candidates.length - chosen.length,
    basis,
  });

  let left = [...candidates];
  const orcids = new Set(
    evidence.orcids.map((orcid) => normalizeOrcid(orcid)).filter((orcid) => orcid !== undefined),
  );
  if (orcids.size > 0) {
    const orcidOf = (candidate: AuthorCandidate) =>
      candidate.orcid === undefined ? undefined : normalizeOrcid(candidate.orcid);
    const byOrcid = left.filter((candidate) => orcids.has(orcidOf(candidate) ?? ''));
    if (byOrcid.length > 0) return split(byOrcid, 'orcid');
    left = left.filter((candidate) => orcidOf(candidate) === undefined);
  }

  const affiliations = evidence.affiliations.map(normalizeText).filter((text) => text.length > 0);
  if (affiliations.length > 0) {
    const matches = (candidate: AuthorCandidate) =>
      institutionsOf(candidate).some((institution) =>
        affiliations.some((affiliation) => sameInstitution(affiliation, institution)),
      );
    const byInstitution = left.filter(matches);
    if (byInstitution.length > 0) return split(byInstitution, 'institution');
    left = left.filter((candidate) => institutionsOf(candidate).length === 0);
  }

  const pageText = normalizeText(evidence.pageText ?? '');
  if (pageText !== '') {
    const named = left.filter((candidate) =>
      institutionsOf(candidate).some((institution) => pageText.includes(institution)),
    );
    // Only a difference counts: pages that name every candidate's institution settle nothing.
    if (named.length > 0 && named.length < left.length) return split(named, 'institution-on-pages');
  }

  if (left.length === 1) return split(left, 'sole-candidate');

  const interest = new Set(keywords(words(evidence.interest)));
  const scored = left
    .map((candidate) => ({
      candidate,
      overlap: [...new Set(keywords(words(candidate.topics.join(' '))))].filter((word) => interest.has(word))
        .length,
    }))
    .sort((a, b) => b.overlap - a.overlap);
  const [best, second] = scored;
  // "Clearly right": some overlap, and strictly more than the runner-up.
  if (best && best.overlap > 0 && best.overlap > (second?.overlap ?? 0))
    return split([best.candidate], 'topic');
  return split([], 'ambiguous');
}

function institutionsOf(candidate: AuthorCandidate): string[] {
  return candidate.institutions.map(normalizeText).filter((name) => name.length > 0);
}

// "University of Bristol" matches "School of Chemistry, University of Bristol" and vice versa.
function sameInstitution(a: string, b: string): boolean {
  return a.length > 0 && b.length > 0 && (a.includes(b) || b.includes(a));
}

/**
 * Every checksum-valid ORCID iD in a text (a recipient's page often links their ORCID).
 *
 * @example
 * ```ts
 * findOrcids('ORCID: https://orcid.org/0000-0002-1825-0097'); // ['0000-0002-1825-0097']
 * ```
 */
export function findOrcids(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(/\b\d{4}-\d{4}-\d{4}-\d{3}[\dX]\b/g)) {
    const orcid = normalizeOrcid(match[0]);
    if (orcid) found.add(orcid);
  }
  return [...found];
}
