import pg from "pg";
import { rawExchange } from "../testing/raw-exchange";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RateLimitPolicy } from "@minbil/contracts/rest/rate-limits";
import { createStaffSession } from "../auth/staff-sessions";
import { createTestServices, type TestServices } from "../testing/test-services";
import { createWorkshopFixture } from "../testing/fixtures";
import { createTestHttpApp, fetchApp } from "../testing/test-http";
import { apiEnv } from "../env";
import { apiRateLimitSettings, createApiRateLimits, type ApiRateLimits } from "../rate-limits/api-limits";
import { createSignInLimits } from "../rate-limits/sign-in-limits";
import type { LimiterStore } from "../rate-limits/limiter-store";

// The API's rate limits as clients meet them: a budget per API token (sends separately), one per client
// address for requests without valid credentials, one per staff member for the inbox; the draft's
// RateLimit-Policy and RateLimit headers on every answer; 429 RATE_LIMITED with Retry-After over a limit;
// one budget across app processes on PostgreSQL; memory when the store cannot be reached.

const serverUrl = process.env.TEST_DATABASE_URL;

let services: TestServices;
let nordlys: Awaited<ReturnType<typeof createWorkshopFixture>>;
let fjord: Awaited<ReturnType<typeof createWorkshopFixture>>;
const apps: FastifyInstance[] = [];
const pools: pg.Pool[] = [];

beforeAll(async () => {
  services = await createTestServices();
  nordlys = await createWorkshopFixture(services.db, "Grense Bil");
  fjord = await createWorkshopFixture(services.db, "Kvote Auto");
});
afterAll(async () => {
  for (const app of apps) await app.close();
  for (const pool of pools) await pool.end().catch(() => {});
  await services?.close();
});

/** Limiters with the defaults, except the quotas given (small, so tests reach them). */
function limits(quotas: Partial<Record<RateLimitPolicy, number>>, store: LimiterStore = { kind: "memory" }): ApiRateLimits {
  const defaults = apiRateLimitSettings();
  return createApiRateLimits(store, { ...defaults, quotas: { ...defaults.quotas, ...quotas } });
}

async function appWith(rateLimits: ApiRateLimits, options: Parameters<typeof createTestHttpApp>[1] = {}) {
  const app = await createTestHttpApp(services, { ...options, rateLimits });
  apps.push(app);
  return app;
}

const bearer = (secret: string) => ({ Authorization: `Bearer ${secret}` });
const sendJson = (secret: string, body = "Hei") => ({
  method: "POST",
  headers: { ...bearer(secret), "Content-Type": "application/json" },
  body: JSON.stringify({ booking_id: nordlys.booking.id, body }),
});

/** The RateLimit header's item: policy, units left, seconds to the end of the window. */
function rateLimit(res: Response) {
  const match = /^"(\w+)";r=(\d+);t=(\d+)$/.exec(res.headers.get("ratelimit") ?? "");
  return match ? { policy: match[1], r: Number(match[2]), t: Number(match[3]) } : null;
}

async function expectRateLimited(res: Response, window = 60) {
  expect(res.status).toBe(429);
  const retryAfter = res.headers.get("retry-after");
  expect(retryAfter).toMatch(/^\d+$/);
  expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
  expect(Number(retryAfter)).toBeLessThanOrEqual(window);
  // The draft: Retry-After not before the end of the effective window the RateLimit header states.
  expect(rateLimit(res)).toMatchObject({ r: 0, t: Number(retryAfter) });
  return res;
}

describe("per API token", () => {
  it("answers 429 RATE_LIMITED with Retry-After, in the error shape, once the token's budget is spent; other tokens go on", async () => {
    const call = fetchApp(await appWith(limits({ token: 3 })));
    for (const left of [2, 1, 0]) {
      const res = await call("/api/ws/messages", { headers: bearer(nordlys.token.secret) });
      expect(res.status).toBe(200);
      expect(res.headers.get("ratelimit-policy")).toBe(`"token";q=3;w=60, "send";q=60;w=60`);
      expect(rateLimit(res)).toMatchObject({ policy: "token", r: left });
    }
    const refused = await expectRateLimited(await call("/api/ws/messages", { headers: bearer(nordlys.token.secret) }));
    expect(refused.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await refused.json()).toEqual({
      success: false,
      message: expect.stringMatching(/^Too many requests with this API token: at most 3 per 60 seconds\. Try again in \d+ seconds?\.$/),
      error: { code: "RATE_LIMITED" },
    });
    // The same budget over tRPC, answered in tRPC's error shape with the same code.
    const trpc = await expectRateLimited(await call("/api/trpc/messages.list?input=%7B%7D", { headers: bearer(nordlys.token.secret) }));
    expect(await trpc.json()).toMatchObject({ error: { data: { httpStatus: 429, appCode: "RATE_LIMITED" } } });

    const other = await call("/api/ws/messages", { headers: bearer(fjord.token.secret) });
    expect(other.status).toBe(200);
    expect(rateLimit(other)).toMatchObject({ policy: "token", r: 2 });
  });

  it("limits sends separately: over the send budget sends are refused (REST and tRPC) while reads go on", async () => {
    const call = fetchApp(await appWith(limits({ token: 20, send: 2 })));
    const secret = nordlys.token.secret;
    const first = await call("/api/ws/messages", sendJson(secret));
    expect(first.status).toBe(201);
    expect(first.headers.get("ratelimit-policy")).toBe(`"token";q=20;w=60, "send";q=2;w=60`);
    // The send budget is the one closer to its limit (1 left of 2, against 19 of 20).
    expect(rateLimit(first)).toMatchObject({ policy: "send", r: 1 });
    expect((await call(`/api/ws/messages/thread/${nordlys.booking.id}/send`, sendJson(secret))).status).toBe(201);

    const refused = await expectRateLimited(await call("/api/ws/messages", sendJson(secret)));
    expect((await refused.json()).message).toMatch(/^Too many messages sent with this API token: at most 2 per 60 seconds/);
    await expectRateLimited(await call(`/api/ws/messages/thread/${nordlys.booking.id}/send`, sendJson(secret)));
    const trpcSend = await expectRateLimited(await call("/api/trpc/messages.send", sendJson(secret)));
    expect(await trpcSend.json()).toMatchObject({ error: { data: { httpStatus: 429, appCode: "RATE_LIMITED", path: "messages.send" } } });

    // Reads spend the token's budget only: sends counted there too (5 of 20 so far), reads still answered.
    const read = await call("/api/ws/messages", { headers: bearer(secret) });
    expect(read.status).toBe(200);
    expect(rateLimit(read)).toMatchObject({ policy: "token", r: 20 - 6 });
    const trpcRead = await call("/api/trpc/messages.list?input=%7B%7D", { headers: bearer(secret) });
    expect(trpcRead.status).toBe(200);
    expect(await services.db.message.count({ where: { bookingId: nordlys.booking.id, body: "Hei" } })).toBe(2);
  });

  it("gives a failed send's place in the send budget back: only messages sent count", async () => {
    const call = fetchApp(await appWith(limits({ token: 50, send: 2 })));
    const secret = nordlys.token.secret;
    const invalid = { method: "POST", headers: { ...bearer(secret), "Content-Type": "application/json" } };
    for (const body of [{ booking_id: nordlys.booking.id }, { booking_id: 999_999, body: "Hei" }, { body: "Hei" }]) {
      const res = await call("/api/ws/messages", { ...invalid, body: JSON.stringify(body) });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
    await expect.poll(async () => rateLimit(await call("/api/ws/messages", { headers: bearer(secret) }))?.r).toBeGreaterThan(0);
    expect((await call("/api/ws/messages", sendJson(secret))).status).toBe(201);
    expect((await call("/api/ws/messages", sendJson(secret))).status).toBe(201);
    await expectRateLimited(await call("/api/ws/messages", sendJson(secret)));
  });

  it("counts each procedure of a tRPC batch, and a send in a batch against the send budget", async () => {
    const call = fetchApp(await appWith(limits({ token: 10, send: 5 })));
    const paths = "messages.list,messages.unreadSummary,messages.list";
    const batch = await call(`/api/trpc/${paths}?batch=1&input=${encodeURIComponent('{"0":{},"2":{}}')}`, {
      headers: bearer(fjord.token.secret),
    });
    expect(batch.status).toBe(200);
    expect(rateLimit(batch)).toMatchObject({ policy: "token", r: 7 });
    const sends = await call(`/api/trpc/messages.send,messages.send?batch=1`, {
      method: "POST",
      headers: { ...bearer(fjord.token.secret), "Content-Type": "application/json" },
      body: JSON.stringify({
        0: { booking_id: fjord.booking.id, body: "I en bunt" },
        1: { booking_id: fjord.booking.id, body: "Og en til" },
      }),
    });
    expect(sends.status).toBe(200);
    // Two sends of 5 (3 left), two more requests of 10 (5 left): the send budget is the closer one.
    expect(rateLimit(sends)).toMatchObject({ policy: "send", r: 3 });
  });
});

describe("per client address, for requests without valid credentials", () => {
  it("limits unauthenticated and bad-token requests per address; a bad token spends no good token's budget", async () => {
    const app = await appWith(limits({ address: 3, token: 5 }));
    const fromA = fetchApp(app, { remoteAddress: "192.0.2.10" });
    const fromB = fetchApp(app, { remoteAddress: "192.0.2.20" });

    for (const [left, headers] of [
      [2, bearer("mbw_not-a-token")],
      [1, {}],
      [0, bearer(nordlys.token.secret.slice(0, -2) + "xx")],
    ] as const) {
      const res = await fromA("/api/ws/messages", { headers });
      expect(res.status).toBe(401);
      expect(res.headers.get("ratelimit-policy")).toBe(`"address";q=3;w=60`);
      expect(rateLimit(res)).toMatchObject({ policy: "address", r: left });
    }
    const refused = await expectRateLimited(await fromA("/api/ws/messages", { headers: bearer("mbw_not-a-token") }));
    expect((await refused.json()).error.code).toBe("RATE_LIMITED");
    await expectRateLimited(await fromA("/api/trpc/messages.list?input=%7B%7D"));
    await expectRateLimited(await fromA("/api/ws/no-such-endpoint"));

    // Another address has its own budget.
    expect((await fromB("/api/ws/messages")).status).toBe(401);
    // A good token from the refused address: its own budget, untouched by the bad ones.
    const good = await fromA("/api/ws/messages", { headers: bearer(nordlys.token.secret) });
    expect(good.status).toBe(200);
    expect(rateLimit(good)).toMatchObject({ policy: "token", r: 4 });
  });

  it("never limits the health checks, and leaves the headers off them", async () => {
    const call = fetchApp(await appWith(limits({ address: 1 })));
    for (let i = 0; i < 4; i += 1) {
      for (const path of ["/api/livez", "/api/readyz"]) {
        const res = await call(path);
        expect(res.status).toBe(200);
        expect(res.headers.get("ratelimit-policy")).toBeNull();
        expect(res.headers.get("ratelimit")).toBeNull();
      }
    }
  });
});

describe("the headers", () => {
  it("are on 200, 4xx and 429 answers of REST and of token tRPC calls", async () => {
    const call = fetchApp(await appWith(limits({ token: 11 })));
    const auth = bearer(fjord.token.secret);
    const answers: [string, Response][] = [
      ["REST 200", await call("/api/ws/messages", { headers: auth })],
      [
        "REST 201",
        await call("/api/ws/messages", {
          ...sendJson(fjord.token.secret),
          body: JSON.stringify({ booking_id: fjord.booking.id, body: "x" }),
        }),
      ],
      ["REST 404", await call("/api/ws/messages/thread/999999", { headers: auth })],
      ["REST 422", await call("/api/ws/messages/thread?limit=5", { headers: auth })],
      ["REST 405", await call("/api/ws/messages", { method: "PUT", headers: auth })],
      ["REST 204 OPTIONS", await call("/api/ws/messages", { method: "OPTIONS", headers: auth })],
      ["unknown path 404", await call("/api/ws/nothing-here", { headers: auth })],
      ["tRPC 200", await call("/api/trpc/messages.list?input=%7B%7D", { headers: auth })],
      ["tRPC 404", await call(`/api/trpc/messages.thread?input=${encodeURIComponent('{"booking_id":999999}')}`, { headers: auth })],
      ["tRPC 422", await call(`/api/trpc/messages.thread?input=${encodeURIComponent('{"booking_id":"x"}')}`, { headers: auth })],
      ["tRPC unknown procedure", await call("/api/trpc/messages.nothing?input=%7B%7D", { headers: auth })],
      ["REST 401", await call("/api/ws/messages")],
    ];
    answers.push(["REST 429", await call("/api/ws/messages", { headers: auth })]);
    answers.push(["tRPC 429", await call("/api/trpc/messages.list?input=%7B%7D", { headers: auth })]);
    expect(answers.map(([what, res]) => `${what}: ${res.status}`)).toEqual([
      "REST 200: 200",
      "REST 201: 201",
      "REST 404: 404",
      "REST 422: 422",
      "REST 405: 405",
      "REST 204 OPTIONS: 204",
      "unknown path 404: 404",
      "tRPC 200: 200",
      "tRPC 404: 404",
      "tRPC 422: 422",
      "tRPC unknown procedure: 404",
      "REST 401: 401",
      "REST 429: 429",
      "tRPC 429: 429",
    ]);
    for (const [what, res] of answers) {
      // Structured fields (RFC 9651): a list of string items with integer parameters.
      expect(res.headers.get("ratelimit-policy"), what).toMatch(/^"(token|address)";q=\d+;w=\d+(, "send";q=\d+;w=\d+)?$/);
      expect(rateLimit(res), what).not.toBeNull();
    }
  });
});

describe("staff (the inbox, with the session cookie)", () => {
  it("have a budget per staff member, refused in tRPC's shape so the inbox can say why", async () => {
    const user = await services.db.user.create({
      data: { workshopId: nordlys.workshop.id, email: "kari@grense.no", name: "Kari", role: "OWNER", passwordHash: "x" },
    });
    const session = await createStaffSession(services.db, { userId: user.id, userAgent: null, clientIp: null });
    const call = fetchApp(
      await appWith(limits({ staff: 3, address: 1 }), {
        getSession: async (headers) => (headers.cookie === "session=kari" ? { userId: user.id, sessionId: session.id } : null),
      }),
    );
    const cookie = { Cookie: "session=kari" };
    const batch = await call(`/api/trpc/auth.me,messages.unreadSummary?batch=1&input=%7B%7D`, { headers: cookie });
    expect(batch.status).toBe(200);
    expect(batch.headers.get("ratelimit-policy")).toBe(`"staff";q=3;w=60`);
    expect(rateLimit(batch)).toMatchObject({ policy: "staff", r: 1 });
    expect((await call("/api/trpc/auth.me", { headers: cookie })).status).toBe(200);
    const refused = await expectRateLimited(await call("/api/trpc/auth.me", { headers: cookie }));
    expect(await refused.json()).toMatchObject({ error: { data: { appCode: "RATE_LIMITED", httpStatus: 429 } } });
    // The address budget (1) was never touched by the signed-in calls.
    expect((await call("/api/trpc/auth.me")).status).toBe(401);
  });
});

describe("before the body is read", () => {
  it("refuses a send over the limit at once, without waiting for its 9 MB upload, over REST and tRPC", async () => {
    const app = await appWith(limits({ send: 1 }));
    await app.listen({ port: 0, host: "127.0.0.1" });
    const { port } = app.server.address() as { port: number };
    const call = fetchApp(app);
    expect((await call("/api/ws/messages", sendJson(nordlys.token.secret))).status).toBe(201);
    for (const path of ["/api/ws/messages", "/api/trpc/messages.send"]) {
      const head = [
        `POST ${path} HTTP/1.1`,
        "Host: localhost",
        `Authorization: Bearer ${nordlys.token.secret}`,
        "Content-Type: multipart/form-data; boundary=x",
        `Content-Length: ${9 * 1024 * 1024}`,
        "",
        "",
      ].join("\r\n");
      // Only the first kilobyte is ever sent: the answer must not wait for the rest.
      const { statusLine, ms } = await rawExchange(port, head, (socket) => socket.write(Buffer.alloc(1024)));
      expect(statusLine, path).toBe("HTTP/1.1 429 Too Many Requests");
      expect(ms).toBeLessThan(1000);
    }
  });
});

describe.skipIf(!serverUrl)(
  "one budget across app processes (needs a PostgreSQL server: runs in the TEST_DATABASE_URL pass of the suite)",
  () => {
    /** A second connection pool to this test file's database: another process's limiter store. */
    function anotherPool() {
      const pool = new pg.Pool({ connectionString: services.database.pool!.options.connectionString, max: 2 });
      pools.push(pool);
      return pool;
    }

    it("two app instances with their own pools share a token's budget, and an address's", async () => {
      const appOne = await appWith(limits({ token: 4, address: 2 }, { kind: "postgres", pool: services.database.pool! }));
      const appTwo = await appWith(limits({ token: 4, address: 2 }, { kind: "postgres", pool: anotherPool() }));
      const [one, two] = [fetchApp(appOne), fetchApp(appTwo)];
      const auth = { headers: bearer(nordlys.token.secret) };
      const seen: string[] = [];
      for (const call of [one, two, one, two, one, two]) {
        const res = await call("/api/ws/messages", auth);
        seen.push(`${res.status} r=${rateLimit(res)?.r}`);
      }
      expect(seen).toEqual(["200 r=3", "200 r=2", "200 r=1", "200 r=0", "429 r=0", "429 r=0"]);

      const address = { remoteAddress: "198.51.100.7" };
      expect((await fetchApp(appOne, address)("/api/ws/messages")).status).toBe(401);
      expect((await fetchApp(appTwo, address)("/api/ws/messages")).status).toBe(401);
      await expectRateLimited(await fetchApp(appOne, address)("/api/ws/messages"));
    });

    it("the staff sign-in throttle holds across processes too", async () => {
      const one = createSignInLimits({ kind: "postgres", pool: services.database.pool! });
      const two = createSignInLimits({ kind: "postgres", pool: anotherPool() });
      const attempt = { email: "per@grense.no", clientIp: "198.51.100.8", knownDevice: false };
      const waits: (number | null)[] = [];
      for (let i = 0; i < 6; i += 1) waits.push(await (i % 2 ? two : one).take(attempt));
      // 5 failures per account and address (SIGN_IN_RULES.accountAtAddress), counted by both processes together.
      expect(waits.slice(0, 5)).toEqual([null, null, null, null, null]);
      expect(waits[5]).toBeGreaterThan(0);
    });
  },
);

describe("when the store cannot be reached", () => {
  it("answers every request and limits in this process's memory instead", async () => {
    // A PostgreSQL store that is not there: nothing listens on port 1.
    const pool = new pg.Pool({ connectionString: "postgresql://postgres@127.0.0.1:1/none", connectionTimeoutMillis: 1000 });
    pools.push(pool);
    const call = fetchApp(await appWith(limits({ token: 2 }, { kind: "postgres", pool })));
    const started = Date.now();
    const answers = [];
    for (let i = 0; i < 3; i += 1) answers.push(await call("/api/ws/messages", { headers: bearer(fjord.token.secret) }));
    expect(answers.map((res) => res.status)).toEqual([200, 200, 429]);
    expect(answers.map((res) => rateLimit(res)?.r)).toEqual([1, 0, 0]);
    await expectRateLimited(answers[2]!);
    expect(Date.now() - started).toBeLessThan(3000);
  });
});

describe("settings", () => {
  it("come from RATE_LIMIT_*, validated, one line per bad value", () => {
    const settings = apiRateLimitSettings(
      apiEnv({ RATE_LIMIT_TOKEN_REQUESTS: "5", RATE_LIMIT_TOKEN_SENDS: "2", RATE_LIMIT_WINDOW_SECONDS: "10" }),
    );
    expect(settings).toEqual({ windowSeconds: 10, quotas: { token: 5, send: 2, address: 60, staff: 1200 } });
    expect(() => apiEnv({ RATE_LIMIT_TOKEN_REQUESTS: "0", RATE_LIMIT_STAFF_REQUESTS: "many" })).toThrow(
      /^invalid settings: RATE_LIMIT_TOKEN_REQUESTS: .+; RATE_LIMIT_STAFF_REQUESTS: .+$/,
    );
  });
});
