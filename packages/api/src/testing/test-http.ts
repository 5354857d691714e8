import type { IncomingHttpHeaders } from "node:http";
import type { FastifyInstance } from "fastify";
import type { StaffSession } from "../auth/auth-context";
import type { Services } from "../context";
import { createHttpApp } from "../http/http-app";
import { createApiRateLimits, type ApiRateLimits } from "../rate-limits/api-limits";
import { responseChecker } from "./openapi-check";

/**
 * The API's HTTP server over real services, for tests (requests go in-process through `inject`).
 * Rate limits: in this app's memory with the settings of the environment (RATE_LIMIT_*), unless given.
 */
export async function createTestHttpApp(
  services: Services,
  options: { getSession?: (headers: IncomingHttpHeaders) => Promise<StaffSession | null>; rateLimits?: ApiRateLimits } = {},
): Promise<FastifyInstance> {
  const rateLimits = options.rateLimits ?? createApiRateLimits({ kind: "memory" });
  const app = createHttpApp({
    getServices: async () => services,
    getSession: options.getSession ?? (async () => null),
    readiness: async () => ({ ready: true, checks: {} }),
    getRateLimits: async () => rateLimits,
    trustProxy: false,
    shutdownSignal: new AbortController().signal,
  });
  await app.ready();
  return app;
}

/**
 * fetch()-like calls into the app: the test reads a real `Response`. Every answer is first checked
 * against the OpenAPI document (status, body, headers: see openapi-check.ts), so a route that answers
 * what its descriptor does not describe fails the test that sees it; `checkAgainstDocument: false`
 * only for tests of the check itself. `remoteAddress`: the client's address (default 127.0.0.1).
 */
export function fetchApp(app: FastifyInstance, options: { checkAgainstDocument?: boolean; remoteAddress?: string } = {}) {
  const check = options.checkAgainstDocument ?? true;
  return async (path: string, init: RequestInit = {}): Promise<Response> => {
    const request = new Request(`http://localhost:5000${path}`, init);
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => (headers[name] = value));
    const body = init.body === undefined ? undefined : Buffer.from(await request.arrayBuffer());
    const result = await app.inject({
      method: request.method as "GET",
      url: path,
      headers,
      ...(options.remoteAddress ? { remoteAddress: options.remoteAddress } : {}),
      ...(body ? { payload: body } : {}),
    });
    const responseHeaders = new Headers();
    for (const [name, value] of Object.entries(result.headers)) {
      if (value !== undefined) responseHeaders.set(name, Array.isArray(value) ? value.join(", ") : String(value));
    }
    const empty = result.statusCode === 204 || result.statusCode === 304 || request.method === "HEAD";
    if (check) {
      responseChecker().check({
        method: request.method,
        url: path,
        status: result.statusCode,
        headers: responseHeaders,
        body: empty ? new Uint8Array() : new Uint8Array(result.rawPayload),
      });
    }
    return new Response(empty ? null : new Uint8Array(result.rawPayload), { status: result.statusCode, headers: responseHeaders });
  };
}

/** fetch() over a real socket, with every answer checked against the OpenAPI document like fetchApp's. */
export async function checkedFetch(url: string, init: RequestInit = {}): Promise<Response> {
  const response = await fetch(url, init);
  const { pathname, search } = new URL(url);
  const method = (init.method ?? "GET").toUpperCase();
  responseChecker().check({
    method,
    url: pathname + search,
    status: response.status,
    headers: response.headers,
    body: new Uint8Array(await response.clone().arrayBuffer()),
  });
  return response;
}
