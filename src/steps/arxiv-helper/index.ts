export {
  ARXIV_API_URL,
  ARXIV_MAX_RETRY_AFTER_WAIT_MS,
  ARXIV_MIN_INTERVAL_MS,
  ArxivClient,
  type ArxivClientOptions,
  type ArxivSearchOptions,
  type ArxivSearchResult,
} from './arxiv-client.js';
export type { ArxivAuthor, ArxivEntry, ArxivFeed } from './arxiv-entry.js';
export { type ArxivHelperOptions, ArxivHelperStep, type ArxivSearcher } from './arxiv-helper-step.js';
export { buildAuthorQuery } from './arxiv-query.js';
export { type ArxivFailureKind, ArxivRequestError } from './arxiv-request-error.js';
export { isSameAuthor } from './author-match.js';
export { parseArxivFeed } from './parse-arxiv-feed.js';
export { type RankedPapers, type RankPapersOptions, rankPapers } from './rank-papers.js';
export {
  type LimiterRunOptions,
  type LongPausePolicy,
  RequestLimiter,
  type RequestLimiterOptions,
} from './request-limiter.js';
export { sharedLimiterFor } from './shared-limiters.js';
