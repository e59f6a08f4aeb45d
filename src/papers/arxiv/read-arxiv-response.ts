import type { ArxivEntry } from './arxiv-entry.js';
import type { ArxivFailureKind } from './arxiv-request-error.js';
import { ArxivErrorFeed, parseArxivFeed } from './parse-arxiv-feed.js';

/** One attempt's failure, before the client decides whether to retry it. */
export interface ArxivFailure {
  kind: ArxivFailureKind;
  message: string;
  retryable: boolean;
  statusCode?: number;
  retryAfterMs?: number;
  cause?: unknown;
}

/** One attempt's success. */
export interface ArxivPage {
  totalResults: number;
  entries: ArxivEntry[];
}

/**
 * What one answer from arXiv means: a page of results, or a failure that says whether another
 * try may help. arXiv's error feed wins over the status; a 200 must be a readable feed.
 */
export function readArxivResponse(
  status: number,
  body: string,
  retryAfterMs: number | undefined,
): ArxivPage | ArxivFailure {
  let feed: ReturnType<typeof parseArxivFeed> | undefined;
  try {
    feed = parseArxivFeed(body);
  } catch (error) {
    if (error instanceof ArxivErrorFeed) {
      return {
        kind: 'api-error',
        message: `${error.message} (HTTP ${status})`,
        statusCode: status,
        retryable: isRetryableStatus(status),
      };
    }
    if (status === 200)
      return {
        kind: 'malformed-response',
        message: `unreadable answer: ${(error as Error).message}`,
        statusCode: status,
        retryable: false,
        cause: error,
      };
  }
  if (status !== 200) {
    return {
      kind: 'http-status',
      message: `HTTP ${status}`,
      statusCode: status,
      retryable: isRetryableStatus(status),
      retryAfterMs,
    };
  }
  if (feed === undefined)
    return { kind: 'malformed-response', message: 'unreadable answer', statusCode: status, retryable: false };
  // arXiv sometimes answers with an empty page while claiming results: worth another try.
  if (feed.entries.length === 0 && feed.totalResults > feed.startIndex) {
    return {
      kind: 'empty-page',
      message: `an empty page although ${feed.totalResults} results exist`,
      statusCode: status,
      retryable: true,
    };
  }
  return { totalResults: feed.totalResults, entries: feed.entries };
}

function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}
