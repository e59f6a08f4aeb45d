/** A paper found for the recipient, as the email composer and the saved record see it. */
export interface Paper {
  /** arXiv id without version, e.g. `2202.12139` or `hep-th/9901001`. */
  id: string;
  title: string;
  abstract: string;
  authors: string[];
  year: number;
  /** ISO 8601 date of the first version. */
  published: string;
  abstractUrl: string;
  pdfUrl?: string;
  /** Ranking score: higher is more relevant and more recent. */
  score?: number;
}
