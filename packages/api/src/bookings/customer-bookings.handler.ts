import type { z } from "zod";
import type { PrismaClient } from "@minbil/db/client";
import {
  CUSTOMER_BOOKINGS_LIMIT,
  customerBookingsDto,
  type customerBookingsInput,
  type CustomerBookingsDto,
} from "@minbil/contracts/bookings/customer-bookings.schema";
import { bookingNotFound } from "../errors";
import { bookingSelect, toBookingDto } from "../messages/booking.select";

/**
 * The customer's other bookings at this workshop (beside a thread: "was the car here before?"),
 * newest first, through the (customer_id, scheduled_at) index.
 */
export async function listCustomerBookings(
  deps: { db: PrismaClient; workshopId: string },
  input: z.output<typeof customerBookingsInput>,
): Promise<CustomerBookingsDto> {
  const booking = await deps.db.booking.findFirst({
    where: { id: input.booking_id, workshopId: deps.workshopId },
    select: { customerId: true },
  });
  if (!booking) throw bookingNotFound(input.booking_id);
  const rows = await deps.db.booking.findMany({
    where: { customerId: booking.customerId, workshopId: deps.workshopId, id: { not: input.booking_id } },
    orderBy: [{ scheduledAt: "desc" }, { id: "desc" }],
    take: CUSTOMER_BOOKINGS_LIMIT + 1,
    select: bookingSelect,
  });
  return customerBookingsDto.parse({
    data: rows.slice(0, CUSTOMER_BOOKINGS_LIMIT).map(toBookingDto),
    has_more: rows.length > CUSTOMER_BOOKINGS_LIMIT,
  });
}
