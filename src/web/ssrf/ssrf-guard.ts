import { lookup as dnsLookup } from 'node:dns/promises';
import { settleBeforeAbort } from '../../core/signal.js';
import { addressRefusal, normaliseAddress, PUBLIC_PORTS } from './ssrf-address-policy.js';
import { parseAllowList } from './ssrf-allow-list.js';
import { UrlBlockedError } from './url-blocked-error.js';

/** One address a host name resolves to. */
export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Resolves a host name to every address it has. */
export type HostLookup = (hostname: string) => Promise<readonly ResolvedAddress[]>;

/** Options for {@link createUrlGuard}. */
export interface UrlGuardOptions {
  /**
   * Exact origins (`'http://127.0.0.1:8080'`) or exact addresses (`'10.0.0.5'`, `'::1'`) the host
   * allows although they are not public. An origin opens exactly that scheme, host and port; an
   * address opens that address on any port, under any host name that resolves to it. Ranges and
   * wildcards are refused: there is no "allow all private addresses" switch.
   */
  allow?: readonly string[];
  /**
   * For tests: DNS lookup returning every address. Default: `node:dns/promises` `lookup` with
   * `{ all: true, order: 'verbatim' }` (the current spelling of `verbatim: true`).
   */
  lookup?: HostLookup;
}

/** Decides which URLs and addresses the scraper may contact. */
export interface UrlGuard {
  /**
   * Parses the URL, checks its scheme, credentials and port, resolves every address of its host
   * and checks each one. Returns the checked addresses; a connection must go to one of these, not
   * to a fresh lookup's answer.
   *
   * @throws UrlBlockedError saying why the URL is refused.
   * @throws the lookup's own error (e.g. `ENOTFOUND`) when the name does not resolve: that is a
   * network failure, not a refusal. An abort rejects with the signal's reason.
   */
  check(url: string | URL, options?: { signal?: AbortSignal }): Promise<readonly string[]>;
  /**
   * Checks one already-resolved address for a URL's origin (at connect time, or in a browser's
   * request handler). Returns why it is refused, or undefined when it is allowed.
   */
  refusalFor(origin: string, address: string): string | undefined;
}

function effectivePort(url: URL): number {
  if (url.port !== '') return Number(url.port);
  return url.protocol === 'https:' ? 443 : 80;
}

function bareHost(url: URL): string {
  const { hostname } = url;
  return hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
}

const defaultLookup: HostLookup = (hostname) => dnsLookup(hostname, { all: true, order: 'verbatim' });

/**
 * Builds the SSRF guard every fetch of the web scraper goes through, on the HTTP path and in the
 * browser. Only http and https, no credentials, public addresses on ports 80 and 443, and the
 * host's exact exceptions. A host name is refused when ANY of its addresses is refused, because the
 * connection may use any of them.
 *
 * @throws ConfigurationError when an `allow` entry is not an exact origin or address.
 *
 * @example
 * ```ts
 * const guard = createUrlGuard({ allow: ['http://127.0.0.1:8080'] });
 * await guard.check('https://example.org/people/ada'); // the addresses it may connect to
 * await guard.check('http://169.254.169.254/');        // throws UrlBlockedError
 * ```
 */
export function createUrlGuard(options: UrlGuardOptions = {}): UrlGuard {
  const allow = parseAllowList(options.allow);
  const lookup = options.lookup ?? defaultLookup;

  function refusalFor(origin: string, address: string): string | undefined {
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      return `${origin} is not an origin`;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      return `scheme ${url.protocol} is not http or https`;
    if (allow.origins.has(url.origin)) return undefined;
    const normal = normaliseAddress(address);
    if (normal !== undefined && allow.addresses.has(normal)) return undefined;
    const refusal = addressRefusal(address);
    if (refusal !== undefined) return refusal;
    const port = effectivePort(url);
    if (!PUBLIC_PORTS.has(port)) return `port ${port} is refused for public hosts (only 80 and 443)`;
    return undefined;
  }

  async function check(
    input: string | URL,
    { signal }: { signal?: AbortSignal } = {},
  ): Promise<readonly string[]> {
    signal?.throwIfAborted();
    let url: URL;
    try {
      url = new URL(input);
    } catch {
      throw new UrlBlockedError({ url: String(input), reason: 'not a valid URL' });
    }
    const refused = (reason: string) => new UrlBlockedError({ url: url.href, reason });
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw refused(`scheme ${url.protocol} is not http or https`);
    }
    if (url.username !== '' || url.password !== '') throw refused('URLs with credentials are refused');

    const host = bareHost(url);
    const literal = normaliseAddress(host);
    const port = effectivePort(url);
    // Without address exceptions no address of a name can open another port: refuse before any
    // DNS query. (An address literal goes on to refusalFor, which names a private address first.)
    if (
      literal === undefined &&
      !PUBLIC_PORTS.has(port) &&
      !allow.origins.has(url.origin) &&
      allow.addresses.size === 0
    ) {
      // A name not yet resolved: it may be public or private, so the message claims neither.
      throw refused(
        `port ${port} is refused: a host name is reached only on 80 and 443, unless \`allow\` names its origin`,
      );
    }

    const addresses =
      literal !== undefined
        ? [host]
        : (await settleBeforeAbort(lookup(host), signal)).map((entry) => entry.address);
    if (addresses.length === 0) throw refused(`${host} resolved to no address`);
    for (const address of addresses) {
      const reason = refusalFor(url.origin, address);
      if (reason !== undefined)
        throw refused(literal !== undefined ? reason : `${host} resolves to ${address}: ${reason}`);
    }
    return addresses;
  }

  return { check, refusalFor };
}
