import { normalizeOrcid } from '../core/orcid.js';
import { normalizeText } from '../text/normalize.js';
import type { AuthorCandidate } from './choose-author.js';
import type { PaperQuery } from './paper-source.js';

/**
 * How many same-name candidates a source fetches papers for. The choice between them waits for the
 * pages read side by side, so a few are fetched up front rather than one after the join (which
 * would put the source's latency on the critical path).
 */
export const CANDIDATES_WITH_PAPERS = 3;

/**
 * The candidates worth fetching papers for, most likely first: the input's ORCID, then its
 * affiliation, then the most prolific (a source's search order otherwise).
 */
export function preselectCandidates<T extends { candidate: AuthorCandidate; worksCount: number }>(
  found: readonly T[],
  query: Pick<PaperQuery, 'orcid' | 'affiliation'>,
): T[] {
  const orcid = query.orcid === undefined ? undefined : normalizeOrcid(query.orcid);
  const affiliation = query.affiliation === undefined ? '' : normalizeText(query.affiliation);
  const rank = ({ candidate }: T) => {
    if (orcid !== undefined && candidate.orcid !== undefined && normalizeOrcid(candidate.orcid) === orcid)
      return 0;
    const institutions = candidate.institutions.map(normalizeText).filter((name) => name !== '');
    if (
      affiliation !== '' &&
      institutions.some((name) => name.includes(affiliation) || affiliation.includes(name))
    )
      return 1;
    return 2;
  };
  return [...found]
    .map((entry, index) => ({ entry, index, rank: rank(entry) }))
    .sort((a, b) => a.rank - b.rank || b.entry.worksCount - a.entry.worksCount || a.index - b.index)
    .slice(0, CANDIDATES_WITH_PAPERS)
    .map(({ entry }) => entry);
}
