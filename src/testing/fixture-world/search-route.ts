import { words } from '../../text/normalize.js';
import { familyNameWords } from '../../text/person-name.js';
import { CHEMIST } from './pages/chemist-page.js';
import { PROFESSOR } from './pages/professor.js';
import type { WorldResponse } from './world-response.js';

/** The world's pages as a search engine lists them: absolute URL, page title and snippet. */
export interface WorldSearchHit {
  url: string;
  title: string;
  content: string;
}

const JSON_TYPE = 'application/json; charset=utf-8';
const FAMILY_WORDS = familyNameWords(PROFESSOR.name);
const { name, title, university, researchInterest, awardMarker } = PROFESSOR;

/** The hits a query naming one person (every word of their family name) finds. */
export interface WorldSearchEntry {
  familyWords: readonly string[];
  hits: readonly WorldSearchHit[];
}

/** Who the world's search engine knows: the professor's three pages, and the chemist's one. */
export function worldSearchDirectory(pages: {
  faculty: string;
  lab: string;
  news: string;
  chemist: string;
}): WorldSearchEntry[] {
  return [
    { familyWords: FAMILY_WORDS, hits: worldSearchHits(pages) },
    {
      familyWords: familyNameWords(CHEMIST.name),
      hits: [
        {
          url: pages.chemist,
          title: `Imani Okafor | Department of Chemistry | ${CHEMIST.university}`,
          content: `${CHEMIST.name}, ${CHEMIST.title} at ${CHEMIST.university}. Organocatalysis in water.`,
        },
      ],
    },
  ];
}

/** The professor's three pages, best first, as a search for her finds them. */
export function worldSearchHits(pages: { faculty: string; lab: string; news: string }): WorldSearchHit[] {
  return [
    {
      url: pages.faculty,
      title: `Ada Lovelace | ${university}`,
      content: `${name}, ${title} at ${university}. Research on ${researchInterest}.`,
    },
    {
      url: pages.lab,
      title: `Research Lab | ${university}`,
      content: `The Lovelace Lab at ${university} studies how machines can manipulate symbols, not only numbers.`,
    },
    {
      url: pages.news,
      title: `Lovelace wins award | News | ${university}`,
      content: `${name} receives the ${awardMarker}.`,
    },
  ];
}

/**
 * `GET /search` the way a SearXNG instance with only JSON enabled answers: `format=json` gets
 * `{ query, number_of_results, results[].{url, title, content, engine, ...}, answers, ... }` with the
 * professor's pages when the query names her (her family name) and no results otherwise; any other
 * format gets 403, as SearXNG refuses a format its settings do not list; no query gets 400.
 */
export function answerSearch(url: URL, directory: readonly WorldSearchEntry[]): WorldResponse {
  const query = url.searchParams.get('q') ?? '';
  if (url.searchParams.get('format') !== 'json') {
    return { status: 403, contentType: 'text/html; charset=utf-8', body: '<h1>403 Forbidden</h1>' };
  }
  if (query.trim() === '') {
    return { status: 400, contentType: 'text/html; charset=utf-8', body: '<h1>400 Bad Request</h1>' };
  }
  const queryWords = words(query);
  const found =
    directory.find((entry) => entry.familyWords.every((word) => queryWords.includes(word)))?.hits ?? [];
  const results = found.map((hit, index) => {
    const parsed = new URL(hit.url);
    return {
      url: hit.url,
      title: hit.title,
      content: hit.content,
      engine: 'duckduckgo',
      engines: ['duckduckgo', 'brave'],
      positions: [index + 1, index + 1],
      score: 4 / (index + 1),
      category: 'general',
      template: 'default.html',
      parsed_url: [
        parsed.protocol.slice(0, -1),
        parsed.host,
        parsed.pathname,
        '',
        parsed.search.slice(1),
        '',
      ],
      publishedDate: null,
      thumbnail: '',
    };
  });
  const body = JSON.stringify({
    query,
    number_of_results: 0,
    results,
    answers: [],
    corrections: [],
    infoboxes: [],
    suggestions: [],
    unresponsive_engines: [],
  });
  return { status: 200, contentType: JSON_TYPE, body };
}
