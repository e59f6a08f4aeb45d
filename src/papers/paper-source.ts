import type { PaperLookup, PaperSourceName } from '../core/paper.js';

export type { AuthorPapers, PaperLookup } from '../core/paper.js';

/** Who to find papers for, and how many. */
export interface PaperQuery {
  /** The recipient's name as given ("Dr. Ada Lovelace"). */
  name: string;
  /** Their research interest: sources may narrow by it, the ranking weighs by it. */
  interest: string;
  /** From the input, when given: lets a source look the author up directly. */
  orcid?: string;
  /** From the input, when given. */
  affiliation?: string;
  /** Papers published before this ISO date (`YYYY-MM-DD`) are not asked for. */
  since: string;
  /** At most this many papers per candidate. */
  limit: number;
  signal?: AbortSignal;
}

/**
 * Somewhere to find a person's papers: arXiv, OpenAlex, Semantic Scholar, Crossref, or a host's
 * own. A source looks candidates up by name (and ORCID when given) and returns each with their
 * papers; it never decides which candidate is the recipient, since the pages read side by side
 * may still settle that. Every paper carries `sources: [name]` and `sourceIds`.
 *
 * Failures reject: with `PaperSourceError` (or `ArxivRequestError`) for the service's faults,
 * which the step turns into a warning; with the signal's reason on abort.
 *
 * @example
 * ```ts
 * const sources: PaperSource[] = [arxivSource(), openAlexSource({ apiKey: process.env.OPENALEX_API_KEY! })];
 * ```
 */
export interface PaperSource {
  readonly name: PaperSourceName;
  /** What sets this source's answers apart besides the query (its endpoint), for caches. */
  readonly cacheScope?: string;
  /** Every same-name candidate the source knows, each with papers since `query.since`. */
  lookup(query: PaperQuery): Promise<PaperLookup>;
}
