import { checkNumberOption, checkStringOption } from '../../../core/check-option.js';
import { ConfigurationError } from '../../../core/errors/configuration-error.js';
import { askUntilValid } from '../../../llm/ask-until-valid.js';
import { InvalidModelAnswerError } from '../../../llm/invalid-model-answer-error.js';
import type { AskModel } from '../../../llm/model-session.js';
import { extractPageFacts, type PageFacts } from './page-facts.js';
import type { PageText } from './summary-page.js';
import {
  buildSynthesisPrompt,
  type PromptSource,
  SINGLE_SOURCE_SYSTEM_PROMPT,
  SYNTHESIS_SYSTEM_PROMPT,
} from './summary-prompts.js';
import {
  factProblems,
  factsSchema,
  MAX_SUMMARY_CHARS,
  settleFacts,
  UNCERTAIN_MARKER,
} from './summary-rules.js';

export type { PageText } from './summary-page.js';
export { MAX_PAGE_FACTS_CHARS, MAX_SUMMARY_CHARS } from './summary-rules.js';

/** What {@link summarizePages} needs. */
export interface SummarizeOptions {
  /** At most {@link MAX_PAGES}, with distinct page numbers. Blank pages are skipped with a warning. */
  pages: readonly PageText[];
  recipientName: string;
  recipientInterest: string;
  /** From `withModelSession`, opened with the summariser's model settings and the step's context. */
  ask: AskModel;
  /** Answers to ask for per model task (each page part, then the synthesis), 1 to 10. */
  maxAttempts: number;
  /** Longer page text is cut with `smartChunk` into parts of at most this many characters, 500 up. Default 30,000. */
  chunkSize?: number;
  /** Page parts extracted at once, 1 to 5. Default 3. */
  concurrency?: number;
}

/** The fact summary the email composer reads, and how it was made. */
export interface WebSummary {
  /** At most {@link MAX_SUMMARY_CHARS}; {@link NO_WEB_INFORMATION} when there was nothing. */
  content: string;
  /** `none`: no page text (no call); `single`: one small page, one call; `two-tier`: per page, then a synthesis. */
  mode: 'none' | 'single' | 'two-tier';
  /** True when `content` marks a fact `[UNCERTAIN]`. */
  hasUncertainFacts: boolean;
  /** Pages or parts dropped, answers repaired or cut: one line each. */
  warnings: string[];
  /** Model calls made, retries included. */
  modelCalls: number;
}

/**
 * A lone page this short goes straight to the synthesis (`single` mode): it fits one prompt with
 * room to spare and its facts are rarely longer than the summary cap, so a per-page layer would
 * only add a call. Longer pages, and every run with two pages or more, take the two-tier path.
 */
export const SINGLE_PAGE_MAX_CHARS = 6_000;
/** The most pages one summary reads. */
export const MAX_PAGES = 5;
/**
 * The content when no page gave text or no page said anything about the recipient. A constant,
 * so the composer still runs with an explicit "nothing" and callers can test for it by equality.
 */
export const NO_WEB_INFORMATION = 'No web information was found about the recipient.';

const COMPONENT = 'web_scraper';
const SYNTHESIS_TEMPERATURE = 0.2;

/**
 * Turns the readable text of up to five scraped pages into a fact summary of at most 3,000
 * characters, each fact ending with the `[PAGE N]` markers of the pages that state it.
 *
 * - No page text: `none`, {@link NO_WEB_INFORMATION}, no model call.
 * - One page of at most {@link SINGLE_PAGE_MAX_CHARS} (and `chunkSize`): `single`, one synthesis
 *   call on the page text. With one source nothing can be cross-checked, so facts are not marked
 *   `[UNCERTAIN]` for being on one page (every fact would be, and the marker would say nothing);
 *   the prompt says the page is the only source and keeps `[UNCERTAIN]` for what the page hedges.
 * - Otherwise `two-tier`: every page (cut into parts above `chunkSize`) is read at temperature 0
 *   for its facts, at most {@link MAX_PAGE_FACTS_CHARS} per page, a few parts at once; then one
 *   synthesis at 0.2 merges them, marks facts found on only one of several pages `[UNCERTAIN]`,
 *   and puts the current position, recent work and publications first.
 *
 * Every answer is checked (cap, markers naming pages that exist, a marker at all, `[UNCERTAIN]`
 * on single-page lines) and retried with the problems fed back, up to `maxAttempts`. After that,
 * the last well-shaped answer is repaired (untraceable lines dropped, single-page lines marked,
 * cut at a line or sentence boundary under the cap) with a warning: the 3,000 cap always holds.
 * A page part that still fails is dropped with a warning. When every page fails, or the synthesis
 * gives nothing usable, this throws `InvalidModelAnswerError` (inside `withModelSession`, a
 * non-retryable `ModelCallError` naming the step and model): the pages had text, so a model that
 * cannot summarise any of them is a fault to report, not an absence of facts. Provider errors and
 * aborts pass through once the calls in flight have ended.
 *
 * Page text, URLs and titles are untrusted: each page is fenced as data the prompts say never to obey.
 *
 * @throws ConfigurationError for more than five pages, duplicate page numbers or an option out of range.
 * @example
 * ```ts
 * const summary = await withModelSession({ stepName: 'web_scraper', settings, context }, (ask) =>
 *   summarizePages({ pages, recipientName: 'Ada Lovelace', recipientInterest: 'analytical engines', ask, maxAttempts: 3 }),
 * );
 * data.scrapedContent = summary.content;
 * ```
 */
export async function summarizePages(options: SummarizeOptions): Promise<WebSummary> {
  const { recipientName, recipientInterest, maxAttempts, chunkSize, concurrency } = checkOptions(options);
  const warnings: string[] = [];
  let modelCalls = 0;
  const ask: AskModel = (request) => {
    modelCalls += 1;
    return options.ask(request);
  };
  const finish = (mode: WebSummary['mode'], content: string): WebSummary => ({
    content,
    mode,
    hasUncertainFacts: content.includes(UNCERTAIN_MARKER),
    warnings,
    modelCalls,
  });

  const pages = options.pages.filter((page) => {
    if (page.text.trim() !== '') return true;
    warnings.push(`page ${page.pageNumber} (${page.url}): no text, skipped`);
    return false;
  });
  const [onlyPage] = pages;
  if (onlyPage === undefined) return finish('none', NO_WEB_INFORMATION);
  const recipient = { recipientName, recipientInterest };

  if (pages.length === 1 && onlyPage.text.length <= Math.min(SINGLE_PAGE_MAX_CHARS, chunkSize)) {
    const facts = await synthesize({
      ...recipient,
      ask,
      maxAttempts,
      warnings,
      sources: [{ page: onlyPage, text: onlyPage.text }],
      sourceKind: 'page text',
    });
    if (facts === '')
      warnings.push(`page ${onlyPage.pageNumber} (${onlyPage.url}): no fact about the recipient`);
    return finish('single', facts === '' ? NO_WEB_INFORMATION : facts);
  }

  const extracted = await extractPageFacts({ ...recipient, pages, ask, maxAttempts, chunkSize, concurrency });
  warnings.push(...extracted.warnings);
  if (extracted.pages.length === 0) {
    throw new InvalidModelAnswerError({
      rawAnswer: undefined,
      problems: [`no page's facts could be read after ${maxAttempts} attempt(s) each`, ...extracted.warnings],
    });
  }
  const withFacts = extracted.pages.filter((page) => page.facts !== '');
  if (withFacts.length === 0) {
    warnings.push('no page said anything about the recipient');
    return finish('two-tier', NO_WEB_INFORMATION);
  }
  const facts = await synthesize({
    ...recipient,
    ask,
    maxAttempts,
    warnings,
    sources: withFacts.map(({ page, facts }: PageFacts) => ({ page, text: facts })),
    sourceKind: 'page facts',
  });
  return finish('two-tier', facts);
}

/** One synthesis, settled: the facts (possibly repaired, with a warning), or a throw. */
async function synthesize(options: {
  recipientName: string;
  recipientInterest: string;
  ask: AskModel;
  maxAttempts: number;
  warnings: string[];
  sources: readonly PromptSource[];
  sourceKind: 'page text' | 'page facts';
}): Promise<string> {
  const { sources, sourceKind } = options;
  const severalPages = sources.length > 1;
  const rules = {
    maxChars: MAX_SUMMARY_CHARS,
    pageNumbers: sources.map((source) => source.page.pageNumber),
    requireUncertain: severalPages,
    // A lone page may be about a namesake; facts already taken from pages must give a summary.
    requireFacts: sourceKind === 'page facts',
  };
  const result = await askUntilValid({
    ask: options.ask,
    schema: factsSchema,
    check: ({ facts }) => factProblems(facts.trim(), rules),
    system: severalPages ? SYNTHESIS_SYSTEM_PROMPT : SINGLE_SOURCE_SYSTEM_PROMPT,
    prompt: (previous) =>
      buildSynthesisPrompt({
        ...options,
        maxChars: MAX_SUMMARY_CHARS,
        feedback: previous && { previous: previous.value?.facts.trim(), problems: previous.problems },
      }),
    maxAttempts: options.maxAttempts,
    temperature: SYNTHESIS_TEMPERATURE,
  });
  const settled = settleFacts(result, rules);
  if (!settled.ok) {
    throw new InvalidModelAnswerError({ rawAnswer: settled.rawAnswer, problems: settled.problems });
  }
  if (settled.repairs.length > 0) {
    options.warnings.push(
      `summary: the answer still broke the rules after ${result.attempts} attempt(s); kept the last one: ${settled.repairs.join('; ')}`,
    );
  }
  return settled.facts;
}

function checkOptions(options: SummarizeOptions) {
  const { pages } = options;
  if (!Array.isArray(pages) || pages.length > MAX_PAGES) {
    throw new ConfigurationError({
      component: COMPONENT,
      option: 'pages',
      message: `must be a list of at most ${MAX_PAGES} pages`,
    });
  }
  const seen = new Set<number>();
  pages.forEach((page, index) => {
    const option = `pages[${index}].pageNumber`;
    checkNumberOption(COMPONENT, option, page.pageNumber, { min: 1, max: 1_000, integer: true });
    if (seen.has(page.pageNumber)) {
      throw new ConfigurationError({ component: COMPONENT, option, message: `repeats ${page.pageNumber}` });
    }
    seen.add(page.pageNumber);
  });
  return {
    recipientName: checkStringOption(COMPONENT, 'recipientName', options.recipientName),
    recipientInterest: options.recipientInterest.trim() || 'not given',
    maxAttempts: checkNumberOption(COMPONENT, 'maxAttempts', options.maxAttempts, {
      min: 1,
      max: 10,
      integer: true,
    }),
    chunkSize: checkNumberOption(COMPONENT, 'chunkSize', options.chunkSize ?? 30_000, {
      min: 500,
      max: 1_000_000,
      integer: true,
    }),
    concurrency: checkNumberOption(COMPONENT, 'concurrency', options.concurrency ?? 3, {
      min: 1,
      max: 5,
      integer: true,
    }),
  };
}
