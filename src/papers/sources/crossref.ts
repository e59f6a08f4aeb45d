import { z } from 'zod';
import { ConfigurationError } from '../../core/errors/configuration-error.js';
import { normalizeOrcid } from '../../core/orcid.js';
import type { Paper } from '../../core/paper.js';
import { normalizeText } from '../../text/normalize.js';
import { searchableName } from '../arxiv/arxiv-query.js';
import { isSameAuthor } from '../arxiv/author-match.js';
import type { AuthorPapers, PaperLookup, PaperQuery, PaperSource } from '../paper-source.js';
import { requestScholarlyJson } from '../scholarly-request.js';
import { sourcePaper } from '../source-paper.js';
import { type PaperSourceRequestOptions, resolveSourceSettings } from '../source-settings.js';

/** Crossref's REST API: `crossrefSource`'s default `baseUrl`. */
export const CROSSREF_API_URL = 'https://api.crossref.org';
const COMPONENT = 'crossrefSource';
const NAME = 'crossref';
const FIELDS = 'DOI,title,author,issued,container-title,abstract,URL';

/** Options of `crossrefSource`. */
export interface CrossrefSourceOptions extends PaperSourceRequestOptions {
  /**
   * A contact address for Crossref's "polite" pool (sent in the User-Agent and as `mailto`);
   * without one, requests go to the public pool, which is slower under load.
   */
  mailto?: string;
  /** Works asked for: 1 to 1,000. Default 40. */
  rows?: number;
}

const crossrefAuthor = z
  .object({
    given: z.string().nullish(),
    family: z.string().nullish(),
    ORCID: z.string().nullish(),
    affiliation: z.array(z.object({ name: z.string().nullish() }).loose()).nullish(),
  })
  .loose();
const workSchema = z
  .object({
    DOI: z.string(),
    title: z.array(z.string()).nullish(),
    author: z.array(crossrefAuthor).nullish(),
    issued: z
      .object({ 'date-parts': z.array(z.array(z.number().nullable())).nullish() })
      .loose()
      .nullish(),
    'container-title': z.array(z.string()).nullish(),
    abstract: z.string().nullish(),
    URL: z.string().nullish(),
  })
  .loose();
const answerSchema = z.object({ message: z.object({ items: z.array(workSchema) }).loose() }).loose();

/**
 * Crossref as a paper source: good for DOIs, venues and dates, weak on abstracts. Crossref has no
 * author records, so the works found by `query.author` are grouped into candidates by the
 * matching author's ORCID, else their stated affiliation; works that name neither form one
 * "unattributed" candidate.
 *
 * @example
 * ```ts
 * const crossref = crossrefSource({ mailto: 'team@example.org' });
 * ```
 */
export function crossrefSource(options: CrossrefSourceOptions = {}): PaperSource {
  const mailto = options.mailto?.trim() || undefined;
  if (mailto !== undefined && !/^[^\s@]+@[^\s@]+$/.test(mailto)) {
    throw new ConfigurationError({
      component: COMPONENT,
      option: 'mailto',
      message: 'must be an e-mail address',
    });
  }
  const rows = options.rows ?? 40;
  if (!Number.isInteger(rows) || rows < 1 || rows > 1000) {
    throw new ConfigurationError({
      component: COMPONENT,
      option: 'rows',
      message: 'must be an integer from 1 to 1,000',
    });
  }
  const { baseUrl, settings } = resolveSourceSettings(COMPONENT, options, {
    baseUrl: CROSSREF_API_URL,
    minRequestIntervalMs: 200,
    contact: mailto === undefined ? undefined : `mailto:${mailto}`,
  });

  return {
    name: NAME,
    cacheScope: baseUrl.toString(),
    async lookup(query: PaperQuery): Promise<PaperLookup> {
      const url = new URL(`${baseUrl.pathname.replace(/\/$/, '')}/works`, baseUrl);
      url.searchParams.set('query.author', searchableName(query.name));
      url.searchParams.set('filter', `from-pub-date:${query.since}`);
      url.searchParams.set('rows', String(rows));
      url.searchParams.set('select', FIELDS);
      if (mailto !== undefined) url.searchParams.set('mailto', mailto);
      const answer = await requestScholarlyJson(
        { source: NAME, url, schema: answerSchema, secrets: [], signal: query.signal },
        settings,
      );
      const groups = new Map<string, AuthorPapers>();
      let droppedAsNamesake = 0;
      for (const work of answer.message.items) {
        const author = (work.author ?? []).find((person) =>
          isSameAuthor(`${person.given ?? ''} ${person.family ?? ''}`, query.name),
        );
        // Crossref's author search is fuzzy: a work with no author of that name is someone else's.
        if (author === undefined) {
          droppedAsNamesake += 1;
          continue;
        }
        const orcid = author.ORCID ? normalizeOrcid(author.ORCID) : undefined;
        const institutions = (author.affiliation ?? []).flatMap((place) => place.name?.trim() || []);
        const key = orcid
          ? `orcid:${orcid}`
          : institutions[0]
            ? `affiliation:${normalizeText(institutions[0])}`
            : 'unattributed';
        let group = groups.get(key);
        if (group === undefined) {
          group = {
            candidate: {
              source: NAME,
              id: key,
              name: `${author.given ?? ''} ${author.family ?? ''}`.trim(),
              ...(orcid ? { orcid } : {}),
              institutions: [],
              topics: [],
            },
            papers: [],
          };
          groups.set(key, group);
        }
        const known = new Set(group.candidate.institutions);
        group.candidate = {
          ...group.candidate,
          institutions: [...known, ...institutions.filter((name) => !known.has(name))],
        };
        if (group.papers.length < query.limit) group.papers.push(toPaper(work));
      }
      return { source: NAME, candidates: [...groups.values()], requests: 1, droppedAsNamesake };
    },
  };
}

function toPaper(work: z.infer<typeof workSchema>): Paper {
  const [year, month, day] = work.issued?.['date-parts']?.[0] ?? [];
  const pad = (value: number | null | undefined) => String(value ?? 1).padStart(2, '0');
  return sourcePaper({
    source: NAME,
    sourceId: work.DOI.toLowerCase(),
    title: work.title?.[0] ?? '',
    // JATS markup (<jats:p>) around the text.
    abstract: work.abstract?.replace(/<[^>]*>/g, ' '),
    authors: (work.author ?? []).map((person) => `${person.given ?? ''} ${person.family ?? ''}`.trim()),
    published: year ? `${year}-${pad(month)}-${pad(day)}` : '',
    doi: work.DOI,
    venue: work['container-title']?.[0],
    abstractUrl: work.URL,
  });
}
