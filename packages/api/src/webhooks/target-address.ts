import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from "node:dns";
import { promises as dns } from "node:dns";
import ipaddr from "ipaddr.js";

// Webhook URLs are chosen by the workshop's integrators, and our server makes the request: without a
// check, a URL could make it talk to services on our own network or to a cloud's metadata endpoint.
// Addresses are checked when an endpoint is saved, and again at every send on the address actually
// connected to (a DNS name may point somewhere else by then).

/**
 * Only ordinary public (unicast) addresses may receive webhooks: loopback, private, link-local (which
 * holds cloud metadata at 169.254.169.254), unique-local, carrier-grade NAT, multicast, reserved and
 * tunnelling ranges are refused. An IPv4 address written as IPv6 (::ffff:10.0.0.1) counts as IPv4.
 */
export function isForbiddenAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return true;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  return parsed.range() !== "unicast";
}

/** Why a URL's host may not receive webhooks, or null when it may. Resolves the name as a send would. */
export async function forbiddenTargetReason(url: string): Promise<string | null> {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
  let addresses: string[];
  try {
    addresses = ipaddr.isValid(host) ? [host] : (await dns.lookup(host, { all: true })).map((entry) => entry.address);
  } catch {
    return `the host ${host} could not be resolved`;
  }
  const forbidden = addresses.find(isForbiddenAddress);
  return forbidden ? `the host ${host} resolves to ${forbidden}, a loopback, private, link-local or reserved address` : null;
}

/** A `lookup` for http.request that refuses forbidden addresses: the connection goes only where it was checked. */
export function guardedLookup(
  hostname: string,
  options: LookupOptions,
  callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
): void {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    const list = addresses as LookupAddress[];
    const bad = list.find((entry) => isForbiddenAddress(entry.address));
    if (bad) {
      const refused: NodeJS.ErrnoException = new Error(`${hostname} resolves to ${bad.address}, which webhooks may not reach`);
      refused.code = "EADDRNOTALLOWED";
      return callback(refused, []);
    }
    if (options.all) return callback(null, list);
    const first = list[0]!;
    callback(null, first.address, first.family);
  });
}
