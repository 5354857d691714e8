import type { IncomingHttpHeaders } from "node:http";

/**
 * What authorization needs to know of a request, whatever carried it (a Node request in the HTTP
 * server, a fetch `Request` in tRPC, Next's `headers()` in server components).
 */
export interface RequestMeta {
  method: string;
  /** A request header by lower-case name, or null. */
  header(name: string): string | null;
}

export function metaFromHeaders(method: string, headers: Headers): RequestMeta {
  return { method: method.toUpperCase(), header: (name) => headers.get(name) };
}

export function metaFromNode(method: string, headers: IncomingHttpHeaders): RequestMeta {
  return {
    method: method.toUpperCase(),
    header(name) {
      const value = headers[name];
      return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
    },
  };
}
