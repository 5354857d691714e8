import type { IncomingMessage } from "node:http";
import proxyAddr from "proxy-addr";

/** Set by our server on every request it hands to Next.js (any such header from outside is replaced). */
export const CLIENT_IP_HEADER = "x-minbil-client-ip";

/**
 * The client's address: the socket's peer, or, behind proxies named by TRUST_PROXY, the address they
 * forwarded (X-Forwarded-For). A forwarded address from anyone else is ignored, so a client cannot
 * choose its own address to escape per-address limits.
 */
export function createClientIpResolver(trust: TrustFunction): (request: IncomingMessage) => string {
  return (request) => proxyAddr(request, trust);
}

export type TrustFunction = (address: string, hop: number) => boolean;

/** TRUST_PROXY (as parsed by env.ts) as one function, for our resolver and for fastify alike. */
export function compileTrust(setting: boolean | number | string[]): TrustFunction {
  if (typeof setting === "boolean") return () => setting;
  if (typeof setting === "number") return (_address, hop) => hop < setting;
  return proxyAddr.compile(setting);
}
