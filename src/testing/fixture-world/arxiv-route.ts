import { words } from '../../text/normalize.js';
import { familyNameWords } from '../../text/person-name.js';
import { LOVELACE_ENTRIES, type WorldArxivEntry } from './arxiv-entries.js';
import { atomErrorFeed, atomFeed } from './atom-feed.js';
import { PROFESSOR } from './pages/professor.js';
import type { WorldResponse } from './world-response.js';

const ATOM = 'application/atom+xml; charset=utf-8';
// arXiv refuses larger slices with HTTP 400.
const MAX_RESULTS_LIMIT = 30_000;
const FAMILY_WORDS = familyNameWords(PROFESSOR.name);

function integerParameter(url: URL, name: string, fallback: number): number | undefined {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return fallback;
  return /^\d+$/.test(raw) ? Number(raw) : undefined;
}

/** Whether the query's author clause (`au:"Ada Lovelace"`, `au:lovelace`) names the professor. */
function namesProfessor(searchQuery: string): boolean {
  return [...searchQuery.matchAll(/au:(?:"([^"]*)"|([^\s()]+))/g)].some((match) => {
    const clauseWords = words((match[1] ?? match[2] ?? '').replaceAll('_', ' '));
    return FAMILY_WORDS.every((word) => clauseWords.includes(word));
  });
}

/** The `all:` terms of the query; an entry must contain one (arXiv ORs them in the helper's query). */
function matchesTerms(entry: WorldArxivEntry, searchQuery: string): boolean {
  const terms = [...searchQuery.matchAll(/all:(?:"([^"]*)"|([^\s()]+))/g)].map((match) =>
    (match[1] ?? match[2] ?? '').replaceAll('_', ' ').toLowerCase(),
  );
  if (terms.length === 0) return true;
  const text = `${entry.title} ${entry.summary}`.toLowerCase();
  return terms.some((term) => text.includes(term));
}

/**
 * `GET /api/query` the way arXiv answers it: the professor's papers for an author clause naming
 * her (narrowed by any `all:` terms), an empty feed for anyone else, `start` and `max_results`
 * honoured, and arXiv's error feed with HTTP 400 for a bad one.
 */
export function answerArxivQuery(url: URL): WorldResponse {
  const start = integerParameter(url, 'start', 0);
  const maxResults = integerParameter(url, 'max_results', 10);
  if (start === undefined || maxResults === undefined || maxResults > MAX_RESULTS_LIMIT) {
    const message =
      maxResults !== undefined && maxResults > MAX_RESULTS_LIMIT
        ? `max_results must be at most ${MAX_RESULTS_LIMIT}`
        : 'start and max_results must be non-negative integers';
    return { status: 400, contentType: ATOM, body: atomErrorFeed({ message, anchor: 'invalid_parameter' }) };
  }
  const searchQuery = url.searchParams.get('search_query') ?? '';
  const matching = namesProfessor(searchQuery)
    ? LOVELACE_ENTRIES.filter((entry) => matchesTerms(entry, searchQuery))
    : [];
  const body = atomFeed({
    searchQuery,
    start,
    maxResults,
    totalResults: matching.length,
    entries: matching.slice(start, start + maxResults),
  });
  return { status: 200, contentType: ATOM, body };
}
