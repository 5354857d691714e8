import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiRateLimits } from "../rate-limits/api-limits";
import { createHttpApp } from "../http/http-app";
import { createTestServices, type TestServices } from "./test-services";
import { createWorkshopFixture } from "./fixtures";
import { fetchApp } from "./test-http";
import { ResponseChecker, type Exchange } from "./openapi-check";

// The check that keeps the document honest: an answer the document does not describe fails the test
// that sees it. Here the API is made to answer wrongly on purpose.

const checker = new ResponseChecker();
const json = (body: unknown, headers: Record<string, string> = {}) =>
  new Headers({ "content-type": "application/json; charset=utf-8", "x-request-id": "r1", ...headers });
const exchange = (over: Partial<Exchange> & { json?: unknown }): Exchange => ({
  method: "GET",
  url: "/api/ws/messages",
  status: 200,
  headers: json(null),
  body: new TextEncoder().encode(JSON.stringify(over.json ?? { data: [], meta: { next_cursor: null, has_more: false } })),
  ...over,
});

describe("checking an answer against the document", () => {
  it("takes an answer the document describes", () => {
    expect(() => checker.check(exchange({}))).not.toThrow();
    expect(() => checker.check(exchange({ url: "/api/trpc/messages.list", status: 418 }))).not.toThrow();
  });

  it("refuses a status the operation does not list", () => {
    expect(() => checker.check(exchange({ status: 418 }))).toThrow(/does not list for GET \/api\/ws\/messages/);
  });

  it("refuses a body with a field the schema does not have, or without one it requires", () => {
    expect(() => checker.check(exchange({ json: { data: [], meta: { next_cursor: null, has_more: false }, extra: 1 } }))).toThrow(
      /must NOT have additional properties/,
    );
    expect(() => checker.check(exchange({ json: { data: [], meta: { next_cursor: null } } }))).toThrow(/has_more/);
  });

  it("refuses an error code that does not belong to the status", () => {
    const body = { success: false, message: "x", error: { code: "NOT_FOUND" } };
    expect(() => checker.check(exchange({ status: 422, json: body }))).toThrow(/allowed values/);
  });

  it("refuses a missing required header, an undocumented content type, and a wrong Allow", () => {
    const unauthorized = { success: false, message: "x", error: { code: "UNAUTHORIZED" } };
    expect(() => checker.check(exchange({ status: 401, json: unauthorized }))).toThrow(/without the header WWW-Authenticate/);
    expect(() => checker.check(exchange({ headers: new Headers({ "content-type": "text/html", "x-request-id": "r" }) }))).toThrow(
      /Content-Type text\/html/,
    );
    const notAllowed = { success: false, message: "x", error: { code: "METHOD_NOT_ALLOWED" } };
    expect(() =>
      checker.check(exchange({ method: "DELETE", status: 405, json: notAllowed, headers: json(null, { allow: "GET, OPTIONS" }) })),
    ).toThrow(/Allow: GET, OPTIONS/);
  });

  it("refuses an answer from a path or method the document does not have", () => {
    expect(() => checker.check(exchange({ url: "/api/ws/no-such-thing" }))).toThrow(/the API document says 404/);
    expect(() => checker.check(exchange({ method: "DELETE" }))).toThrow(/the API document says 405/);
  });
});

describe("a route that answers what its descriptor does not describe", () => {
  let services: TestServices;
  let token: string;
  beforeAll(async () => {
    services = await createTestServices();
    token = (await createWorkshopFixture(services.db, "Avvik Bil")).token.secret;
  });
  afterAll(() => services?.close());

  /** The real app, with its answers changed on their way out. */
  async function tamperedApp(tamper: (payload: string) => string, status?: number): Promise<FastifyInstance> {
    const app = createHttpApp({
      getServices: async () => services,
      getSession: async () => null,
      readiness: async () => ({ ready: true, checks: {} }),
      getRateLimits: async () => createApiRateLimits({ kind: "memory" }),
      trustProxy: false,
      shutdownSignal: new AbortController().signal,
    });
    app.addHook("onSend", async (_request, reply, payload) => {
      if (status) reply.code(status);
      return typeof payload === "string" ? tamper(payload) : payload;
    });
    await app.ready();
    return app;
  }

  it("fails the test that sees it", async () => {
    const headers = { Authorization: `Bearer ${token}` };
    const renamed = fetchApp(await tamperedApp((payload) => payload.replace('"has_more"', '"hasMore"')));
    await expect(renamed("/api/ws/messages", { headers })).rejects.toThrow(/has_more/);
    const teapot = fetchApp(await tamperedApp((payload) => payload, 418));
    await expect(teapot("/api/ws/messages", { headers })).rejects.toThrow(/answered 418/);
    // The same app, unchecked, answers as tampered: it is the check that catches it.
    const unchecked = fetchApp(await tamperedApp((payload) => payload.replace('"has_more"', '"hasMore"')), { checkAgainstDocument: false });
    expect((await (await unchecked("/api/ws/messages", { headers })).json()).meta).toHaveProperty("hasMore");
  });
});
