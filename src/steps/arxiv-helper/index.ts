export {
  ARXIV_API_URL,
  ARXIV_MIN_INTERVAL_MS,
  ArxivClient,
  type ArxivClientOptions,
  type ArxivSearchOptions,
  type ArxivSearchResult,
} from './arxiv-client.js';
export type { ArxivAuthor, ArxivEntry, ArxivFeed } from './arxiv-entry.js';
export { type ArxivHelperOptions, ArxivHelperStep } from './arxiv-helper-step.js';
export { buildAuthorQuery } from './arxiv-query.js';
export { type ArxivFailureKind, ArxivRequestError } from './arxiv-request-error.js';
export { isSameAuthor } from './author-match.js';
export { parseArxivFeed } from './parse-arxiv-feed.js';
export { type RankedPapers, type RankPapersOptions, rankPapers } from './rank-papers.js';
export { RequestLimiter, sharedArxivLimiter } from './request-limiter.js';
