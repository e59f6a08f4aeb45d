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
