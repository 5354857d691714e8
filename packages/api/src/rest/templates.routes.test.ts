import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestServices, type TestServices } from "../testing/test-services";
import { createBookingFixture, createWorkshopFixture } from "../testing/fixtures";
import { createTestHttpApp, fetchApp } from "../testing/test-http";
import { addDefaultTemplates } from "../templates/default-templates";

// GET /api/ws/templates and sending with template_id over REST: the variables filled in from the
// booking, the template's booking status applied with the same line and event as PATCH writes. Every
// answer is also checked against the OpenAPI document (fetchApp).

let services: TestServices;
let call: ReturnType<typeof fetchApp>;
let nordlys: Awaited<ReturnType<typeof createWorkshopFixture>>;
let fjord: Awaited<ReturnType<typeof createWorkshopFixture>>;

beforeAll(async () => {
  services = await createTestServices();
  call = fetchApp(await createTestHttpApp(services));
  nordlys = await createWorkshopFixture(services.db, "Nordlys Bil");
  fjord = await createWorkshopFixture(services.db, "Fjord Auto");
  await addDefaultTemplates(services.db, nordlys.workshop.id);
  await addDefaultTemplates(services.db, fjord.workshop.id);
});
afterAll(() => services?.close());

const auth = (token = nordlys.token.secret) => ({ Authorization: `Bearer ${token}` });
const get = (path: string, token?: string) => call(path, { headers: auth(token) });
const send = (body: Record<string, unknown>, token?: string) =>
  call("/api/ws/messages", { method: "POST", headers: { ...auth(token), "Content-Type": "application/json" }, body: JSON.stringify(body) });
async function templateId(name: string, token?: string): Promise<number> {
  const body = await (await get("/api/ws/templates", token)).json();
  return body.data.find((t: { name: string }) => t.name === name).id;
}
const bookingOf = ({ id }: { id: number }) => services.db.booking.findUniqueOrThrow({ where: { id } });
async function lastSeq(): Promise<number> {
  let after = 0;
  for (;;) {
    const body = await (await get(`/api/ws/events?after=${after}&limit=100`)).json();
    if (body.data.length) after = body.data.at(-1).seq;
    if (!body.meta.has_more) return after;
  }
}
async function eventsSince(after: number) {
  const body = await (await get(`/api/ws/events?after=${after}&limit=100`)).json();
  return body.data as { seq: number; type: string; booking_id: number; data: Record<string, unknown> }[];
}

describe("GET /api/ws/templates", () => {
  it("lists the workshop's templates in order, as data and meta", async () => {
    const res = await get("/api/ws/templates");
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.meta).toEqual({ next_cursor: null, has_more: false });
    expect(body.data.map((t: { name: string }) => t.name)).toEqual([
      "Bilen er klar",
      "Vi har mottatt bilen",
      "Trenger godkjenning",
      "Bekreftelse av time",
    ]);
    expect(body.data[0]).toMatchObject({
      id: expect.any(Number),
      body_nb: expect.stringContaining("{fornavn}"),
      body_en: expect.stringContaining("{fornavn}"),
      booking_status: "ready_for_pickup",
      position: 0,
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
  });

  it("shows a token its own workshop's templates only, and needs a token", async () => {
    const mine = (await (await get("/api/ws/templates")).json()).data.map((t: { id: number }) => t.id);
    const theirs = (await (await get("/api/ws/templates", fjord.token.secret)).json()).data.map((t: { id: number }) => t.id);
    expect(theirs).toHaveLength(4);
    expect(theirs.filter((id: number) => mine.includes(id))).toEqual([]);
    const anonymous = await call("/api/ws/templates");
    expect(anonymous.status).toBe(401);
  });
});

describe("POST /api/ws/messages with template_id", () => {
  it("sends the template filled in from the booking and sets its booking status, with the status line and event PATCH writes", async () => {
    const booking = await bookingOf(
      await createBookingFixture(services.db, nordlys.workshop.id, { customerName: "Kari Nordmann", registration: "EV 12345" }),
    );
    const since = await lastSeq();
    const res = await send({ booking_id: booking.id, template_id: await templateId("Bilen er klar") });
    expect(res.status).toBe(201);
    const sent = await res.json();
    expect(sent.data).toMatchObject({ sender_type: "workshop", visibility: "customer" });
    expect(sent.data.body).toBe(
      `Hei Kari! Volkswagen ID.4 (EV 12345) er ferdig og klar til henting hos Nordlys Bil. Velkommen innom! Referanse: ${booking.reference}.`,
    );

    const thread = await (await get(`/api/ws/messages/thread/${booking.id}`)).json();
    expect(thread.data.booking.status).toBe("ready_for_pickup");
    const [message, line] = thread.data.messages.slice(-2);
    expect(message.id).toBe(sent.data.id);
    expect(line).toMatchObject({ sender_type: "system", visibility: "internal", body: expect.stringContaining("«klar for henting»") });

    const events = await eventsSince(since);
    expect(events.map((event) => event.type)).toEqual(["message.created", "message.created", "booking.status_changed"]);
    expect(events[2]!.data).toEqual({
      booking_id: booking.id,
      status: "ready_for_pickup",
      previous_status: "confirmed",
      message_id: line.id,
      by: { type: "api_token", id: nordlys.token.id, name: nordlys.token.name },
    });
  });

  it("sends the staff's edited text when body is given, still applying the status; English on request", async () => {
    const booking = await bookingOf(await createBookingFixture(services.db, nordlys.workshop.id, { customerName: "Ola Hansen" }));
    const ready = await templateId("Bilen er klar");
    const edited = await send({ bookingId: booking.id, templateId: ready, message: "Bilen er klar, Ola. Nøkkelen ligger i luka." });
    expect(edited.status).toBe(201);
    expect((await edited.json()).data.body).toBe("Bilen er klar, Ola. Nøkkelen ligger i luka.");
    expect((await services.db.booking.findUniqueOrThrow({ where: { id: booking.id } })).status).toBe("READY_FOR_PICKUP");

    // Sent again: the status is already set, so no second line or event.
    const since = await lastSeq();
    const english = await send({ booking_id: booking.id, template_id: await templateId("Bekreftelse av time"), language: "en" });
    expect(english.status).toBe(201);
    expect((await english.json()).data.body).toBe(
      `Hi Ola! We confirm your appointment for EU-kontroll on Tuesday 1 December at 09:00 for your Volkswagen ID.4 (${booking.vehicleRegistration}). Reference: ${booking.reference}. Welcome to Nordlys Bil!`,
    );
    expect((await eventsSince(since)).map((event) => event.type)).toEqual(["message.created"]);
  });

  it("answers 404 for an unknown template and for another workshop's, storing nothing", async () => {
    const booking = await createBookingFixture(services.db, nordlys.workshop.id);
    for (const id of [999_999, await templateId("Bilen er klar", fjord.token.secret)]) {
      const res = await send({ booking_id: booking.id, template_id: id });
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({
        success: false,
        message: `Template ${id} was not found`,
        error: { code: "NOT_FOUND" },
      });
    }
    expect(await services.db.message.count({ where: { bookingId: booking.id } })).toBe(0);
    expect((await services.db.booking.findUniqueOrThrow({ where: { id: booking.id } })).status).toBe("CONFIRMED");
  });

  it("answers 400 when the template fills in to blank text for the booking, and 422 for a template on a customer's message", async () => {
    const booking = await createBookingFixture(services.db, nordlys.workshop.id);
    await services.db.booking.update({ where: { id: booking.id }, data: { vehicleMake: null, vehicleModel: null } });
    const blank = await services.db.messageTemplate.create({
      data: { workshopId: nordlys.workshop.id, name: "Bare bil", bodyNb: "{bil}", bodyEn: "", bookingStatus: "IN_PROGRESS" },
    });
    const res = await send({ booking_id: booking.id, template_id: blank.id });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "BAD_REQUEST" }, message: expect.stringContaining("blank") });
    expect((await services.db.booking.findUniqueOrThrow({ where: { id: booking.id } })).status).toBe("CONFIRMED");

    const relayed = await send({ booking_id: booking.id, template_id: blank.id, body: "Hei", sender_type: "customer" });
    expect(relayed.status).toBe(422);
    expect(await relayed.json()).toMatchObject({ error: { code: "VALIDATION_FAILED", details: [{ field: "template_id" }] } });
    expect(await services.db.message.count({ where: { bookingId: booking.id } })).toBe(0);
  });
});
