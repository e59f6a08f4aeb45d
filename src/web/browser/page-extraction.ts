import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { blockTextOf } from '../extract/block-text.js';
import { readabilityScriptPath } from '../extract/extract.js';
import type { RawExtraction } from '../page-outcome.js';

/*
 * Code that runs inside the page is kept as source text, not as TypeScript functions: a test
 * runner's or bundler's transform of a function (coverage counters, name helpers) would otherwise
 * be shipped into the page, where those helpers do not exist.
 */

/** Length of the body's text: cheap (no layout), enough to see whether a page is still filling in. */
const TEXT_LENGTH_SOURCE =
  '(() => { const body = document.body; return body ? body.textContent.length : 0; })()';

/**
 * Gathers a RawExtraction from the live document, as `extractFromHtml` does in Node: Readability's
 * article serialised by `blockTextOf` (paragraphs kept apart), the title, first `<h1>` and meta
 * description. The body text is `innerText`, which in a live page also leaves out what the page's
 * stylesheets hide. `Readability` and `blockTextOf` are in scope (see readabilityExpression).
 */
const GATHER_SOURCE = `(limit) => {
  const text = (value) => (typeof value === 'string' ? value.slice(0, limit) : '');
  let description = '';
  let openGraph = '';
  for (const meta of document.querySelectorAll('meta')) {
    const name = (meta.getAttribute('name') || meta.getAttribute('property') || '').toLowerCase();
    const content = meta.getAttribute('content') || '';
    if (name === 'description' && content.trim() !== '' && description === '') description = content;
    if (name === 'og:description' && openGraph === '') openGraph = content;
  }
  let articleText = null;
  try {
    // parse() rewrites the DOM it reads: give it a copy, so bodyText below reads the page as shown.
    const article = new Readability(document.cloneNode(true), { serializer: (node) => blockTextOf(node) }).parse();
    if (article && typeof article.content === 'string') articleText = article.content.slice(0, limit);
  } catch (error) {
    articleText = null;
  }
  const heading = document.querySelector('h1');
  return {
    title: text(document.title),
    heading: text(heading ? blockTextOf(heading) : ''),
    description: text(description || openGraph),
    articleText,
    bodyText: text(document.body ? document.body.innerText : ''),
  };
}`;

let readabilitySource: Promise<string> | undefined;

/** Readability.js as text, read once per process. */
function loadReadability(): Promise<string> {
  readabilitySource ??= readFile(readabilityScriptPath(), 'utf8').catch((error: unknown) => {
    // Do not cache a failed read: the next page tries again.
    readabilitySource = undefined;
    throw error;
  });
  return readabilitySource;
}

/**
 * The expression evaluated in the page: Readability's source inside a function scope, so it is
 * defined only for this call (no global a page script could replace afterwards), and evaluated
 * through DevTools rather than added as a `<script>` tag, which a page's Content-Security-Policy
 * would block.
 */
function readabilityExpression(source: string, limit: number): string {
  // `__name` is the helper esbuild's keepNames (tsx, some bundlers) calls inside transformed
  // functions; blockTextOf's source may carry such calls, and the page has no such helper.
  return `(() => {
const __name = (target) => target;
const blockTextOf = (${blockTextOf.toString()});
${source}
;return (${GATHER_SOURCE})(${limit});
})()`;
}

/**
 * Checks what the page returned, field by field: a page script can replace DOM methods, so the
 * answer may be anything. Strings are capped at `limit`; anything else becomes empty (or null).
 */
export function toRawExtraction(value: unknown, limit: number): RawExtraction | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  const text = (field: unknown) => (typeof field === 'string' ? field.slice(0, limit) : '');
  return {
    title: text(record.title),
    heading: text(record.heading),
    description: text(record.description),
    articleText: typeof record.articleText === 'string' ? record.articleText.slice(0, limit) : null,
    bodyText: text(record.bodyText),
  };
}

/** Runs Readability and gathers the page's text in the page. Undefined when the answer is not an object. */
export async function extractInPage(
  page: Page,
  { limit }: { limit: number },
): Promise<RawExtraction | undefined> {
  const source = await loadReadability();
  const answer: unknown = await page.evaluate(readabilityExpression(source, limit));
  return toRawExtraction(answer, limit);
}

/** The body's text length now, or undefined when the page is between documents (navigating). */
export async function textLength(page: Page): Promise<number | undefined> {
  try {
    const length: unknown = await page.evaluate(TEXT_LENGTH_SOURCE);
    return typeof length === 'number' ? length : undefined;
  } catch {
    return undefined;
  }
}
