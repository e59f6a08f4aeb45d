import { BasePipelineStep } from '../../core/base-pipeline-step.js';
import { checkNumberOption } from '../../core/check-option.js';
import type { PipelineData } from '../../core/pipeline-data.js';
import { settleBeforeAbort } from '../../core/signal.js';
import type { StepContext } from '../../core/step-context.js';
import type { StepResult } from '../../core/step-result.js';
import {
  ArxivClient,
  type ArxivSearchOptions,
  type ArxivSearchResult,
} from '../../papers/arxiv/arxiv-client.js';
import { isSearchableAuthor } from '../../papers/arxiv/arxiv-query.js';
import { ArxivRequestError } from '../../papers/arxiv/arxiv-request-error.js';
import { rankPapers } from '../../papers/rank-papers.js';

const NAME = 'arxiv_helper';

/** What the step needs of a client: an `ArxivClient`, or a stand-in such as a cache. */
export interface ArxivSearcher {
  /** Must reject with `ArxivRequestError` for arXiv's failures and with the signal's reason on abort. */
  search(options: ArxivSearchOptions): Promise<ArxivSearchResult>;
}

/** Settings of an `ArxivHelperStep`. */
export interface ArxivHelperOptions {
  /** The client to use; default a new `ArxivClient()` (which shares the process-wide limiter). */
  client?: ArxivSearcher;
  /** Results fetched from arXiv before ranking: 1 to 2,000. Default 15. */
  fetchCount?: number;
  /** Papers kept: 1 to 2,000. Default 5. */
  limit?: number;
  /** Papers older than this are dropped: 0.1 to 200. Default 10. */
  maxAgeYears?: number;
  /**
   * The whole step's time limit, waiting for the process-wide limiter's turn included: 100 to
   * 600,000 ms. Default 20,000. When it passes, the step stops its request, gives up its turn and
   * goes on without papers, with a warning.
   */
  deadlineMs?: number;
  /** The clock used for the papers' ages. Default the system clock. */
  now?: () => Date;
}

/**
 * Step `arxiv_helper`: for research templates, finds the recipient's papers on arXiv, keeps
 * those really by them and recent, and ranks them by relevance to their interest and recency.
 * arXiv's failures (network, errors, timeouts, rate limits) and the step's own deadline are a
 * warning, never fatal: the pipeline goes on without papers. Other templates are skipped. A bug
 * (any other exception) is not hidden: it fails the step.
 *
 * Writes `arxivPapers` and `enrichmentMetadata`.
 *
 * @example
 * ```ts
 * steps: [parser, parallel(scraper, new ArxivHelperStep({ deadlineMs: 15_000 })), composer]
 * ```
 */
export class ArxivHelperStep extends BasePipelineStep {
  readonly name = NAME;
  readonly #client: ArxivSearcher;
  readonly #fetchCount: number;
  readonly #limit: number;
  readonly #maxAgeYears: number;
  readonly #deadlineMs: number;
  readonly #now: () => Date;

  constructor({
    client,
    fetchCount = 15,
    limit = 5,
    maxAgeYears = 10,
    deadlineMs = 20_000,
    now = () => new Date(),
  }: ArxivHelperOptions = {}) {
    super();
    this.#fetchCount = checkNumberOption(NAME, 'fetchCount', fetchCount, {
      min: 1,
      max: 2000,
      integer: true,
    });
    this.#limit = checkNumberOption(NAME, 'limit', limit, { min: 1, max: 2000, integer: true });
    this.#maxAgeYears = checkNumberOption(NAME, 'maxAgeYears', maxAgeYears, { min: 0.1, max: 200 });
    this.#deadlineMs = checkNumberOption(NAME, 'deadlineMs', deadlineMs, { min: 100, max: 600_000 });
    this.#client = client ?? new ArxivClient();
    this.#now = now;
  }

  protected async executeStep(data: PipelineData, { signal }: StepContext): Promise<StepResult> {
    if (data.templateType !== 'research') {
      const reason = `template type is ${data.templateType ?? 'not set'}, not research`;
      data.enrichmentMetadata = { skippedReason: reason };
      return this.skip(reason);
    }
    const queries: string[] = [];
    if (!isSearchableAuthor(data.recipientName)) {
      return this.#withoutPapers(data, queries, `no name to search for in "${data.recipientName}"`);
    }

    // One timer for the whole step, so a slow arXiv (or a long queue for the limiter) costs this
    // run at most `deadlineMs` and, once it fires, holds back no other run either.
    const deadline = new AbortController();
    const timer = setTimeout(() => {
      deadline.abort(
        new DOMException(`no result within the step's ${this.#deadlineMs} ms deadline`, 'TimeoutError'),
      );
    }, this.#deadlineMs);
    let result: ArxivSearchResult;
    try {
      const stop = AbortSignal.any([signal, deadline.signal]);
      // Raced as well as passed on, so even a client that ignores the signal cannot overrun.
      result = await settleBeforeAbort(this.#search(data, stop, queries), stop);
    } catch (error) {
      if (signal.aborted) throw error;
      const failure = describeExpectedFailure(error, deadline.signal);
      // Anything else is a bug, and hiding it behind a warning would hide it for good.
      if (failure === undefined) throw error;
      return this.#withoutPapers(data, queries, failure);
    } finally {
      clearTimeout(timer);
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

  #withoutPapers(data: PipelineData, queries: string[], message: string): StepResult {
    data.enrichmentMetadata = { queries, fetched: 0, kept: 0, error: message };
    return this.ok({
      warnings: [`arXiv lookup failed, going on without papers: ${message}`],
      metadata: { fetched: 0 },
    });
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

/** The warning's text for arXiv's failures and the step's own deadline; undefined for anything else. */
function describeExpectedFailure(error: unknown, deadline: AbortSignal): string | undefined {
  if (ArxivRequestError.isInstance(error)) return error.message;
  if (deadline.aborted && error === deadline.reason) return (deadline.reason as Error).message;
  return undefined;
}
