import { z } from 'zod';
import { ConfigurationError } from '../../core/errors/configuration-error.js';
import { normalizeOrcid } from '../../core/orcid.js';
import { searchableName } from '../arxiv/arxiv-query.js';
import type { AuthorCandidate } from '../choose-author.js';
import type { AuthorPapers, PaperLookup, PaperQuery, PaperSource } from '../paper-source.js';
import { PaperSourceError } from '../paper-source-error.js';
import { preselectCandidates } from '../preselect.js';
import { rebuildAbstract } from '../rebuild-abstract.js';
import { requestScholarlyJson, type StatusReading } from '../scholarly-request.js';
import { sourcePaper } from '../source-paper.js';
import { type PaperSourceRequestOptions, resolveSourceSettings } from '../source-settings.js';

/** OpenAlex's API: `openAlexSource`'s default `baseUrl`. */
export const OPENALEX_API_URL = 'https://api.openalex.org';
const COMPONENT = 'openAlexSource';
const NAME = 'openalex';
const AUTHOR_FIELDS = 'id,display_name,orcid,works_count,last_known_institutions,topics';
const WORK_FIELDS =
  'id,doi,display_name,publication_date,primary_location,authorships,abstract_inverted_index';

/** Options of `openAlexSource`. */
export interface OpenAlexSourceOptions extends PaperSourceRequestOptions {
  /** Required by OpenAlex since 2026-02-13 (free at openalex.org); sent as `api_key`. */
  apiKey: string;
  /** Same-name candidates asked for: 1 to 50. Default 10. */
  maxCandidates?: number;
}

const named = z.object({ display_name: z.string().nullish() }).loose();
const authorSchema = z
  .object({
    id: z.string(),
    display_name: z.string().nullish(),
    orcid: z.string().nullish(),
    works_count: z.number().nullish(),
    last_known_institutions: z.array(named).nullish(),
    topics: z.array(named).nullish(),
  })
  .loose();
const authorListSchema = z.object({ results: z.array(authorSchema) }).loose();
const workSchema = z
  .object({
    id: z.string(),
    doi: z.string().nullish(),
    display_name: z.string().nullish(),
    publication_date: z.string().nullish(),
    primary_location: z
      .object({
        source: named.nullish(),
        landing_page_url: z.string().nullish(),
        pdf_url: z.string().nullish(),
      })
      .loose()
      .nullish(),
    authorships: z.array(z.object({ author: named.nullish() }).loose()).nullish(),
    abstract_inverted_index: z.record(z.string(), z.array(z.number())).nullish(),
  })
  .loose();
const workListSchema = z.object({ results: z.array(workSchema) }).loose();

// OpenAlex's own meanings: 403 is "slow down", 429 "the day's allowance is spent".
function describeStatus(status: number, http: string): StatusReading | undefined {
  if (status === 403) return { kind: 'rate-limit', retryable: true, message: `rate limited (${http})` };
  if (status === 429) {
    return { kind: 'daily-limit', retryable: false, message: `the daily usage limit is spent (${http})` };
  }
  if (status === 401) return { kind: 'auth', retryable: false, message: `the API key was refused (${http})` };
  return undefined;
}

/**
 * OpenAlex as a paper source: every field, not only computer science. Resolves the author first
 * (`/authors/orcid:…` when the input has an ORCID, a free lookup that follows merged authors'
 * 301s; else `/authors?search=`), never filtering works by a name, then lists up to three
 * candidates' recent works (`authorships.author.id` filter, `select=` to keep answers small) and
 * rebuilds their abstracts. Topics and last known institutions come with each candidate.
 *
 * @example
 * ```ts
 * const openalex = openAlexSource({ apiKey: process.env.OPENALEX_API_KEY! });
 * await using steps = defaultSteps({ model, search, paperSources: [arxivSource(), openalex] });
 * ```
 */
export function openAlexSource(options: OpenAlexSourceOptions): PaperSource {
  const apiKey = options.apiKey;
  if (typeof apiKey !== 'string' || apiKey.trim() === '') {
    throw new ConfigurationError({
      component: COMPONENT,
      option: 'apiKey',
      message: 'is required: OpenAlex asks for a (free) key since 2026-02-13',
    });
  }
  const maxCandidates = options.maxCandidates ?? 10;
  const { baseUrl, settings } = resolveSourceSettings(COMPONENT, options, {
    baseUrl: OPENALEX_API_URL,
    // 100 requests/s is OpenAlex's limit; a tenth of it leaves room for the host's other uses.
    minRequestIntervalMs: 100,
  });
  if (!Number.isInteger(maxCandidates) || maxCandidates < 1 || maxCandidates > 50) {
    throw new ConfigurationError({
      component: COMPONENT,
      option: 'maxCandidates',
      message: 'must be an integer from 1 to 50',
    });
  }
  const endpoint = (path: string, parameters: Record<string, string>) => {
    const url = new URL(`${baseUrl.pathname.replace(/\/$/, '')}${path}`, baseUrl);
    for (const [name, value] of Object.entries(parameters)) url.searchParams.set(name, value);
    url.searchParams.set('api_key', apiKey);
    return url;
  };
  const get = <T>(url: URL, schema: z.ZodType<T>, signal: AbortSignal | undefined) =>
    requestScholarlyJson({ source: NAME, url, schema, secrets: [apiKey], signal, describeStatus }, settings);

  return {
    name: NAME,
    cacheScope: baseUrl.toString(),
    async lookup(query: PaperQuery): Promise<PaperLookup> {
      const counter = { requests: 0 };
      const found = await findAuthors(query, counter);
      const chosen = preselectCandidates(
        found.map((author) => ({ candidate: toCandidate(author), worksCount: author.works_count ?? 0 })),
        query,
      );
      const candidates: AuthorPapers[] = [];
      for (const { candidate } of chosen) {
        counter.requests += 1;
        const works = endpoint('/works', {
          filter: `authorships.author.id:${candidate.id},from_publication_date:${query.since}`,
          sort: 'publication_date:desc',
          per_page: String(Math.min(100, query.limit)),
          select: WORK_FIELDS,
        });
        const answer = await get(works, workListSchema, query.signal);
        candidates.push({ candidate, papers: answer.results.map(toPaper) });
      }
      return { source: NAME, candidates, requests: counter.requests };
    },
  };

  /** By ORCID when the input has one (a free lookup, and proof: no name search); else by name. */
  async function findAuthors(query: PaperQuery, counter: { requests: number }): Promise<OpenAlexAuthor[]> {
    const orcid = query.orcid === undefined ? undefined : normalizeOrcid(query.orcid);
    if (orcid !== undefined) {
      counter.requests += 1;
      const byOrcid = endpoint(`/authors/orcid:${orcid}`, { select: AUTHOR_FIELDS });
      try {
        return [await get(byOrcid, authorSchema, query.signal)];
      } catch (error) {
        // An ORCID OpenAlex does not know: search by name instead.
        if (!(PaperSourceError.isInstance(error) && error.statusCode === 404)) throw error;
      }
    }
    counter.requests += 1;
    const search = endpoint('/authors', {
      search: searchableName(query.name),
      per_page: String(maxCandidates),
      select: AUTHOR_FIELDS,
    });
    return (await get(search, authorListSchema, query.signal)).results;
  }
}

type OpenAlexAuthor = z.infer<typeof authorSchema>;
type OpenAlexWork = z.infer<typeof workSchema>;

function shortId(id: string): string {
  return id.replace(/^https?:\/\/openalex\.org\//i, '');
}

function toCandidate(author: OpenAlexAuthor): AuthorCandidate {
  const orcid = author.orcid ? normalizeOrcid(author.orcid) : undefined;
  return {
    source: NAME,
    id: shortId(author.id),
    name: author.display_name ?? '',
    ...(orcid === undefined ? {} : { orcid }),
    institutions: (author.last_known_institutions ?? []).flatMap((place) => place.display_name ?? []),
    topics: (author.topics ?? []).flatMap((topic) => topic.display_name ?? []),
  };
}

function toPaper(work: OpenAlexWork) {
  const location = work.primary_location;
  return sourcePaper({
    source: NAME,
    sourceId: shortId(work.id),
    title: work.display_name ?? '',
    abstract: rebuildAbstract(work.abstract_inverted_index),
    authors: (work.authorships ?? []).flatMap((authorship) => authorship.author?.display_name ?? []),
    published: work.publication_date ?? '',
    doi: work.doi,
    venue: location?.source?.display_name,
    abstractUrl: location?.landing_page_url,
    pdfUrl: location?.pdf_url,
  });
}
