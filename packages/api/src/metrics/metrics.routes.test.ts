import type { FastifyInstance } from "fastify";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { countingMessages } from "../events/create-event-bus";
import { createApiRateLimits } from "../rate-limits/api-limits";
import { createHttpApp } from "../http/http-app";
import { sendMessage } from "../messages/send-message.handler";
import { createWorkshopFixture } from "../testing/fixtures";
import { checkedFetch, fetchApp } from "../testing/test-http";
import { createTestServices, type TestServices } from "../testing/test-services";
import { WebhookReceiver } from "../testing/webhook-receiver";
import { startWebhookWorker, type WebhookWorker } from "../webhooks/webhook-worker";
import { watchDatabasePool } from "./metrics";

// GET /api/metrics as Prometheus scrapes it: only with METRICS_TOKEN, and its numbers move with real
// requests, sends, streams and webhook deliveries.

const TOKEN = "metrics-token-for-tests-0123456789";
let services: TestServices;
let app: FastifyInstance;
let base: string;
let workshop: Awaited<ReturnType<typeof createWorkshopFixture>>;
let worker: WebhookWorker | null = null;
let receiver: WebhookReceiver | null = null;

function appWith(metricsToken: string | undefined) {
  return createHttpApp({
    getServices: async () => services,
    getSession: async () => null,
    readiness: async () => ({ ready: true, checks: {} }),
    getRateLimits: async () => createApiRateLimits({ kind: "memory" }),
    trustProxy: false,
    shutdownSignal: new AbortController().signal,
    metricsToken,
  });
}

beforeAll(async () => {
  services = await createTestServices();
  // As the server builds its bus: messages published by this process are counted.
  services.events = { ...services.events, publish: countingMessages(services.events.publish) };
  workshop = await createWorkshopFixture(services.db, "Metrikk Bil");
  app = appWith(TOKEN);
  await app.listen({ port: 0, host: "127.0.0.1" });
  base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
});
afterAll(async () => {
  await app?.close();
  await services?.close();
});
afterEach(async () => {
  await worker?.stop();
  worker = null;
  await receiver?.stop();
  receiver = null;
});

const api = (path: string, init: RequestInit = {}) =>
  checkedFetch(base + path, { ...init, headers: { Authorization: `Bearer ${workshop.token.secret}`, ...init.headers } });

async function scrape(): Promise<string> {
  const res = await checkedFetch(`${base}/api/metrics`, { headers: { Authorization: `Bearer ${TOKEN}` } });
  expect(res.status).toBe(200);
  return res.text();
}

/** A sample's value in Prometheus text (0 when the series does not exist yet). */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  for (const line of text.split("\n")) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const given = Object.fromEntries([...(match[2] ?? "").matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([key, value]) => given[key] === value)) return Number(match[3]);
  }
  return 0;
}

const customerWrites = (body: string) =>
  sendMessage(
    { ...services, workshopId: workshop.workshop.id, actor: workshop.auth.actor },
    { booking_id: workshop.booking.id, body, sender_type: "customer", attachments: [] },
  );

describe("GET /api/metrics", () => {
  it("does not exist without METRICS_TOKEN, and wants the token as Bearer when it is set", async () => {
    const without = appWith(undefined);
    await without.ready();
    expect((await fetchApp(without)("/api/metrics", { headers: { Authorization: `Bearer ${TOKEN}` } })).status).toBe(404);
    await without.close();

    const none = await checkedFetch(`${base}/api/metrics`);
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toMatch(/^Bearer/);
    const wrong = await checkedFetch(`${base}/api/metrics`, { headers: { Authorization: `Bearer ${TOKEN}x` } });
    expect(wrong.status).toBe(401);
    // A workshop's API token is not the metrics token.
    expect((await api("/api/metrics")).status).toBe(401);
    const right = await checkedFetch(`${base}/api/metrics`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(right.status).toBe(200);
    expect(right.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(await right.text()).toContain("# TYPE minbil_http_requests_total counter");
  });

  it("counts requests per route pattern and status (never the URL with its ids), with their latency, and messages sent", async () => {
    const id = workshop.booking.id;
    const threadRoute = { method: "GET", route: "/api/ws/messages/thread/:booking_id", status: "200" };
    const sendRoute = { method: "POST", route: "/api/ws/messages/thread/:booking_id/send", status: "201" };
    const before = await scrape();

    expect((await api(`/api/ws/messages/thread/${id}`)).status).toBe(200);
    expect((await api(`/api/ws/messages/thread/${id}?limit=5`)).status).toBe(200);
    const sent = await api(`/api/ws/messages/thread/${id}/send`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ body: "Bilen er klar." }),
    });
    expect(sent.status).toBe(201);
    expect((await api("/api/ws/messages/thread/999999999")).status).toBe(404);
    expect((await api("/api/ws/no-such-thing/42")).status).toBe(404);

    const after = await scrape();
    expect(sample(after, "minbil_http_requests_total", threadRoute) - sample(before, "minbil_http_requests_total", threadRoute)).toBe(2);
    expect(sample(after, "minbil_http_requests_total", sendRoute) - sample(before, "minbil_http_requests_total", sendRoute)).toBe(1);
    const notFound = { ...threadRoute, status: "404" };
    expect(sample(after, "minbil_http_requests_total", notFound) - sample(before, "minbil_http_requests_total", notFound)).toBe(1);
    const unmatched = { method: "GET", route: "(unmatched)", status: "404" };
    expect(sample(after, "minbil_http_requests_total", unmatched) - sample(before, "minbil_http_requests_total", unmatched)).toBe(1);
    const latency = (text: string) => sample(text, "minbil_http_request_duration_seconds_count", threadRoute);
    expect(latency(after) - latency(before)).toBe(2);
    expect(sample(after, "minbil_http_request_duration_seconds_sum", threadRoute)).toBeGreaterThan(0);
    expect(sample(after, "minbil_messages_sent_total") - sample(before, "minbil_messages_sent_total")).toBe(1);
    // No label carries an id or a query string.
    expect(after).not.toContain(`/thread/${id}`);
    expect(after).not.toContain("/thread/999999999");
    expect(after).not.toContain("limit=5");
    expect(after).not.toContain("no-such-thing");
  });

  it("counts open event streams, and the lag from an event's commit to its delivery on a stream", async () => {
    const before = await scrape();
    const opened = sample(before, "minbil_event_streams_open");
    const lagCount = (text: string) => sample(text, "minbil_event_delivery_lag_seconds_count", { target: "stream" });

    const abort = new AbortController();
    // Plain fetch: the checked one reads the whole body, which a stream never ends.
    const stream = await fetch(`${base}/api/ws/events/stream`, {
      headers: { Authorization: `Bearer ${workshop.token.secret}` },
      signal: abort.signal,
    });
    expect(stream.status).toBe(200);
    const reader = stream.body!.getReader();
    await expect.poll(async () => sample(await scrape(), "minbil_event_streams_open")).toBe(opened + 1);

    await customerWrites("Hei, er bilen klar?");
    let text = "";
    while (!text.includes("Hei, er bilen klar?")) text += new TextDecoder().decode((await reader.read()).value);
    const during = await scrape();
    expect(lagCount(during) - lagCount(before)).toBe(1);
    // Delivered on the same machine within the bus's wake-up: well under a second.
    expect(
      sample(during, "minbil_event_delivery_lag_seconds_bucket", { target: "stream", le: "1" }) -
        sample(before, "minbil_event_delivery_lag_seconds_bucket", { target: "stream", le: "1" }),
    ).toBe(1);

    abort.abort();
    await expect.poll(async () => sample(await scrape(), "minbil_event_streams_open")).toBe(opened);
  });

  it("counts webhook attempts by outcome, and the lag to a receiver's acceptance", async () => {
    receiver = new WebhookReceiver();
    await receiver.start();
    receiver.answer({ status: 500 });
    const created = await api("/api/ws/webhooks", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ url: receiver.url, event_types: ["message.created"] }),
    });
    expect(created.status).toBe(201);
    const before = await scrape();
    const attempts = (text: string, outcome: string) => sample(text, "minbil_webhook_attempts_total", { outcome });
    const lagCount = (text: string) => sample(text, "minbil_event_delivery_lag_seconds_count", { target: "webhook" });

    worker = startWebhookWorker(services);
    await customerWrites("Kan dere ringe meg?");
    // The first attempt gets a 500, the retry (100 ms later in tests) a 204.
    await expect.poll(async () => attempts(await scrape(), "success") - attempts(before, "success"), { timeout: 5000 }).toBe(1);
    const after = await scrape();
    expect(attempts(after, "http_error") - attempts(before, "http_error")).toBe(1);
    expect(lagCount(after) - lagCount(before)).toBe(1);
    expect(receiver.received).toHaveLength(2);
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)("shows the PostgreSQL pool's use (PostgreSQL only)", async () => {
    const pool = services.database.pool!;
    watchDatabasePool(pool);
    await services.db.workshop.count();
    const text = await scrape();
    expect(sample(text, "minbil_db_pool_max_connections")).toBe(pool.options.max);
    expect(sample(text, "minbil_db_pool_connections")).toBeGreaterThanOrEqual(1);
    expect(sample(text, "minbil_db_pool_connections")).toBe(pool.totalCount);
    expect(sample(text, "minbil_db_pool_waiting_queries")).toBe(0);
  });
});
