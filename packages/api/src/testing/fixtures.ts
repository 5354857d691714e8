import { randomBytes } from "node:crypto";
import type { PrismaClient } from "@minbil/db/client";
import { createApiToken } from "../auth/api-token";
import { createBooking } from "../bookings/create-booking";
import type { AuthContext } from "../auth/auth-context";

/** A workshop with an API token and a booking, as most tests need. */
export async function createWorkshopFixture(db: PrismaClient, name = "Testverksted") {
  const slug = `${name.toLowerCase().replace(/[^a-z]+/g, "-")}-${randomBytes(3).toString("hex")}`;
  const workshop = await db.workshop.create({ data: { slug, name } });
  const token = await createApiToken(db, workshop.id, "Test integration");
  const booking = await createBookingFixture(db, workshop.id);
  const auth: AuthContext = { workshopId: workshop.id, actor: { kind: "api_token", tokenId: token.id, name: token.name } };
  return { workshop, token, booking, auth };
}

let counter = 0;
export async function createBookingFixture(
  db: PrismaClient,
  workshopId: string,
  overrides: { customerName?: string; registration?: string } = {},
) {
  counter += 1;
  return createBooking(db, {
    workshopId,
    customer: { name: overrides.customerName ?? `Kunde ${counter}`, email: `kunde${counter}@example.no`, phone: "+47 900 00 000" },
    reference: `T-${counter}-${randomBytes(2).toString("hex")}`,
    service: "EU-kontroll",
    scheduledAt: new Date("2026-12-01T08:00:00Z"),
    vehicle: { registrationNumber: overrides.registration ?? `EV ${10000 + counter}`, make: "Volkswagen", model: "ID.4" },
  });
}
