import type { ArxivSearcher } from '../../src/index.js';
import { parseArxivFeed } from '../../src/papers/index.js';

/**
 * An arXiv client that answers every search by parsing `xml` (as the real client parses arXiv's
 * answer), without the network or the real client's process-wide 3 s politeness interval, which
 * would serialise concurrent runs on the limiter rather than measure them.
 */
export function feedSearcher(xml: string): ArxivSearcher {
  return {
    async search({ author, signal }) {
      signal?.throwIfAborted();
      const feed = parseArxivFeed(xml);
      return { query: `au:"${author}"`, totalResults: feed.totalResults, entries: feed.entries, attempts: 1 };
    },
  };
}
