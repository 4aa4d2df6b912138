/**
 * The key the default rate limiter counts a client address under.
 *
 * An IPv6 address counts by its /64 network (its first four groups): that is the block one
 * subscriber or one server is given, and a client holding one can pick any of its 2^64
 * addresses, so keying by the full address would give it a fresh window per request. An
 * IPv4 address, or IPv4 written as IPv6 (`::ffff:203.0.113.5`, as a dual-stack socket
 * reports it), counts by itself. Anything that parses as neither is kept as it is.
 *
 * @module
 */

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const IPV4_MAPPED = /^(?:0{0,4}:){0,5}:?ffff:(\d{1,3}(?:\.\d{1,3}){3})$/;
const GROUP = /^[0-9a-f]{1,4}$/;

/** The rate-limit key of `address`: see the module's description. */
export function clientKey(address: string): string {
  if (IPV4.test(address)) return address;
  // Brackets (from a URL's host) and a zone (`fe80::1%eth0`) say nothing about the client.
  const text = address.replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, '').toLowerCase();
  const mapped = IPV4_MAPPED.exec(text);
  if (mapped !== null) return mapped[1]!;
  const groups = ipv6Groups(text);
  return groups === undefined ? address : `${groups.slice(0, 4).join(':')}::/64`;
}

/** The eight groups of an IPv6 address, leading zeros dropped; undefined when it is not one. */
function ipv6Groups(text: string): string[] | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] === '' ? [] : halves[0]!.split(':');
  const tail = halves.length === 1 || halves[1] === '' ? [] : halves[1]!.split(':');
  const elided = 8 - head.length - tail.length;
  // `::` stands for at least one group; without it, all eight are written out.
  if (halves.length === 2 ? elided < 1 : elided !== 0) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 2 ? elided : 0).fill('0'), ...tail];
  if (!groups.every((group) => GROUP.test(group))) return undefined;
  return groups.map((group) => group.replace(/^0+(?=.)/, ''));
}
