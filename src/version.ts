/**
 * The library's version, sent in User-Agent headers and as the tracer version. Kept in step with package.json by a test.
 *
 * @example
 * ```ts
 * console.log(`scribe-pipeline ${VERSION}`);
 * ```
 */
export const VERSION = '0.1.0';

/**
 * The instrumentation scope and user-agent product name.
 *
 * @example
 * ```ts
 * const tracer = trace.getTracer(LIBRARY_NAME, VERSION);
 * ```
 */
export const LIBRARY_NAME = 'scribe-pipeline';

/** Where a site or API owner who sees our User-Agent can learn what we are. */
export const PROJECT_URL = 'https://github.com/scribe-pipeline/scribe-pipeline';

/**
 * The one User-Agent every outgoing request of the library sends (search, paper sources and the
 * scraper), optionally with a contact such as `mailto:team@example.org` (Crossref's and arXiv's
 * polite pools ask for one).
 *
 * @example
 * ```ts
 * libraryUserAgent('mailto:team@example.org'); // 'scribe-pipeline/0.1.0 (+https://github.com/...; mailto:team@example.org)'
 * ```
 */
export function libraryUserAgent(contact?: string): string {
  return `${LIBRARY_NAME}/${VERSION} (+${PROJECT_URL}${contact ? `; ${contact}` : ''})`;
}
