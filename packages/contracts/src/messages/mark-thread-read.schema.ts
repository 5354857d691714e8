import { z } from "zod";
import { bookingIdSchema } from "./ids.schema";

/** Marks a thread read (everything up to now), or unread again (its newest customer message). */
export const markThreadReadInput = z.object({
  booking_id: bookingIdSchema,
  read: z.boolean().default(true),
});
export type MarkThreadReadInput = z.input<typeof markThreadReadInput>;
