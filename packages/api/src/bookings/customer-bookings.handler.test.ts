import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { staffCaller } from "../testing/callers";
import { createTestServices, type TestServices } from "../testing/test-services";
import { createWorkshopFixture } from "../testing/fixtures";
import { createBooking } from "./create-booking";

let services: TestServices;
let nordlys: Awaited<ReturnType<typeof createWorkshopFixture>>;
let fjord: Awaited<ReturnType<typeof createWorkshopFixture>>;

beforeAll(async () => {
  services = await createTestServices();
  nordlys = await createWorkshopFixture(services.db, "Nordlys");
  fjord = await createWorkshopFixture(services.db, "Fjord");
});
afterAll(() => services?.close());

const booking = (workshopId: string, customerId: number, reference: string, scheduledAt: string) =>
  createBooking(services.db, {
    workshopId,
    customer: { id: customerId },
    reference,
    service: "Service",
    scheduledAt: new Date(scheduledAt),
    vehicle: { registrationNumber: "EV 12345" },
  });

describe("bookings.ofCustomer", () => {
  it("lists the customer's other bookings at the workshop, newest first, without the thread's own", async () => {
    const customerId = nordlys.booking.customerId;
    await booking(nordlys.workshop.id, customerId, "OLD-1", "2025-03-01T08:00:00Z");
    await booking(nordlys.workshop.id, customerId, "OLD-2", "2026-05-01T08:00:00Z");
    const staff = await services.db.user.create({
      data: { workshopId: nordlys.workshop.id, email: "kari@nordlys.no", name: "Kari", role: "STAFF", passwordHash: "x" },
    });
    const result = await (await staffCaller(services, staff.id)).bookings.ofCustomer({ booking_id: nordlys.booking.id });
    expect(result.data.map((b) => b.reference)).toEqual(["OLD-2", "OLD-1"]);
    expect(result.has_more).toBe(false);
  });

  it("never shows another workshop's bookings, and answers 404 for its thread", async () => {
    const staff = await services.db.user.create({
      data: { workshopId: fjord.workshop.id, email: "ola@fjord.no", name: "Ola", role: "STAFF", passwordHash: "x" },
    });
    const caller = await staffCaller(services, staff.id);
    expect((await caller.bookings.ofCustomer({ booking_id: fjord.booking.id })).data).toEqual([]);
    await expect(caller.bookings.ofCustomer({ booking_id: nordlys.booking.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
