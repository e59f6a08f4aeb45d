import type { WorldResponse } from '../world-response.js';
import { SCHOLARS } from './scholars.js';
import { scholarsNamed } from './scholars-named.js';

const JSON_TYPE = 'application/json; charset=utf-8';

function json(status: number, body: unknown): WorldResponse {
  return { status, contentType: JSON_TYPE, body: JSON.stringify(body) };
}

/**
 * The Semantic Scholar Graph API's `/author/search` and `/author/{id}/papers`, as its docs
 * describe them: `{ total, offset, data }`, `limit` honoured, an unknown author a 404.
 */
export function answerSemanticScholar(path: string, url: URL): WorldResponse {
  const limit = Number(url.searchParams.get('limit') ?? '100');
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
    return json(400, { error: 'Unacceptable query params: limit must be <= 1000' });
  }
  if (path === '/author/search') {
    const data = scholarsNamed(url.searchParams.get('query') ?? '').map((scholar) => ({
      authorId: scholar.semanticScholarId,
      name: scholar.name,
      affiliations: [scholar.institution],
      externalIds: scholar.orcid ? { ORCID: scholar.orcid } : {},
      paperCount: scholar.works.length,
    }));
    return json(200, { total: data.length, offset: 0, data: data.slice(0, limit) });
  }
  const papers = /^\/author\/([^/]+)\/papers$/.exec(path);
  const scholar = papers && SCHOLARS.find((candidate) => candidate.semanticScholarId === papers[1]);
  if (!scholar) return json(404, { error: 'Author not found' });
  const data = scholar.works.map((item) => ({
    paperId: `s2-${item.doi.replace(/\W/g, '')}`,
    title: item.title,
    abstract: item.abstract,
    year: Number(item.date.slice(0, 4)),
    venue: item.venue,
    publicationDate: item.date,
    externalIds: { DOI: item.doi },
    authors: [scholar.name, ...item.coauthors].map((name) => ({ authorId: null, name })),
  }));
  return json(200, { offset: 0, data: data.slice(0, limit) });
}
