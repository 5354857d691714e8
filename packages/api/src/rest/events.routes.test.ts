import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestServices, type TestServices } from "../testing/test-services";
import { createWorkshopFixture } from "../testing/fixtures";
import { createTestHttpApp, fetchApp } from "../testing/test-http";
import { sendMessage } from "../messages/send-message.handler";
import { markThreadRead } from "../messages/mark-thread-read.handler";
import { purgeExpiredEvents } from "../events/event-retention";

// The event feed as a partner reads it: pages in seq order, long polling, 410 past retention, and the
// same events as a server-sent event stream that resumes by Last-Event-ID.

let services: TestServices;
let app: FastifyInstance;
let call: ReturnType<typeof fetchApp>;
let base: string;
let workshop: Awaited<ReturnType<typeof createWorkshopFixture>>;
let other: Awaited<ReturnType<typeof createWorkshopFixture>>;

beforeAll(async () => {
  services = await createTestServices();
  workshop = await createWorkshopFixture(services.db, "Feed Bil");
  other = await createWorkshopFixture(services.db, "Annen Feed");
  app = await createTestHttpApp(services);
  call = fetchApp(app);
  await app.listen({ port: 0, host: "127.0.0.1" });
  base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
});
afterAll(async () => {
  await app?.close();
  await services?.close();
});

const get = (path: string, token = workshop.token.secret) => call(path, { headers: { Authorization: `Bearer ${token}` } });
const send = (body: string, fixture = workshop) =>
  sendMessage(
    { ...services, workshopId: fixture.workshop.id, actor: fixture.auth.actor },
    { booking_id: fixture.booking.id, body, sender_type: "customer", attachments: [] },
  );

describe("GET /api/ws/events", () => {
  it("pages through the workshop's events in seq order, with the documented shape, and only its own", async () => {
    await send("én");
    await send("to");
    await send("fra annet verksted", other);
    await markThreadRead({ ...services, workshopId: workshop.workshop.id }, { booking_id: workshop.booking.id, read: true });
    await markThreadRead({ ...services, workshopId: workshop.workshop.id }, { booking_id: workshop.booking.id, read: false });

    const first = await (await get("/api/ws/events?limit=2")).json();
    expect(first.meta).toEqual({ next_after: 2, has_more: true });
    expect(first.data.map((e: { seq: number; type: string }) => [e.seq, e.type])).toEqual([
      [1, "message.created"],
      [2, "message.created"],
    ]);
    expect(first.data[0]).toMatchObject({
      id: `evt_${workshop.workshop.id}_1`,
      booking_id: workshop.booking.id,
      created_at: expect.stringMatching(/Z$/),
      data: { booking_id: workshop.booking.id, message: { body: "én", sender_type: "customer" }, unread_count: 1 },
    });
    const rest = await (await get(`/api/ws/events?after=${first.meta.next_after}`)).json();
    expect(rest.data.map((e: { type: string }) => e.type)).toEqual(["thread.read", "thread.unread"]);
    expect(rest.meta).toEqual({ next_after: 4, has_more: false });
    const empty = await (await get("/api/ws/events?after=4")).json();
    expect(empty).toEqual({ data: [], meta: { next_after: 4, has_more: false } });
  });

  it("refuses limits and positions that are not whole numbers in range, naming the field", async () => {
    for (const [query, field] of [
      ["limit=0", "limit"],
      ["limit=1001", "limit"],
      ["after=-1", "after"],
      ["after=abc", "after"],
      ["wait=31", "wait"],
    ]) {
      const res = await get(`/api/ws/events?${query}`);
      expect(res.status, query).toBe(422);
      expect((await res.json()).error.details[0].field, query).toBe(field);
    }
  });

  it("refuses a position past the newest event with 422 naming it, rather than skipping what comes next", async () => {
    const newest = (await services.db.workshop.findUniqueOrThrow({ where: { id: workshop.workshop.id } })).eventSeq;
    for (const path of [`/api/ws/events?after=${newest + 1}`, `/api/ws/events/stream?after=999999`]) {
      const res = await get(path);
      expect(res.status, path).toBe(422);
      const body = await res.json();
      expect(body.error.details[0].field).toBe("after");
      expect(body.message).toContain(`newest event (${newest})`);
    }
    expect((await get(`/api/ws/events?after=${newest}`)).status).toBe(200);
  });

  it("long-polls: holds an empty answer until an event is written, or until the wait is up", async () => {
    const seq = (await services.db.workshop.findUniqueOrThrow({ where: { id: workshop.workshop.id } })).eventSeq;
    const started = Date.now();
    const waiting = get(`/api/ws/events?after=${seq}&wait=10`);
    setTimeout(() => void send("kom nå"), 300);
    const answer = await (await waiting).json();
    expect(Date.now() - started).toBeLessThan(5000);
    expect(answer.data.map((e: { data: { message: { body: string } } }) => e.data.message.body)).toEqual(["kom nå"]);

    const quiet = Date.now();
    const none = await (await get(`/api/ws/events?after=${seq + 1}&wait=1`)).json();
    expect(none.data).toEqual([]);
    expect(Date.now() - quiet).toBeGreaterThanOrEqual(900);
  });

  it("answers 410 EVENTS_EXPIRED with the oldest seq still kept, once older events are gone", async () => {
    const fixture = await createWorkshopFixture(services.db, "Gammel Bil");
    await send("gammel 1", fixture);
    await send("gammel 2", fixture);
    await services.db.event.updateMany({
      where: { workshopId: fixture.workshop.id },
      data: { createdAt: new Date(Date.now() - 40 * 86_400_000) },
    });
    await send("ny", fixture);
    expect(await purgeExpiredEvents(services.db, 30)).toBeGreaterThanOrEqual(2);

    const res = await get("/api/ws/events?after=0", fixture.token.secret);
    expect(res.status).toBe(410);
    expect(await res.json()).toMatchObject({ success: false, error: { code: "EVENTS_EXPIRED", oldest_seq: 3 } });
    // Without `after`: from the oldest kept event.
    const kept = await (await get("/api/ws/events", fixture.token.secret)).json();
    expect(kept.data.map((e: { seq: number }) => e.seq)).toEqual([3]);
    expect((await get("/api/ws/events?after=2", fixture.token.secret)).status).toBe(200);
  });
});

describe("GET /api/ws/events/stream", () => {
  async function readEvents(res: Response, count: number): Promise<{ id: string; data: { seq: number; type: string } }[]> {
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    const events: { id: string; data: { seq: number; type: string } }[] = [];
    while (events.length < count) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf("\n\n")) !== -1) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const id = /^id: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (id && data) events.push({ id, data: JSON.parse(data) });
      }
    }
    await reader.cancel();
    return events.slice(0, count);
  }

  it("sends each event with its seq as the SSE id, resuming after Last-Event-ID", async () => {
    const res = await fetch(`${base}/api/ws/events/stream`, {
      headers: { Authorization: `Bearer ${workshop.token.secret}`, "Last-Event-ID": "1" },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const events = await readEvents(res, 3);
    expect(events.map((e) => e.id)).toEqual(["2", "3", "4"]);
    expect(events.map((e) => e.data.seq)).toEqual([2, 3, 4]);
  });

  it("delivers new events live with ?after=, and refuses callers without a valid token", async () => {
    const seq = (await services.db.workshop.findUniqueOrThrow({ where: { id: workshop.workshop.id } })).eventSeq;
    const res = await fetch(`${base}/api/ws/events/stream?after=${seq}`, { headers: { Authorization: `Bearer ${workshop.token.secret}` } });
    const live = readEvents(res, 1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await send("direkte");
    expect((await live)[0]!.data).toMatchObject({ seq: seq + 1, type: "message.created" });

    expect((await fetch(`${base}/api/ws/events/stream`)).status).toBe(401);
    expect((await fetch(`${base}/api/ws/events/stream`, { headers: { Authorization: "Bearer mbw_nope" } })).status).toBe(401);
    expect(
      (await fetch(`${base}/api/ws/events/stream?after=x`, { headers: { Authorization: `Bearer ${workshop.token.secret}` } })).status,
    ).toBe(422);
  });
});
