import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { staffCaller, tokenCaller } from "../testing/callers";
import { createTestServices, type TestServices } from "../testing/test-services";
import { createBookingFixture, createWorkshopFixture } from "../testing/fixtures";

let services: TestServices;
let nordlys: Awaited<ReturnType<typeof createWorkshopFixture>>;
let fjord: Awaited<ReturnType<typeof createWorkshopFixture>>;
let kari: { id: string; name: string };
let per: { id: string; name: string };
let fjordStaff: { id: string };

beforeAll(async () => {
  services = await createTestServices();
  nordlys = await createWorkshopFixture(services.db, "Nordlys");
  fjord = await createWorkshopFixture(services.db, "Fjord");
  const user = (workshopId: string, name: string) =>
    services.db.user.create({
      data: { workshopId, email: `${name.toLowerCase().replace(/\s/g, ".")}@example.no`, name, role: "STAFF", passwordHash: "x" },
      select: { id: true, name: true },
    });
  kari = await user(nordlys.workshop.id, "Kari Nordmann");
  per = await user(nordlys.workshop.id, "Per Hansen");
  fjordStaff = await user(fjord.workshop.id, "Fjord Ansatt");
});
afterAll(() => services?.close());

const eventsOf = (bookingId: number, type: string) =>
  services.db.event.findMany({ where: { bookingId, type }, orderBy: { seq: "asc" }, select: { payload: true } });

describe("messages.updateThread", () => {
  it("moves a thread between states, writing thread.state_changed once per change, naming who changed it", async () => {
    const booking = await createBookingFixture(services.db, nordlys.workshop.id);
    const caller = await staffCaller(services, kari.id);
    expect(await caller.messages.updateThread({ booking_id: booking.id, state: "done" })).toMatchObject({
      booking_id: booking.id,
      state: "done",
      snoozed_until: null,
    });
    // The same state again is no change, and no event.
    await caller.messages.updateThread({ booking_id: booking.id, state: "done" });
    await caller.messages.updateThread({ booking_id: booking.id, state: "waiting" });
    const events = await eventsOf(booking.id, "thread.state_changed");
    expect(events.map((event) => event.payload)).toEqual([
      expect.objectContaining({
        state: "done",
        previous_state: "open",
        reason: "change",
        by: { type: "staff", id: kari.id, name: kari.name },
      }),
      expect.objectContaining({ state: "waiting", previous_state: "done" }),
    ]);
  });

  it("snoozes until a time in the future, and refuses a snooze without one or in the past", async () => {
    const booking = await createBookingFixture(services.db, nordlys.workshop.id);
    const caller = tokenCaller(services, nordlys.token.secret);
    const until = new Date(Date.now() + 3_600_000).toISOString();
    expect(await caller.messages.updateThread({ booking_id: booking.id, state: "snoozed", snoozed_until: until })).toMatchObject({
      state: "snoozed",
      snoozed_until: until,
    });
    await expect(caller.messages.updateThread({ booking_id: booking.id, state: "snoozed" })).rejects.toMatchObject({
      code: "UNPROCESSABLE_CONTENT",
      message: expect.stringContaining("snoozed_until"),
    });
    await expect(
      caller.messages.updateThread({ booking_id: booking.id, snoozed_until: new Date(Date.now() - 60_000).toISOString() }),
    ).rejects.toMatchObject({ message: expect.stringContaining("in the future") });
    await expect(caller.messages.updateThread({ booking_id: booking.id })).rejects.toMatchObject({ code: "UNPROCESSABLE_CONTENT" });
  });

  it("assigns to a staff member of the workshop or to nobody, and refuses anyone else", async () => {
    const booking = await createBookingFixture(services.db, nordlys.workshop.id);
    const caller = await staffCaller(services, kari.id);
    expect(await caller.messages.updateThread({ booking_id: booking.id, assignee_id: per.id })).toMatchObject({
      assignee: { id: per.id, name: per.name },
    });
    // Another workshop's staff member is refused as if unknown, and nothing changes.
    await expect(caller.messages.updateThread({ booking_id: booking.id, assignee_id: fjordStaff.id })).rejects.toMatchObject({
      code: "UNPROCESSABLE_CONTENT",
      message: expect.stringContaining("assignee_id"),
    });
    expect(await caller.messages.updateThread({ booking_id: booking.id, assignee_id: null })).toMatchObject({ assignee: null });
    const events = await eventsOf(booking.id, "thread.assigned");
    expect(events.map((event) => event.payload)).toEqual([
      expect.objectContaining({ assignee: { id: per.id, name: per.name }, previous_assignee_id: null }),
      expect.objectContaining({ assignee: null, previous_assignee_id: per.id }),
    ]);
  });

  it("changes the booking's status and writes it as an internal system line in the thread", async () => {
    const booking = await createBookingFixture(services.db, nordlys.workshop.id);
    const caller = await staffCaller(services, per.id);
    await caller.messages.updateThread({ booking_id: booking.id, booking_status: "ready_for_pickup" });
    const thread = await caller.messages.thread({ booking_id: booking.id });
    expect(thread.data.booking.status).toBe("ready_for_pickup");
    expect(thread.data.messages.at(-1)).toMatchObject({
      sender_type: "system",
      visibility: "internal",
      body: "Per Hansen endret status til «klar for henting».",
    });
    const [event] = await eventsOf(booking.id, "booking.status_changed");
    expect(event?.payload).toMatchObject({ status: "ready_for_pickup", previous_status: "confirmed", by: { type: "staff", id: per.id } });
  });

  it("does not reach another workshop's thread", async () => {
    const caller = await staffCaller(services, fjordStaff.id);
    await expect(caller.messages.updateThread({ booking_id: nordlys.booking.id, state: "done" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect((await services.db.thread.findUniqueOrThrow({ where: { bookingId: nordlys.booking.id } })).state).toBe("OPEN");
  });

  it("counts threads per state, for everyone or one assignee", async () => {
    const caller = await staffCaller(services, fjordStaff.id);
    const before = await caller.messages.stateCounts();
    const booking = await createBookingFixture(services.db, fjord.workshop.id);
    await caller.messages.updateThread({ booking_id: booking.id, state: "waiting", assignee_id: fjordStaff.id });
    expect(await caller.messages.stateCounts()).toEqual({ ...before, waiting: before.waiting + 1 });
    expect(await caller.messages.stateCounts({ assignee: fjordStaff.id })).toEqual({ open: 0, waiting: 1, done: 0, snoozed: 0 });
  });
});
