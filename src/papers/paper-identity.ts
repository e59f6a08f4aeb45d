import type { Paper } from '../core/paper.js';
import { normalizeText } from '../text/normalize.js';

/**
 * A DOI in its comparable form: lower case (DOIs are case-insensitive), without a resolver
 * prefix or `doi:` label. `undefined` when the text holds no DOI.
 *
 * @example
 * ```ts
 * normalizeDoi('https://doi.org/10.1038/NATURE12373'); // '10.1038/nature12373'
 * ```
 */
export function normalizeDoi(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const match = /10\.\d{4,9}\/\S+/.exec(text.trim());
  return match ? match[0].toLowerCase() : undefined;
}

/**
 * The keys under which two records of one paper meet: DOI, arXiv id and normalised title.
 * Titles shorter than four words are left out: "Introduction" is not an identity.
 *
 * @example
 * ```ts
 * identityKeys(paper); // ['doi:10.1/x', 'arxiv:2202.12139', 'title:attention is all you need']
 * ```
 */
export function identityKeys(paper: Paper): string[] {
  const keys: string[] = [];
  const doi = normalizeDoi(paper.doi);
  if (doi) keys.push(`doi:${doi}`);
  const arxivId = paper.sourceIds?.arxiv ?? (paper.sources === undefined ? paper.id : undefined);
  if (arxivId) keys.push(`arxiv:${arxivId.toLowerCase()}`);
  const title = normalizeText(paper.title);
  if (title.split(' ').length >= 4) keys.push(`title:${title}`);
  return keys;
}

/**
 * The stable id a merged paper is cited by: the arXiv id if any source knows one, else
 * `doi:<doi>`, else the first source's prefixed id.
 *
 * @example
 * ```ts
 * citationId({ sourceIds: { openalex: 'W1' }, doi: '10.1/x' }); // 'doi:10.1/x'
 * ```
 */
export function citationId(paper: Pick<Paper, 'sourceIds' | 'doi' | 'id'>): string {
  const ids = paper.sourceIds ?? {};
  if (ids.arxiv) return ids.arxiv;
  const doi = normalizeDoi(paper.doi);
  if (doi) return `doi:${doi}`;
  for (const source of ['openalex', 'semantic_scholar', 'crossref'] as const) {
    const id = ids[source];
    if (id) return `${source}:${id}`;
  }
  return paper.id;
}
