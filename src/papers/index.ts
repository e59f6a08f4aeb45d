/**
 * Papers beyond arXiv: the paper sources (arXiv, OpenAlex, Semantic Scholar, Crossref, or your
 * own `PaperSource`), merging and de-duplicating their records, ranking, and choosing which
 * same-name author is the recipient.
 *
 * @module scribe-pipeline/papers
 */

export type { ArxivAuthor, ArxivEntry, ArxivFeed } from './arxiv/arxiv-entry.js';
export { parseArxivFeed } from './arxiv/parse-arxiv-feed.js';
export { type CachedPaperSourceOptions, cachedPaperSource } from './cached-paper-source.js';
export {
  type AuthorCandidate,
  type AuthorChoice,
  chooseAuthor,
  findOrcids,
  type RecipientEvidence,
} from './choose-author.js';
export { mergePapers } from './merge-papers.js';
export { citationId, identityKeys, normalizeDoi } from './paper-identity.js';
export type { AuthorPapers, PaperLookup, PaperQuery, PaperSource } from './paper-source.js';
export {
  PaperSourceError,
  type PaperSourceErrorOptions,
  type PaperSourceFailureKind,
} from './paper-source-error.js';
export { type RankedPapers, type RankPapersOptions, rankPaperList, rankPapers } from './rank-papers.js';
export { rebuildAbstract } from './rebuild-abstract.js';
export {
  type PaperSelection,
  type SelectPapersOptions,
  type SourceChoice,
  selectPapers,
} from './select-papers.js';
export type { PaperSourceRequestOptions } from './source-settings.js';
export { type ArxivSourceOptions, arxivSource } from './sources/arxiv.js';
export { CROSSREF_API_URL, type CrossrefSourceOptions, crossrefSource } from './sources/crossref.js';
export { OPENALEX_API_URL, type OpenAlexSourceOptions, openAlexSource } from './sources/openalex.js';
export {
  SEMANTIC_SCHOLAR_API_URL,
  type SemanticScholarSourceOptions,
  semanticScholarSource,
} from './sources/semantic-scholar.js';
