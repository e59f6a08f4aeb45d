import type { LanguageModel } from 'ai';
import type { ResearchCache } from '../core/cache/research-cache.js';
import { type PipelineStage, parallel } from '../core/parallel.js';
import { cachedPaperSource } from '../papers/cached-paper-source.js';
import type { PaperSource } from '../papers/paper-source.js';
import { cachedSearch } from '../search/cached-search.js';
import type { SearchProvider } from '../search/search-provider.js';
import { type ArxivHelperOptions, ArxivHelperStep } from './arxiv-helper/arxiv-helper-step.js';
import { cachedArxivSearcher } from './arxiv-helper/cached-arxiv-searcher.js';
import type { EmailComposerOptions } from './email-composer/email-composer-options.js';
import { EmailComposerStep } from './email-composer/email-composer-step.js';
import { TemplateParserStep } from './template-parser/template-parser-step.js';
import type { WebScraperOptions } from './web-scraper/web-scraper-options.js';
import { WebScraperStep } from './web-scraper/web-scraper-step.js';

/** Options of `defaultSteps`. */
export interface DefaultStepsOptions {
  /** One model for every LLM step. */
  model?: LanguageModel;
  /** A model per LLM step (a cheap one parses and summarises, a strong one composes); each falls back to `model`. */
  models?: { parser?: LanguageModel; summarizer?: LanguageModel; composer?: LanguageModel };
  /** Where the web research searches. */
  search: SearchProvider;
  /** The web scraper's other options (strategy, browser pool, SSRF exceptions, timeouts...). */
  scraper?: Omit<WebScraperOptions, 'search' | 'model'>;
  /** The paper lookup's options (`arxiv_helper`: limits, deadline, the arXiv client). */
  arxiv?: ArxivHelperOptions;
  /**
   * Where to look for papers; default arXiv alone, which needs no key. For every field, add
   * OpenAlex: `[arxivSource(), openAlexSource({ apiKey })]` (from `scribe-pipeline/papers`).
   */
  paperSources?: readonly PaperSource[];
  /** The composer's other options: `onInvalidDraft`, `claimCheck`, temperature, attempts... */
  composer?: Omit<EmailComposerOptions, 'model'>;
  /** One model call's time limit for every LLM step, in ms; default each step's own (60 s, the composer 90 s). */
  modelTimeoutMs?: number;
  /**
   * Keeps search results, pages' extracted text and arXiv lookups for a day (`ttlMs` to change it), shared by every run
   * of these steps: `memoryResearchCache()` in one process, a `Keyv` store across workers.
   */
  cache?: ResearchCache | { cache: ResearchCache; ttlMs?: number };
}

/** The default step list, with `close()` for the resources its scraper opened. */
export type DefaultSteps = PipelineStage[] & {
  /** Closes the scraper's HTTP connections and the browser it launched (an injected pool stays open). */
  close(): Promise<void>;
  /** `close()`, for `await using`. */
  [Symbol.asyncDispose](): Promise<void>;
};

/**
 * The whole pipeline: `[template_parser, parallel(web_scraper, arxiv_helper), paper_selection,
 * email_composer]`.
 * Without `model`/`models`, each LLM step uses OpenAI from the environment (`OPENAI_API_KEY`,
 * `SCRIBE_MODEL`) and says so at construction if that cannot work.
 *
 * @example
 * ```ts
 * await using steps = defaultSteps({ model, search: braveSearch({ apiKey }) });
 * const { emailId, data } = await runPipeline({ input, steps, persistence });
 * ```
 */
export function defaultSteps({
  model,
  models = {},
  search,
  scraper = {},
  arxiv = {},
  paperSources,
  composer = {},
  modelTimeoutMs,
  cache,
}: DefaultStepsOptions): DefaultSteps {
  const caching = cache === undefined ? undefined : isResearchCache(cache) ? { cache } : cache;
  const searchProvider = caching ? cachedSearch(search, caching) : search;
  const sources = paperSources ?? arxiv.sources;
  const arxivOptions: ArxivHelperOptions =
    sources === undefined
      ? caching
        ? { ...arxiv, client: cachedArxivSearcher(arxiv.client, caching) }
        : arxiv
      : {
          ...arxiv,
          sources: caching ? sources.map((source) => cachedPaperSource(source, caching)) : sources,
        };
  const timeout = modelTimeoutMs === undefined ? {} : { timeoutMs: modelTimeoutMs };
  const pick = (specific: LanguageModel | undefined) => {
    const chosen = specific ?? model;
    return chosen === undefined ? timeout : { ...timeout, model: chosen };
  };
  const webScraper = new WebScraperStep({
    ...(caching ? { pageCache: caching } : {}),
    ...scraper,
    search: searchProvider,
    ...pick(models.summarizer),
  });
  const papers = new ArxivHelperStep(arxivOptions);
  const stages: PipelineStage[] = [
    new TemplateParserStep(pick(models.parser)),
    parallel(webScraper, papers),
    papers.selectionStep(),
    new EmailComposerStep({ ...composer, ...pick(models.composer) }),
  ];
  const close = () => webScraper.close();
  return Object.assign(stages, { close, [Symbol.asyncDispose]: close });
}

function isResearchCache(value: ResearchCache | { cache: ResearchCache }): value is ResearchCache {
  return typeof (value as ResearchCache).get === 'function';
}
