export {
  ARXIV_API_URL,
  ARXIV_MAX_RETRY_AFTER_WAIT_MS,
  ARXIV_MIN_INTERVAL_MS,
  ArxivClient,
  type ArxivClientOptions,
  type ArxivSearchOptions,
  type ArxivSearchResult,
} from '../../papers/arxiv/arxiv-client.js';
export type { ArxivAuthor, ArxivEntry, ArxivFeed } from '../../papers/arxiv/arxiv-entry.js';
export { buildAuthorQuery } from '../../papers/arxiv/arxiv-query.js';
export { type ArxivFailureKind, ArxivRequestError } from '../../papers/arxiv/arxiv-request-error.js';
export { isSameAuthor } from '../../papers/arxiv/author-match.js';
export { parseArxivFeed } from '../../papers/arxiv/parse-arxiv-feed.js';
export {
  type LimiterRunOptions,
  type LongPausePolicy,
  RequestLimiter,
  type RequestLimiterOptions,
} from '../../papers/limits/request-limiter.js';
export { sharedLimiterFor } from '../../papers/limits/shared-limiters.js';
export { type RankedPapers, type RankPapersOptions, rankPapers } from '../../papers/rank-papers.js';
export { type ArxivHelperOptions, ArxivHelperStep, type ArxivSearcher } from './arxiv-helper-step.js';
