import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/** The only ports a public host may be reached on. */
export const PUBLIC_PORTS: ReadonlySet<number> = new Set([80, 443]);

// All allocated global unicast IPv6 space. ipaddr.js calls `::7f00:1` (a deprecated IPv4-compatible
// address that embeds 127.0.0.1) 'unicast'; requiring 2000::/3 refuses that and anything else
// outside the global space without listing ranges one by one.
const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3');

/** Readable names for ipaddr.js ranges, used in refusal reasons. */
const RANGE_NAMES: Readonly<Record<string, string>> = {
  unspecified: 'an unspecified address',
  broadcast: 'the broadcast address',
  multicast: 'a multicast address',
  linkLocal: 'a link-local address',
  loopback: 'a loopback address',
  carrierGradeNat: 'a carrier-grade NAT address',
  private: 'a private address',
  reserved: 'a reserved address',
  benchmarking: 'a benchmarking address',
  uniqueLocal: 'a unique-local (private) address',
  ipv4Mapped: 'an IPv4-mapped address',
  rfc6145: 'an IPv4-translated address',
  rfc6052: 'a NAT64 address embedding IPv4',
  '6to4': 'a 6to4 address embedding IPv4',
  teredo: 'a Teredo address embedding IPv4',
};

/**
 * The canonical text of an IP address, with IPv4-mapped IPv6 (`::ffff:127.0.0.1`,
 * `::ffff:7f00:1`) unwrapped to IPv4 and IPv6 zone ids dropped. Undefined when `address` is not a
 * plain IP address (`net.isIP`'s strict syntax, so `0x7f.1` is not one: only URL hosts get the
 * WHATWG parser's lenient forms, and it canonicalises them first).
 */
export function normaliseAddress(address: string): string | undefined {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  if (isIP(bare) === 0) return undefined;
  const processed = ipaddr.process(bare);
  if (processed.kind() === 'ipv6') (processed as ipaddr.IPv6).zoneId = undefined;
  return processed.toString();
}

/**
 * Why an address is not a public one, or undefined when it is. Public means ipaddr.js classifies
 * it `unicast` after unwrapping IPv4-mapped IPv6, and an IPv6 address lies in 2000::/3.
 *
 * NAT64 (64:ff9b::/96 and 64:ff9b:1::/48), 6to4 (2002::/16) and Teredo (2001::/32) addresses are
 * refused outright rather than checked for the IPv4 address they embed: no public web site is
 * published under them, and decoding each scheme correctly is more code to get wrong.
 */
export function addressRefusal(address: string): string | undefined {
  const normal = normaliseAddress(address);
  if (normal === undefined) return `${address} is not an IP address`;
  const parsed = ipaddr.parse(normal);
  const range = parsed.range();
  if (range !== 'unicast') return `${normal} is ${RANGE_NAMES[range] ?? `a non-public address (${range})`}`;
  if (parsed.kind() === 'ipv6' && !parsed.match(GLOBAL_UNICAST_V6)) {
    return `${normal} is outside the global unicast IPv6 range 2000::/3`;
  }
  return undefined;
}
