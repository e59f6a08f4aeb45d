import type { LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { Agent, buildConnector } from 'undici';
import type { UrlGuard } from '../ssrf/ssrf-guard.js';

/**
 * A `net.connect` lookup that answers with addresses the guard has just checked, so the socket can
 * only go where the check said it may. Node asks with `all: true` when it races addresses
 * (autoSelectFamily), and for a single address otherwise.
 */
function checkedLookup(addresses: readonly string[]): LookupFunction {
  const entries: LookupAddress[] = addresses.map((address) => ({ address, family: isIP(address) }));
  return (_hostname, options, callback) => {
    const wanted = options.family === 4 || options.family === 6 ? options.family : undefined;
    const matching = wanted === undefined ? entries : entries.filter((entry) => entry.family === wanted);
    const first = matching[0];
    if (first === undefined) {
      callback(
        Object.assign(new Error('no checked address of the requested family'), { code: 'ENOTFOUND' }),
        [],
      );
    } else if (options.all) {
      callback(null, matching);
    } else {
      callback(null, first.address, first.family);
    }
  };
}

/**
 * An undici `Agent` whose every new connection is checked by the SSRF guard at connect time: the
 * connector resolves the host through the guard (every address checked) and hands `net.connect` a
 * lookup that can only answer with those checked addresses. A name that answered with a public
 * address when the URL was checked and a private one a moment later (DNS rebinding) is refused
 * here, before any socket opens. The refusal reaches `fetch` as the `cause` of its TypeError.
 *
 * Keep-alive connections are reused only for the origin they were checked for. The check is
 * bounded by `connectTimeoutMs`, like the connection it guards.
 *
 * @example
 * ```ts
 * const agent = createGuardedAgent(createUrlGuard());
 * const response = await fetch('https://example.org/', { dispatcher: agent, redirect: 'manual' });
 * await agent.destroy();
 * ```
 */
export function createGuardedAgent(guard: UrlGuard, { connectTimeoutMs = 10_000 } = {}): Agent {
  return new Agent({
    connect: (options, callback) => {
      // `host` keeps the brackets of an IPv6 literal and any explicit port: a valid URL authority.
      const origin = `${options.protocol}//${options.host ?? options.hostname}`;
      // Bounded like the connection itself: undici gives the connector no signal, and a lookup
      // that never answers would otherwise hold the request (and a libuv thread) for good.
      guard.check(origin, { signal: AbortSignal.timeout(connectTimeoutMs) }).then(
        (addresses) => {
          const connect = buildConnector({ timeout: connectTimeoutMs, lookup: checkedLookup(addresses) });
          connect(options, callback);
        },
        (error: unknown) => {
          const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
          const failure = timedOut
            ? Object.assign(
                new Error(`checking the addresses of ${origin} took longer than ${connectTimeoutMs} ms`, {
                  cause: error,
                }),
                { code: 'UND_ERR_CONNECT_TIMEOUT' },
              )
            : error;
          callback(failure instanceof Error ? failure : new Error(String(failure)), null);
        },
      );
    },
  });
}
