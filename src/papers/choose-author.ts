import { normalizeOrcid } from '../core/orcid.js';
import type { PaperSourceName } from '../core/paper.js';
import { normalizeText, words } from '../text/normalize.js';
import { keywords } from '../text/stem.js';

/**
 * A person a paper source found under the recipient's name.
 *
 * @example
 * ```ts
 * const candidate: AuthorCandidate = { source: 'openalex', id: 'A5023888391', name: 'Jane Doe', institutions: ['University of Bristol'], topics: ['Organic chemistry'] };
 * ```
 */
export interface AuthorCandidate {
  source: PaperSourceName;
  /** The source's own author id. */
  id: string;
  name: string;
  /** Bare ORCID iD when the source knows it. */
  orcid?: string;
  institutions: readonly string[];
  topics: readonly string[];
}

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
  /** From the input or the recipient's pages. */
  affiliations: readonly string[];
  interest: string;
}

/**
 * Which candidates are the recipient, how many were dropped as namesakes, and on what grounds.
 * `basis: 'ambiguous'` means no candidate was clearly right and none was kept.
 */
export interface AuthorChoice {
  chosen: AuthorCandidate[];
  droppedAsNamesake: number;
  basis: 'orcid' | 'institution' | 'topic' | 'sole-candidate' | 'ambiguous' | 'no-candidates';
}

/**
 * Decides which of one source's candidates is the recipient, strongest evidence first: ORCID,
 * then institution, then topic overlap with the interest. It refuses to guess: when the best
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

  const orcids = new Set(
    evidence.orcids.map((orcid) => normalizeOrcid(orcid)).filter((orcid) => orcid !== undefined),
  );
  if (orcids.size > 0) {
    const byOrcid = candidates.filter(
      (candidate) => candidate.orcid !== undefined && orcids.has(normalizeOrcid(candidate.orcid) ?? ''),
    );
    if (byOrcid.length > 0) return split(byOrcid, 'orcid');
  }

  const affiliations = evidence.affiliations.map(normalizeText).filter((text) => text.length > 0);
  if (affiliations.length > 0) {
    const byInstitution = candidates.filter((candidate) =>
      candidate.institutions.some((institution) =>
        affiliations.some((affiliation) => sameInstitution(affiliation, normalizeText(institution))),
      ),
    );
    if (byInstitution.length > 0) return split(byInstitution, 'institution');
  }

  if (candidates.length === 1) return split([...candidates], 'sole-candidate');

  const interest = new Set(keywords(words(evidence.interest)));
  const scored = candidates
    .map((candidate) => ({
      candidate,
      overlap: keywords(words(candidate.topics.join(' '))).filter((word) => interest.has(word)).length,
    }))
    .sort((a, b) => b.overlap - a.overlap);
  const [best, second] = scored;
  // "Clearly right": some overlap, and strictly more than the runner-up.
  if (best && best.overlap > 0 && best.overlap > (second?.overlap ?? 0))
    return split([best.candidate], 'topic');
  return split([], 'ambiguous');
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
