import type { RequestMeta } from "./request-meta";

/**
 * The header our own pages send with every state-changing request. A page on another origin cannot
 * send it without a CORS preflight, which we never grant; a plain HTML form cannot send it at all.
 */
export const CSRF_HEADER = "x-minbil-csrf";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Whether a request authenticated by the session cookie comes from our own pages. Bearer-token
 * requests do not need this (a browser never adds a token by itself). Besides our header, the
 * browser's own statements must agree: `Sec-Fetch-Site` (when sent) says same-origin, and `Origin`
 * (when sent) names this host.
 */
export function isSameOriginRequest(request: RequestMeta): boolean {
  if (SAFE_METHODS.has(request.method)) return true;
  if (request.header(CSRF_HEADER) !== "1") return false;
  const site = request.header("sec-fetch-site");
  if (site !== null && site !== "same-origin") return false;
  const origin = request.header("origin");
  if (origin === null) return true;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return false;
  }
  const hosts = [request.header("host"), request.header("x-forwarded-host")?.split(",")[0]?.trim()];
  return hosts.some((host) => host && host.toLowerCase() === originHost.toLowerCase());
}
