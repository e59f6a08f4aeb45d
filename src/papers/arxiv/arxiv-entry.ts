/** One author of an arXiv paper. */
export interface ArxivAuthor {
  name: string;
  affiliations: string[];
}

/** One arXiv paper, as parsed from the Atom API. Text has its white space collapsed. */
export interface ArxivEntry {
  /** Without version: `2202.12139`, or old style `hep-th/9901001`. */
  id: string;
  /** As arXiv gave it, e.g. `2202.12139v2`. */
  versionedId: string;
  title: string;
  abstract: string;
  authors: ArxivAuthor[];
  /** ISO 8601 date of the first version. */
  published: string;
  /** ISO 8601 date of this version. */
  updated: string;
  primaryCategory: string | undefined;
  categories: string[];
  abstractUrl: string;
  pdfUrl: string | undefined;
  doi: string | undefined;
  journalRef: string | undefined;
  comment: string | undefined;
}

/** One page of results. */
export interface ArxivFeed {
  totalResults: number;
  startIndex: number;
  itemsPerPage: number;
  entries: ArxivEntry[];
}
