import { BasePipelineStep } from '../../core/base-pipeline-step.js';
import { mapBounded } from '../../core/map-bounded.js';
import { assertSupportedNode } from '../../core/node-floor.js';
import type { PipelineData } from '../../core/pipeline-data.js';
import type { StepContext } from '../../core/step-context.js';
import type { ScrapedPageReport } from '../../core/step-outputs.js';
import type { StepResult } from '../../core/step-result.js';
import { type LlmStepSettings, resolveLlmStepSettings } from '../../llm/llm-step-settings.js';
import { withModelSession } from '../../llm/model-session.js';
import type { SearchResult } from '../../search/search-provider.js';
import { SearchProviderError } from '../../search/search-provider-error.js';
import { BrowserLaunchError } from '../../web/browser/browser-launch-error.js';
import { type BrowserPool, createBrowserPool } from '../../web/browser/browser-pool.js';
import { readThroughCache } from '../../web/cached-page-read.js';
import type { HttpFetcher } from '../../web/http/fetch-page.js';
import type { PageOutcome } from '../../web/page-outcome.js';
import { createUrlGuard, type UrlGuard } from '../../web/ssrf/ssrf-guard.js';
import { checkUserAgent } from '../../web/user-agent.js';
import type * as ScrapeRuntimeModule from '../../web/web-runtime.js';
import { MAX_SEARCH_TERMS, selectUrls } from './select-urls.js';
import { type PageText, summarizePages } from './summary/summarize.js';
import {
  resolveWebScraperSettings,
  type WebScraperOptions,
  type WebScraperSettings,
} from './web-scraper-options.js';

// Ask for more results than are used, so a skipped video or duplicate does not leave a slot empty.
const SEARCH_SLACK = 3;

/**
 * Step `web_scraper`: searches the web for the parser's search terms, reads the best pages
 * (plain HTTP first, Chromium for JavaScript pages), keeps their readable text and summarises it
 * in two tiers into at most 3,000 characters with `[PAGE N]` markers and `[UNCERTAIN]` for facts
 * only one page states. Every URL, redirect hop and browser request is checked by the SSRF guard.
 *
 * Nothing found or nothing readable is not fatal: the step succeeds with a warning and an
 * explicit "no web information" content, so the composer still runs. A search key the provider
 * refuses is fatal (every run would fail the same way).
 *
 * Reads `searchTerms`, `templateType`. Writes `scrapedContent`, `scrapedUrls`,
 * `scrapedPages` (each read page's text, for checking claims) and `scrapingMetadata`.
 * Owns a browser only when none is passed: call `close()` (or `await using`) when done.
 *
 * @example
 * ```ts
 * const scraper = new WebScraperStep({ search: braveSearch({ apiKey }), model: openai('gpt-5-mini') });
 * try { await runPipeline({ input, steps: [parser, scraper, composer] }); } finally { await scraper.close(); }
 * ```
 */
export class WebScraperStep extends BasePipelineStep {
  readonly name = 'web_scraper';
  readonly #settings: WebScraperSettings;
  readonly #summarizer: LlmStepSettings;
  readonly #guard: UrlGuard;
  readonly #userAgent: string;
  readonly #injectedPool: BrowserPool | undefined;
  #ownedPool: BrowserPool | undefined;
  #http: HttpFetcher | undefined;
  #runtime: Promise<typeof ScrapeRuntimeModule> | undefined;

  constructor(options: WebScraperOptions) {
    super();
    // Its HTTP client (undici) sets the package's Node floor: refuse an older Node when built.
    assertSupportedNode();
    this.#settings = resolveWebScraperSettings(options);
    this.#summarizer = resolveLlmStepSettings(this.name, options, { temperature: 0 });
    this.#guard = createUrlGuard({ allow: options.allow });
    this.#userAgent = checkUserAgent(this.name, options.userAgent);
    this.#injectedPool = options.browserPool;
  }

  protected override validateInput(data: PipelineData): readonly string[] {
    return [
      ...(data.searchTerms.length === 0 ? ['searchTerms is empty: run the template parser first'] : []),
      ...(data.templateType === undefined ? ['templateType is not set: run the template parser first'] : []),
    ];
  }

  protected async executeStep(data: PipelineData, context: StepContext): Promise<StepResult> {
    const settings = this.#settings;
    const deadlineAt = performance.now() + settings.deadlineMs;
    const deadline = AbortSignal.any([context.signal, AbortSignal.timeout(settings.deadlineMs)]);
    const warnings: string[] = [];

    // A provider that ignores the query (a fixed list of pages) is asked once, for all its pages.
    const fixedList = settings.search.ignoresQuery === true;
    const queries = data.searchTerms.slice(0, fixedList ? 1 : MAX_SEARCH_TERMS);
    const perTerm = fixedList ? settings.maxPages : settings.resultsPerTerm;
    const searched = await this.#search(queries, perTerm, deadline, context.signal, warnings);
    if (searched.refused) {
      return this.fail(searched.refused.message, { cause: searched.refused });
    }
    const selection = selectUrls(searched.results, { maxPerTerm: perTerm, maxPages: settings.maxPages });
    const outcomes = await this.#readPages(
      selection.selected.map((result) => result.url),
      deadline,
      deadlineAt,
      context.signal,
      warnings,
    );

    const pages: PageText[] = [];
    const reports: ScrapedPageReport[] = outcomes.map((outcome) => {
      if (!outcome.ok) {
        warnings.push(`skipped ${outcome.url}: ${outcome.reason}: ${outcome.detail}`);
        return {
          url: outcome.url,
          ok: false,
          strategy: outcome.strategy,
          reason: outcome.reason,
          detail: outcome.detail,
        };
      }
      const pageNumber = pages.length + 1;
      pages.push({ pageNumber, url: outcome.finalUrl, title: outcome.title, text: outcome.text });
      return {
        url: outcome.url,
        ok: true,
        pageNumber,
        strategy: outcome.strategy,
        finalUrl: outcome.finalUrl,
        title: outcome.title,
        chars: outcome.text.length,
        bytes: outcome.bytes,
      };
    });
    if (pages.length === 0) {
      warnings.push(
        selection.selected.length === 0
          ? 'the search found no page to read: the email will rest on the template and arXiv alone'
          : 'no page gave readable text: the email will rest on the template and arXiv alone',
      );
    }

    // The summary has a budget of its own: the pages' deadline has passed or nearly, and a model
    // that answers slowly on every call must not hold the run for maxAttempts x calls x timeoutMs.
    const summaryDeadline = {
      signal: AbortSignal.timeout(settings.summaryDeadlineMs),
      message: `the pages were not summarised within the step's ${settings.summaryDeadlineMs} ms summaryDeadlineMs`,
    };
    const session = { stepName: this.name, settings: this.#summarizer, context, deadline: summaryDeadline };
    const summary = await withModelSession(session, (ask) =>
      summarizePages({
        pages,
        recipientName: data.recipientName,
        recipientInterest: data.recipientInterest,
        ask,
        maxAttempts: this.#summarizer.maxAttempts,
      }),
    );
    warnings.push(...summary.warnings);

    data.scrapedContent = summary.content;
    data.scrapedUrls = pages.map((page) => page.url);
    data.scrapedPages = pages.map((page) => ({ ...page }));
    data.scrapingMetadata = {
      queries,
      provider: settings.search.name,
      resultsFound: searched.results.reduce((sum, list) => sum + list.length, 0),
      skippedUrls: selection.skipped.map(({ url, reason }) => ({ url, reason })),
      attempted: outcomes.length,
      succeeded: pages.length,
      pages: reports,
      summaryMode: summary.mode,
      summaryChars: summary.content.length,
      hasUncertainFacts: summary.hasUncertainFacts,
    };
    return this.ok({
      warnings,
      metadata: { attempted: outcomes.length, succeeded: pages.length, summaryMode: summary.mode },
    });
  }

  /** Closes what this step opened: its HTTP connections and the browser it launched (never an injected one). */
  async close(): Promise<void> {
    const http = this.#http;
    const pool = this.#ownedPool;
    this.#http = undefined;
    this.#ownedPool = undefined;
    await Promise.all([http?.close(), pool?.close()]);
  }

  /** `close()`, for `await using`. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  /** One search per term, side by side. A refused key stops the step; other failures are warnings. */
  async #search(
    queries: readonly string[],
    perTerm: number,
    deadline: AbortSignal,
    hostSignal: AbortSignal,
    warnings: string[],
  ): Promise<{ results: SearchResult[][]; refused?: SearchProviderError }> {
    const { search } = this.#settings;
    let refused: SearchProviderError | undefined;
    const results = await Promise.all(
      queries.map(async (query) => {
        try {
          return await search.search(query, { limit: perTerm + SEARCH_SLACK, signal: deadline });
        } catch (error) {
          hostSignal.throwIfAborted();
          if (SearchProviderError.isInstance(error) && error.kind === 'auth') refused ??= error;
          warnings.push(
            `search for "${query}" failed: ${error instanceof Error ? error.message : String(error)}`,
          );
          return [];
        }
      }),
    );
    return refused ? { results, refused } : { results };
  }

  /** Reads the pages: robots.txt first, then the strategy, HTTP pages a few at once. */
  async #readPages(
    urls: readonly string[],
    deadline: AbortSignal,
    deadlineAt: number,
    hostSignal: AbortSignal,
    warnings: string[],
  ): Promise<PageOutcome[]> {
    const settings = this.#settings;
    this.#runtime ??= import('../../web/web-runtime.js');
    const { sharedExtractionPool, createHttpFetcher, createRobotsCache, readPage, readPageInBrowser } =
      await this.#runtime;
    // Parsing runs in the process's worker threads: a huge or hostile page cannot stall this
    // process's event loop, and however many runs read at once, the threads are few.
    const extraction = sharedExtractionPool();
    // One fetcher per step, so its connections are reused across pages and runs.
    this.#http ??= createHttpFetcher({
      guard: this.#guard,
      userAgent: this.#userAgent,
      timeoutMs: settings.pageTimeoutMs,
    });
    const http = this.#http;
    const robots = settings.respectRobotsTxt
      ? createRobotsCache({ fetcher: http, userAgent: this.#userAgent })
      : undefined;
    // Each page's fair share of what is left of the deadline, asked when it gets its browser
    // context: pages queued behind slow ones (one context by default) still get their turn.
    let unfinished = urls.length;
    const pageBudgetMs = () => (deadlineAt - performance.now()) / Math.max(1, unfinished);
    const browser = (url: string, { signal }: { signal: AbortSignal }) =>
      readPageInBrowser(this.#browserPool(), url, {
        guard: this.#guard,
        http,
        userAgent: this.#userAgent,
        timeoutMs: settings.pageTimeoutMs,
        pageBudgetMs,
        maxChars: settings.maxPageChars,
        signal,
        // The page itself may read fine; what it tried to reach is still worth a warning.
        onRequestsRefused: ({ url: pageUrl, first, count }) =>
          warnings.push(
            `refused ${count} request(s) made by ${pageUrl}, first ${first.url}: ${first.reason}`,
          ),
      });
    return mapBounded(urls, settings.httpConcurrency, async (url): Promise<PageOutcome> => {
      const strategy = settings.strategy === 'browser' ? 'browser' : 'http';
      try {
        return await readOne(url, strategy);
      } finally {
        unfinished -= 1;
      }
    });

    async function readOne(url: string, strategy: 'http' | 'browser'): Promise<PageOutcome> {
      try {
        deadline.throwIfAborted();
        if (robots && !(await robots.isAllowed(url, { signal: deadline }))) {
          return {
            ok: false,
            url,
            strategy,
            reason: 'robots',
            detail: 'robots.txt disallows it for our User-Agent',
          };
        }
        const read = () =>
          readPage(url, {
            strategy: settings.strategy,
            http,
            browser,
            maxChars: settings.maxPageChars,
            signal: deadline,
            extract: extraction.extract,
          });
        return settings.pageCache === undefined
          ? await read()
          : await readThroughCache(
              settings.pageCache,
              url,
              { strategy: settings.strategy, maxChars: settings.maxPageChars },
              read,
            );
      } catch (error) {
        // The host's abort ends the run; the step's own deadline only ends this page.
        hostSignal.throwIfAborted();
        // A browser that cannot start costs the JavaScript pages, not the whole research.
        if (BrowserLaunchError.isInstance(error)) {
          return {
            ok: false,
            url,
            strategy: 'browser',
            reason: 'network',
            detail: `no browser: ${error.message}`,
          };
        }
        if (deadline.aborted) {
          return {
            ok: false,
            url,
            strategy,
            reason: 'timeout',
            detail: `the step's ${settings.deadlineMs} ms deadline ran out`,
          };
        }
        throw error;
      }
    }
  }

  #browserPool(): BrowserPool {
    if (this.#injectedPool) return this.#injectedPool;
    this.#ownedPool ??= createBrowserPool();
    return this.#ownedPool;
  }
}
