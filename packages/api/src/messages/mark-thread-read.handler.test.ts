import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestServices, type TestServices } from "../testing/test-services";
import { createBookingFixture, createWorkshopFixture } from "../testing/fixtures";
import { markThreadRead } from "./mark-thread-read.handler";
import { sendMessage } from "./send-message.handler";

let services: TestServices;
let workshop: Awaited<ReturnType<typeof createWorkshopFixture>>;

beforeAll(async () => {
  services = await createTestServices();
  workshop = await createWorkshopFixture(services.db, "Lest Bil");
});
afterAll(() => services?.close());

const mark = (booking_id: number, read: boolean, workshopId = workshop.workshop.id) =>
  markThreadRead({ ...services, workshopId }, { booking_id, read });
const unreadTotal = async () => (await services.db.workshop.findUniqueOrThrow({ where: { id: workshop.workshop.id } })).unreadTotal;

describe("markThreadRead", () => {
  it("marks read, then unread again from the newest customer message, keeping the workshop total in step", async () => {
    const booking = await createBookingFixture(services.db, workshop.workshop.id);
    const ctx = { ...services, workshopId: workshop.workshop.id, actor: workshop.auth.actor };
    await sendMessage(ctx, { booking_id: booking.id, body: "1", sender_type: "customer", attachments: [] });
    await sendMessage(ctx, { booking_id: booking.id, body: "2", sender_type: "customer", attachments: [] });
    await sendMessage(ctx, { booking_id: booking.id, body: "auto", sender_type: "system", attachments: [] });
    const start = await unreadTotal();

    expect(await mark(booking.id, true)).toEqual({ booking_id: booking.id, unread_count: 0, last_read_seq: 3, by_user_id: null });
    expect(await unreadTotal()).toBe(start - 2);

    expect(await mark(booking.id, false)).toEqual({ booking_id: booking.id, unread_count: 1, last_read_seq: 1, by_user_id: null });
    expect(await unreadTotal()).toBe(start - 1);
  });

  it("writes a thread.read event only when something changed", async () => {
    const booking = await createBookingFixture(services.db, workshop.workshop.id);
    await sendMessage(
      { ...services, workshopId: workshop.workshop.id, actor: workshop.auth.actor },
      { booking_id: booking.id, body: "Hei", sender_type: "customer", attachments: [] },
    );
    const count = () => services.db.event.count({ where: { workshopId: workshop.workshop.id, type: "thread.read" } });
    const before = await count();
    await mark(booking.id, true);
    await mark(booking.id, true);
    expect(await count()).toBe(before + 1);
    // Marking it unread again is an event of its own type.
    await mark(booking.id, false);
    expect(
      await services.db.event.count({ where: { workshopId: workshop.workshop.id, type: "thread.unread", bookingId: booking.id } }),
    ).toBe(1);
  });

  it("answers NOT_FOUND for another workshop's thread and changes nothing", async () => {
    const other = await createWorkshopFixture(services.db, "Annen");
    await expect(mark(workshop.booking.id, true, other.workshop.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
