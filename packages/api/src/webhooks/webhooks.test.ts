import { sqlIn } from "@minbil/db/sql-transaction";
import pg from "pg";
import { Webhook } from "standardwebhooks";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { withPool } from "@minbil/db/open-database";
import { createTestServices, type TestServices } from "../testing/test-services";
import { createWorkshopFixture } from "../testing/fixtures";
import { createTestHttpApp, fetchApp } from "../testing/test-http";
import { WebhookReceiver } from "../testing/webhook-receiver";
import { sendMessage } from "../messages/send-message.handler";
import { markThreadRead } from "../messages/mark-thread-read.handler";
import { startWebhookWorker, type WebhookWorker } from "./webhook-worker";
import { dispatchEvents } from "./dispatch-events";
import { appendEvent } from "../events/append-event";

// Webhooks as a partner meets them: managed over REST with its token, signed per Standard Webhooks,
// retried on the schedule with the same webhook-id, never lost, never sent twice by two processes.

let services: TestServices;
let call: ReturnType<typeof fetchApp>;
let workshop: Awaited<ReturnType<typeof createWorkshopFixture>>;
let receiver: WebhookReceiver;
let worker: WebhookWorker | null = null;

beforeAll(async () => {
  services = await createTestServices();
  call = fetchApp(await createTestHttpApp(services));
  workshop = await createWorkshopFixture(services.db, "Webhook Bil");
});
afterAll(() => services?.close());
beforeEach(async () => {
  receiver = new WebhookReceiver();
  await receiver.start();
});
afterEach(async () => {
  await worker?.stop();
  worker = null;
  await receiver.stop();
  await services.db.webhookEndpoint.deleteMany({ where: { workshopId: workshop.workshop.id } });
});

const api = (path: string, init: { method?: string; body?: unknown } = {}, token = workshop.token.secret) =>
  call(path, {
    method: init.method ?? "GET",
    headers: { Authorization: `Bearer ${token}`, ...(init.body ? { "Content-Type": "application/json" } : {}) },
    ...(init.body ? { body: JSON.stringify(init.body) } : {}),
  });

async function register(body: Record<string, unknown> = {}) {
  const res = await api("/api/ws/webhooks", { method: "POST", body: { url: receiver.url, ...body } });
  expect(res.status).toBe(201);
  return (await res.json()).data as { id: string; secret: string };
}

const customerWrites = (body: string) =>
  sendMessage(
    { ...services, workshopId: workshop.workshop.id, actor: workshop.auth.actor },
    { booking_id: workshop.booking.id, body, sender_type: "customer", attachments: [] },
  );

const start = () => (worker = startWebhookWorker(services));

describe("managing endpoints over REST", () => {
  it("creates one (the secret in that answer only), lists, reads, changes and deletes it", async () => {
    const created = await register({ description: "DMS", event_types: ["message.created"] });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(created).toMatchObject({
      url: receiver.url,
      description: "DMS",
      event_types: ["message.created"],
      enabled: true,
      disabled_reason: null,
    });
    const listed = await (await api("/api/ws/webhooks")).json();
    expect(listed.data).toHaveLength(1);
    expect(JSON.stringify(listed)).not.toContain(created.secret);
    expect((await (await api(`/api/ws/webhooks/${created.id}`)).json()).data.id).toBe(created.id);
    const patched = await api(`/api/ws/webhooks/${created.id}`, { method: "PATCH", body: { enabled: false, event_types: null } });
    expect((await patched.json()).data).toMatchObject({ enabled: false, disabled_reason: "owner", event_types: null });
    expect((await api(`/api/ws/webhooks/${created.id}`, { method: "DELETE" })).status).toBe(200);
    expect((await api(`/api/ws/webhooks/${created.id}`)).status).toBe(404);
  });

  it("refuses what is not a usable URL or event type, naming the field", async () => {
    for (const [body, field] of [
      [{ url: "ftp://example.no/x" }, "url"],
      [{ url: "https://user:pw@example.no/x" }, "url"],
      [{ url: "not a url" }, "url"],
      [{ url: receiver.url, event_types: ["message.deleted"] }, "event_types.0"],
      [{ url: receiver.url, event_types: [] }, "event_types"],
    ] as const) {
      const res = await api("/api/ws/webhooks", { method: "POST", body });
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect((await res.json()).error.details[0].field).toBe(field);
    }
  });

  it("never shows one workshop's endpoints to another", async () => {
    const created = await register();
    const other = await createWorkshopFixture(services.db, "Fremmed");
    expect((await api(`/api/ws/webhooks/${created.id}`, {}, other.token.secret)).status).toBe(404);
    expect((await (await api("/api/ws/webhooks", {}, other.token.secret)).json()).data).toEqual([]);
  });

  it("refuses loopback, private and metadata targets when private targets are not allowed", async () => {
    const strict = fetchApp(await createTestHttpApp({ ...services, webhooks: { ...services.webhooks, allowPrivateTargets: false } }));
    for (const url of [
      "http://127.0.0.1:9/x",
      "http://localhost/x",
      "http://169.254.169.254/latest/meta-data",
      "http://10.0.0.5/x",
      "http://[::1]/x",
    ]) {
      const res = await strict("/api/ws/webhooks", {
        method: "POST",
        headers: { Authorization: `Bearer ${workshop.token.secret}`, "Content-Type": "application/json" },
        body: JSON.stringify({ url }),
      });
      expect(res.status, url).toBe(422);
      expect((await res.json()).message, url).toMatch(/not allowed/);
    }
  });
});

describe("deliveries", () => {
  it("sends a signed message.created within 2 s, which verifies with the standardwebhooks package", async () => {
    const { secret } = await register();
    start();
    const sent = Date.now();
    await customerWrites("Når er bilen klar?");
    await expect.poll(() => receiver.received.length, { timeout: 2000 }).toBe(1);
    const request = receiver.received[0]!;
    expect(request.at - sent).toBeLessThan(2000);
    const payload = new Webhook(secret).verify(request.body, request.headers as Record<string, string>) as {
      type: string;
      timestamp: string;
      data: { id: string; seq: number; data: { message: { body: string } } };
    };
    expect(payload.type).toBe("message.created");
    expect(payload.data.data.message.body).toBe("Når er bilen klar?");
    expect(payload.data.id).toMatch(/^evt_/);
    expect(request.headers["webhook-id"]).toMatch(/^msg_/);
  });

  it("retries a failing receiver on the schedule with the same webhook-id, and logs every attempt", async () => {
    await register();
    receiver.answer({ status: 503 }, { status: 500, body: "oops" }, { status: 302, headers: { Location: "http://127.0.0.1:1/" } });
    start();
    await customerWrites("Prøv igjen");
    await expect.poll(() => receiver.received.length, { timeout: 5000 }).toBe(4);
    const ids = new Set(receiver.received.map((request) => request.headers["webhook-id"]));
    expect(ids.size).toBe(1);
    const [endpoint] = (await (await api("/api/ws/webhooks")).json()).data;
    // The receiver has the 4th request a moment before the worker has recorded its answer.
    const readLog = async () => await (await api(`/api/ws/webhooks/${endpoint.id}/deliveries`)).json();
    await expect.poll(async () => (await readLog()).data[0]?.status, { timeout: 5000 }).toBe("succeeded");
    const log = await readLog();
    expect(log.data[0]).toMatchObject({ id: [...ids][0], status: "succeeded", attempt_count: 4, event_type: "message.created" });
    expect(log.data[0].attempts.map((a: { status_code: number }) => a.status_code)).toEqual([204, 302, 500, 503]);
    expect(log.data[0].attempts[1].error).toMatch(/redirect 302 \(not followed\)/);
    expect(log.data[0].attempts[2].response_body).toBe("oops");
  });

  it("delivers everything a stopped receiver missed once it is back, with unchanged webhook-ids", async () => {
    await register();
    const port = receiver.port;
    await receiver.stop();
    start();
    await customerWrites("mens mottakeren var nede 1");
    await customerWrites("mens mottakeren var nede 2");
    await new Promise((resolve) => setTimeout(resolve, 400));
    const firstIds = (
      await services.db.webhookDelivery.findMany({ where: { workshopId: workshop.workshop.id }, orderBy: { eventSeq: "asc" } })
    ).map((d) => d.id);
    receiver.port = port;
    await receiver.start();
    await expect.poll(() => new Set(receiver.received.map((r) => r.headers["webhook-id"])).size, { timeout: 5000 }).toBe(2);
    expect([...new Set(receiver.received.map((r) => r.headers["webhook-id"]))].sort()).toEqual(firstIds.slice(-2).sort());
  });

  it("marks a delivery failed once the schedule is used up, honours Retry-After, and turns an endpoint off on 410", async () => {
    const created = await register();
    receiver.answer({ status: 429, headers: { "Retry-After": "1" } }, { status: 500 }, { status: 500 }, { status: 500 });
    start();
    await customerWrites("aldri fram");
    await expect
      .poll(async () => (await services.db.webhookDelivery.findFirst({ where: { endpointId: created.id } }))?.status, { timeout: 6000 })
      .toBe("FAILED");
    const times = receiver.received.map((r) => r.at);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(950);

    receiver.answer({ status: 410 });
    await customerWrites("borte");
    await expect
      .poll(async () => (await (await api(`/api/ws/webhooks/${created.id}`)).json()).data, { timeout: 3000 })
      .toMatchObject({ enabled: false, disabled_reason: "gone" });
  });

  it("pages through the delivery log newest first, each delivery once, also where deliveries share a time", async () => {
    const endpoint = await register();
    const at = (second: number) => new Date(Date.UTC(2026, 10, 1, 12, 0, second));
    // Two of the same second on both sides of a page boundary: the cursor must tell them apart by id.
    const made = [at(1), at(2), at(2), at(2), at(3)].map((createdAt, index) => ({
      id: `msg_page${index}`,
      endpointId: endpoint.id,
      workshopId: workshop.workshop.id,
      eventType: "webhook.test",
      payload: {},
      status: "SUCCEEDED" as const,
      createdAt,
    }));
    await services.db.webhookDelivery.createMany({ data: made });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : "";
      const page = await (await api(`/api/ws/webhooks/${endpoint.id}/deliveries?limit=2${query}`)).json();
      seen.push(...page.data.map((delivery: { id: string }) => delivery.id));
      cursor = page.meta.next_cursor;
    } while (cursor);
    expect(seen).toEqual(["msg_page4", "msg_page3", "msg_page2", "msg_page1", "msg_page0"]);
  });

  it("sends only the event types an endpoint asked for", async () => {
    await register({ event_types: ["thread.unread"] });
    start();
    await customerWrites("ikke denne");
    await markThreadRead({ ...services, workshopId: workshop.workshop.id }, { booking_id: workshop.booking.id, read: false });
    await expect.poll(() => receiver.received.length, { timeout: 2000 }).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.received.map((r) => JSON.parse(r.body).type)).toEqual(["thread.unread"]);
  });

  it("signs with both the new and the old secret for a day after a rotation", async () => {
    const created = await register();
    const rotated = await (await api(`/api/ws/webhooks/${created.id}/rotate-secret`, { method: "POST" })).json();
    expect(rotated.data.secret).not.toBe(created.secret);
    start();
    await customerWrites("to signaturer");
    await expect.poll(() => receiver.received.length, { timeout: 2000 }).toBe(1);
    const request = receiver.received[0]!;
    expect(String(request.headers["webhook-signature"]).split(" ")).toHaveLength(2);
    for (const secret of [created.secret, rotated.data.secret]) {
      expect(() => new Webhook(secret).verify(request.body, request.headers as Record<string, string>)).not.toThrow();
    }
  });

  it("sends a test event on request, and redelivers with the same webhook-id", async () => {
    const created = await register();
    start();
    const test = await api(`/api/ws/webhooks/${created.id}/test`, { method: "POST" });
    expect(test.status).toBe(202);
    const delivery = (await test.json()).data;
    await expect.poll(() => receiver.received.length, { timeout: 2000 }).toBe(1);
    expect(JSON.parse(receiver.received[0]!.body)).toMatchObject({
      type: "webhook.test",
      data: { type: "webhook.test", booking_id: null },
    });
    await expect.poll(async () => (await services.db.webhookDelivery.findUnique({ where: { id: delivery.id } }))?.status).toBe("SUCCEEDED");
    const again = await api(`/api/ws/webhooks/${created.id}/deliveries/${delivery.id}/redeliver`, { method: "POST" });
    expect(again.status).toBe(202);
    await expect.poll(() => receiver.byId(delivery.id).length, { timeout: 2000 }).toBe(2);
  });

  it("loses nothing committed while no process was delivering (a crash between commit and send)", async () => {
    await register();
    // No worker runs: as if the process died right after these commits.
    await customerWrites("før krasjet 1");
    await customerWrites("før krasjet 2");
    await customerWrites("før krasjet 3");
    start();
    await expect.poll(() => receiver.received.length, { timeout: 3000 }).toBe(3);
    expect(receiver.received.map((r) => JSON.parse(r.body).data.data.message.body).sort()).toEqual([
      "før krasjet 1",
      "før krasjet 2",
      "før krasjet 3",
    ]);
  });

  it("makes each attempt once when two processes deliver from one database", async () => {
    await register();
    const second = services.database.connectionString
      ? withPool("postgres", new pg.Pool({ connectionString: services.database.connectionString, max: 4 }))
      : null;
    const workers = [startWebhookWorker(services), startWebhookWorker(second ? { ...services, db: second.prisma } : services)];
    try {
      for (let i = 0; i < 20; i += 1) await customerWrites(`samtidig ${i}`);
      await expect.poll(() => receiver.received.length, { timeout: 5000 }).toBe(20);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(receiver.received).toHaveLength(20);
      expect(new Set(receiver.received.map((r) => r.headers["webhook-id"])).size).toBe(20);
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
      await second?.close();
    }
  });

  it("turns an endpoint off after five days of nothing but failures, and keeps only the start of a long answer", async () => {
    const created = await register();
    await services.db.webhookEndpoint.update({
      where: { id: created.id },
      data: { failingSince: new Date(Date.now() - 5 * 24 * 60 * 60 * 1000 - 1000) },
    });
    receiver.answer({ status: 500, body: "x".repeat(200_000) });
    start();
    await customerWrites("femte dag");
    await expect
      .poll(async () => (await (await api(`/api/ws/webhooks/${created.id}`)).json()).data, { timeout: 3000 })
      .toMatchObject({ enabled: false, disabled_reason: "failing" });
    const attempt = await services.db.webhookAttempt.findFirstOrThrow({ where: { delivery: { endpointId: created.id } } });
    expect(attempt.responseBody).toHaveLength(64 * 1024);
  });

  it("checks the address again at every send: a name that now points at a private address is not reached", async () => {
    const created = await register({ url: `http://localhost:${receiver.port}/hooks` });
    // The endpoint was saved while private targets were allowed; now they are not (as in production).
    worker = startWebhookWorker({ ...services, webhooks: { ...services.webhooks, allowPrivateTargets: false } });
    await customerWrites("rebinding");
    await expect
      .poll(async () => (await services.db.webhookAttempt.findFirst({ where: { delivery: { endpointId: created.id } } }))?.error, {
        timeout: 3000,
      })
      .toMatch(/EADDRNOTALLOWED/);
    expect(receiver.received).toHaveLength(0);
  });

  it("leaves out an event that cannot be shaped, without holding up later events or other workshops", async () => {
    await register();
    const other = await createWorkshopFixture(services.db, "Andre Bil");
    const otherEndpoint = await api("/api/ws/webhooks", { method: "POST", body: { url: receiver.url } }, other.token.secret);
    expect(otherEndpoint.status).toBe(201);
    // A stored event whose time cannot be read back as ISO 8601 (as a snooze past the year 9999 once made).
    const broken = await services.db.$transaction((tx) =>
      appendEvent(sqlIn(tx), {
        workshopId: workshop.workshop.id,
        type: "thread.state_changed",
        bookingId: workshop.booking.id,
        payload: {
          booking_id: workshop.booking.id,
          state: "snoozed",
          previous_state: "open",
          snoozed_until: "+010000-01-01T00:00:00.000Z",
          reason: "change",
          by: { type: "system", id: null, name: "MinBil" },
        },
        unreadDelta: 0,
      }),
    );
    // Numbered as its transaction committed: the workshop's newest state change.
    const brokenSeq = (
      await services.db.event.findFirstOrThrow({
        where: { workshopId: broken.workshopId, type: broken.type },
        orderBy: { seq: "desc" },
      })
    ).seq!;
    await customerWrites("Skrevet etter den ødelagte hendelsen");
    await sendMessage(
      { ...services, workshopId: other.workshop.id, actor: other.auth.actor },
      { booking_id: other.booking.id, body: "Hos det andre verkstedet", sender_type: "customer", attachments: [] },
    );
    await dispatchEvents(services.db);
    const made = await services.db.webhookDelivery.findMany({ select: { workshopId: true, eventSeq: true, eventType: true } });
    const mine = made.filter((delivery) => delivery.workshopId === workshop.workshop.id);
    expect(mine.some((delivery) => delivery.eventSeq === brokenSeq)).toBe(false);
    expect(mine.some((delivery) => (delivery.eventSeq ?? 0) > brokenSeq && delivery.eventType === "message.created")).toBe(true);
    expect(made.some((delivery) => delivery.workshopId === other.workshop.id && delivery.eventType === "message.created")).toBe(true);
    await services.db.webhookEndpoint.deleteMany({ where: { workshopId: other.workshop.id } });
  });
});
