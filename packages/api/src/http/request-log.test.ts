import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { createWorkshopFixture as CreateWorkshopFixture } from "../testing/fixtures";
import type { TestServices } from "../testing/test-services";
import type * as LoggerModule from "../logger";

// The request log as an operator reads it: one JSON line per request with its id, method, route
// pattern, status, duration and workshop; never a token, a cookie, a query string or a message body.

const lines: Record<string, unknown>[] = [];
vi.mock("../logger", async (importOriginal) => {
  const real = await importOriginal<typeof LoggerModule>();
  const capture = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString("utf8").split("\n").filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { ...real, logger: real.createLogger(capture, "info") };
});

let services: TestServices;
let call: (path: string, init?: RequestInit) => Promise<Response>;
let workshop: Awaited<ReturnType<typeof CreateWorkshopFixture>>;

beforeAll(async () => {
  const { createTestServices } = await import("../testing/test-services");
  const { createWorkshopFixture } = await import("../testing/fixtures");
  const { createTestHttpApp, fetchApp } = await import("../testing/test-http");
  services = await createTestServices();
  workshop = await createWorkshopFixture(services.db, "Logg Bil");
  call = fetchApp(await createTestHttpApp(services));
});
afterAll(() => services?.close());

const requestLines = () => lines.filter((line) => line.msg === "request");

describe("request log", () => {
  it("has one line per request with id, method, route pattern, status, duration and workshop, and nothing secret", async () => {
    const body = "Bremseklossene er på 2 mm, skal vi bytte?";
    const res = await call(`/api/ws/messages/thread/${workshop.booking.id}/send?token=leaked-in-query`, {
      method: "POST",
      headers: {
        Authorization: `Bearer ${workshop.token.secret}`,
        "Content-Type": "application/json",
        Cookie: "next-auth.session-token=cookie-secret",
        "X-Request-Id": "req-from-proxy-1",
      },
      body: JSON.stringify({ body }),
    });
    expect(res.status).toBe(201);
    expect(res.headers.get("x-request-id")).toBe("req-from-proxy-1");

    const line = requestLines().find((entry) => entry.reqId === "req-from-proxy-1");
    expect(line).toMatchObject({
      method: "POST",
      route: "/api/ws/messages/thread/:booking_id/send",
      status: 201,
      workshop: workshop.workshop.id,
    });
    expect(typeof line!.ms).toBe("number");

    const all = JSON.stringify(lines);
    expect(all).not.toContain(workshop.token.secret);
    expect(all).not.toContain("cookie-secret");
    expect(all).not.toContain("leaked-in-query");
    expect(all).not.toContain(body);
  });

  it("generates a request id when none (or a malformed one) is given, and logs a refused caller without a workshop", async () => {
    const res = await call("/api/ws/messages", {
      headers: { Authorization: "Bearer wrong-token-value", "X-Request-Id": "bad id\twith space" },
    });
    expect(res.status).toBe(401);
    const id = res.headers.get("x-request-id")!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const line = requestLines().find((entry) => entry.reqId === id);
    expect(line).toMatchObject({ method: "GET", route: "/api/ws/messages", status: 401 });
    expect(line).not.toHaveProperty("workshop");
    expect(JSON.stringify(lines)).not.toContain("wrong-token-value");
  });
});
