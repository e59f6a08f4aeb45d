import type { WorldResponse } from '../world-response.js';
import { SCHOLARS, type WorldScholar, type WorldWork } from './scholars.js';
import { invertedIndex, scholarsNamed, workId } from './scholars-named.js';

const JSON_TYPE = 'application/json; charset=utf-8';
const ENTITY = 'https://openalex.org/';

function json(status: number, body: unknown, headers?: Record<string, string>): WorldResponse {
  return { status, contentType: JSON_TYPE, body: JSON.stringify(body), ...(headers ? { headers } : {}) };
}

function badRequest(message: string): WorldResponse {
  return json(400, { error: 'Invalid query parameters error.', message });
}

function author(scholar: WorldScholar) {
  return {
    id: `${ENTITY}${scholar.openAlexId}`,
    display_name: scholar.name,
    orcid: scholar.orcid ? `https://orcid.org/${scholar.orcid}` : null,
    works_count: scholar.works.length,
    cited_by_count: scholar.works.length * 7,
    last_known_institutions: [
      { id: `${ENTITY}I${scholar.institution.length}`, display_name: scholar.institution, type: 'education' },
    ],
    topics: scholar.topics.map((topic, index) => ({
      id: `${ENTITY}T${10_000 + index}`,
      display_name: topic,
      count: scholar.works.length,
    })),
  };
}

function work(scholar: WorldScholar, item: WorldWork) {
  const authors = [scholar.name, ...item.coauthors];
  return {
    id: `${ENTITY}${workId(item.doi)}`,
    doi: `https://doi.org/${item.doi}`,
    display_name: item.title,
    title: item.title,
    publication_date: item.date,
    publication_year: Number(item.date.slice(0, 4)),
    primary_location: {
      source: { display_name: item.venue },
      landing_page_url: `https://doi.org/${item.doi}`,
      pdf_url: null,
    },
    authorships: authors.map((name, index) => ({
      author_position: index === 0 ? 'first' : 'middle',
      author: {
        id: name === scholar.name ? `${ENTITY}${scholar.openAlexId}` : null,
        display_name: name,
        orcid: null,
      },
      institutions: name === scholar.name ? [{ display_name: scholar.institution }] : [],
    })),
    abstract_inverted_index: invertedIndex(item.abstract),
  };
}

function list(results: unknown[], perPage: number): WorldResponse {
  return json(200, {
    meta: { count: results.length, db_response_time_ms: 12, page: 1, per_page: perPage },
    results: results.slice(0, perPage),
  });
}

/**
 * OpenAlex's `/authors`, `/authors/{id}` and `/works`, as its docs describe them: a name search
 * over authors, singleton lookups by id or `orcid:` (a merged author answers 301 with the new
 * id's address), and works filtered by `authorships.author.id` (ids joined by `|`) and
 * `from_publication_date`, newest first. A filter it does not know is a 400 with `{error, message}`.
 */
export function answerOpenAlex(path: string, url: URL, prefix: string): WorldResponse {
  const perPage = Number(url.searchParams.get('per_page') ?? '25');
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > 200)
    return badRequest('per_page must be 1 to 200');
  if (path === '/authors') {
    return list(scholarsNamed(url.searchParams.get('search') ?? '').map(author), perPage);
  }
  const single = /^\/authors\/(.+)$/.exec(path);
  if (single) {
    const key = decodeURIComponent(single[1] as string);
    const merged = SCHOLARS.find((scholar) => scholar.mergedOpenAlexId === key);
    const byOrcid = SCHOLARS.find((scholar) => key === `orcid:${scholar.orcid}`);
    // The chemist's ORCID still points at her merged-away record: both answer 301.
    const moved = merged ?? (byOrcid?.mergedOpenAlexId ? byOrcid : undefined);
    if (moved) {
      return json(
        301,
        { moved_to: moved.openAlexId },
        { location: `${prefix}/authors/${moved.openAlexId}${url.search}` },
      );
    }
    const found = byOrcid ?? SCHOLARS.find((scholar) => scholar.openAlexId === key);
    return found ? json(200, author(found)) : json(404, { error: 'Not Found', message: `no author ${key}` });
  }
  if (path === '/works') {
    const filters = new Map<string, string>();
    for (const part of (url.searchParams.get('filter') ?? '').split(',').filter(Boolean)) {
      const colon = part.indexOf(':');
      filters.set(part.slice(0, colon), part.slice(colon + 1));
    }
    for (const key of filters.keys()) {
      if (key !== 'authorships.author.id' && key !== 'from_publication_date') {
        return badRequest(`${key} is not a valid filter for works`);
      }
    }
    const ids = (filters.get('authorships.author.id') ?? '').split('|').map((id) => id.replace(ENTITY, ''));
    const since = filters.get('from_publication_date') ?? '0000-00-00';
    const results = SCHOLARS.filter((scholar) => ids.includes(scholar.openAlexId))
      .flatMap((scholar) =>
        scholar.works.filter((item) => item.date >= since).map((item) => work(scholar, item)),
      )
      .sort((a, b) => b.publication_date.localeCompare(a.publication_date));
    return list(results, perPage);
  }
  return json(404, { error: 'Not Found', message: `no endpoint ${path}` });
}
