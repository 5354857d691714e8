import { z } from "zod";
import { bookingDto } from "../dto";
import { bookingIdSchema } from "../messages/ids.schema";

/** The other bookings of a booking's customer at the same workshop, newest first (at most 20). */
export const customerBookingsInput = z.object({ booking_id: bookingIdSchema });

export const CUSTOMER_BOOKINGS_LIMIT = 20;

export const customerBookingsDto = z.object({
  data: z.array(bookingDto),
  /** Whether the customer has more bookings than listed. */
  has_more: z.boolean(),
});
export type CustomerBookingsDto = z.infer<typeof customerBookingsDto>;
