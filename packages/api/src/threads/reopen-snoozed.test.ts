import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestServices, type TestServices } from "../testing/test-services";
import { createBookingFixture, createWorkshopFixture } from "../testing/fixtures";
import { reopenExpiredSnoozes } from "./reopen-snoozed";

let services: TestServices;
let workshop: Awaited<ReturnType<typeof createWorkshopFixture>>;

beforeAll(async () => {
  services = await createTestServices();
  workshop = await createWorkshopFixture(services.db, "Slumre Bil");
});
afterAll(() => services?.close());

describe("reopenExpiredSnoozes", () => {
  it("opens threads whose snooze has ended, with an event by the system, and leaves later ones snoozed", async () => {
    const due = await createBookingFixture(services.db, workshop.workshop.id);
    const later = await createBookingFixture(services.db, workshop.workshop.id);
    const now = Date.now();
    await services.db.thread.update({ where: { bookingId: due.id }, data: { state: "SNOOZED", snoozedUntil: new Date(now - 1_000) } });
    await services.db.thread.update({ where: { bookingId: later.id }, data: { state: "SNOOZED", snoozedUntil: new Date(now + 60_000) } });

    expect(await reopenExpiredSnoozes(services, new Date(now))).toBeGreaterThanOrEqual(1);
    expect(await services.db.thread.findUniqueOrThrow({ where: { bookingId: due.id } })).toMatchObject({
      state: "OPEN",
      snoozedUntil: null,
    });
    expect(await services.db.thread.findUniqueOrThrow({ where: { bookingId: later.id } })).toMatchObject({ state: "SNOOZED" });
    const event = await services.db.event.findFirstOrThrow({ where: { bookingId: due.id, type: "thread.state_changed" } });
    expect(event.payload).toMatchObject({ state: "open", previous_state: "snoozed", reason: "snooze_expired", by: { type: "system" } });

    // Nothing is due any more: a second look changes nothing.
    expect(await reopenExpiredSnoozes(services, new Date(now))).toBe(0);
  });
});
