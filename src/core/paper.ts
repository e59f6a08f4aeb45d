/** Where a paper record came from. */
export type PaperSourceName = 'arxiv' | 'openalex' | 'semantic_scholar' | 'crossref';

/** A paper found for the recipient, as the email composer and the saved record see it. */
export interface Paper {
  /**
   * Unique and stable within a run, so claims can cite it: the arXiv id without version
   * (`2202.12139`, `hep-th/9901001`) when the paper has one, else `doi:<lower-case DOI>`, else
   * `<source>:<that source's id>` (e.g. `openalex:W2741809807`).
   */
  id: string;
  title: string;
  abstract: string;
  authors: string[];
  year: number;
  /** ISO 8601 date of the first version. */
  published: string;
  abstractUrl: string;
  pdfUrl?: string;
  /** Lower-case DOI without the `https://doi.org/` prefix. */
  doi?: string;
  /** Journal, conference or repository name. */
  venue?: string;
  /** Every source that returned this paper; absent on records made before sources existed (arXiv only). */
  sources?: PaperSourceName[];
  /** This paper's id at each source that returned it. */
  sourceIds?: Partial<Record<PaperSourceName, string>>;
  /** Ranking score: higher is more relevant and more recent. */
  score?: number;
}
