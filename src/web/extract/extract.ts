import { createRequire } from 'node:module';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { checkNumberOption } from '../../core/check-option.js';
import type { ExtractedPage, RawExtraction } from '../page-outcome.js';
import { blockTextOf, type DomNodeLike } from './block-text.js';
import { capText, MIN_PAGE_TEXT_CHARS, normaliseWhitespace, oneLine } from './page-text.js';

export { hasTooLittleText, MIN_PAGE_TEXT_CHARS } from './page-text.js';

/**
 * Readability's article is trusted unless it kept less than this share of the body's text; below
 * it, Readability has most likely picked one block of many (a listing, a page of short sections)
 * and the body text, chrome and all, loses fewer facts.
 */
export const MIN_ARTICLE_SHARE = 0.2;

/**
 * Readability on linkedom is superlinear in the size and depth of the DOM, and it runs
 * synchronously on the event loop. Measured on this machine: ~0.6 s for 16,000 plain paragraphs,
 * but 1.8 s for 5,000 link-heavy elements, 3 s for 400-deep nesting and minutes (then a stack
 * overflow) at 3,000 deep. Above these limits Readability is skipped and the body text used.
 */
export const READABILITY_MAX_ELEMENTS = 5_000;
/** See {@link READABILITY_MAX_ELEMENTS}. Real pages nest 15 to 60 deep. */
export const READABILITY_MAX_DEPTH = 150;

/** Options for {@link finishExtraction}. */
export interface FinishExtractionOptions {
  /** The longest text kept, in characters. 100 to 1,000,000. Default 10,000. */
  maxChars?: number;
}

interface MetaLike {
  getAttribute(name: string): string | null;
}

/** `<meta name="description">`, else `og:description` (names compared case-insensitively). */
function descriptionOf(metas: Iterable<MetaLike>): string {
  let openGraph = '';
  for (const meta of metas) {
    const name = (meta.getAttribute('name') ?? meta.getAttribute('property') ?? '').toLowerCase();
    const content = meta.getAttribute('content') ?? '';
    if (name === 'description' && content.trim() !== '') return content;
    if (name === 'og:description' && openGraph === '') openGraph = content;
  }
  return openGraph;
}

/** True when the DOM under `root` stays within Readability's budget; stops counting once over. */
function withinReadabilityBudget(root: DomNodeLike): boolean {
  let elements = 0;
  const stack: [DomNodeLike, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [DomNodeLike, number];
    if (node.nodeType !== 1) continue;
    elements += 1;
    if (elements > READABILITY_MAX_ELEMENTS || depth > READABILITY_MAX_DEPTH) return false;
    for (let child = node.firstChild; child !== null; child = child.nextSibling)
      stack.push([child, depth + 1]);
  }
  return true;
}

type LinkedomDocument = ReturnType<typeof parseHTML>['document'];

/** Readability's article as block text, or null when it found nothing, failed or was skipped. */
function readabilityText(document: LinkedomDocument): string | null {
  if (!withinReadabilityBudget(document.documentElement as unknown as DomNodeLike)) return null;
  try {
    const article = new Readability(document.cloneNode(true) as unknown as LinkedomDocument, {
      serializer: (node) => blockTextOf(node as unknown as DomNodeLike),
    }).parse();
    return typeof article?.content === 'string' ? article.content : null;
  } catch {
    return null;
  }
}

/**
 * Gathers what extraction needs from raw HTML, in Node: linkedom parses it (scripts are never
 * run) and Readability reads a clone, since it rewrites the DOM it is given. Readability's
 * article is serialised with {@link blockTextOf}, so paragraphs stay apart even in minified HTML.
 * A Readability crash (it has some on unusual DOMs) gives `articleText: null`, not an error, as
 * does a DOM over {@link READABILITY_MAX_ELEMENTS} elements or {@link READABILITY_MAX_DEPTH} deep.
 *
 * `url` is the page's address after redirects. Nothing here depends on it: we keep text, not
 * links, so relative URLs need no resolving. It is part of the signature so that callers pass it
 * and a link-keeping serializer could be added without changing them.
 */
export function extractFromHtml(html: string, url: string): RawExtraction {
  void url;
  const { document } = parseHTML(html);
  const heading = document.querySelector('h1');
  return {
    title: oneLine(document.title ?? ''),
    heading: heading === null ? '' : oneLine(blockTextOf(heading as unknown as DomNodeLike)),
    description: oneLine(descriptionOf(document.querySelectorAll('meta') as Iterable<MetaLike>)),
    articleText: readabilityText(document),
    bodyText: document.body === null ? '' : blockTextOf(document.body as unknown as DomNodeLike),
  };
}

/** The context lines worth adding beside `main`: those it lacks, each once. */
function missingContext(candidates: readonly string[], main: string): string[] {
  const lowerMain = main.toLowerCase();
  const unique = [...new Set(candidates.filter((candidate) => candidate !== ''))];
  return unique.filter((candidate) => {
    const lower = candidate.toLowerCase();
    if (lowerMain.includes(lower)) return false;
    // "Dr. Ada Lovelace" adds nothing next to a description that starts with it.
    return !unique.some((other) => other !== candidate && other.toLowerCase().includes(lower));
  });
}

/**
 * Turns what a page gave into the text to summarise. Pure, and shared by the HTTP and browser
 * paths.
 *
 * - Readability's article is preferred. The body text is used instead when Readability found
 *   nothing, or kept less than {@link MIN_ARTICLE_SHARE} of the body's text, or fewer than
 *   {@link MIN_PAGE_TEXT_CHARS} characters while the body has more.
 * - The title, first `<h1>` and meta description are put before the text when it lacks them:
 *   Readability drops "header" blocks, which is where a profile page keeps the person's name.
 *   They are added only beside a text of at least `MIN_PAGE_TEXT_CHARS`, so they can never lift
 *   a near-empty page over the minimum that {@link hasTooLittleText} checks.
 * - Whitespace is normalised (`\n\n` between paragraphs) and the text capped at `maxChars`, cut
 *   at a sentence or word boundary when one is near.
 *
 * @example
 * ```ts
 * const page = finishExtraction(extractFromHtml(html, url), { maxChars: 10_000 });
 * if (hasTooLittleText(page.text)) skip('too-little-text');
 * ```
 */
export function finishExtraction(raw: RawExtraction, options: FinishExtractionOptions = {}): ExtractedPage {
  const maxChars = checkNumberOption('web_scraper extraction', 'maxChars', options.maxChars ?? 10_000, {
    min: MIN_PAGE_TEXT_CHARS,
    max: 1_000_000,
    integer: true,
  });
  const article = raw.articleText === null ? '' : normaliseWhitespace(raw.articleText);
  const body = normaliseWhitespace(raw.bodyText);
  const articleLostText =
    article.length < body.length * MIN_ARTICLE_SHARE ||
    (article.length < MIN_PAGE_TEXT_CHARS && body.length >= MIN_PAGE_TEXT_CHARS);
  const usedReadability = raw.articleText !== null && article !== '' && !articleLostText;
  const main = usedReadability ? article : body;
  const title = oneLine(raw.title) || oneLine(raw.heading);
  if (main.length < MIN_PAGE_TEXT_CHARS) return { title, text: main, usedReadability };
  const context = missingContext([oneLine(raw.title), oneLine(raw.heading), oneLine(raw.description)], main);
  const text = context.length === 0 ? main : `${context.join('\n')}\n\n${main}`;
  return { title, text: capText(text, maxChars), usedReadability };
}

/**
 * The file of Readability's browser build, for the browser path to inject with
 * `page.addScriptTag({ content: await readFile(readabilityScriptPath(), 'utf8') })`.
 */
export function readabilityScriptPath(): string {
  return createRequire(import.meta.url).resolve('@mozilla/readability/Readability.js');
}
