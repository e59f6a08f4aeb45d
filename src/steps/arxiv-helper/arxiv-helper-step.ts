import { BasePipelineStep } from '../../core/base-pipeline-step.js';
import type { PipelineData } from '../../core/pipeline-data.js';
import type { StepContext } from '../../core/step-context.js';
import type { StepResult } from '../../core/step-result.js';
import type { ArxivSearchResult } from './arxiv-client.js';
import { ArxivClient } from './arxiv-client.js';
import { rankPapers } from './rank-papers.js';

export interface ArxivHelperOptions {
  /** The client to use; default a new `ArxivClient()` (which shares the process-wide limiter). */
  client?: ArxivClient;
  /** Results fetched from arXiv before ranking. Default 15. */
  fetchCount?: number;
  /** Papers kept. Default 5. */
  limit?: number;
  /** Papers older than this are dropped. Default 10. */
  maxAgeYears?: number;
  /** For tests: the clock used for ages. */
  _internal?: { now?: () => Date };
}

/**
 * Step `arxiv_helper`: for research templates, finds the recipient's papers on arXiv, keeps
 * those really by them and recent, and ranks them by relevance to their interest and recency.
 * Any failure (network, arXiv errors, timeouts, rate limits) is a warning, never fatal: the
 * pipeline goes on without papers. Other templates are skipped.
 *
 * Writes `arxivPapers` and `enrichmentMetadata`.
 *
 * @example
 * ```ts
 * steps: [parser, parallel(scraper, new ArxivHelperStep()), composer]
 * ```
 */
export class ArxivHelperStep extends BasePipelineStep {
  readonly name = 'arxiv_helper';
  readonly #client: ArxivClient;
  readonly #fetchCount: number;
  readonly #limit: number;
  readonly #maxAgeYears: number;
  readonly #now: () => Date;

  constructor({ client, fetchCount = 15, limit = 5, maxAgeYears = 10, _internal }: ArxivHelperOptions = {}) {
    super();
    if (!Number.isInteger(fetchCount) || fetchCount < 1 || fetchCount > 2000) {
      throw new RangeError('arxiv_helper: `fetchCount` must be an integer from 1 to 2,000');
    }
    if (!Number.isInteger(limit) || limit < 1)
      throw new RangeError('arxiv_helper: `limit` must be a positive integer');
    if (!(maxAgeYears > 0)) throw new RangeError('arxiv_helper: `maxAgeYears` must be a positive number');
    this.#client = client ?? new ArxivClient();
    this.#fetchCount = fetchCount;
    this.#limit = limit;
    this.#maxAgeYears = maxAgeYears;
    this.#now = _internal?.now ?? (() => new Date());
  }

  protected async executeStep(data: PipelineData, { signal }: StepContext): Promise<StepResult> {
    if (data.templateType !== 'research') {
      const reason = `template type is ${data.templateType ?? 'not set'}, not research`;
      data.enrichmentMetadata = { skippedReason: reason };
      return this.skip(reason);
    }

    let result: ArxivSearchResult;
    const queries: string[] = [];
    try {
      result = await this.#search(data, signal, queries);
    } catch (error) {
      if (signal.aborted) throw error;
      const message = error instanceof Error ? error.message : String(error);
      data.enrichmentMetadata = { queries, fetched: 0, kept: 0, error: message };
      return this.ok({
        warnings: [`arXiv lookup failed, going on without papers: ${message}`],
        metadata: { fetched: 0 },
      });
    }

    const ranked = rankPapers({
      entries: result.entries,
      recipientName: data.recipientName,
      recipientInterest: data.recipientInterest,
      maxAgeYears: this.#maxAgeYears,
      limit: this.#limit,
      now: this.#now(),
    });
    data.arxivPapers = ranked.papers;
    data.enrichmentMetadata = {
      query: result.query,
      queries,
      fetched: result.entries.length,
      kept: ranked.papers.length,
      droppedAsNamesake: ranked.droppedAsNamesake,
      droppedAsOld: ranked.droppedAsOld,
    };
    const warnings =
      ranked.papers.length === 0 ? [`no recent arXiv papers found for ${data.recipientName}`] : [];
    return this.ok({ warnings, metadata: { fetched: result.entries.length, kept: ranked.papers.length } });
  }

  /** Searches narrowed by interest first; if that finds nothing, by the author alone. */
  async #search(data: PipelineData, signal: AbortSignal, queries: string[]): Promise<ArxivSearchResult> {
    const search = async (interest: string | undefined) => {
      const result = await this.#client.search({
        author: data.recipientName,
        interest,
        maxResults: this.#fetchCount,
        signal,
      });
      queries.push(result.query);
      return result;
    };
    const narrowed = await search(data.recipientInterest);
    return narrowed.entries.length > 0 ? narrowed : search(undefined);
  }
}
