import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { staffCaller, tokenCaller } from "../testing/callers";
import { createTestServices, type TestServices } from "../testing/test-services";
import { createBookingFixture, createWorkshopFixture } from "../testing/fixtures";

// What a message does to its thread, through the send procedure: state, notes, mentions, read positions.

let services: TestServices;
let nordlys: Awaited<ReturnType<typeof createWorkshopFixture>>;
let kari: { id: string };
let per: { id: string };
let perOther: { id: string };

beforeAll(async () => {
  services = await createTestServices();
  nordlys = await createWorkshopFixture(services.db, "Nordlys");
  const fjord = await createWorkshopFixture(services.db, "Fjord");
  const user = (workshopId: string, name: string, email: string) =>
    services.db.user.create({ data: { workshopId, email, name, role: "STAFF", passwordHash: "x" }, select: { id: true } });
  kari = await user(nordlys.workshop.id, "Kari Nordmann", "kari@nordlys.no");
  per = await user(nordlys.workshop.id, "Per Hansen", "per@nordlys.no");
  perOther = await user(fjord.workshop.id, "Per Fjord", "per@fjord.no");
});
afterAll(() => services?.close());

const stateOf = async (bookingId: number) => (await services.db.thread.findUniqueOrThrow({ where: { bookingId } })).state;

describe("a message in its thread", () => {
  it("reopens a waiting, done or snoozed thread when the customer writes, with the reason", async () => {
    const platform = tokenCaller(services, nordlys.token.secret);
    for (const state of ["waiting", "done", "snoozed"] as const) {
      const booking = await createBookingFixture(services.db, nordlys.workshop.id);
      await platform.messages.updateThread({
        booking_id: booking.id,
        state,
        ...(state === "snoozed" ? { snoozed_until: new Date(Date.now() + 3_600_000).toISOString() } : {}),
      });
      await platform.messages.send({ booking_id: booking.id, body: "Hei igjen", sender_type: "customer" });
      expect(await stateOf(booking.id)).toBe("OPEN");
      const reopened = await services.db.event.findFirstOrThrow({
        where: { bookingId: booking.id, type: "thread.state_changed" },
        orderBy: { seq: "desc" },
      });
      expect(reopened.payload).toMatchObject({ state: "open", previous_state: state, reason: "customer_message", snoozed_until: null });
    }
  });

  it("leaves the state alone for the workshop's own replies and notes, and sets it when asked (send and mark done)", async () => {
    const booking = await createBookingFixture(services.db, nordlys.workshop.id);
    const caller = await staffCaller(services, kari.id);
    await caller.messages.updateThread({ booking_id: booking.id, state: "waiting" });
    await caller.messages.send({ booking_id: booking.id, body: "Vi ser på det" });
    expect(await stateOf(booking.id)).toBe("WAITING");
    const sent = await caller.messages.send({ booking_id: booking.id, body: "Bilen er klar", state: "done" });
    expect(await stateOf(booking.id)).toBe("DONE");
    expect(sent.message.visibility).toBe("customer");
  });

  it("stores a note as internal, names the staff it @-mentions (of this workshop only), and leaves the unread alone", async () => {
    const booking = await createBookingFixture(services.db, nordlys.workshop.id);
    const platform = tokenCaller(services, nordlys.token.secret);
    await platform.messages.send({ booking_id: booking.id, body: "Hvor er bilen?", sender_type: "customer" });
    const caller = await staffCaller(services, per.id);
    const { message } = await caller.messages.send({
      booking_id: booking.id,
      body: "@kari kan du ringe? Og @Per, @ukjent",
      visibility: "internal",
    });
    expect(message).toMatchObject({ visibility: "internal", sender_type: "workshop" });
    expect(message.mentioned_user_ids.sort()).toEqual([kari.id, per.id].sort());
    expect(message.mentioned_user_ids).not.toContain(perOther.id);
    // A note is no answer to the customer: the workshop still has it unread.
    const [listed] = (await platform.messages.list({})).data.filter((thread) => thread.booking_id === booking.id);
    expect(listed?.unread_count).toBe(1);
  });

  it("refuses a customer's message marked internal", async () => {
    const platform = tokenCaller(services, nordlys.token.secret);
    await expect(
      platform.messages.send({ booking_id: nordlys.booking.id, body: "x", sender_type: "customer", visibility: "internal" }),
    ).rejects.toMatchObject({ code: "UNPROCESSABLE_CONTENT", message: expect.stringContaining("internal") });
  });
});

describe("read state per staff member", () => {
  it("Per's reading leaves Kari's unread; an API token sees the workshop's", async () => {
    const booking = await createBookingFixture(services.db, nordlys.workshop.id);
    const platform = tokenCaller(services, nordlys.token.secret);
    await platform.messages.send({ booking_id: booking.id, body: "Når er den klar?", sender_type: "customer" });
    const kariCaller = await staffCaller(services, kari.id);
    const perCaller = await staffCaller(services, per.id);
    const unreadFor = async (caller: typeof platform) =>
      (await caller.messages.list({})).data.find((thread) => thread.booking_id === booking.id)?.unread_count;

    expect(await unreadFor(kariCaller)).toBe(1);
    expect(await unreadFor(perCaller)).toBe(1);
    const kariBefore = (await kariCaller.messages.unreadSummary()).total_unread;

    expect(await perCaller.messages.markRead({ booking_id: booking.id, read: true })).toMatchObject({
      unread_count: 0,
      by_user_id: per.id,
    });
    expect(await unreadFor(perCaller)).toBe(0);
    expect(await unreadFor(kariCaller)).toBe(1);
    expect((await kariCaller.messages.thread({ booking_id: booking.id })).data.unread_count).toBe(1);
    expect((await kariCaller.messages.unreadSummary()).total_unread).toBe(kariBefore);
    // Someone at the workshop has read it: the REST contract's unread is the workshop's.
    expect(await unreadFor(platform)).toBe(0);

    // Kari's unread-only filter still finds it; Per's does not.
    expect((await kariCaller.messages.list({ unread: true })).data.map((thread) => thread.booking_id)).toContain(booking.id);
    expect((await perCaller.messages.list({ unread: true })).data.map((thread) => thread.booking_id)).not.toContain(booking.id);
  });

  it("a new staff member starts with what the team has read as read", async () => {
    const booking = await createBookingFixture(services.db, nordlys.workshop.id);
    const platform = tokenCaller(services, nordlys.token.secret);
    await platform.messages.send({ booking_id: booking.id, body: "Lest av teamet", sender_type: "customer" });
    await platform.messages.markRead({ booking_id: booking.id, read: true });
    const unreadBooking = await createBookingFixture(services.db, nordlys.workshop.id);
    await platform.messages.send({ booking_id: unreadBooking.id, body: "Ikke lest", sender_type: "customer" });

    const owner = await services.db.user.create({
      data: { workshopId: nordlys.workshop.id, email: "eier@nordlys.no", name: "Eier", role: "OWNER", passwordHash: "x" },
    });
    const created = await (
      await staffCaller(services, owner.id)
    ).admin.createStaff({
      name: "Nyansatt",
      email: "ny@nordlys.no",
      password: "et-langt-passord",
      role: "staff",
    });
    const threads = (await (await staffCaller(services, created.id)).messages.list({ limit: 100 })).data;
    expect(threads.find((thread) => thread.booking_id === booking.id)?.unread_count).toBe(0);
    expect(threads.find((thread) => thread.booking_id === unreadBooking.id)?.unread_count).toBe(1);
  });
});
