import { createHash } from 'node:crypto';
import type { WorldArxivEntry } from './arxiv-entries.js';

/** What one feed shows: the query as arXiv echoes it, the slice asked for and the total. */
export interface AtomFeedOptions {
  searchQuery: string;
  start: number;
  maxResults: number;
  totalResults: number;
  entries: readonly WorldArxivEntry[];
}

// The feed's `updated` is the time of the query on arXiv; the world fixes it so its answers repeat.
const FEED_UPDATED = '2026-11-01T00:00:00Z';
const SCHEMA = 'http://arxiv.org/schemas/atom';

function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

function entryXml(entry: WorldArxivEntry): string {
  const abstractUrl = `https://arxiv.org/abs/${entry.versionedId}`;
  const lines = [
    '  <entry>',
    // As recorded from the live API in April 2026: the id keeps http:// while links use https://.
    `    <id>http://arxiv.org/abs/${entry.versionedId}</id>`,
    `    <title>${escapeXml(entry.title)}</title>`,
    `    <updated>${entry.updated}</updated>`,
    `    <link href="${abstractUrl}" rel="alternate" type="text/html"/>`,
    `    <link href="https://arxiv.org/pdf/${entry.versionedId}" rel="related" type="application/pdf" title="pdf"/>`,
    // Abstracts arrive with the authors' line breaks, as arXiv keeps them.
    `    <summary>${escapeXml(entry.summary)}</summary>`,
    ...entry.categories.map((term) => `    <category term="${term}" scheme="${SCHEMA}"/>`),
    `    <published>${entry.published}</published>`,
    ...(entry.comment === undefined
      ? []
      : [`    <arxiv:comment>${escapeXml(entry.comment)}</arxiv:comment>`]),
    `    <arxiv:primary_category term="${entry.primaryCategory}"/>`,
    ...(entry.journalRef === undefined
      ? []
      : [`    <arxiv:journal_ref>${escapeXml(entry.journalRef)}</arxiv:journal_ref>`]),
    ...entry.authors.flatMap((author) => [
      '    <author>',
      `      <name>${escapeXml(author.name)}</name>`,
      ...(author.affiliations ?? []).map(
        (affiliation) => `      <arxiv:affiliation>${escapeXml(affiliation)}</arxiv:affiliation>`,
      ),
      '    </author>',
    ]),
    ...(entry.doi === undefined
      ? []
      : [
          `    <arxiv:doi>${escapeXml(entry.doi)}</arxiv:doi>`,
          `    <link rel="related" href="https://doi.org/${escapeXml(entry.doi)}" title="doi"/>`,
        ]),
    '  </entry>',
  ];
  return lines.join('\n');
}

/**
 * An Atom feed in the shape arXiv's API answers today (namespaces declared on the root, a feed
 * link without `rel="self"`, `primary_category` without a scheme, opensearch counts), so the
 * library's own parser reads it the way it reads arXiv.
 */
export function atomFeed({ searchQuery, start, maxResults, totalResults, entries }: AtomFeedOptions): string {
  const query = `search_query=${searchQuery}&id_list=&start=${start}&max_results=${maxResults}`;
  const feedId = createHash('sha1').update(query).digest('base64').replace(/=+$/, '');
  return [
    "<?xml version='1.0' encoding='UTF-8'?>",
    '<feed xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns="http://www.w3.org/2005/Atom">',
    `  <id>https://arxiv.org/api/${feedId}</id>`,
    `  <title>arXiv Query: ${escapeXml(query)}</title>`,
    `  <updated>${FEED_UPDATED}</updated>`,
    `  <link href="https://arxiv.org/api/query?${escapeXml(query)}" type="application/atom+xml"/>`,
    `  <opensearch:itemsPerPage>${maxResults}</opensearch:itemsPerPage>`,
    `  <opensearch:totalResults>${totalResults}</opensearch:totalResults>`,
    `  <opensearch:startIndex>${start}</opensearch:startIndex>`,
    ...entries.map(entryXml),
    '</feed>',
    '',
  ].join('\n');
}

/** arXiv's error feed: one entry titled `Error` whose summary says what was wrong (sent with HTTP 400). */
export function atomErrorFeed({ message, anchor }: { message: string; anchor: string }): string {
  return [
    "<?xml version='1.0' encoding='UTF-8'?>",
    '<feed xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" xmlns="http://www.w3.org/2005/Atom">',
    '  <id>https://arxiv.org/api/errors</id>',
    '  <title>arXiv Query Error</title>',
    `  <updated>${FEED_UPDATED}</updated>`,
    '  <opensearch:itemsPerPage>1</opensearch:itemsPerPage>',
    '  <opensearch:totalResults>1</opensearch:totalResults>',
    '  <opensearch:startIndex>0</opensearch:startIndex>',
    '  <entry>',
    `    <id>http://arxiv.org/api/errors#${anchor}</id>`,
    '    <title>Error</title>',
    `    <summary>${escapeXml(message)}</summary>`,
    `    <updated>${FEED_UPDATED}</updated>`,
    '    <author>',
    '      <name>arXiv api core</name>',
    '    </author>',
    '  </entry>',
    '</feed>',
    '',
  ].join('\n');
}
