import { z } from 'zod';
import { normalizeOrcid } from '../../core/orcid.js';
import { searchableName } from '../arxiv/arxiv-query.js';
import type { AuthorCandidate } from '../choose-author.js';
import type { AuthorPapers, PaperLookup, PaperQuery, PaperSource } from '../paper-source.js';
import { preselectCandidates } from '../preselect.js';
import { requestScholarlyJson } from '../scholarly-request.js';
import { sourcePaper } from '../source-paper.js';
import { type PaperSourceRequestOptions, resolveSourceSettings } from '../source-settings.js';

/** The Semantic Scholar Graph API: `semanticScholarSource`'s default `baseUrl`. */
export const SEMANTIC_SCHOLAR_API_URL = 'https://api.semanticscholar.org/graph/v1';
const COMPONENT = 'semanticScholarSource';
const NAME = 'semantic_scholar';
const AUTHOR_FIELDS = 'name,affiliations,externalIds,paperCount';
const PAPER_FIELDS = 'title,abstract,year,venue,publicationDate,externalIds,authors';

/** Options of `semanticScholarSource`. */
export interface SemanticScholarSourceOptions extends PaperSourceRequestOptions {
  /**
   * Sent as `x-api-key`: 1 request/s of your own. Without one, every anonymous user shares a pool
   * of about 100 requests per 5 minutes, so the default interval is 3 s.
   */
  apiKey?: string;
  /** Same-name candidates asked for: 1 to 100. Default 10. */
  maxCandidates?: number;
}

const authorSchema = z
  .object({
    authorId: z.string(),
    name: z.string().nullish(),
    affiliations: z.array(z.string()).nullish(),
    externalIds: z.record(z.string(), z.unknown()).nullish(),
    paperCount: z.number().nullish(),
  })
  .loose();
const authorSearchSchema = z.object({ data: z.array(authorSchema) }).loose();
const paperSchema = z
  .object({
    paperId: z.string(),
    title: z.string().nullish(),
    abstract: z.string().nullish(),
    year: z.number().nullish(),
    venue: z.string().nullish(),
    publicationDate: z.string().nullish(),
    externalIds: z.record(z.string(), z.unknown()).nullish(),
    authors: z.array(z.object({ name: z.string().nullish() }).loose()).nullish(),
  })
  .loose();
const paperListSchema = z.object({ data: z.array(paperSchema) }).loose();

/**
 * Semantic Scholar as a paper source: author search (with affiliations and ORCID where known),
 * then up to three candidates' papers with `fields=` kept small; papers before `since` are left
 * out. Honours the 429's Retry-After for every caller in the process.
 *
 * @example
 * ```ts
 * const s2 = semanticScholarSource({ apiKey: process.env.SEMANTIC_SCHOLAR_API_KEY });
 * ```
 */
export function semanticScholarSource(options: SemanticScholarSourceOptions = {}): PaperSource {
  const apiKey = options.apiKey?.trim() || undefined;
  const { baseUrl, settings } = resolveSourceSettings(COMPONENT, options, {
    baseUrl: SEMANTIC_SCHOLAR_API_URL,
    minRequestIntervalMs: apiKey === undefined ? 3000 : 1000,
  });
  const maxCandidates = String(Math.min(100, Math.max(1, Math.trunc(options.maxCandidates ?? 10))));
  const headers: Record<string, string> = apiKey === undefined ? {} : { 'x-api-key': apiKey };
  const endpoint = (path: string, parameters: Record<string, string>) => {
    const url = new URL(`${baseUrl.pathname.replace(/\/$/, '')}${path}`, baseUrl);
    for (const [name, value] of Object.entries(parameters)) url.searchParams.set(name, value);
    return url;
  };
  const get = <T>(url: URL, schema: z.ZodType<T>, signal: AbortSignal | undefined) =>
    requestScholarlyJson(
      { source: NAME, url, headers, schema, secrets: apiKey ? [apiKey] : [], signal },
      settings,
    );

  return {
    name: NAME,
    cacheScope: baseUrl.toString(),
    async lookup(query: PaperQuery): Promise<PaperLookup> {
      const search = endpoint('/author/search', {
        query: searchableName(query.name),
        fields: AUTHOR_FIELDS,
        limit: maxCandidates,
      });
      const { data } = await get(search, authorSearchSchema, query.signal);
      let requests = 1;
      const chosen = preselectCandidates(
        data.map((author) => ({ candidate: toCandidate(author), worksCount: author.paperCount ?? 0 })),
        query,
      );
      const candidates: AuthorPapers[] = [];
      for (const { candidate } of chosen) {
        requests += 1;
        const list = endpoint(`/author/${encodeURIComponent(candidate.id)}/papers`, {
          fields: PAPER_FIELDS,
          limit: String(Math.min(1000, query.limit * 2)),
        });
        const answer = await get(list, paperListSchema, query.signal);
        const papers = answer.data
          .map(toPaper)
          .filter((paper) => paper.published >= query.since)
          .slice(0, query.limit);
        candidates.push({ candidate, papers });
      }
      return { source: NAME, candidates, requests };
    },
  };
}

function externalId(ids: Record<string, unknown> | null | undefined, key: string): string | undefined {
  const value = ids?.[key];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

function toCandidate(author: z.infer<typeof authorSchema>): AuthorCandidate {
  const orcidText = externalId(author.externalIds, 'ORCID');
  const orcid = orcidText === undefined ? undefined : normalizeOrcid(orcidText);
  return {
    source: NAME,
    id: author.authorId,
    name: author.name ?? '',
    ...(orcid === undefined ? {} : { orcid }),
    institutions: author.affiliations ?? [],
    topics: [],
  };
}

function toPaper(paper: z.infer<typeof paperSchema>) {
  return sourcePaper({
    source: NAME,
    sourceId: paper.paperId,
    title: paper.title ?? '',
    abstract: paper.abstract,
    authors: (paper.authors ?? []).flatMap((author) => author.name ?? []),
    published: paper.publicationDate ?? String(paper.year ?? ''),
    doi: externalId(paper.externalIds, 'DOI'),
    venue: paper.venue,
    abstractUrl: `https://www.semanticscholar.org/paper/${paper.paperId}`,
    arxivId: externalId(paper.externalIds, 'ArXiv'),
  });
}
