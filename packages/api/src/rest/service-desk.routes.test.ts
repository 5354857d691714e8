import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestServices, type TestServices } from "../testing/test-services";
import { createBookingFixture, createWorkshopFixture } from "../testing/fixtures";
import { createTestHttpApp, fetchApp } from "../testing/test-http";

// The service desk over REST: a thread's state, assignee and booking status (PATCH), the list filters,
// the staff list, internal notes and "send and mark done", and the events each change writes. Every
// answer is also checked against the OpenAPI document (fetchApp).

let services: TestServices;
let call: ReturnType<typeof fetchApp>;
let nordlys: Awaited<ReturnType<typeof createWorkshopFixture>>;
let fjord: Awaited<ReturnType<typeof createWorkshopFixture>>;
let kari: { id: string; name: string };
let gone: { id: string };

beforeAll(async () => {
  services = await createTestServices();
  call = fetchApp(await createTestHttpApp(services));
  nordlys = await createWorkshopFixture(services.db, "Nordlys Bil");
  fjord = await createWorkshopFixture(services.db, "Fjord Auto");
  kari = await services.db.user.create({
    data: { workshopId: nordlys.workshop.id, email: "kari@nordlys.no", name: "Kari Nordmann", role: "STAFF", passwordHash: "x" },
    select: { id: true, name: true },
  });
  gone = await services.db.user.create({
    data: {
      workshopId: nordlys.workshop.id,
      email: "slutta@nordlys.no",
      name: "Sluttet",
      role: "STAFF",
      passwordHash: "x",
      disabledAt: new Date(),
    },
    select: { id: true },
  });
  await services.db.user.create({
    data: { workshopId: fjord.workshop.id, email: "ola@fjord.no", name: "Ola Fjord", role: "OWNER", passwordHash: "x" },
  });
});
afterAll(() => services?.close());

const auth = (token = nordlys.token.secret) => ({ Authorization: `Bearer ${token}` });
const get = (path: string, token?: string) => call(path, { headers: auth(token) });
const patch = (bookingId: number | string, body: unknown, token?: string) =>
  call(`/api/ws/messages/thread/${bookingId}`, {
    method: "PATCH",
    headers: { ...auth(token), "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
const send = (bookingId: number, body: Record<string, unknown>) =>
  call(`/api/ws/messages/thread/${bookingId}/send`, {
    method: "POST",
    headers: { ...auth(), "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
async function errorOf(res: Response) {
  const body = await res.json();
  return { status: res.status, code: body.error.code as string, text: JSON.stringify(body.error) };
}
async function eventsSince(after: number) {
  const body = await (await get(`/api/ws/events?after=${after}&limit=100`)).json();
  return body.data as { seq: number; type: string; booking_id: number; data: Record<string, unknown> }[];
}
async function lastSeq() {
  let after = 0;
  for (;;) {
    const body = await (await get(`/api/ws/events?after=${after}&limit=100`)).json();
    if (body.data.length) after = body.data.at(-1).seq;
    if (!body.meta.has_more) return after;
  }
}

describe("PATCH /api/ws/messages/thread/{booking_id}", () => {
  it("changes state, assignee and booking status in one request, answers the thread as listed, and writes one event each", async () => {
    const booking = await createBookingFixture(services.db, nordlys.workshop.id);
    const since = await lastSeq();
    const res = await patch(booking.id, { state: "done", assignee_id: kari.id, booking_status: "ready_for_pickup" });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({
      success: true,
      data: {
        booking_id: booking.id,
        state: "done",
        snoozed_until: null,
        assignee: { id: kari.id, name: "Kari Nordmann" },
        booking: { status: "ready_for_pickup" },
        last_message: { sender_type: "system", visibility: "internal" },
      },
    });

    const events = await eventsSince(since);
    expect(events.map((event) => event.type)).toEqual([
      "thread.state_changed",
      "thread.assigned",
      "message.created",
      "booking.status_changed",
    ]);
    const by = { type: "api_token", id: nordlys.token.id, name: nordlys.token.name };
    expect(events[0]!.data).toEqual({
      booking_id: booking.id,
      state: "done",
      previous_state: "open",
      snoozed_until: null,
      reason: "change",
      by,
    });
    expect(events[1]!.data).toEqual({
      booking_id: booking.id,
      assignee: { id: kari.id, name: "Kari Nordmann" },
      previous_assignee_id: null,
      by,
    });
    expect(events[3]!.data).toMatchObject({ booking_id: booking.id, status: "ready_for_pickup", previous_status: "confirmed", by });
  });

  it("snoozes until a time, which the list and the thread show", async () => {
    const booking = await createBookingFixture(services.db, nordlys.workshop.id);
    // Ten days ahead, given with an offset: stored and answered in UTC.
    const day = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    const until = `${day}T07:00:00.000Z`;
    expect((await patch(booking.id, { state: "snoozed", snoozed_until: `${day}T08:00:00+01:00` })).status).toBe(200);
    const thread = await (await get(`/api/ws/messages/thread/${booking.id}`)).json();
    expect(thread.data).toMatchObject({ state: "snoozed", snoozed_until: until, assignee: null });
    const listed = await (await get("/api/ws/messages?state=snoozed")).json();
    expect(listed.data.map((t: { booking_id: number }) => t.booking_id)).toContain(booking.id);
    expect(listed.data.find((t: { booking_id: number }) => t.booking_id === booking.id)).toMatchObject({ snoozed_until: until });
  });

  it("takes a URL-encoded form too", async () => {
    const booking = await createBookingFixture(services.db, nordlys.workshop.id);
    const res = await call(`/api/ws/messages/thread/${booking.id}`, {
      method: "PATCH",
      headers: { ...auth(), "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ state: "waiting" }).toString(),
    });
    expect(res.status).toBe(200);
    expect((await res.json()).data.state).toBe("waiting");
  });

  it("refuses bad changes with 422 naming the field, and changes nothing", async () => {
    const booking = await createBookingFixture(services.db, nordlys.workshop.id);
    const cases: [unknown, string][] = [
      [{}, "at least one of"],
      [{ state: "closed" }, "state"],
      [{ state: "snoozed" }, "snoozed_until"],
      [{ state: "snoozed", snoozed_until: "tomorrow" }, "ISO 8601"],
      [{ state: "snoozed", snoozed_until: "2001-01-01T00:00:00Z" }, "in the future"],
      [{ state: "done", snoozed_until: "2099-01-01T00:00:00Z" }, "snoozed_until goes with state snoozed"],
      // A time past the year 9999 in UTC could be stored but not read back.
      [{ state: "snoozed", snoozed_until: "9999-12-31T23:30:00-12:00" }, "within a year"],
      [{ state: "snoozed", snoozed_until: "2099-01-01T00:00:00Z" }, "within a year"],
      [{ assignee_id: "a\u0000b" }, "assignee_id"],
      [{ assignee_id: gone.id }, "assignee_id"],
      [{ assignee_id: "usr_unknown" }, "assignee_id"],
      [{ booking_status: "READY" }, "booking_status"],
    ];
    for (const [body, named] of cases) {
      const problem = await errorOf(await patch(booking.id, body));
      expect(problem, JSON.stringify(body)).toMatchObject({ status: 422, code: "VALIDATION_FAILED" });
      expect(problem.text, JSON.stringify(body)).toContain(named);
    }
    expect(
      (
        await errorOf(
          await call(`/api/ws/messages/thread/${booking.id}`, {
            method: "PATCH",
            headers: { ...auth(), "Content-Type": "application/json" },
            body: "{",
          }),
        )
      ).status,
    ).toBe(400);
    expect(await services.db.thread.findUniqueOrThrow({ where: { bookingId: booking.id } })).toMatchObject({
      state: "OPEN",
      assigneeId: null,
    });
  });

  it("does not reach another workshop's thread, nor assign its staff (404 / 422), and needs a token (401)", async () => {
    expect(await errorOf(await patch(fjord.booking.id, { state: "done" }))).toMatchObject({ status: 404, code: "NOT_FOUND" });
    const fjordStaff = await services.db.user.findFirstOrThrow({ where: { workshopId: fjord.workshop.id } });
    expect(await errorOf(await patch(nordlys.booking.id, { assignee_id: fjordStaff.id }))).toMatchObject({ status: 422 });
    const anonymous = await call(`/api/ws/messages/thread/${nordlys.booking.id}`, {
      method: "PATCH",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ state: "done" }),
    });
    expect(anonymous.status).toBe(401);
    expect((await services.db.thread.findUniqueOrThrow({ where: { bookingId: fjord.booking.id } })).state).toBe("OPEN");
  });
});

describe("GET /api/ws/messages filters", () => {
  it("filters by state and by assignee (an id, or none), and refuses an unknown state", async () => {
    const mine = await createBookingFixture(services.db, nordlys.workshop.id);
    const waiting = await createBookingFixture(services.db, nordlys.workshop.id);
    await patch(mine.id, { assignee_id: kari.id });
    await patch(waiting.id, { state: "waiting" });
    const ids = async (query: string) =>
      ((await (await get(`/api/ws/messages?limit=100&${query}`)).json()).data as { booking_id: number; state: string }[]).map(
        (t) => t.booking_id,
      );

    expect(await ids(`assignee=${kari.id}`)).toContain(mine.id);
    expect(await ids(`assignee=${kari.id}`)).not.toContain(waiting.id);
    expect(await ids("assignee=none")).toContain(waiting.id);
    expect(await ids("assignee=none")).not.toContain(mine.id);
    expect(await ids("state=waiting")).toContain(waiting.id);
    expect(await ids("state=open")).not.toContain(waiting.id);
    expect(await ids("state=WAITING&assignee=none")).toContain(waiting.id);
    // Filters combine with paging: one by one, every waiting thread, none twice.
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { data: { booking_id: number; state: string }[]; meta: { next_cursor: string | null } } = await (
        await get(`/api/ws/messages?state=waiting&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`)
      ).json();
      for (const thread of page.data) expect(thread.state).toBe("waiting");
      seen.push(...page.data.map((t) => t.booking_id));
      cursor = page.meta.next_cursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toContain(waiting.id);

    expect(await errorOf(await get("/api/ws/messages?state=closed"))).toMatchObject({ status: 422, code: "VALIDATION_FAILED" });
    // Text a database cannot compare is refused before any query.
    expect(await errorOf(await get("/api/ws/messages?assignee=%00x"))).toMatchObject({ status: 422, code: "VALIDATION_FAILED" });
  });
});

describe("GET /api/ws/staff", () => {
  it("lists the workshop's active staff by name, and no one else's", async () => {
    const res = await get("/api/ws/staff");
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toEqual({ data: [{ id: kari.id, name: "Kari Nordmann" }], meta: { next_cursor: null, has_more: false } });
    expect((await get("/api/ws/staff", fjord.token.secret).then((r) => r.json())).data.map((s: { name: string }) => s.name)).toEqual([
      "Ola Fjord",
    ]);
    expect((await call("/api/ws/staff")).status).toBe(401);
  });
});

describe("notes and send-and-set-state over REST", () => {
  it("writes an internal note with visibility internal, shown so in the thread and the events", async () => {
    const booking = await createBookingFixture(services.db, nordlys.workshop.id);
    const since = await lastSeq();
    const res = await send(booking.id, { body: "Kunden vil ha ny time, @Kari", visibility: "internal" });
    expect(res.status).toBe(201);
    expect((await res.json()).data).toMatchObject({ visibility: "internal", mentioned_user_ids: [kari.id] });
    const thread = await (await get(`/api/ws/messages/thread/${booking.id}`)).json();
    expect(thread.data.messages.at(-1)).toMatchObject({ body: "Kunden vil ha ny time, @Kari", visibility: "internal" });
    const [event] = await eventsSince(since);
    expect(event).toMatchObject({ type: "message.created", data: { message: { visibility: "internal", mentioned_user_ids: [kari.id] } } });

    const reply = await (await send(booking.id, { body: "Hei!" })).json();
    expect(reply.data).toMatchObject({ visibility: "customer", mentioned_user_ids: [] });
  });

  it("sends and sets the thread's state in one step", async () => {
    const booking = await createBookingFixture(services.db, nordlys.workshop.id);
    expect((await send(booking.id, { body: "Bilen er klar", state: "done" })).status).toBe(201);
    expect((await (await get(`/api/ws/messages/thread/${booking.id}`)).json()).data.state).toBe("done");
    // A customer message (relayed) reopens it.
    await send(booking.id, { body: "Takk! Én ting til", sender_type: "customer" });
    expect((await (await get(`/api/ws/messages/thread/${booking.id}`)).json()).data.state).toBe("open");
  });

  it("refuses an unknown visibility or state, a customer's note, and snoozing on send, storing nothing", async () => {
    const booking = await createBookingFixture(services.db, nordlys.workshop.id);
    for (const [body, named] of [
      [{ body: "x", visibility: "secret" }, "visibility"],
      [{ body: "x", state: "snoozed" }, "state"],
      [{ body: "x", sender_type: "customer", visibility: "internal" }, "visibility"],
    ] as const) {
      const problem = await errorOf(await send(booking.id, body));
      expect(problem, JSON.stringify(body)).toMatchObject({ status: 422, code: "VALIDATION_FAILED" });
      expect(problem.text).toContain(named);
    }
    expect(await services.db.message.count({ where: { bookingId: booking.id } })).toBe(0);
  });
});
