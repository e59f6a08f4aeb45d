import { ArxivClient } from '../arxiv/arxiv-client.js';
import type { ArxivEntry } from '../arxiv/arxiv-entry.js';
import { searchableName } from '../arxiv/arxiv-query.js';
import type { ArxivSearcher } from '../arxiv/arxiv-searcher.js';
import { isSameAuthor } from '../arxiv/author-match.js';
import type { PaperLookup, PaperQuery, PaperSource } from '../paper-source.js';
import { sourcePaper } from '../source-paper.js';

/** Options of `arxivSource`. */
export interface ArxivSourceOptions {
  /** Default a new `ArxivClient()`, which keeps to arXiv's terms through the process-wide limiter. */
  client?: ArxivSearcher;
}

/**
 * arXiv as a paper source, the zero-configuration default. arXiv has no author records: it is
 * searched by name (narrowed by the interest first, by the name alone if that finds nothing),
 * entries whose authors do not include the name are dropped, and what is left is one candidate
 * whose institutions are the affiliations the entries state.
 *
 * @example
 * ```ts
 * const arxiv = arxivSource({ client: new ArxivClient({ contact: 'mailto:team@example.org' }) });
 * ```
 */
export function arxivSource({ client = new ArxivClient() }: ArxivSourceOptions = {}): PaperSource {
  return {
    name: 'arxiv',
    async lookup(query: PaperQuery): Promise<PaperLookup> {
      const queries: string[] = [];
      const search = async (interest: string | undefined) => {
        const result = await client.search({
          author: query.name,
          interest,
          maxResults: query.limit,
          ...(query.signal ? { signal: query.signal } : {}),
        });
        queries.push(result.query);
        return result;
      };
      const narrowed = await search(query.interest);
      const { entries } = narrowed.entries.length > 0 ? narrowed : await search(undefined);
      const own = entries.filter((entry) =>
        entry.authors.some((author) => isSameAuthor(author.name, query.name)),
      );
      const institutions = new Set(
        own.flatMap((entry) =>
          entry.authors
            .filter((author) => isSameAuthor(author.name, query.name))
            .flatMap((author) => author.affiliations),
        ),
      );
      const candidate = {
        source: 'arxiv',
        id: searchableName(query.name),
        name: searchableName(query.name),
        institutions: [...institutions],
        topics: [],
      };
      return {
        source: 'arxiv',
        candidates: own.length === 0 ? [] : [{ candidate, papers: own.map(entryToPaper) }],
        requests: queries.length,
        droppedAsNamesake: entries.length - own.length,
        queries,
      };
    },
  };
}

/** An arXiv entry as a `Paper` (its id is the arXiv id). */
export function entryToPaper(entry: ArxivEntry) {
  return sourcePaper({
    source: 'arxiv',
    sourceId: entry.id,
    arxivId: entry.id,
    title: entry.title,
    abstract: entry.abstract,
    authors: entry.authors.map((author) => author.name),
    published: entry.published,
    doi: entry.doi,
    venue: entry.journalRef,
    abstractUrl: entry.abstractUrl,
    pdfUrl: entry.pdfUrl,
  });
}
