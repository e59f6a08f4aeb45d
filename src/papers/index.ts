/**
 * Paper records beyond arXiv: merging and de-duplicating papers from several sources, and
 * choosing which same-name author is the recipient.
 *
 * Present: `mergePapers` (one list, de-duplicated by DOI, arXiv id and normalised title, richest
 * record kept, stable citation ids), `chooseAuthor` (ORCID, then institution, then topic; keeps
 * nobody when ambiguous), `findOrcids`, `normalizeDoi`, `citationId`, `rebuildAbstract`.
 * Not yet present: the OpenAlex, Semantic Scholar and Crossref clients themselves; the pipeline
 * still looks papers up on arXiv only.
 *
 * @module
 */
export {
  type AuthorCandidate,
  type AuthorChoice,
  chooseAuthor,
  findOrcids,
  type RecipientEvidence,
} from './choose-author.js';
export { mergePapers } from './merge-papers.js';
export { citationId, identityKeys, normalizeDoi } from './paper-identity.js';
export { rebuildAbstract } from './rebuild-abstract.js';
