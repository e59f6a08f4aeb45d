import type { ArxivSearchOptions, ArxivSearchResult } from './arxiv-client.js';

/** What the arXiv source needs of a client: an `ArxivClient`, or a stand-in such as a cache. */
export interface ArxivSearcher {
  /** Must reject with `ArxivRequestError` for arXiv's failures and with the signal's reason on abort. */
  search(options: ArxivSearchOptions): Promise<ArxivSearchResult>;
}
