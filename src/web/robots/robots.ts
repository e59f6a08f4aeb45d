import robotsParserModule from 'robots-parser';
import { settleBeforeAbort } from '../../core/signal.js';
import type { HttpFetcher } from '../http/fetch-page.js';
import { DEFAULT_USER_AGENT } from '../user-agent.js';

/** Google reads at most 500 KiB of a robots.txt; rules after that are ignored, here too. */
export const ROBOTS_TXT_MAX_BYTES = 500 * 1024;

/** Options for {@link createRobotsCache}. */
export interface RobotsCacheOptions {
  /** The guarded HTTP fetcher: robots.txt on a refused host is refused like any page. */
  fetcher: Pick<HttpFetcher, 'fetchText'>;
  /** The User-Agent whose product token (`scribe-pipeline`) the rules are matched against. */
  userAgent?: string;
}

/** robots.txt rules, fetched once per origin and kept for the life of the cache. */
export interface RobotsCache {
  /**
   * Whether robots.txt lets our User-Agent read `url`. True when the origin has no usable
   * robots.txt (see {@link createRobotsCache} for which failures count as "no robots.txt"), and
   * for a URL the guard refuses: the page fetch then reports `blocked`, the accurate reason.
   * An abort rejects with the signal's reason; the shared fetch goes on for other askers.
   */
  isAllowed(url: string, options?: { signal?: AbortSignal }): Promise<boolean>;
}

type Rules = (url: string) => boolean;

// The package is CommonJS (`module.exports = function`), but its types declare an ES default
// export, which under NodeNext types the import as the namespace. At run time the import is the
// function itself.
const robotsParser = robotsParserModule as unknown as typeof robotsParserModule.default;

const ALLOW_ALL: Rules = () => true;

/**
 * A robots.txt cache for one scraper run. Each origin's robots.txt is fetched once; concurrent
 * asks for the same origin share the one fetch in flight. The fetch goes through the guarded
 * HTTP fetcher (same SSRF checks, timeout and User-Agent) and is capped at 500 KiB.
 *
 * What a missing or broken robots.txt means:
 * - 2xx: the rules as written.
 * - 4xx (401 and 403 included): no rules, everything allowed (RFC 9309 §2.3.1.3, and Google).
 * - 5xx, timeout, network failure, too many redirects: also everything allowed. RFC 9309 and
 *   Google treat an unreachable robots.txt as "disallow everything" to protect a struggling server
 *   from a crawler's load. We are not a crawler: we read a handful of pages a user pointed us at,
 *   one request each, so that load never happens; and if the site really is down, the page fetch
 *   fails with the true reason (`http-status`, `timeout`, `network`) instead of a misleading
 *   `robots`. A site whose robots.txt handler errors while its pages work stays readable.
 * - Refused by the SSRF guard: allowed here; the page fetch is refused with reason `blocked`.
 *
 * @example
 * ```ts
 * const robots = createRobotsCache({ fetcher, userAgent: DEFAULT_USER_AGENT });
 * if (!(await robots.isAllowed('https://example.org/private/notes'))) skip('robots');
 * ```
 */
export function createRobotsCache({
  fetcher,
  userAgent = DEFAULT_USER_AGENT,
}: RobotsCacheOptions): RobotsCache {
  const byOrigin = new Map<string, Promise<Rules>>();

  async function load(origin: string): Promise<Rules> {
    const robotsUrl = `${origin}/robots.txt`;
    // No caller's signal: one asker giving up must not fail the others sharing this fetch. The
    // fetcher's own timeout bounds it, and it never rejects without a signal.
    const result = await fetcher.fetchText(robotsUrl, { maxBytes: ROBOTS_TXT_MAX_BYTES });
    if (!result.ok) return ALLOW_ALL;
    // Parsed against the URL asked for, not a redirect target: the rules are the origin's own.
    const robots = robotsParser(robotsUrl, result.text);
    return (url) => robots.isAllowed(url, userAgent) !== false;
  }

  return {
    async isAllowed(url, { signal } = {}) {
      signal?.throwIfAborted();
      if (!URL.canParse(url)) return true;
      const { origin, protocol } = new URL(url);
      if (protocol !== 'http:' && protocol !== 'https:') return true;
      let rules = byOrigin.get(origin);
      if (rules === undefined) {
        rules = load(origin);
        byOrigin.set(origin, rules);
        // A load that failed is not remembered: the next ask tries again.
        rules.catch(() => byOrigin.delete(origin));
      }
      return (await settleBeforeAbort(rules, signal))(url);
    },
  };
}
