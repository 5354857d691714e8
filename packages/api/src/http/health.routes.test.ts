import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiRateLimits } from "../rate-limits/api-limits";
import { createHttpApp } from "./http-app";
import { createTestServices, type TestServices } from "../testing/test-services";
import { fetchApp } from "../testing/test-http";
import type { ReadinessReport } from "./health.routes";

// The health checks as a load balancer calls them (every answer checked against the API document).

let services: TestServices;
beforeAll(async () => {
  services = await createTestServices();
});
afterAll(() => services?.close());

async function appWith(report: ReadinessReport) {
  const app = createHttpApp({
    getServices: async () => services,
    getSession: async () => null,
    readiness: async () => report,
    getRateLimits: async () => createApiRateLimits({ kind: "memory" }),
    trustProxy: false,
    shutdownSignal: new AbortController().signal,
  });
  await app.ready();
  return fetchApp(app);
}

describe("health checks", () => {
  it("answer livez and readyz without a token", async () => {
    const call = await appWith({ ready: true, checks: { database: { ok: true }, storage: { ok: true } } });
    expect(await (await call("/api/livez")).json()).toEqual({ status: "ok" });
    const ready = await call("/api/readyz");
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ready", checks: { database: { ok: true }, storage: { ok: true } } });
    expect((await call("/api/livez", { method: "HEAD" })).status).toBe(200);
  });

  it("answer 503 with Retry-After naming the failing part while not ready", async () => {
    const call = await appWith({ ready: false, checks: { database: { ok: false, error: "connection refused" } } });
    const res = await call("/api/readyz");
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    expect((await res.json()).checks.database).toEqual({ ok: false, error: "connection refused" });
  });

  it("list their methods, and refuse others with 405", async () => {
    const call = await appWith({ ready: true, checks: {} });
    expect((await call("/api/livez", { method: "OPTIONS" })).headers.get("allow")).toBe("GET, HEAD, OPTIONS");
    expect((await call("/api/readyz", { method: "POST" })).status).toBe(405);
    expect((await call("/api/nothing-here")).status).toBe(404);
  });
});
