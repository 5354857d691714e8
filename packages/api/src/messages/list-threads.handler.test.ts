import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listThreadsInput } from "@minbil/contracts/messages/list-threads.schema";
import { createTestServices, type TestServices } from "../testing/test-services";
import { createBookingFixture, createWorkshopFixture } from "../testing/fixtures";
import { listThreads } from "./list-threads.handler";
import { sendMessage } from "./send-message.handler";

let services: TestServices;
let workshop: Awaited<ReturnType<typeof createWorkshopFixture>>;
const bookings: number[] = [];

const list = (input: Record<string, unknown> = {}) =>
  listThreads({ db: services.db, workshopId: workshop.workshop.id }, listThreadsInput.parse(input));

beforeAll(async () => {
  services = await createTestServices();
  workshop = await createWorkshopFixture(services.db, "Liste Bil");
  bookings.push(workshop.booking.id);
  for (let i = 0; i < 6; i += 1)
    bookings.push(
      (await createBookingFixture(services.db, workshop.workshop.id, { customerName: `Kunde Nummer${i}`, registration: `AB ${20000 + i}` }))
        .id,
    );
  // The same instant for several threads: pagination must still neither skip nor repeat one.
  const sameInstant = new Date("2026-11-20T10:00:00.000Z");
  for (const [index, bookingId] of bookings.entries()) {
    await sendMessage(
      {
        ...services,
        workshopId: workshop.workshop.id,
        actor: workshop.auth.actor,
        now: () => (index < 4 ? sameInstant : new Date(sameInstant.getTime() + index * 1000)),
      },
      { booking_id: bookingId, body: `Hei ${index}`, sender_type: index % 2 ? "customer" : "workshop", attachments: [] },
    );
  }
  const other = await createWorkshopFixture(services.db, "Annen Bil");
  await sendMessage(
    { ...services, workshopId: other.workshop.id, actor: other.auth.actor },
    { booking_id: other.booking.id, body: "Ikke din", sender_type: "customer", attachments: [] },
  );
});
afterAll(() => services?.close());

describe("listThreads", () => {
  it("orders by latest activity and pages through every thread exactly once", async () => {
    const seen: number[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await list({ limit: 2, cursor });
      seen.push(...page.data.map((thread) => thread.booking_id));
      cursor = page.meta.next_cursor ?? undefined;
      expect(page.meta.has_more).toBe(cursor !== undefined);
      pages += 1;
    } while (cursor);
    expect(pages).toBe(4);
    expect(seen).toHaveLength(bookings.length);
    expect(new Set(seen)).toEqual(new Set(bookings));
    const all = await list({ limit: 100 });
    const times = all.data.map((thread) => thread.updated_at);
    expect([...times].sort().reverse()).toEqual(times);
    expect(all.data[0]!.booking_id).toBe(bookings.at(-1));
  });

  it("clamps the page size to 100", async () => {
    const page = await list({ limit: 5000 });
    expect(page.data.length).toBeLessThanOrEqual(100);
  });

  it("filters unread threads", async () => {
    const page = await list({ unread: "true" });
    expect(page.data.length).toBeGreaterThan(0);
    expect(page.data.every((thread) => thread.unread_count > 0 && thread.last_message?.sender_type === "customer")).toBe(true);
  });

  it("filters by booking status", async () => {
    await services.db.booking.update({ where: { id: bookings[2]! }, data: { status: "READY_FOR_PICKUP" } });
    const page = await list({ status: "ready_for_pickup" });
    expect(page.data.map((thread) => thread.booking_id)).toEqual([bookings[2]]);
  });

  it("searches customer name, registration number with or without space, and reference", async () => {
    expect((await list({ q: "nummer3" })).data.map((t) => t.customer.name)).toEqual(["Kunde Nummer3"]);
    expect((await list({ q: "AB20004" })).data.map((t) => t.booking.vehicle.registration_number)).toEqual(["AB 20004"]);
    expect((await list({ q: "ab 20004" })).data).toHaveLength(1);
    const reference = (await list({ limit: 1 })).data[0]!.booking.reference;
    expect((await list({ q: reference.toLowerCase() })).data).toHaveLength(1);
    expect((await list({ q: "ikke-finnes" })).data).toHaveLength(0);
  });

  it("never shows another workshop's threads", async () => {
    const page = await list({ limit: 100 });
    expect(page.data.every((thread) => bookings.includes(thread.booking_id))).toBe(true);
  });
});
