import type { Paper, PaperSourceName } from '../core/paper.js';
import { citationId, normalizeDoi } from './paper-identity.js';

/** What a source knows of one paper, before it becomes a `Paper`. */
export interface SourcePaperFields {
  source: PaperSourceName;
  /** The paper's id at this source (`W2741809807`, a Semantic Scholar paper id, a DOI for Crossref). */
  sourceId: string;
  title: string;
  abstract?: string | null | undefined;
  authors: string[];
  /** ISO date or year; a bare year is read as 1 January. */
  published: string;
  doi?: string | null | undefined;
  venue?: string | null | undefined;
  /** A page about the paper; default the DOI's address. */
  abstractUrl?: string | null | undefined;
  pdfUrl?: string | null | undefined;
  arxivId?: string | null | undefined;
}

/** A source's record as a `Paper`: `sources`, `sourceIds` and the citation id filled in. */
export function sourcePaper(fields: SourcePaperFields): Paper {
  const doi = normalizeDoi(fields.doi ?? undefined);
  const published = /^\d{4}$/.test(fields.published) ? `${fields.published}-01-01` : fields.published;
  const sourceIds: Partial<Record<PaperSourceName, string>> = { [fields.source]: fields.sourceId };
  if (fields.arxivId) sourceIds.arxiv = fields.arxivId.replace(/v\d+$/, '');
  const paper: Paper = {
    id: '',
    title: fields.title.replace(/\s+/g, ' ').trim(),
    abstract: (fields.abstract ?? '').replace(/\s+/g, ' ').trim(),
    authors: fields.authors,
    year: Number(published.slice(0, 4)) || 0,
    published,
    abstractUrl: fields.abstractUrl ?? (doi ? `https://doi.org/${doi}` : ''),
    sources: [fields.source],
    sourceIds,
  };
  if (doi) paper.doi = doi;
  if (fields.venue) paper.venue = fields.venue;
  if (fields.pdfUrl) paper.pdfUrl = fields.pdfUrl;
  paper.id = citationId(paper);
  return paper;
}
