import type { Prisma } from "@minbil/db/client";
import type { BookingDto, CustomerDto } from "@minbil/contracts/dto";
import { bookingStatusSchema } from "@minbil/contracts/dto";

/** The booking columns the API shows, with its customer. */
export const bookingSelect = {
  id: true,
  reference: true,
  status: true,
  service: true,
  scheduledAt: true,
  vehicleRegistration: true,
  vehicleMake: true,
  vehicleModel: true,
  customer: { select: { id: true, name: true, email: true, phone: true } },
} satisfies Prisma.BookingSelect;

export type BookingRow = Prisma.BookingGetPayload<{ select: typeof bookingSelect }>;

export function toBookingDto(row: BookingRow): BookingDto {
  return {
    id: row.id,
    reference: row.reference,
    status: bookingStatusSchema.parse(row.status.toLowerCase()),
    scheduled_at: row.scheduledAt.toISOString(),
    service: row.service,
    vehicle: { registration_number: row.vehicleRegistration, make: row.vehicleMake, model: row.vehicleModel },
  };
}

export function toCustomerDto(row: BookingRow): CustomerDto {
  return { id: row.customer.id, name: row.customer.name, email: row.customer.email, phone: row.customer.phone };
}
