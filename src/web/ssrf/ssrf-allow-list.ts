import { ConfigurationError } from '../../core/errors/configuration-error.js';
import { normaliseAddress } from './ssrf-address-policy.js';

/** The host's exceptions to the public-only rule, parsed and normalised once. */
export interface AllowList {
  /** Exact origins, as `URL.origin` spells them (`http://127.0.0.1:8080`, default ports dropped). */
  readonly origins: ReadonlySet<string>;
  /** Exact addresses, as {@link normaliseAddress} spells them. */
  readonly addresses: ReadonlySet<string>;
}

const COMPONENT = 'url guard';
const OPTION = 'allow';
const UNSPECIFIED = new Set(['0.0.0.0', '::']);

function refuse(index: number, entry: unknown, why: string): never {
  throw new ConfigurationError({
    component: COMPONENT,
    option: `${OPTION}[${index}]`,
    message: `${why}, got ${JSON.stringify(entry)}`,
  });
}

/**
 * Parses the guard's `allow` option. Each entry is an exact origin (`http://127.0.0.1:8080`) or an
 * exact IP address (`10.0.0.5`, `::1`). Anything else is a configuration error, found when the
 * guard is built rather than when the first page is refused: ranges (`10.0.0.0/8`), wildcards and
 * the unspecified addresses are refused on purpose, so no entry can quietly open every private
 * address.
 */
export function parseAllowList(entries: unknown): AllowList {
  if (entries === undefined) return { origins: new Set(), addresses: new Set() };
  if (!Array.isArray(entries)) {
    throw new ConfigurationError({
      component: COMPONENT,
      option: OPTION,
      message: 'must be an array of strings',
    });
  }
  const origins = new Set<string>();
  const addresses = new Set<string>();
  entries.forEach((entry: unknown, index) => {
    if (typeof entry !== 'string' || entry.trim() === '') refuse(index, entry, 'must be a non-empty string');
    const text = entry.trim();
    if (text.includes('/') && !text.includes('://')) {
      refuse(index, entry, 'is a range; ranges are not supported, list exact addresses');
    }
    const address = normaliseAddress(text);
    if (address !== undefined) {
      if (UNSPECIFIED.has(address)) refuse(index, entry, 'means every address; list exact addresses');
      addresses.add(address);
      return;
    }
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      refuse(index, entry, 'is neither an origin like http://127.0.0.1:8080 nor an IP address like 10.0.0.5');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      refuse(index, entry, 'must be an http or https origin');
    }
    if (
      url.username !== '' ||
      url.password !== '' ||
      url.pathname !== '/' ||
      url.search !== '' ||
      url.hash !== ''
    ) {
      refuse(index, entry, 'must be an origin only (scheme, host and port; no credentials, path or query)');
    }
    const host = normaliseAddress(url.hostname);
    if (host !== undefined && UNSPECIFIED.has(host)) {
      refuse(index, entry, 'has an unspecified host that means every address; name the exact one');
    }
    origins.add(url.origin);
  });
  return { origins, addresses };
}
