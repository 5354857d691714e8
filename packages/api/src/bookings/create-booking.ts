import type { BookingStatus, PrismaClient } from "@minbil/db/client";
import { threadSearchText } from "../messages/search-text";

export interface NewBooking {
  workshopId: string;
  customer: { name: string; email?: string | null; phone?: string | null } | { id: number };
  reference: string;
  service: string;
  scheduledAt: Date;
  status?: BookingStatus;
  vehicle: { registrationNumber: string; make?: string | null; model?: string | null };
}

const CUSTOMER_SEARCH_FIELDS = { id: true, name: true, phone: true, email: true } as const;

/** Creates a booking with its (empty) message thread, and the customer unless an existing one is named. */
export async function createBooking(db: PrismaClient, booking: NewBooking): Promise<{ id: number; customerId: number }> {
  return db.$transaction(async (tx) => {
    const customer =
      "id" in booking.customer
        ? await tx.customer.findFirstOrThrow({
            where: { id: booking.customer.id, workshopId: booking.workshopId },
            select: CUSTOMER_SEARCH_FIELDS,
          })
        : await tx.customer.create({ data: { workshopId: booking.workshopId, ...booking.customer }, select: CUSTOMER_SEARCH_FIELDS });
    const created = await tx.booking.create({
      data: {
        workshopId: booking.workshopId,
        customerId: customer.id,
        reference: booking.reference,
        service: booking.service,
        scheduledAt: booking.scheduledAt,
        status: booking.status ?? "CONFIRMED",
        closedAt: booking.status === "COMPLETED" || booking.status === "CANCELLED" ? new Date() : null,
        vehicleRegistration: booking.vehicle.registrationNumber,
        vehicleMake: booking.vehicle.make ?? null,
        vehicleModel: booking.vehicle.model ?? null,
      },
      select: { id: true, createdAt: true },
    });
    await tx.thread.create({
      data: {
        bookingId: created.id,
        workshopId: booking.workshopId,
        lastActivityAt: created.createdAt,
        searchText: threadSearchText({
          customerName: customer.name,
          reference: booking.reference,
          registration: booking.vehicle.registrationNumber,
          phone: customer.phone,
          email: customer.email,
          make: booking.vehicle.make,
          model: booking.vehicle.model,
        }),
      },
    });
    return { id: created.id, customerId: customer.id };
  });
}
