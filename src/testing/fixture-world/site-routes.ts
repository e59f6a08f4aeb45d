import { chemistPage } from './pages/chemist-page.js';
import { facultyPage } from './pages/faculty-page.js';
import { htmlDocument } from './pages/html-document.js';
import { labPage } from './pages/lab-page.js';
import { newsAwardPage } from './pages/news-award-page.js';
import { PROFESSOR } from './pages/professor.js';
import type { WorldResponse } from './world-response.js';

const HTML = 'text/html; charset=utf-8';

/** Where the professor's pages live on the world's site. */
export const PAGE_PATHS = {
  faculty: '/faculty/ada-lovelace',
  lab: '/lab',
  news: '/news/award',
  chemist: '/chemistry/people/imani-okafor',
} as const;

// The search and arXiv endpoints share the site's origin; like real APIs they are no place for crawlers.
const ROBOTS_TXT =
  'User-agent: *\nDisallow: /searxng/\nDisallow: /arxiv/\nDisallow: /openalex/\nDisallow: /s2/\nDisallow: /crossref/\n';

const notFoundPage = htmlDocument({
  title: `Page not found | ${PROFESSOR.university}`,
  body: '<main><h1>Page not found</h1><p>The page you asked for does not exist.</p></main>',
});

const SITE: ReadonlyMap<string, WorldResponse> = new Map([
  ['/robots.txt', { status: 200, contentType: 'text/plain; charset=utf-8', body: ROBOTS_TXT }],
  [PAGE_PATHS.faculty, { status: 200, contentType: HTML, body: facultyPage }],
  [PAGE_PATHS.lab, { status: 200, contentType: HTML, body: labPage }],
  [PAGE_PATHS.news, { status: 200, contentType: HTML, body: newsAwardPage }],
  [PAGE_PATHS.chemist, { status: 200, contentType: HTML, body: chemistPage }],
]);

/** The university site: robots.txt, the professor's three pages and the chemist's; anything else is a 404 page. */
export function answerSitePath(pathname: string): WorldResponse {
  return SITE.get(pathname) ?? { status: 404, contentType: HTML, body: notFoundPage };
}
