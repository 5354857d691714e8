import { z } from "zod";
import { bookingIdSchema } from "../messages/ids.schema";

export const customerLinkInput = z.object({ booking_id: bookingIdSchema });

export const customerLinkDto = z
  .object({
    url: z
      .url()
      .meta({ description: "The customer's page for this booking: give it to the customer", example: "https://inbox.example.no/c/8Jx…" }),
    expires_at: z.iso
      .datetime()
      .nullable()
      .meta({ description: "30 days after the booking is completed or cancelled; null while it is neither" }),
  })
  .meta({ id: "CustomerLink" });
export type CustomerLinkDto = z.infer<typeof customerLinkDto>;
