import { BasePipelineStep } from '../../core/base-pipeline-step.js';
import { checkNumberOption } from '../../core/check-option.js';
import { ConfigurationError } from '../../core/errors/configuration-error.js';
import type { PaperLookup } from '../../core/paper.js';
import type { PipelineData } from '../../core/pipeline-data.js';
import { settleBeforeAbort } from '../../core/signal.js';
import type { StepContext } from '../../core/step-context.js';
import type { StepResult } from '../../core/step-result.js';
import { isSearchableAuthor } from '../../papers/arxiv/arxiv-query.js';
import { ArxivRequestError } from '../../papers/arxiv/arxiv-request-error.js';
import type { ArxivSearcher } from '../../papers/arxiv/arxiv-searcher.js';
import type { PaperSource } from '../../papers/paper-source.js';
import { PaperSourceError } from '../../papers/paper-source-error.js';
import { arxivSource } from '../../papers/sources/arxiv.js';
import { decidePapers, type PaperSelectionSettings } from './decide-papers.js';
import { PaperSelectionStep } from './paper-selection-step.js';

export type { ArxivSearcher } from '../../papers/arxiv/arxiv-searcher.js';

const NAME = 'arxiv_helper';
const YEAR_MS = 365.25 * 24 * 60 * 60 * 1000;

/** Settings of an `ArxivHelperStep`. */
export interface ArxivHelperOptions {
  /**
   * Where to look for papers, all asked side by side. Default `[arxivSource({ client })]`: arXiv
   * alone, which needs no key. Add `openAlexSource({ apiKey })`, `semanticScholarSource()` or
   * `crossrefSource({ mailto })` for papers in every field.
   */
  sources?: readonly PaperSource[];
  /** The arXiv client of the default source (default a new `ArxivClient()`); not with `sources`. */
  client?: ArxivSearcher;
  /** Papers asked for per candidate and source before ranking: 1 to 2,000. Default 15. */
  fetchCount?: number;
  /** Papers kept: 1 to 2,000. Default 5. */
  limit?: number;
  /** Papers older than this are dropped: 0.1 to 200. Default 10. */
  maxAgeYears?: number;
  /**
   * The whole step's time limit, waiting for the sources' process-wide limiters included: 100 to
   * 600,000 ms. Default 20,000. When it passes, the step stops the sources still asking and goes
   * on with what the others found, with a warning per source stopped.
   */
  deadlineMs?: number;
  /** The clock used for the papers' ages. Default the system clock. */
  now?: () => Date;
}

/**
 * Step `arxiv_helper`: for research templates, asks every paper source side by side for the
 * people under the recipient's name and their recent papers, keeps those who are the recipient
 * (ORCID, institution, topic; nobody when it cannot tell), merges the sources' papers and ranks
 * them by relevance to the interest and recency. A source's failure (network, errors, rate and
 * daily limits, timeouts, the step's deadline) is a warning naming the source, never fatal. Other
 * templates are skipped. A bug (any other exception) is not hidden: it fails the step.
 *
 * It runs beside the web scraper, so it decides first with the input's evidence alone; the
 * {@link selectionStep} placed after both decides again with the pages as evidence too.
 *
 * Writes `paperCandidates`, `arxivPapers` and `enrichmentMetadata`.
 *
 * @example
 * ```ts
 * const papers = new ArxivHelperStep({ sources: [arxivSource(), openAlexSource({ apiKey })] });
 * steps: [parser, parallel(scraper, papers), papers.selectionStep(), composer]
 * ```
 */
export class ArxivHelperStep extends BasePipelineStep {
  readonly name = NAME;
  readonly #sources: readonly PaperSource[];
  readonly #fetchCount: number;
  readonly #deadlineMs: number;
  readonly #selection: PaperSelectionSettings;

  constructor({
    sources,
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
    this.#selection = {
      limit: checkNumberOption(NAME, 'limit', limit, { min: 1, max: 2000, integer: true }),
      maxAgeYears: checkNumberOption(NAME, 'maxAgeYears', maxAgeYears, { min: 0.1, max: 200 }),
      now,
    };
    this.#deadlineMs = checkNumberOption(NAME, 'deadlineMs', deadlineMs, { min: 100, max: 600_000 });
    if (sources !== undefined && client !== undefined) {
      throw new ConfigurationError({
        component: NAME,
        option: 'client',
        message: 'give either `sources` or `client`, not both: pass the client to `arxivSource({ client })`',
      });
    }
    this.#sources = checkSources(sources ?? [arxivSource(client === undefined ? {} : { client })]);
  }

  /**
   * The `paper_selection` step to place after the group this step runs in: it decides again
   * among the same candidates once the pages are read, with this step's `limit` and `maxAgeYears`.
   */
  selectionStep(): PaperSelectionStep {
    return new PaperSelectionStep(this.#selection);
  }

  protected async executeStep(data: PipelineData, { signal }: StepContext): Promise<StepResult> {
    if (data.templateType !== 'research') {
      const reason = `template type is ${data.templateType ?? 'not set'}, not research`;
      data.enrichmentMetadata = { skippedReason: reason };
      return this.skip(reason);
    }
    if (!isSearchableAuthor(data.recipientName)) {
      const message = `no name to search for in "${data.recipientName}"`;
      data.enrichmentMetadata = { queries: [], fetched: 0, kept: 0, error: message };
      return this.ok({ warnings: [`paper lookup skipped: ${message}`], metadata: { fetched: 0 } });
    }

    // One timer for the whole step, so a slow source (or a long queue for its limiter) costs this
    // run at most `deadlineMs` and, once it fires, holds back no other run either.
    const deadline = new AbortController();
    const timer = setTimeout(() => {
      deadline.abort(
        new DOMException(`no result within the step's ${this.#deadlineMs} ms deadline`, 'TimeoutError'),
      );
    }, this.#deadlineMs);
    const stop = AbortSignal.any([signal, deadline.signal]);
    const query = {
      name: data.recipientName,
      interest: data.recipientInterest,
      ...(data.recipientOrcid ? { orcid: data.recipientOrcid } : {}),
      ...(data.recipientAffiliation ? { affiliation: data.recipientAffiliation } : {}),
      since: new Date(this.#selection.now().getTime() - this.#selection.maxAgeYears * YEAR_MS)
        .toISOString()
        .slice(0, 10),
      limit: this.#fetchCount,
      signal: stop,
    };
    let settled: PromiseSettledResult<PaperLookup>[];
    try {
      // Raced as well as passed on, so even a source that ignores the signal cannot overrun.
      settled = await Promise.allSettled(
        this.#sources.map((source) => settleBeforeAbort(source.lookup(query), stop)),
      );
    } finally {
      clearTimeout(timer);
    }
    if (signal.aborted) throw signal.reason;

    const lookups: PaperLookup[] = [];
    const failures: { source: string; message: string }[] = [];
    settled.forEach((outcome, index) => {
      const source = (this.#sources[index] as PaperSource).name;
      if (outcome.status === 'fulfilled') {
        lookups.push(outcome.value);
        return;
      }
      const message = describeExpectedFailure(outcome.reason, deadline.signal);
      // Anything else is a bug, and hiding it behind a warning would hide it for good.
      if (message === undefined) throw outcome.reason;
      failures.push({ source, message });
    });

    data.paperCandidates = lookups;
    const queries = lookups.flatMap((lookup) => lookup.queries ?? []);
    data.enrichmentMetadata = {
      fetched: 0,
      kept: 0,
      ...(queries.length > 0 ? { query: queries[queries.length - 1] as string, queries } : { queries }),
      ...(failures.length > 0 ? { failures } : {}),
      ...(lookups.length === 0 && failures[0] ? { error: failures[0].message } : {}),
    };
    // While the scraper is still reading pages side by side, this decision is provisional:
    // `paper_selection` gives the warnings about it once the pages are in.
    const undecided =
      data.scrapedPages.length === 0 && lookups.some((lookup) => lookup.candidates.length > 0);
    const warnings = [
      ...failures.map(
        ({ source, message }) => `${labelOf(source)} lookup failed, going on without its papers: ${message}`,
      ),
      ...(lookups.length > 0 ? decidePapers(data, this.#selection, { undecided }) : []),
    ];
    if (lookups.length === 0) data.arxivPapers = [];
    const fetched = data.enrichmentMetadata.fetched ?? 0;
    return this.ok({ warnings, metadata: { fetched, kept: data.arxivPapers.length } });
  }
}

function checkSources(sources: readonly PaperSource[]): readonly PaperSource[] {
  const names = new Set<string>();
  for (const source of sources) {
    if (typeof source?.lookup !== 'function' || typeof source.name !== 'string' || source.name === '') {
      throw new ConfigurationError({
        component: NAME,
        option: 'sources',
        message: 'each source needs a `name` and a `lookup` function',
      });
    }
    if (names.has(source.name)) {
      throw new ConfigurationError({
        component: NAME,
        option: 'sources',
        message: `"${source.name}" is listed twice`,
      });
    }
    names.add(source.name);
  }
  if (sources.length === 0) {
    throw new ConfigurationError({
      component: NAME,
      option: 'sources',
      message: 'needs at least one source',
    });
  }
  return [...sources];
}

const LABELS: Record<string, string> = {
  arxiv: 'arXiv',
  openalex: 'OpenAlex',
  semantic_scholar: 'Semantic Scholar',
  crossref: 'Crossref',
};

function labelOf(source: string): string {
  return LABELS[source] ?? source;
}

/** The warning's text for a source's failures and the step's own deadline; undefined for anything else. */
function describeExpectedFailure(error: unknown, deadline: AbortSignal): string | undefined {
  if (ArxivRequestError.isInstance(error) || PaperSourceError.isInstance(error)) return error.message;
  if (deadline.aborted && error === deadline.reason) return (deadline.reason as Error).message;
  return undefined;
}
