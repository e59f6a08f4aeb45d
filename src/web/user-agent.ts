import { ConfigurationError } from '../core/errors/configuration-error.js';
import { libraryUserAgent } from '../version.js';

/**
 * The User-Agent the web scraper sends by default, the same as search and the paper sources send:
 * honest about what it is, with a link a site owner can follow to learn more. Its product token (`scribe-pipeline`) is what robots.txt
 * `User-agent:` lines match.
 */
export const DEFAULT_USER_AGENT = libraryUserAgent();

/**
 * Checks a host's User-Agent override: a non-empty single line of printable ASCII (a header value
 * with a CR or LF would let it inject headers). Returns the default when `value` is undefined.
 *
 * @throws ConfigurationError naming `component` and the `userAgent` option.
 */
export function checkUserAgent(component: string, value: unknown = DEFAULT_USER_AGENT): string {
  if (typeof value !== 'string' || value.trim() === '' || !/^[\x20-\x7e]+$/.test(value)) {
    throw new ConfigurationError({
      component,
      option: 'userAgent',
      message: 'must be a non-empty single line of printable ASCII',
    });
  }
  return value.trim();
}
