/** Where a paper record came from: a built-in source, or a host's own source's name. */
export type PaperSourceName = 'arxiv' | 'openalex' | 'semantic_scholar' | 'crossref' | (string & {});

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

/** One person a source found under the name, with their papers. */
export interface AuthorPapers {
  candidate: AuthorCandidate;
  papers: Paper[];
}

/** What one source found: every same-name candidate (up to its own cap), each with papers. */
export interface PaperLookup {
  source: PaperSourceName;
  candidates: AuthorPapers[];
  /** Requests sent, for the run's report. */
  requests: number;
  /** Records the source returned that name someone else (a fuzzy name match). */
  droppedAsNamesake?: number;
  /** The queries sent, for the run's report (arXiv's `search_query`s). */
  queries?: string[];
}
